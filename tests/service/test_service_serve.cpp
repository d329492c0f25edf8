// erp-host serve as an operator runs it (issue 17): /healthz, /readyz and /metrics on the listener
// (metrics read back by a strict Prometheus parser, counts moving after the sync the first tick
// runs and after a webhook), JSON log lines in a --log-file reopened on SIGHUP, and no secret in
// any log line. The account is connected to tts-sandbox through erp-host itself.
#include <catch2/catch.hpp>

#include "ocean_common/tts_sign.hpp"
#include "prom_parse.hpp"
#include "service_env.hpp"
#include "store/secret_box.hpp"
#include "store/sqlite_store.hpp"

#include <signal.h>

#include <chrono>
#include <functional>
#include <thread>

using namespace service_test;
using serve_test::ServeProcess;
using serve_test::slurp;

namespace {

// Polls `fetch` until `done` holds for what it returns (up to 120 s); returns the last value.
template <typename T>
T wait_for(const std::function<T()>& fetch, const std::function<bool(const T&)>& done) {
  T last = fetch();
  for (int i = 0; i < 600 && !done(last); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    last = fetch();
  }
  return last;
}

bool is_rfc3339_ms_utc(const std::string& t) {
  // 2026-11-28T12:14:54.123Z
  if (t.size() != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.' ||
      t[23] != 'Z')
    return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22})
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

// Every line of a --log-format json file: one object with the five fields. Returns the lines.
std::vector<json::object> json_log_lines(const std::string& text) {
  std::vector<json::object> out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    REQUIRE(nl != std::string::npos);
    const std::string line = text.substr(start, nl - start);
    start = nl + 1;
    INFO(line);
    const auto v = json::parse(line);
    REQUIRE(v.is_object());
    const auto& o = v.as_object();
    CHECK(o.size() == 5);
    CHECK(is_rfc3339_ms_utc(std::string(o.at("time").as_string())));
    const std::string level(o.at("level").as_string());
    CHECK((level == "trace" || level == "debug" || level == "info" || level == "warn" || level == "error"));
    CHECK((o.at("account").is_null() || o.at("account").is_string()));
    CHECK_FALSE(o.at("component").as_string().empty());
    CHECK(o.at("message").is_string());
    out.push_back(o);
  }
  return out;
}

std::string access_token_of(const ServiceEnv& env) {
  using namespace ocean::tiktok;
  store::SqliteStore s((env.dir / "data" / "tts-us" / store::SqliteStore::kFileName).string(),
                       SecretBox::from_host_secret(kStoreKey));
  return s.tokens().value().access_token;
}

}  // namespace

