// The finance room of one started account: the finance mirror (its own connection to the plugin's
// SQLite file), the finance endpoints and the finance sync. The glue builds it after the account
// starts and tells it whether the `finance` feature is on; sync.run runs its kind under the mirror's
// sync lease, and tick auto-syncs it while the feature is on.
// Thread-safety: every use takes mutex() (capabilities and the sync, which may come from tick).
#pragma once
#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "account/shop_account.hpp"
#include "finance/finance_api.hpp"
#include "finance/finance_neutral.hpp"
#include "finance/finance_store.hpp"
#include "finance/finance_sync.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::finance {

class FinanceRoom {
 public:
  // `account` must be started; throws Failure when it is not or the store cannot be opened.
  FinanceRoom(ShopAccount& account, Host& host, std::string account_id, std::function<bool()> enabled);
  FinanceRoom(const FinanceRoom&) = delete;
  FinanceRoom& operator=(const FinanceRoom&) = delete;

  bool enabled() const { return enabled_(); }
  std::mutex& mutex() { return mutex_; }
  FinanceStore& store() { return *store_; }
  FinanceApi& api() { return *api_; }
  FinanceSync& sync() { return *sync_; }
  Host& host() { return host_; }
  // The account, shop and raw flag the neutral views carry.
  NeutralMeta meta(bool include_raw);

  // One finance sync (sync.run kind "finance"); `between_pages` runs after every committed page (the
  // mirror renews its sync lease there). Takes mutex().
  boost::json::object run_sync(bool full, const std::function<void()>& between_pages);
  // What sync.status shows of finance: rows mirrored, statements still without transactions, and
  // each cursor's watermark and whether a run is in progress. Takes mutex().
  boost::json::object status();

 private:
  ShopAccount& account_;
  Host& host_;
  std::string account_id_;
  std::function<bool()> enabled_;
  std::mutex mutex_;
  std::unique_ptr<FinanceStore> store_;
  std::unique_ptr<FinanceApi> api_;
  std::unique_ptr<FinanceSync> sync_;
};

}  // namespace ocean::tiktok::finance
