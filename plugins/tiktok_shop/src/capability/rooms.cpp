#include "capability/rooms.hpp"

#include "account/shop_account.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::capability {

AccountService& Rooms::accounts() const {
  if (account == nullptr || account->accounts() == nullptr) {
    throw Failure(Status::invalid_state, "the account is not started");
  }
  return *account->accounts();
}

mirror::Mirror& Rooms::the_mirror() const {
  if (mirror == nullptr)
    throw Failure(Status::internal, "the orders/products/stock mirror could not be opened; see the log");
  return *mirror;
}

ops::OpsContext& Rooms::the_ops() const {
  if (ops == nullptr) {
    throw Failure(
        Status::internal,
        "operations (logistics, promotions, returns, LIVE, affiliate, analytics) are unavailable; see the log");
  }
  return *ops;
}

finance::FinanceRoom& Rooms::the_finance() const {
  if (finance == nullptr)
    throw Failure(Status::internal, "finance (statements, reconciliation) is unavailable; see the log");
  return *finance;
}

audit::AuditTrail& Rooms::the_audit() const {
  if (audit == nullptr) throw Failure(Status::internal, "the integration log could not be opened; see the log");
  return *audit;
}

}  // namespace ocean::tiktok::capability
