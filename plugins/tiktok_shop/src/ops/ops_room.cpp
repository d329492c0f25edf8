#include "ops/ops_room.hpp"

#include <filesystem>

#include "store/ops_live_registry.hpp"
#include "store/ops_store.hpp"
#include "store/order_notes.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {

OpsRoom::OpsRoom(ShopAccount& account, Host& host, std::string account_id) {
  if (!account.started() || account.config() == nullptr) {
    throw Failure(Status::invalid_state, "the account is not started");
  }
  const auto dir = host.data_dir();
  if (!dir) throw Failure(Status::invalid_config, "the host gives this account no data directory");
  store_ = std::make_unique<store::OpsStore>(account.store()->database());
  notes_ = std::make_unique<store::OrderNotes>(account.store()->database());
  // The LIVE calendar is shared by the host's accounts, so it lives in the module data dir the host
  // gave init. A host that gives none gets a calendar per account (in the account's own directory):
  // the plugin never writes outside the directories it was given.
  const auto shared = host.module_data_dir();
  if (!shared) {
    account.logger().warn(
        "[ops] the host gives no module data directory: the LIVE calendar checks overlaps within "
        "this account only");
  }
  registry_ = std::make_unique<store::LiveRegistry>(
      store::LiveRegistry::location(shared ? *shared : *dir, account.store_location().pg));
  HttpSettings http;
  http.ca_bundle = account.config()->ca_bundle;
  http.max_response_bytes = 32u * 1024u * 1024u;  // labels as PDF can be a few MB
  downloads_ = std::make_unique<HttpClient>(http);
  context_ = std::unique_ptr<OpsContext>(new OpsContext{*account.api(), *account.accounts(), *store_, *notes_,
                                                        *registry_, *downloads_, host, *account.config(),
                                                        account.logger(), std::move(account_id), *dir});
}

OpsRoom::~OpsRoom() = default;

}  // namespace ocean::tiktok::ops
