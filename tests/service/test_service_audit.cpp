// The integration log as an audit trail and dead letters (issue 17), through the TikTok Shop
// plugin's C ABI against tts-sandbox over HTTPS with real SQLite files: a failed capability call
// is found by integration_log.search with its error and TikTok request id; stock pushes that run
// out of attempts are dead letters, retried once the sandbox accepts again, or dismissed; old rows
// are pruned after the configured retention.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>

#include "ocean_common/tts_sign.hpp"
#include "ocean_common/url.hpp"
#include "plugin_module.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace json = boost::json;

namespace {
constexpr const char* kAppKey = "audit-app-key";
constexpr const char* kAppSecret = "audit-app-secret-0123456789abcdef";

struct Reply {
  ocean_status_t status;
  json::value body;  // null unless OK
  std::string message;
};

// One connected account with manual sync (so ticks do only what a test asks for).
class AuditEnv {
 public:
  ocean::testing::SandboxProcess sb{{"--app",
                                     std::string(kAppKey) + ":" + kAppSecret + ":7010:https://erp.example.com/cb",
                                     "--shops", "1", "--seed", "31", "--orders", "10", "--products", "12"}};
  PluginModule module;
  TempDir root{"audit"};
  ocean::testing::HttpClient http{sb.ca_file()};
  std::unique_ptr<TestHost> host;
  ocean_instance* inst = nullptr;
  std::string shop_id;

  explicit AuditEnv(json::object extra = {}) {
    const auto shop = admin("GET", "/_sandbox/shops").at("shops").at(0).as_object();
    shop_id = std::string(shop.at("id").as_string());
    host = std::make_unique<TestHost>((root.path() / "acct").string());
    host->set_secret("store_key", "audit-store-key-0123456789");
    advance_host_to_sandbox();
    inst = module.create("acct", host->table());
    json::object cfg{{"app_key", kAppKey},
                     {"app_secret", kAppSecret},
                     {"region", shop.at("region")},
                     {"service_id", "7010"},
                     {"api_base_url", sb.https_base()},
                     {"auth_base_url", sb.https_base()},
                     {"authorize_base_url", sb.https_base()},
                     {"ca_bundle", sb.ca_file()},
                     {"sync_interval", "manual"},
                     {"features", json::object{{"logistics", true}}}};
    for (const auto& [k, v] : extra) cfg[k] = v;
    if (module.configure(inst, json::serialize(cfg)) != OCEAN_OK)
      throw std::runtime_error("configure: " + module.last_message(inst));
    if (module.api().start(inst) != OCEAN_OK) throw std::runtime_error("start: " + module.last_message(inst));
    const auto url = ok("account.authorize_url", json::object{}).at("url").as_string();
    const auto consent = http.request("GET", std::string(url));
    const std::string location = consent.headers.at("location");
    json::object cb;
    for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
    ok("account.connect", cb);
  }
  ~AuditEnv() { module.api().destroy(inst); }
  AuditEnv(const AuditEnv&) = delete;
  AuditEnv& operator=(const AuditEnv&) = delete;

  Reply call(const std::string& capability, const json::value& request) {
    auto [s, body] = module.invoke(inst, capability, json::serialize(request));
    Reply r{s, nullptr, s == OCEAN_OK ? "" : module.last_message(inst)};
    if (s == OCEAN_OK) r.body = json::parse(body);
    return r;
  }
  json::object ok(const std::string& capability, const json::value& request) {
    Reply r = call(capability, request);
    if (r.status != OCEAN_OK)
      throw std::runtime_error(capability + " failed (" + ocean_status_name(r.status) + "): " + r.message);
    return r.body.as_object();
  }
  json::array log(const json::object& filter) { return ok("integration_log.search", filter).at("entries").as_array(); }

