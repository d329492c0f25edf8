# Operations (issue 6): logistics and fulfillment, promotions, returns and cancellations, the LIVE
# planner, affiliate and analytics, behind OperationsService (src/ops/operations_service.hpp),
# which the glue routes to. Compiled into tiktok_core.
target_sources(tiktok_core PRIVATE
  # Shared with the commerce mirror (sync.cmake lists it too; CMake keeps one copy).
  ${CMAKE_CURRENT_LIST_DIR}/src/neutral/time_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/store/ops_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/store/ops_live_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/args.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/shipment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/logistics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/fulfillment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/promotions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/returns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/live_planner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/affiliate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/analytics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/ops/operations_service.cpp
)
