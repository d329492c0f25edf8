// The LIVE planner against tts-sandbox: plan with a flash sale over the window, overlap checks
// within an account and across the host's accounts (the shared calendar in the module data dir),
// cancel (the flash sale is deactivated), and performance: the LIVE matched from the analytics
// list and the orders attributed to the session.
#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <set>

#include "ops_env.hpp"

using namespace ops_test;

namespace {

json::array featured(OpsEnv& env, std::size_t n, const char* price) {
  json::array out;
  for (const auto& p : env.truth_list("products")) {
    if (str(p, "status") != "ACTIVATE" || out.size() >= n) continue;
    out.push_back(json::object{{"product_id", p.at("id")}, {"session_price", price}});
  }
  return out;
}

}  // namespace

TEST_CASE("LIVE: plan runs a flash sale over the window - overlaps are refused within and across the host's accounts") {
  auto& env = OpsEnv::get();
  auto* a = env.account("acct-live-a");
  auto* b = env.account("acct-live-b");
  const std::int64_t t0 = env.now();
  const auto products = featured(env, 2, "0.01");
  const auto s =
      env.ok(a, "live.sessions.plan",
             json::object{
                 {"title", "Spring LIVE"}, {"start_time", t0 + 1800}, {"end_time", t0 + 5400}, {"products", products}});
  const std::string sid = str(s, "session_id");
  CHECK(str(s, "status") == "planned");
  CHECK(str(s, "account_id") == "acct-live-a");
  const std::string activity = str(s, "flash_sale_activity_id");
  REQUIRE_FALSE(activity.empty());
  const auto sale = env.ok(a, "promotions.get", json::object{{"activity_id", activity}});
  CHECK(str(sale, "activity_type") == "FLASHSALE");
  CHECK(str(sale, "begin_time") == str(s, "start_time"));
  CHECK(str(sale, "end_time") == str(s, "end_time"));
  CHECK(sale.at("products").as_array().size() == 2);

  // The shared calendar is in the module data dir init was given, not beside the accounts' dirs.
  CHECK(std::filesystem::exists(env.module_root.path() / "tiktok_shop_live_calendar.db"));
  CHECK_FALSE(std::filesystem::exists(env.root.path() / "tiktok_shop_live_calendar.db"));

  const auto seq = env.last_seq();
  // Same account, overlapping: one LIVE room at a time.
  const Reply same = env.call(
      a, "live.sessions.plan",
      json::object{{"title", "Encore"}, {"start_time", t0 + 5000}, {"end_time", t0 + 6000}, {"products", products}});
  CHECK(same.status == OCEAN_INVALID_STATE);
  CHECK(same.message.find("Spring LIVE") != std::string::npos);
  // Another account of the same host, overlapping: refused unless allowed.
  const Reply other = env.call(
      b, "live.sessions.plan",
      json::object{{"title", "Other"}, {"start_time", t0 + 3000}, {"end_time", t0 + 4000}, {"products", products}});
  CHECK(other.status == OCEAN_INVALID_STATE);
  CHECK(other.message.find("acct-live-a") != std::string::npos);
  CHECK(env.api_calls_since(seq).empty());  // refused before any call
  const auto allowed = env.ok(b, "live.sessions.plan",
                              json::object{{"title", "Other"},
                                           {"start_time", t0 + 3000},
                                           {"end_time", t0 + 4000},
                                           {"products", products},
                                           {"flash_sale", false},
                                           {"allow_overlap_with_other_accounts", true}});
  CHECK(str(allowed, "flash_sale_activity_id").empty());
  // Back to back is not an overlap ([start, end)).
  const auto next = env.ok(a, "live.sessions.plan",
                           json::object{{"title", "Late show"},
                                        {"start_time", t0 + 5400},
                                        {"end_time", t0 + 6000},
                                        {"products", products},
                                        {"flash_sale", false}});

  const auto listed = env.ok(a, "live.sessions.list", json::object{{"status", "planned"}});
  CHECK(listed.at("count").as_int64() == 2);
  CHECK(str(env.ok(a, "live.sessions.get", json::object{{"session_id", sid}}), "title") == "Spring LIVE");
  CHECK(env.call(b, "live.sessions.get", json::object{{"session_id", sid}}).status == OCEAN_NOT_FOUND);  // A's, not B's

  const auto cancelled = env.ok(a, "live.sessions.cancel", json::object{{"session_id", sid}});
  CHECK(str(cancelled, "status") == "cancelled");
  CHECK(str(env.ok(a, "promotions.get", json::object{{"activity_id", activity}}), "status") == "DEACTIVATED");
  CHECK(env.call(a, "live.sessions.cancel", json::object{{"session_id", sid}}).status == OCEAN_INVALID_STATE);
  // The window is free again for account A (B's session was allowed to overlap others, and
  // still blocks A unless A allows it too).
  CHECK(env.call(a, "live.sessions.plan",
                 json::object{{"title", "Again"},
                              {"start_time", t0 + 1800},
                              {"end_time", t0 + 2400},
                              {"products", products},
                              {"flash_sale", false}})
            .status == OCEAN_OK);
  (void)next;
}