  json::object admin(const std::string& method, const std::string& path, const json::value& body = nullptr) {
    auto r = http.request(method, sb.https_base() + path, body.is_null() ? "" : json::serialize(body),
                          {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0)
      throw std::runtime_error("admin " + path + ": " + r.body);
    return v.as_object().at("data").as_object();
  }
  // Moves the sandbox and the host clocks together (requests are signed with the host's).
  void advance(std::int64_t seconds) {
    admin("POST", "/_sandbox/clock", json::object{{"advance", seconds}});
    host->advance_ms(seconds * 1000);
  }
  void tick() { module.api().tick(inst, host->wall_ms()); }

 private:
  void advance_host_to_sandbox() {
    const auto now = admin("GET", "/_sandbox/clock").at("now").to_number<std::int64_t>();
    host->advance_ms(now * 1000 - host->wall_ms());
  }
};

// An active product's SKUs with a warehouse each (at least `n`).
std::vector<std::pair<std::string, std::string>> skus(AuditEnv& env, std::size_t n) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto truth = env.admin("GET", "/_sandbox/truth?shop_id=" + env.shop_id);
  for (const auto& p : truth.at("products").as_array()) {
    if (p.at("status") != "ACTIVATE") continue;
    for (const auto& s : p.at("skus").as_array()) {
      out.emplace_back(std::string(s.at("id").as_string()),
                       std::string(s.at("inventory").at(0).at("warehouse_id").as_string()));
      if (out.size() == n) return out;
    }
  }
  throw std::runtime_error("not enough active SKUs");
}

std::int64_t metric(const json::object& metrics, const std::string& name) {
  std::int64_t total = 0;
  for (const auto& f : metrics.at("families").as_array())
    if (f.at("name").as_string() == name)
      for (const auto& s : f.at("samples").as_array()) total += s.at("value").as_int64();
  return total;
}
}  // namespace

TEST_CASE("a failed capability call is in integration_log.search with its error and TikTok request id") {
  AuditEnv env;
  // Refused by the sandbox: no such package.
  const Reply refused = env.call("fulfillment.documents", json::object{{"package_id", "1152921504606846976"},
                                                                       {"document_type", "SHIPPING_LABEL"}});
  REQUIRE(refused.status != OCEAN_OK);
  // Refused before any call: a document type TikTok does not have.
  const Reply invalid =
      env.call("fulfillment.documents", json::object{{"package_id", "1"}, {"document_type", "POSTER"}});
  REQUIRE(invalid.status == OCEAN_INVALID_ARGUMENT);

  const auto rows = env.log(json::object{{"action", "fulfillment.documents"}});
  REQUIRE(rows.size() == 2);  // newest first
  const auto& bad = rows[0].as_object();
  CHECK(bad.at("outcome") == "failed");
  CHECK(bad.at("status") == "INVALID_ARGUMENT");
  CHECK(invalid.message == "invoke: " + std::string(bad.at("error").as_string()));  // the SDK names the call
  CHECK(bad.at("request_id").is_null());
  CHECK(bad.at("counts").at("api_calls") == 0);
  const auto& row = rows[1].as_object();
  CHECK(row.at("action") == "fulfillment.documents");
  CHECK(row.at("outcome") == "failed");
  CHECK(row.at("status") == ocean_status_name(refused.status));
  CHECK(refused.message == "invoke: " + std::string(row.at("error").as_string()));
  CHECK(row.at("error").as_string().find("does not exist") != std::string::npos);
  CHECK(row.at("request_id").is_string());
  CHECK_FALSE(row.at("request_id").as_string().empty());
  CHECK(row.at("counts").at("api_calls").as_int64() >= 1);
  CHECK(row.at("duration_ms").as_int64() >= 0);
  CHECK(row.at("started_at").as_string().ends_with("Z"));

  // Filters: outcome, a prefix, since, and a cursor through the pages.
  for (const auto& r : env.log(json::object{{"outcome", "failed"}})) CHECK(r.at("outcome") == "failed");
  const auto account_rows = env.log(json::object{{"action", "account."}});
  REQUIRE(account_rows.size() == 2);
  CHECK(account_rows[0].at("action") == "account.connect");
  CHECK(account_rows[0].at("outcome") == "ok");
  CHECK(account_rows[1].at("action") == "account.authorize_url");
  CHECK(env.log(json::object{{"since", "2099-01-01T00:00:00Z"}}).empty());
  const auto first = env.ok("integration_log.search", json::object{{"limit", 1}});
  REQUIRE(first.at("next_cursor").is_string());
  const auto second = env.ok("integration_log.search", json::object{{"limit", 1}, {"cursor", first.at("next_cursor")}});
  CHECK(second.at("entries").at(0).at("id").as_int64() < first.at("entries").at(0).at("id").as_int64());
  CHECK(first.at("retention_days") == 30);  // the default

  // The monitoring polls are not logged; the log holds no secret.
  env.ok("metrics.read", json::object{});
  env.ok("health.read", json::object{});
  CHECK(env.log(json::object{{"action", "metrics.read"}}).empty());
  const auto everything = json::serialize(env.log(json::object{{"limit", 500}}));
  CHECK(everything.find(kAppSecret) == std::string::npos);
  // Bad requests name the field.
  CHECK(env.call("integration_log.search", json::object{{"outcome", "meh"}}).message.find("outcome") !=
        std::string::npos);
  CHECK(env.call("integration_log.search", json::object{{"cursor", "x"}}).message.find("cursor") != std::string::npos);
  CHECK(env.call("integration_log.search", json::object{{"actoin", "x"}}).message.find("did you mean 'action'") !=
        std::string::npos);
}

