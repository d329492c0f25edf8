// Webhook intake beside a running sync on ONE instance of the TikTok Shop plugin, as ocean_plugin.h
// allows (handle_webhook may overlap invoke/tick): a connected account runs sync.run on the main
// thread while another thread delivers signed order webhooks, each twice. Every delivery must be
// acknowledged (200, the repeat as a duplicate), the sync must finish with every order, the stored
// deliveries must all be applied by the next tick, and last_error must stay the sync's.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "abi_account.hpp"
#include "ocean_common/tts_sign.hpp"

using namespace tiktok_abi;

namespace {

struct Delivery {
  std::string headers, body;
};

std::vector<Delivery> order_webhooks(const std::string& shop_id, const json::array& orders, std::int64_t now) {
  std::vector<Delivery> out;
  std::int64_t n = 0;
  for (const auto& o : orders) {
    const json::object& order = o.as_object();
    const std::string body =
        json::serialize(json::object{{"type", 1},
                                     {"tts_notification_id", "73300000000" + std::to_string(100000 + ++n)},
                                     {"shop_id", shop_id},
                                     {"timestamp", now},
                                     {"data", json::object{{"order_id", order.at("id")},
                                                           {"order_status", order.at("status")},
                                                           {"update_time", order.at("update_time")}}}});
    out.push_back({"Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) +
                       "\r\nContent-Type: application/json\r\n",
                   body});
  }
  return out;
}

// Delivers every webhook twice; returns what went wrong (empty when every answer was a 200).
std::vector<std::string> deliver(const ocean_plugin_v1& api, ocean_instance* inst, const std::vector<Delivery>& all) {
  std::vector<std::string> problems;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& d : all) {
      ocean_webhook_v1 hook{sizeof(hook), d.headers.data(), d.headers.size(), d.body.data(), d.body.size(), 0};
      ocean_buffer out{nullptr, 0};
      const ocean_status_t s = api.handle_webhook(inst, &hook, &out);
      const std::string answer = out.data ? std::string(out.data, out.size) : std::string();
      api.free_buffer(&out);
      boost::system::error_code ec;
      const json::value v = json::parse(answer, ec);
      if (s != OCEAN_OK || ec || !v.is_object() || v.as_object().at("http_status") != 200)
        problems.push_back(std::string(ocean_status_name(s)) + " " + answer);
    }
  }
  return problems;
}

}  // namespace

TEST_CASE("webhook intake runs beside a sync on one instance - every delivery acknowledged and applied") {
  ocean::testing::SandboxProcess sb(
      {"--app", sandbox_app(), "--shops", "1", "--seed", "23", "--orders", "300", "--products", "10"});
  ocean::testing::HttpClient http(sb.ca_file());
  const auto shop = admin(http, sb, "GET", "/_sandbox/shops").as_object().at("shops").as_array().at(0).as_object();
  const std::string shop_id(shop.at("id").as_string());
  Plugin plugin;
  Host host;
  ocean_instance* inst = connected(plugin, host, sb, http, std::string(shop.at("region").as_string()));
  const json::object truth = admin(http, sb, "GET", "/_sandbox/truth?shop_id=" + shop_id).as_object();
  const json::array& orders = truth.at("orders").as_array();
  const auto deliveries = order_webhooks(
      shop_id, orders,
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());

  std::vector<std::string> problems;
  std::thread webhooks([&] { problems = deliver(plugin.api(), inst, deliveries); });
  const auto [status, answer] = plugin.invoke(inst, "sync.run", json::object{{"kinds", json::array{"orders"}}});
  const auto after_sync = plugin.error(inst);  // read while the webhooks may still be arriving
  webhooks.join();

  INFO(answer);
  REQUIRE(status == OCEAN_OK);
  CHECK(after_sync.first == OCEAN_OK);
  CHECK(after_sync.second.empty());
  for (const auto& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
  std::int64_t records = 0;
  const json::value result = json::parse(answer);
  for (const auto& run : result.at("runs").as_array()) records += run.at("records").as_int64();
  CHECK(records >= static_cast<std::int64_t>(orders.size()));

  // The stored deliveries are applied by the next tick (each once), and the account stays usable.
  const std::int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  REQUIRE(plugin.api().tick(inst, now_ms) == OCEAN_OK);
  const auto [st, status_text] = plugin.invoke(inst, "sync.status", json::object{});
  REQUIRE(st == OCEAN_OK);
  INFO(status_text);
  const json::value report = json::parse(status_text);
  const json::object& inbox = report.at("webhooks").as_object();
  CHECK(inbox.at("pending").as_int64() == 0);
  CHECK(inbox.at("failed").as_int64() == 0);
  CHECK(inbox.at("applied").as_int64() == static_cast<std::int64_t>(deliveries.size()));  // once each
  CHECK(report.at("orders").as_int64() >= static_cast<std::int64_t>(orders.size()));
  plugin.api().destroy(inst);
}
