// OperationsService: logistics and fulfillment, promotions, returns and cancellations, the LIVE
// planner, affiliate and analytics, as (capability, request JSON) -> (status, response JSON).
// It sits below the ABI glue and knows nothing of the ABI: the glue builds one per started
// account and forwards the capabilities handles() claims. Feature gating (FEATURE_DISABLED)
// has already happened in the SDK before a call gets here.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "core/shop_account.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::ops {

class OperationsService {
 public:
  // `account` must be started; throws Failure when it is not or the stores cannot be opened.
  OperationsService(ShopAccount& account, Host& host, std::string account_id);
  ~OperationsService();
  OperationsService(const OperationsService&) = delete;
  OperationsService& operator=(const OperationsService&) = delete;

  // True for every capability this service implements.
  static bool handles(std::string_view capability);

  Outcome invoke(std::string_view capability, std::string_view request_json, std::string& response);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// For the glue: builds the service for a started account, or returns null (with the reason
// logged) when it cannot, so the account's own capabilities keep working.
std::unique_ptr<OperationsService> make_operations_service(ShopAccount& account, Host& host, std::string account_id);

}  // namespace ocean::tiktok::ops
