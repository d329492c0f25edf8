// Two accounts of one ERP, in two regions, from one seller authorization that covers both shops
// (a GB shop and a US shop in tts-sandbox): each mirrors exactly its own shop, and a webhook
// about the other shop is acknowledged and set aside, never applied to the wrong mirror.
#include <catch2/catch.hpp>

#include "ocean_common/tts_sign.hpp"
#include "sync_fixture.hpp"

namespace {

// A second account with its own data directory and host, on the first account's sandbox.
class SecondAccount {
 public:
  SecondAccount(SandboxAccount& first, const std::string& region)
      : dir_("second-account"), host_(dir_.path().string()) {
    host_.set_secret("store_key", "second-account-store-key-0123456789");
    const auto now = first.admin("GET", "/_sandbox/clock").at("now").to_number<std::int64_t>();
    host_.advance_ms(now * 1000 - host_.wall_ms());
    account_ = std::make_unique<ocean::tiktok::ShopAccount>("acct-second", host_, ocean::tiktok::Tuning{});
    const std::string base = first.sandbox().https_base();
    const json::object cfg{{"app_key", kAppKey},         {"app_secret", kAppSecret},
                           {"region", region},           {"service_id", kServiceId},
                           {"api_base_url", base},       {"auth_base_url", base},
                           {"authorize_base_url", base}, {"ca_bundle", first.sandbox().ca_file()}};
    REQUIRE(ocean::tiktok::guarded(account_->logger(), [&] { account_->configure(cfg); }).ok());
    REQUIRE(ocean::tiktok::guarded(account_->logger(), [&] { account_->start(); }).ok());
  }

  json::value invoke(const std::string& cap, const json::object& req) {
    std::string out;
    const ocean::tiktok::capability::Rooms rooms{account_.get(), svc.get(), nullptr};
    const auto o = ocean::tiktok::capability::invoke(rooms, account_->logger(), cap, json::serialize(req), out);
    INFO(cap << ": " << o.message);
    REQUIRE(o.ok());
    return json::parse(out);
  }

  void connect(SandboxAccount& first, const std::string& shop_id) {
    const auto url = invoke("account.authorize_url", {});
    json::object cb = first.consent(std::string(url.at("url").as_string()));
    cb["shop_id"] = shop_id;
    invoke("account.connect", cb);
    ocean::tiktok::mirror::MirrorSettings s;
    s.db_path = (dir_.path() / ocean::tiktok::store::SqliteStore::kFileName).string();
    s.account_id = "acct-second";
    s.shop_id = shop_id;
    s.app_key = kAppKey;
    s.app_secret = kAppSecret;
    s.sync_interval_seconds = 0;
    svc = std::make_unique<ocean::tiktok::mirror::Mirror>(
        s, *account_->api(), [this] { return account_->accounts()->shop_cipher(); }, host_);
  }

  std::unique_ptr<ocean::tiktok::mirror::Mirror> svc;

 private:
  TempDir dir_;
  TestHost host_;
  std::unique_ptr<ocean::tiktok::ShopAccount> account_;
};

std::string signed_header(const std::string& body) {
  return "Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n";
}

std::string status_change(const std::string& shop_id, const std::string& order_id, const std::string& notification) {
  return R"({"type":1,"tts_notification_id":")" + notification + R"(","shop_id":")" + shop_id +
         R"(","timestamp":1,"data":{"order_id":")" + order_id +
         R"(","order_status":"AWAITING_SHIPMENT","update_time":1}})";
}

}  // namespace

// The shop of `region` among the sandbox's shops.
std::string shop_in(SandboxAccount& sa, const std::string& region) {
  const json::value shops = sa.admin("GET", "/_sandbox/shops");  // held: the loop walks into it
  for (const auto& s : shops.at("shops").as_array()) {
    if (s.at("region").as_string() == region) return std::string(s.at("id").as_string());
  }
  throw std::runtime_error("no shop in " + region);
}

