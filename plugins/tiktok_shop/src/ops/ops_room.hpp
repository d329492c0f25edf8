// The operations room of one started account: the ops store (in the account's database), the
// host-wide LIVE calendar, the transport for shipping documents, and the OpsContext that every
// ops handler (ops/handlers.hpp) is given. The glue builds one after the account starts.
// Thread-safety: used by one capability call at a time (the ABI serialises invoke per instance).
#pragma once
#include <memory>
#include <string>

#include "account/shop_account.hpp"
#include "ops/context.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::store {
class OpsStore;
class LiveRegistry;
class OrderNotes;
}  // namespace ocean::tiktok::store

namespace ocean::tiktok::ops {

class OpsRoom {
 public:
  // `account` must be started; throws Failure when it is not or a store cannot be opened.
  OpsRoom(ShopAccount& account, Host& host, std::string account_id);
  ~OpsRoom();
  OpsRoom(const OpsRoom&) = delete;
  OpsRoom& operator=(const OpsRoom&) = delete;

  OpsContext& context() { return *context_; }

 private:
  std::unique_ptr<store::OpsStore> store_;
  std::unique_ptr<store::OrderNotes> notes_;
  std::unique_ptr<store::LiveRegistry> registry_;
  std::unique_ptr<HttpClient> downloads_;
  std::unique_ptr<OpsContext> context_;
};

}  // namespace ocean::tiktok::ops
