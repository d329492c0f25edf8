# Commerce mirror (issue 5): store tables, neutral views, incremental sync, webhook intake and
# apply, stock outbox, and the CommerceService the glue routes to. Compiled into tiktok_core.
target_sources(tiktok_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/src/neutral/time_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/neutral/status_map.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/neutral/parse_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/neutral/to_neutral.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/neutral/events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/store/commerce_sqlite.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/sync/order_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/catalog/product_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/sync/sync_engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/webhooks/webhook_intake.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/webhooks/webhook_apply.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/stock/stock_push.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/sync/commerce_service.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/sync/commerce_factory.cpp
)
