// Webhooks end to end with tts-sandbox: its signed pushes (duplicated, reordered and dropped by
// the sandbox's switches) go through intake, are stored once, applied on tick by fetching the
// orders, and the next incremental sync fills what the dropped ones missed. Also a forged
// delivery and a seller deauthorization.
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "ocean_common/tts_sign.hpp"
#include "support/webhook_receiver.hpp"
#include "sync_fixture.hpp"
#include "transport/api_client.hpp"

namespace {

void subscribe(SyncRig& rig, const std::string& event_type) {
  ocean::tiktok::ApiCall call;
  call.method = "PUT";
  call.path = "/event/202309/webhooks";
  call.body =
      json::serialize(json::object{{"event_type", event_type}, {"address", "https://erp.example.com/tts/webhooks"}});
  call.shop_cipher = rig.sa.account().accounts()->shop_cipher();
  rig.sa.account().api()->call(call);
}

// Waits until no new delivery arrived for a while; returns them all.
std::vector<ocean::testing::ReceivedRequest> settle(ocean::testing::WebhookReceiver& r, std::size_t at_least) {
  r.wait_for(at_least, std::chrono::seconds(60));
  std::size_t n = r.received().size();
  for (int quiet = 0; quiet < 15;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::size_t now = r.received().size();
    quiet = now == n ? quiet + 1 : 0;
    n = now;
  }
  return r.received();
}

std::string header_block(const ocean::testing::ReceivedRequest& req) {
  std::string h;
  for (const auto& [k, v] : req.headers) h += k + ": " + v + "\r\n";
  return h;
}

}  // namespace

TEST_CASE(
    "duplicated, reordered and dropped webhooks are stored once, applied by fetching, and polling fills the gaps") {
  ocean::testing::WebhookReceiver receiver;
  SyncRig rig({"--shops", "1", "--orders", "80", "--products", "5", "--seed", "17", "--webhook-redirect",
               "https://erp.example.com=" + receiver.base()});
  rig.call("sync.run", {{"kinds", json::array{"products", "orders"}}});
  subscribe(rig, "ORDER_STATUS_CHANGE");
  rig.sa.admin("POST", "/_sandbox/settings",
               {{"webhook_duplicate", 0.3}, {"webhook_reorder", 0.3}, {"webhook_drop", 0.2}});

  rig.sa.admin("POST", "/_sandbox/orders", {{"shop_id", rig.shop_id}, {"count", 30}});
  rig.sa.advance_both(3 * 3600);  // the new orders get paid and move on: more notifications
  rig.sa.admin("GET", "/_sandbox/health");
  const auto deliveries = settle(receiver, 10);
  REQUIRE(!deliveries.empty());

  std::set<std::string> unique_ids;
  std::size_t duplicates = 0;
  for (const auto& d : deliveries) {
    const auto r = rig.svc->intake(header_block(d), d.body, rig.sa.host().wall_ms());
    REQUIRE(r.http_status == 200);
    if (r.duplicate) ++duplicates;
    unique_ids.insert(r.notification_id);
  }
  CHECK(rig.svc->store().inbox_count("") == static_cast<std::int64_t>(unique_ids.size()));
  CHECK(duplicates == deliveries.size() - unique_ids.size());

  // Apply on tick; every notified order now matches the API (whatever order the pushes came in).
  std::set<std::string> notified;
  for (const auto& d : deliveries)
    notified.insert(std::string(json::parse(d.body).at("data").at("order_id").as_string()));
  const auto truth = rig.stable([&] { rig.svc->on_tick(rig.sa.host().wall_ms()); });
  CHECK(rig.svc->store().inbox_count("pending") == 0);
  CHECK(rig.svc->store().inbox_count("applied") == static_cast<std::int64_t>(unique_ids.size()));
  for (const auto& o : truth.at("orders").as_array()) {
    const std::string id(o.at("id").as_string());
    if (!notified.count(id)) continue;
    INFO("order " << id);
    const auto stored = rig.svc->store().order(id);
    REQUIRE(stored.has_value());
    CHECK(json::parse(stored->raw_json) == o);
  }
  CHECK(rig.events("order.imported") >= 1);

  // Re-delivering everything again changes nothing: each notification is applied once.
  const auto applied_before = rig.svc->store().inbox_count("applied");
  for (const auto& d : deliveries) CHECK(rig.svc->intake(header_block(d), d.body, rig.sa.host().wall_ms()).duplicate);
  rig.svc->on_tick(rig.sa.host().wall_ms());
  CHECK(rig.svc->store().inbox_count("applied") == applied_before);

  // Polling is the backstop: whatever the dropped pushes missed arrives by the next incremental sync.
  const auto final_truth = rig.stable([&] { rig.call("sync.run", {{"kinds", json::array{"orders"}}}); });
  require_orders_equal_truth(rig.svc->store(), final_truth);
}

TEST_CASE("a forged webhook is refused with 401 and stores nothing") {
  SyncRig rig({"--shops", "1", "--orders", "5", "--products", "2"});
  const std::string body = R"({"type":1,"tts_notification_id":"forged-1","shop_id":")" + rig.shop_id +
                           R"(","timestamp":1,"data":{"order_id":"1","order_status":"CANCEL","update_time":1}})";
  const std::string forged_sig = ocean::tts::webhook_signature(kAppKey, "not-the-app-secret", body);
  const auto out = json::parse(rig.svc->on_webhook("Authorization: " + forged_sig + "\r\n", body, 1));
  CHECK(out.at("schema") == "webhook_result.v1");
  CHECK(out.at("http_status") == 401);
  CHECK(rig.svc->store().inbox_count("") == 0);
  const auto good = json::parse(rig.svc->on_webhook(
      "Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n", body, 1));
  CHECK(good.at("http_status") == 200);
  CHECK(rig.svc->store().inbox_count("") == 1);
  // The order does not exist: applying retries, then gives up; polling stays the backstop.
  for (int i = 0; i < ocean::tiktok::mirror::WebhookApplier::kMaxAttempts; ++i)
    rig.svc->on_tick(rig.sa.host().wall_ms());
  CHECK(rig.svc->store().inbox_count("failed") == 1);
}

TEST_CASE("seller deauthorization reaches the account state and the host as events") {
  ocean::testing::WebhookReceiver receiver;
  SyncRig rig({"--shops", "1", "--orders", "5", "--products", "2", "--webhook-redirect",
               "https://erp.example.com=" + receiver.base()});
  std::string reason;
  ocean::tiktok::mirror::AccountSignals signals;
  signals.deauthorized = [&](const std::string& r) {
    reason = r;
    rig.sa.account().store()->set_link_state(ocean::tiktok::store::LinkState::needs_reauth, r, rig.sa.host().wall_ms());
  };
  rig.rebuild(signals);
  subscribe(rig, "SELLER_DEAUTHORIZATION");
  rig.sa.admin("POST", "/_sandbox/deauthorize", {{"shop_id", rig.shop_id}, {"app_key", kAppKey}});
  const auto deliveries = settle(receiver, 1);
  REQUIRE(deliveries.size() == 1);
  CHECK(rig.svc->intake(header_block(deliveries[0]), deliveries[0].body, rig.sa.host().wall_ms()).type == 6);
  rig.svc->on_tick(rig.sa.host().wall_ms());
  CHECK(!reason.empty());
  CHECK(rig.sa.account().store()->account()->state == ocean::tiktok::store::LinkState::needs_reauth);
  CHECK(rig.events("account.deauthorized") == 1);
  CHECK(rig.events("account.needs_reauth") == 1);
}