TEST_CASE("stock pushes that run out of attempts are dead letters - retried once the sandbox accepts - or dismissed") {
  AuditEnv env;
  env.ok("sync.run", json::object{{"kinds", json::array{"products"}}});
  const auto picked = skus(env, 2);
  env.admin("POST", "/_sandbox/settings", json::object{{"fault_5xx", 1.0}});
  json::array items;
  for (const auto& [sku, warehouse] : picked)
    items.push_back(json::object{{"sku_id", sku}, {"warehouse_id", warehouse}, {"on_hand", 17}, {"reserved", 0}});
  env.ok("inventory.update", json::object{{"items", items}});
  // Every retry fails; the outbox backs off (15 s doubling, capped at an hour) until 8 attempts are spent.
  json::object letters;
  for (int i = 0; i < 12; ++i) {
    env.advance(3600);
    env.tick();
    letters = env.ok("dead_letters.search", json::object{});
    if (letters.at("total") == 2) break;
  }
  REQUIRE(letters.at("total") == 2);
  const auto& letter = letters.at("dead_letters").at(0).as_object();
  CHECK(letter.at("source") == "stock_push");
  CHECK(letter.at("attempts") == 8);
  CHECK(letter.at("quantity") == 17);
  CHECK_FALSE(letter.at("error").as_string().empty());
  CHECK(env.log(json::object{{"action", "stock_push"}, {"outcome", "failed"}}).size() >= 1);
  const auto metrics = env.ok("metrics.read", json::object{});
  CHECK(metric(metrics, "ocean_dead_letters") == 2);
  CHECK(metric(metrics, "ocean_stock_push_failed_total") >= 2);
  CHECK(metric(metrics, "ocean_integration_log_failures_total") >= 1);

  // The sandbox accepts again: a retry pushes at once.
  env.admin("POST", "/_sandbox/settings", json::object{{"fault_5xx", 0.0}});
  const std::string retried(letters.at("dead_letters").at(0).at("id").as_string());
  const std::string dismissed(letters.at("dead_letters").at(1).at("id").as_string());
  const auto r = env.ok("dead_letters.retry", json::object{{"id", retried}});
  CHECK(r.at("requeued") == true);
  CHECK(r.at("state") == "sent");
  // Dismissed: off the list, and no longer retryable.
  CHECK(env.ok("dead_letters.dismiss", json::object{{"id", dismissed}}).at("dismissed") == true);
  CHECK(env.ok("dead_letters.search", json::object{}).at("total") == 0);
  const Reply again = env.call("dead_letters.retry", json::object{{"id", dismissed}});
  CHECK(again.status == OCEAN_NOT_FOUND);
  CHECK(again.message.find("dead_letters.search") != std::string::npos);
  CHECK(env.call("dead_letters.dismiss", json::object{{"id", "stock_push:abc"}}).status == OCEAN_INVALID_ARGUMENT);
  CHECK(env.call("dead_letters.search", json::object{{"source", "fax"}}).status == OCEAN_INVALID_ARGUMENT);
  // TikTok holds the retried value now; the calls are in the trail.
  const std::string retried_sku(letters.at("dead_letters").at(0).at("sku_id").as_string());
  const auto status = env.ok("inventory.push_status", json::object{{"sku_id", retried_sku}});
  REQUIRE(status.at("levels").as_array().size() == 1);
  CHECK(status.at("levels").at(0).at("push_status") == "pushed");
  CHECK(status.at("levels").at(0).at("available") == 17);
  const auto retries = env.log(json::object{{"action", "dead_letters.retry"}});
  REQUIRE(retries.size() == 2);
  CHECK(retries.at(0).at("outcome") == "failed");  // the dismissed one, newest first
  CHECK(retries.at(0).at("status") == "NOT_FOUND");
  CHECK(retries.at(1).at("outcome") == "ok");
  CHECK(retries.at(1).at("request_id").is_string());  // the push went to TikTok
}

