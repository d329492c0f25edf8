// Shared setup for the domain tests: a running sandbox (fixed seed and start time, so the generated
// data is the same on every run), a signed client holding a token for one shop, and small helpers to
// call the open API and read the truth.
#pragma once
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <set>
#include <string>
#include <vector>

#include "support/sandbox_process.hpp"
#include "support/tts_client.hpp"
#include "support/webhook_receiver.hpp"

namespace domains_test {

namespace json = boost::json;
using ocean::testing::HttpResponse;
using ocean::testing::SandboxProcess;
using ocean::testing::TtsCall;
using ocean::testing::TtsClient;
using ocean::testing::WebhookReceiver;

inline const std::string kKey = "domains_app_key";
inline const std::string kSecret = "domains_app_secret";
inline constexpr std::int64_t kStart = 1767225600;  // 2026-01-01T00:00:00Z

inline std::vector<std::string> args(std::vector<std::string> extra = {}) {
  std::vector<std::string> a{"--app",        kKey + ":" + kSecret + ":7123456789:https://erp.example.com/cb",
                             "--seed",       "7",
                             "--start-time", std::to_string(kStart),
                             "--shops",      "2",
                             "--orders",     "150"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

struct Session {
  TtsClient client;
  std::string shop_id;
};

inline Session session(const SandboxProcess& sb, std::size_t shop_index = 0) {
  TtsClient c(sb.http_base(), sb.ca_file(), kKey, kSecret);
  c.sync_clock();
  const auto shops = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  const auto& shop = shops.at(shop_index).as_object();
  const auto token =
      c.admin("POST", "/_sandbox/tokens", json::object{{"app_key", kKey}, {"shop_ids", json::array{shop.at("id")}}});
  c.access_token = std::string(token.as_object().at("access_token").as_string());
  c.shop_cipher = std::string(shop.at("cipher").as_string());
  return Session{std::move(c), std::string(shop.at("id").as_string())};
}

inline HttpResponse call(TtsClient& c, const std::string& method, const std::string& path,
                         ocean::url::QueryParams query = {}, const json::value& body = nullptr) {
  TtsCall t;
  t.method = method;
  t.path = path;
  t.query = std::move(query);
  if (!body.is_null()) t.body = json::serialize(body);
  return c.call(t);
}

// The envelope's data of a successful call (fails the test otherwise).
inline json::object ok(const HttpResponse& r) {
  INFO(r.body);
  REQUIRE(r.status == 200);
  REQUIRE(r.code() == 0);
  return r.json().as_object().at("data").as_object();
}

// A rejection: HTTP status and API code, and data null.
inline void rejected(const HttpResponse& r, long status, std::int64_t code) {
  INFO(r.body);
  CHECK(r.status == status);
  CHECK(r.code() == code);
  CHECK(r.json().as_object().at("data").is_null());
}

inline json::object truth(TtsClient& c, const std::string& shop_id) {
  return c.admin("GET", "/_sandbox/truth?shop_id=" + shop_id).as_object();
}

inline std::string str(const json::value& v) { return std::string(v.as_string()); }

inline void subscribe(TtsClient& c, const std::string& event) {
  ok(call(c, "PUT", "/event/202309/webhooks", {},
          json::object{{"event_type", event}, {"address", "https://erp.example.com/hooks"}}));
}

// Webhook bodies received so far whose type is `type`.
inline std::vector<json::object> hooks_of(WebhookReceiver& r, std::int64_t type) {
  std::vector<json::object> out;
  for (const auto& req : r.received()) {
    const auto v = json::parse(req.body).as_object();
    if (v.at("type").to_number<std::int64_t>() == type) out.push_back(v);
  }
  return out;
}

// Waits until `pred` holds on the received webhooks (generous timeout for a noisy machine).
template <class Pred>
bool wait_hooks(WebhookReceiver& r, Pred pred) {
  r.wait_for(1);  // at least one delivery first
  for (int i = 0; i < 600; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return pred();
}

// Follows next_page_token through every page of a search and returns the ids (field `id_key` of each
// element of `list_key`), checking total_count on each page.
inline std::vector<std::string> all_pages(TtsClient& c, const std::string& method, const std::string& path,
                                          const std::string& list_key, const std::string& id_key, int page_size,
                                          const json::value& body = json::object{}, std::int64_t* total = nullptr) {
  std::vector<std::string> ids;
  std::string token;
  for (int guard = 0; guard < 1000; ++guard) {
    ocean::url::QueryParams q{{"page_size", std::to_string(page_size)}};
    if (!token.empty()) q.emplace_back("page_token", token);
    const auto d = ok(call(c, method, path, q, body));
    const auto& list = d.at(list_key).as_array();
    CHECK(static_cast<int>(list.size()) <= page_size);
    for (const auto& e : list) ids.push_back(str(e.as_object().at(id_key)));
    if (total && d.contains("total_count")) *total = d.at("total_count").to_number<std::int64_t>();
    token = str(d.at("next_page_token"));
    if (token.empty()) break;
  }
  return ids;
}

// A fresh order created now and moved to `status` with its automatic flow frozen; it has at least
// `min_items` line items.
inline json::object order_in(TtsClient& c, const std::string& shop_id, const std::string& status,
                             std::size_t min_items = 1) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const auto created = c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id}, {"count", 1}});
    const auto order = created.as_object().at("orders").as_array().at(0).as_object();
    if (order.at("line_items").as_array().size() < min_items) continue;
    // Through AWAITING_SHIPMENT first, so the order is paid like a real one that got there.
    const std::string path = "/_sandbox/orders/" + str(order.at("id")) + "/status";
    auto moved = c.admin("POST", path, json::object{{"status", "AWAITING_SHIPMENT"}, {"freeze", true}});
    if (status != "AWAITING_SHIPMENT")
      moved = c.admin("POST", path, json::object{{"status", status}, {"freeze", true}});
    return moved.as_object();
  }
  FAIL("no order with enough line items");
  return {};
}

inline json::object get_order(TtsClient& c, const std::string& id) {
  const auto d = ok(call(c, "GET", "/order/202309/orders", {{"ids", id}}));
  return d.at("orders").as_array().at(0).as_object();
}

}  // namespace domains_test