TEST_CASE(
    "serve answers healthz, readyz and metrics - counts move with the sync and a webhook - JSON logs reopen on "
    "SIGHUP and hold no secret") {
  ServiceEnv env;
  env.connect();
  const auto log_file = env.dir / "erp.log";
  ServeProcess serve(env.args({"--log-file", log_file.string(), "--log-format", "json", "--verbose", "serve",
                               "--tick-interval", "200"}),
                     env.dir);
  const std::string url = serve.wait_listening();
  INFO("stderr: " << serve.stderr_text());
  CHECK(url.rfind("http://127.0.0.1:", 0) == 0);  // loopback unless --listen says otherwise
  ocean::testing::HttpClient http;

  const auto health = http.request("GET", url + "/healthz");
  CHECK(health.status == 200);
  CHECK(health.json().at("status") == "ok");
  CHECK(http.request("POST", url + "/healthz").status == 405);

  // Ready once the first tick has checked the account: started, connected, token valid.
  const auto ready = wait_for<ocean::testing::HttpResponse>([&] { return http.request("GET", url + "/readyz"); },
                                                            [](const auto& r) { return r.status == 200; });
  REQUIRE(ready.status == 200);
  const auto readiness = ready.json().as_object();
  CHECK(readiness.at("ready") == true);
  const auto& account = readiness.at("accounts").at(0).as_object();
  CHECK(account.at("id") == "tts-us");
  CHECK(account.at("link_state") == "connected");
  CHECK(account.at("token_valid") == true);
  CHECK(account.at("access_token_expires_in_seconds").as_int64() > 0);

  // The first tick's auto-sync shows in the counters (each scrape must parse strictly).
  auto scrape = [&] { return prom::parse(http.request("GET", url + "/metrics").body); };
  const prom::Exposition synced = wait_for<prom::Exposition>(scrape, [](const prom::Exposition& e) {
    return e.sum("ocean_sync_runs_total", {{"account", "tts-us"}, {"kind", "orders"}}) >= 1;
  });
  const std::map<std::string, std::string> acct{{"account", "tts-us"}};
  CHECK(synced.types.at("ocean_api_calls_total") == "counter");
  CHECK(synced.sum("ocean_sync_runs_total", {{"account", "tts-us"}, {"kind", "orders"}, {"outcome", "ok"}}) >= 1);
  CHECK(synced.sum("ocean_sync_records_total", {{"account", "tts-us"}, {"kind", "orders"}}) >= 1);
  CHECK(synced.sum("ocean_api_calls_total", {{"account", "tts-us"}, {"outcome", "ok"}}) >= 2);
  CHECK(synced.sum("ocean_api_calls_total", {{"account", "tts-us"}, {"path", "/order/202309/orders/search"}}) >= 1);
  CHECK(synced.value("ocean_token_expiry_seconds", acct) > 0);
  CHECK(synced.value("ocean_outbox_depth", acct) == 0);
  CHECK(synced.value("ocean_account_ready", acct) == 1);
  CHECK(synced.value("ocean_up", {}) == 1);
  CHECK(synced.types.count("ocean_api_throttled_total") == 1);
  CHECK(synced.types.count("ocean_api_rate_limit_wait_milliseconds_total") == 1);
  CHECK(synced.types.count("ocean_integration_log_failures_total") == 1);
  CHECK(synced.types.count("ocean_webhooks_applied_total") == 1);
  const double accepted_before =
      synced.sum("ocean_webhooks_received_total", {{"account", "tts-us"}, {"result", "accepted"}});

  // A signed webhook: intake and the host's request counter move.
  const std::string body = R"({"type":1,"tts_notification_id":"7330000000000000077","shop_id":")" + env.shop_id +
                           R"(","timestamp":1764000000,"data":{"order_id":"576000000000000001",)"
                           R"("order_status":"AWAITING_SHIPMENT","update_time":1764000000}})";
  const auto delivered = http.request("POST", url + "/webhooks/tts-us", body,
                                      {"Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body)});
  CHECK(delivered.status == 200);
  const prom::Exposition after = wait_for<prom::Exposition>(scrape, [&](const prom::Exposition& e) {
    return e.sum("ocean_webhooks_received_total", {{"account", "tts-us"}, {"result", "accepted"}}) > accepted_before;
  });
  CHECK(after.sum("ocean_webhooks_received_total", {{"account", "tts-us"}, {"result", "accepted"}}) ==
        accepted_before + 1);
  CHECK(after.value("ocean_webhook_requests_total", {{"account", "tts-us"}, {"code", "200"}}) >= 1);
  CHECK(http.request("POST", url + "/webhooks/tts-su", body).body.find("did you mean 'tts-us'") != std::string::npos);

  // logrotate: the file is renamed, SIGHUP, and the next lines go to a new file at the path.
  const auto rotated = env.dir / "erp.log.1";
  fs::rename(log_file, rotated);
  REQUIRE(kill(serve.pid(), SIGHUP) == 0);
  REQUIRE(serve_test::wait_for_file(log_file));
  CHECK(serve.stop() == 0);

  const std::string old_text = slurp(rotated), new_text = slurp(log_file);
  INFO("new log: " << new_text);
  const auto old_lines = json_log_lines(old_text);
  const auto new_lines = json_log_lines(new_text);
  CHECK(old_lines.size() > 5);
  REQUIRE_FALSE(new_lines.empty());
  CHECK(new_lines.front().at("message").as_string().starts_with("SIGHUP: reopened "));
  std::set<std::string> components;
  for (const auto& l : old_lines)
    if (l.at("account").is_string() && l.at("account") == "tts-us")
      components.insert(std::string(l.at("component").as_string()));
  CHECK(components.count("account") == 1);  // "TikTok Shop account tts-us started"
  CHECK(components.count("api") == 1);      // the API client's debug lines (--verbose)
  CHECK(components.count("webhook") == 1);  // the host's own line about the delivery
  CHECK(serve.stderr_text().empty());       // everything went to the file

  // No secret in any log line: not the app secret, the store key, nor the access token in use.
  const std::string token = access_token_of(env);
  REQUIRE(token.size() > 10);
  for (const std::string* text : {&old_text, &new_text}) {
    CHECK(text->find(kAppSecret) == std::string::npos);
    CHECK(text->find(kStoreKey) == std::string::npos);
    CHECK(text->find(token) == std::string::npos);
  }
  CHECK(serve.stdout_text().find(token) == std::string::npos);
}

TEST_CASE("readyz answers 503 with the reason while an account is not connected") {
  ServiceEnv env;  // never connected
  ServeProcess serve(env.args({"serve", "--tick-interval", "200"}), env.dir);
  const std::string url = serve.wait_listening();
  ocean::testing::HttpClient http;
  CHECK(http.request("GET", url + "/healthz").status == 200);  // alive all the same
  const auto r = wait_for<ocean::testing::HttpResponse>(
      [&] { return http.request("GET", url + "/readyz"); },
      [](const auto& x) { return x.json().as_object().at("accounts").as_array().size() == 1; });
  CHECK(r.status == 503);
  const auto o = r.json().as_object();
  CHECK(o.at("ready") == false);
  CHECK(o.at("accounts").at(0).at("link_state") == "disconnected");
  CHECK(o.at("accounts").at(0).at("reason").as_string().find("account.connect") != std::string::npos);
  const auto m = prom::parse(http.request("GET", url + "/metrics").body);
  CHECK(m.value("ocean_account_ready", {{"account", "tts-us"}}) == 0);
  CHECK(m.value("ocean_account_started", {{"account", "tts-us"}, {"plugin", "tiktok_shop"}}) == 1);
  CHECK(m.sum("ocean_token_expiry_seconds") == 0);  // no series while not connected
  CHECK(serve.stop() == 0);
  // Text log lines: time, level, account, component, message.
  const std::string err = serve.stderr_text();
  INFO(err);
  std::size_t lines = 0;
  for (std::size_t start = 0; start < err.size(); ++lines) {
    const std::size_t nl = err.find('\n', start);
    const std::string line = err.substr(start, nl - start);
    start = nl + 1;
    INFO(line);
    CHECK(is_rfc3339_ms_utc(line.substr(0, 24)));
    CHECK(line.substr(24, 2) == " [");
    const auto level_end = line.find("] [", 26);
    REQUIRE(level_end != std::string::npos);
    const auto account_end = line.find("] [", level_end + 3);
    REQUIRE(account_end != std::string::npos);
    CHECK(line.find("] ", account_end + 3) != std::string::npos);
  }
  CHECK(lines >= 2);
}