TEST_CASE("integration-log rows older than the retention are pruned") {
  AuditEnv env(json::object{{"integration_log_retention_days", 1}});
  env.ok("account.status", json::object{});
  const auto before = env.ok("integration_log.search", json::object{});
  CHECK(before.at("retention_days") == 1);
  REQUIRE(before.at("entries").as_array().size() == 3);  // authorize_url, connect, status
  env.host->advance_ms(2 * 24 * 3600 * 1000LL);          // two days later (no API call needed)
  env.tick();
  CHECK(env.log(json::object{}).empty());
  env.ok("account.status", json::object{});
  const auto after = env.log(json::object{});
  REQUIRE(after.size() == 2);  // the search before it is a call too
  CHECK(after[0].at("action") == "account.status");
  CHECK(after[1].at("action") == "integration_log.search");
}

TEST_CASE("a webhook that cannot be applied within its attempts is a dead letter - a retry applies it") {
  AuditEnv env;
  env.ok("sync.run", json::object{{"kinds", json::array{"orders"}}});
  const auto truth = env.admin("GET", "/_sandbox/truth?shop_id=" + env.shop_id);
  const std::string order_id(truth.at("orders").at(0).at("id").as_string());
  const std::string body = R"({"type":1,"tts_notification_id":"7330000000000000123","shop_id":")" + env.shop_id +
                           R"(","timestamp":1764000000,"data":{"order_id":")" + order_id +
                           R"(","order_status":"AWAITING_SHIPMENT","update_time":1764000000}})";
  const std::string headers = "Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n";
  ocean_webhook_v1 w{sizeof(ocean_webhook_v1), headers.data(), headers.size(), body.data(), body.size(),
                     env.host->wall_ms()};
  ocean_buffer out{};
  REQUIRE(env.module.api().handle_webhook(env.inst, &w, &out) == OCEAN_OK);
  env.module.api().free_buffer(&out);
  // Applying fetches the order; the sandbox answers 500 to every call until its 8 attempts are spent.
  env.admin("POST", "/_sandbox/settings", json::object{{"fault_5xx", 1.0}});
  json::object letters;
  for (int i = 0; i < 12; ++i) {
    env.tick();
    letters = env.ok("dead_letters.search", json::object{{"source", "webhook"}});
    if (letters.at("total") == 1) break;
  }
  REQUIRE(letters.at("total") == 1);
  const auto& letter = letters.at("dead_letters").at(0).as_object();
  CHECK(letter.at("notification_id") == "7330000000000000123");
  CHECK(letter.at("type") == 1);
  CHECK(letter.at("attempts") == 8);
  CHECK(env.log(json::object{{"action", "webhooks"}, {"outcome", "failed"}}).size() >= 1);
  env.admin("POST", "/_sandbox/settings", json::object{{"fault_5xx", 0.0}});
  const auto r = env.ok("dead_letters.retry", json::object{{"id", letter.at("id")}});
  CHECK(r.at("requeued") == true);
  CHECK(r.at("state") == "applied");
  CHECK(env.ok("dead_letters.search", json::object{}).at("total") == 0);
  CHECK(env.ok("sync.status", json::object{}).at("webhooks").at("failed") == 0);
}