TEST_CASE("two accounts in two regions each mirror only their own shop, and ignore the other's webhooks") {
  // Shops cycle through the regions: the first is in the US, the second in GB. The first account
  // (configured for GB) takes the GB shop; the second (US) the US shop, from the same seller.
  SyncRig gb({"--shops", "2", "--orders", "150", "--products", "5", "--seed", "61"}, {}, 4, [](SandboxAccount& sa) {
    return json::object{{"shop_id", shop_in(sa, "GB")}};
  });
  const std::string us_shop = shop_in(gb.sa, "US");
  REQUIRE(gb.shop_id != us_shop);
  SecondAccount us(gb.sa, "US");
  us.connect(gb.sa, us_shop);

  // Both sync; each mirror equals its own shop's truth and holds none of the other's orders.
  auto us_truth = [&] { return gb.sa.admin("GET", "/_sandbox/truth?shop_id=" + us_shop).as_object(); };
  json::object truth_gb, truth_us;
  for (int attempt = 0; attempt < 6; ++attempt) {
    const auto before_gb = gb.truth();
    const auto before_us = us_truth();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // leave the second of the last change
    gb.call("sync.run", {{"kinds", json::array{"orders"}}});
    us.invoke("sync.run", {{"kinds", json::array{"orders"}}});
    truth_gb = gb.truth();
    truth_us = us_truth();
    if (truth_gb == before_gb && truth_us == before_us) break;
  }
  require_orders_equal_truth(gb.svc->store(), truth_gb);
  require_orders_equal_truth(us.svc->store(), truth_us);
  for (const auto& o : truth_us.at("orders").as_array()) {
    REQUIRE_FALSE(gb.svc->store().order(std::string(o.at("id").as_string())).has_value());
  }

  // A webhook about the US shop that reaches the GB account is acknowledged, then set aside.
  const std::string us_order(truth_us.at("orders").at(0).at("id").as_string());
  const std::string stray = status_change(us_shop, us_order, "stray-1");
  CHECK(gb.svc->intake(signed_header(stray), stray, 0).http_status == 200);
  const auto gb_orders = gb.svc->store().order_count();
  gb.svc->on_tick(gb.sa.host().wall_ms());
  CHECK(gb.svc->store().inbox_count("ignored") == 1);
  CHECK(gb.svc->store().inbox_count("applied") == 0);
  CHECK(gb.svc->store().order_count() == gb_orders);
  CHECK_FALSE(gb.svc->store().order(us_order).has_value());
  // The same notification at the US account is applied there.
  CHECK(us.svc->intake(signed_header(stray), stray, 0).http_status == 200);
  us.svc->on_tick(0);
  CHECK(us.svc->store().inbox_count("applied") == 1);
}

TEST_CASE(
    "SHOP-MAN-MULTI: a second shop connection is added beside the first, then removed, and the first keeps working") {
  SyncRig gb({"--shops", "2", "--orders", "20", "--products", "3", "--seed", "62"}, {}, 4, [](SandboxAccount& sa) {
    return json::object{{"shop_id", shop_in(sa, "GB")}};
  });
  const std::string us_shop = shop_in(gb.sa, "US");
  SecondAccount us(gb.sa, "US");
  us.connect(gb.sa, us_shop);
  CHECK(gb.call("account.status").at("state").as_string() == "connected");
  CHECK(us.invoke("account.status", {}).at("state").as_string() == "connected");
  CHECK(us.invoke("account.status", {}).at("shop").at("id").as_string() == us_shop);

  // Removing the US connection (locally: the seller's grant stays for the GB shop) leaves GB alone.
  const auto removed = us.invoke("account.disconnect", {{"revoke", false}});
  CHECK(removed.at("state").as_string() == "disconnected");
  CHECK(us.invoke("account.status", {}).at("state").as_string() == "disconnected");
  CHECK(gb.call("account.status").at("state").as_string() == "connected");
  const auto run = gb.call("sync.run", {{"kinds", json::array{"orders"}}});
  CHECK(run.at("runs").at(0).at("outcome").as_string() == "ok");
  CHECK(gb.svc->store().order_count() > 0);
}