TEST_CASE(
    "LIVE performance: the overlapping LIVE is matched and orders in the window with featured products are "
    "attributed") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-live-perf");
  TestHost& host = env.host_of("acct-live-perf");
  const std::int64_t t0 = env.now();
  const auto products = featured(env, 50, "0.01");  // every active product is featured
  std::set<std::string> featured_ids;
  for (const auto& p : products) featured_ids.insert(str(p, "product_id"));
  const auto s = env.ok(inst, "live.sessions.plan",
                        json::object{{"title", "Perf LIVE"},
                                     {"start_time", t0 + 600},
                                     {"end_time", t0 + 4200},
                                     {"products", products},
                                     {"flash_sale", false},
                                     {"allow_overlap_with_other_accounts", true}});
  const std::string sid = str(s, "session_id");
  CHECK(env.call(inst, "live.sessions.performance", json::object{{"session_id", sid}}).status ==
        OCEAN_INVALID_STATE);  // not started

  const auto live = env.admin(
      "POST", "/_sandbox/lives",
      json::object{
          {"shop_id", env.shop_id}, {"start_time", t0 + 700}, {"end_time", t0 + 4000}, {"title", "Perf LIVE"}});
  env.admin("POST", "/_sandbox/lives",
            json::object{
                {"shop_id", env.shop_id}, {"start_time", t0 + 5000}, {"end_time", t0 + 6000}, {"title", "Perf LIVE"}});

  // Into the window (sandbox and host clocks together: requests are signed with the host's).
  env.admin("POST", "/_sandbox/clock", json::object{{"advance", 1200}});
  host.advance_ms(1200 * 1000);
  const auto created = env.admin("POST", "/_sandbox/orders", json::object{{"shop_id", env.shop_id}, {"count", 6}});
  for (const auto& o : created.as_object().at("orders").as_array()) {
    env.admin("POST", "/_sandbox/orders/" + str(o, "id") + "/status",
              json::object{{"status", "AWAITING_SHIPMENT"}, {"freeze", true}});
  }
  env.admin("POST", "/_sandbox/clock", json::object{{"advance", 4000}});
  host.advance_ms(4000 * 1000);

  const auto perf = env.ok(inst, "live.sessions.performance", json::object{{"session_id", sid}});
  // Back to real time for the other tests (this account's host clock is not used again).
  env.admin("POST", "/_sandbox/clock", json::object{{"set", static_cast<std::int64_t>(std::time(nullptr))}});

  CHECK(str(perf, "status") == "ended");
  const auto& p = perf.at("performance").as_object();
  REQUIRE(p.at("matched_live").is_object());
  CHECK(str(p.at("matched_live"), "id") == str(live, "id"));
  CHECK(p.at("matched_live").as_object().contains("sales_performance"));
  CHECK(is_rfc3339_utc(str(perf, "performance_fetched_at")));

  // Independently from the sandbox's truth: orders created in [start, end), paid and not
  // cancelled, with at least one featured product.
  std::set<std::string> expected;
  for (const auto& o : env.truth_list("orders")) {
    const auto ct = o.at("create_time").to_number<std::int64_t>();
    const std::string st = str(o, "status");
    if (ct < t0 + 600 || ct >= t0 + 4200 || st == "UNPAID" || st == "CANCELLED") continue;
    for (const auto& li : o.at("line_items").as_array()) {
      if (featured_ids.count(str(li, "product_id"))) expected.insert(str(o, "id"));
    }
  }
  REQUIRE(expected.size() >= 6);
  std::set<std::string> attributed;
  for (const auto& id : p.at("attributed_orders").at("order_ids").as_array())
    attributed.insert(std::string(id.as_string()));
  CHECK(attributed == expected);
  // Stored: get returns the same performance without another call.
  const auto seq = env.last_seq();
  CHECK(env.ok(inst, "live.sessions.get", json::object{{"session_id", sid}}).at("performance") ==
        perf.at("performance"));
  CHECK(env.api_calls_since(seq).empty());
}
