// What a capability handler is handed: the rooms of one started account. The glue builds the
// account, the mirror and the operations context and lends them here; a room that could not be
// opened is null and its capabilities answer INTERNAL naming the room (the others keep working).
// Thread-safety: borrowed by one capability call at a time (the ABI serialises invoke per instance).
#pragma once

namespace ocean::tiktok {
class AccountService;
class ShopAccount;
namespace mirror {
class Mirror;
}
namespace ops {
struct OpsContext;
}
namespace finance {
class FinanceRoom;
}
namespace audit {
class AuditTrail;
}
}  // namespace ocean::tiktok

namespace ocean::tiktok::capability {

struct Rooms {
  ShopAccount* account = nullptr;           // the configured, started account
  mirror::Mirror* mirror = nullptr;         // orders, products, stock, sync, webhooks
  ops::OpsContext* ops = nullptr;           // logistics, fulfillment, promotions, returns, LIVE, affiliate, analytics
  finance::FinanceRoom* finance = nullptr;  // statements, payments, withdrawals, transactions, reconcile
  audit::AuditTrail* audit = nullptr;       // the integration log, metrics and health (null: calls go unlogged)

  // Each throws Failure(internal) naming the room when it is not open.
  AccountService& accounts() const;
  mirror::Mirror& the_mirror() const;
  ops::OpsContext& the_ops() const;
  finance::FinanceRoom& the_finance() const;
  audit::AuditTrail& the_audit() const;
};

}  // namespace ocean::tiktok::capability
