// A separate process that syncs orders into an existing data directory, for the crash tests:
//   tiktok_sync_child DATA_DIR HTTPS_BASE CA_FILE SHOP_ID WALL_MS KILL_AFTER_PAGE FULL
// KILL_AFTER_PAGE > 0 makes it SIGKILL itself right after that page committed; 0 runs to the end
// (the parent may SIGKILL it at any moment). Exit 0 = finished, 2 = failed.
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <iostream>

#include "account/shop_account.hpp"
#include "capability/outcome.hpp"
#include "mirror/mirror.hpp"
#include "test_host.hpp"

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: tiktok_sync_child DATA_DIR HTTPS_BASE CA_FILE SHOP_ID WALL_MS KILL_AFTER_PAGE FULL\n";
    return 64;
  }
  try {
    TestHost host(argv[1]);
    host.set_secret("store_key", "integration-store-key-0123456789");
    host.advance_ms(std::atoll(argv[5]) - host.wall_ms());
    ocean::tiktok::ShopAccount account("acct-itest", host);
    boost::json::object cfg{{"app_key", "itest_app_key"},
                            {"app_secret", "itest-app-secret-NEVER-LOGGED-7f3a"},
                            {"region", "GB"},
                            {"service_id", "7123456789"},
                            {"api_base_url", argv[2]},
                            {"auth_base_url", argv[2]},
                            {"authorize_base_url", argv[2]},
                            {"ca_bundle", argv[3]}};
    if (!ocean::tiktok::guarded(account.logger(), [&] { account.configure(cfg); }).ok()) return 3;
    if (!ocean::tiktok::guarded(account.logger(), [&] { account.start(); }).ok()) return 4;
    ocean::tiktok::mirror::MirrorSettings s;
    s.db_path = std::string(argv[1]) + "/" + ocean::tiktok::store::SqliteStore::kFileName;
    s.account_id = "acct-itest";
    s.shop_id = argv[4];
    s.app_key = "itest_app_key";
    s.app_secret = "itest-app-secret-NEVER-LOGGED-7f3a";
    ocean::tiktok::mirror::Mirror svc(
        s, *account.api(), [&] { return account.accounts()->shop_cipher(); }, host);
    const int kill_after = std::atoi(argv[6]);
    const bool full = std::string(argv[7]) == "1";
    if (kill_after > 0) {
      svc.engine().set_page_hook([kill_after](const std::string&, std::int64_t page) {
        if (page == kill_after) ::raise(SIGKILL);
      });
      svc.engine().sync_orders(full);
    } else {
      ocean::tiktok::mirror::SyncRequest req;
      req.kinds = {"orders"};
      req.full = full;
      svc.run_sync(req);
    }
  } catch (const std::exception& e) {
    std::cerr << "tiktok_sync_child: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
