// tts-sandbox: external order references (202406), coupons (read only, 202406), and promotion activities
// extended by their end time alone with webhook 39 on start, expiry and deactivation, over real HTTP.
#include "sandbox_domains/domains_fixture.hpp"

using namespace domains_test;

namespace {

json::object ref_entry(const std::string& order_id, const std::string& ext_id, const std::string& platform,
                       const json::value& origin) {
  return json::object{
      {"id", order_id},
      {"external_order",
       json::object{{"id", ext_id},
                    {"platform", platform},
                    {"line_items", json::array{json::object{{"id", ext_id + "-1"}, {"origin_id", origin}}}}}}};
}

const std::string kAdd = "/order/202406/orders/external_orders";

}  // namespace

TEST_CASE("external order references: add, replace per platform, read back and search") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto o = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string oid = str(o.at("id"));
  const auto line = o.at("line_items").as_array().at(0).as_object().at("id");
  const auto added = ok(call(s.client, "POST", kAdd, {},
                             json::object{{"orders", json::array{ref_entry(oid, "SO-1001", "ERP_SYSTEM", line)}}}));
  CHECK(added.at("errors").as_array().empty());
  const std::string get_path = "/order/202406/orders/" + oid + "/external_orders";
  auto refs = ok(call(s.client, "GET", get_path, {{"platform", "ERP_SYSTEM"}})).at("external_orders").as_array();
  REQUIRE(refs.size() == 1);
  CHECK(refs.at(0).as_object().at("id") == "SO-1001");
  CHECK(refs.at(0).as_object().at("line_items").as_array().at(0).as_object().at("origin_id") == line);
  // Same platform replaces; another platform adds a second reference.
  ok(call(s.client, "POST", kAdd, {},
          json::object{{"orders", json::array{ref_entry(oid, "SO-1002", "ERP_SYSTEM", line)}}}));
  ok(call(s.client, "POST", kAdd, {},
          json::object{{"orders", json::array{ref_entry(oid, "W-7", "WAREHOUSE_MANAGEMENT_SYSTEM", line)}}}));
  refs = ok(call(s.client, "GET", get_path, {{"platform", "ERP_SYSTEM"}})).at("external_orders").as_array();
  REQUIRE(refs.size() == 1);
  CHECK(refs.at(0).as_object().at("id") == "SO-1002");
  CHECK(ok(call(s.client, "GET", get_path, {{"platform", "SHOPIFY"}})).at("external_orders").as_array().empty());
  const auto found = ok(call(s.client, "POST", "/order/202406/orders/external_order_search",
                             {{"platform", "ERP_SYSTEM"}, {"external_order_id", "SO-1002"}}));
  REQUIRE(found.at("orders").as_array().size() == 1);
  CHECK(str(found.at("orders").as_array().at(0).as_object().at("id")) == oid);
  CHECK(ok(call(s.client, "POST", "/order/202406/orders/external_order_search",
                {{"platform", "ERP_SYSTEM"}, {"external_order_id", "SO-1001"}}))
            .at("orders")
            .as_array()
            .empty());

  // Per-order errors carry string codes; the good entries of the batch still apply.
  const auto mixed = ok(call(s.client, "POST", kAdd, {},
                             json::object{{"orders", json::array{ref_entry("999", "SO-9", "ERP_SYSTEM", line),
                                                                 ref_entry(oid, "SO-8", "ERP_SYSTEM", "nope"),
                                                                 ref_entry(oid, "SO-1003", "ERP_SYSTEM", line)}}}));
  const auto& errors = mixed.at("errors").as_array();
  REQUIRE(errors.size() == 2);
  CHECK(errors.at(0).as_object().at("code").is_string());
  CHECK(errors.at(0).as_object().at("detail").as_object().at("order_id") == "999");
  CHECK(ok(call(s.client, "GET", get_path, {{"platform", "ERP_SYSTEM"}}))
            .at("external_orders")
            .as_array()
            .at(0)
            .as_object()
            .at("id") == "SO-1003");

  // Whole-request refusals.
  rejected(call(s.client, "POST", kAdd, {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", kAdd, {}, json::object{{"orders", json::array{ref_entry(oid, "X", "FAX", line)}}}),
           400, 36009004);
  auto no_lines = ref_entry(oid, "X", "ERP_SYSTEM", line);
  no_lines.at("external_order").as_object().erase("line_items");
  rejected(call(s.client, "POST", kAdd, {}, json::object{{"orders", json::array{no_lines}}}), 400, 36009004);
  rejected(call(s.client, "GET", get_path), 400, 36009004);  // platform is required
  rejected(call(s.client, "GET", "/order/202406/orders/999/external_orders", {{"platform", "ERP_SYSTEM"}}), 400,
           36009004);
  rejected(call(s.client, "POST", "/order/202406/orders/external_order_search", {{"platform", "ERP_SYSTEM"}}), 400,
           36009004);
}

TEST_CASE("coupons: search by status, exact title and display type with paging, get one") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::string search = "/promotion/202406/coupons/search";
  const auto all = ok(call(s.client, "POST", search, {}, json::object{}));
  CHECK(all.at("total_count") == 6);
  CHECK(all.at("coupons").as_array().size() == 6);
  const auto ongoing = ok(call(s.client, "POST", search, {}, json::object{{"status", json::array{"ONGOING"}}}));
  CHECK(ongoing.at("total_count") == 3);
  for (const auto& c : ongoing.at("coupons").as_array()) CHECK(c.as_object().at("status") == "ONGOING");
  const auto titled = ok(call(s.client, "POST", search, {}, json::object{{"title_keyword", "Welcome 5 off"}}));
  CHECK(titled.at("total_count") == 1);
  CHECK(ok(call(s.client, "POST", search, {}, json::object{{"title_keyword", "Welcome"}})).at("total_count") == 0);
  const auto codes = ok(call(s.client, "POST", search, {}, json::object{{"display_type", json::array{"PROMO_CODE"}}}));
  REQUIRE(codes.at("coupons").as_array().size() == 1);
  CHECK(codes.at("coupons").as_array().at(0).as_object().contains("promo_code"));
  std::int64_t total = 0;
  const auto ids = all_pages(s.client, "POST", search, "coupons", "id", 4, json::object{}, &total);
  CHECK(ids.size() == 6);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 6);

  const std::string id = str(titled.at("coupons").as_array().at(0).as_object().at("id"));
  const auto got = ok(call(s.client, "GET", "/promotion/202406/coupons/" + id)).at("coupon").as_object();
  CHECK(got.at("title") == "Welcome 5 off");
  CHECK(got.at("discount").as_object().at("type") == "AMOUNT_OFF");
  CHECK(got.contains("usage_stats"));
  CHECK(got.at("create_time").to_number<std::int64_t>() > 1000000000000);  // milliseconds, as documented

  rejected(call(s.client, "GET", "/promotion/202406/coupons/123"), 400, 36009004);
  rejected(call(s.client, "POST", search, {}, json::object{{"status", json::array{"LIVE"}}}), 400, 36009004);
  rejected(call(s.client, "POST", search, {}, json::object{{"title_keyword", ""}}), 400, 36009004);
  rejected(call(s.client, "POST", search, {}, json::object{{"colour", "red"}}), 400, 36009004);
  rejected(call(s.client, "POST", search, {{"page_size", "101"}}, json::object{}), 400, 36009004);
}

TEST_CASE("promotions: an ongoing activity is extended by its end time alone, webhook 39 on status changes") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "PROMOTION_ACTIVITY_STATUS_CHANGE");
  const std::string kActivities = "/promotion/202309/activities";
  const auto listed = ok(call(s.client, "POST", kActivities + "/search", {}, json::object{{"status", "ONGOING"}}));
  REQUIRE(!listed.at("activities").as_array().empty());
  const auto ongoing = listed.at("activities").as_array().at(0).as_object();
  const std::string aid = str(ongoing.at("id"));
  const auto begin = ongoing.at("begin_time").to_number<std::int64_t>();
  const auto end = ongoing.at("end_time").to_number<std::int64_t>();
  auto put = [&](std::int64_t b, std::int64_t e) {
    return call(s.client, "PUT", kActivities + "/" + aid, {},
                json::object{{"title", ongoing.at("title")}, {"begin_time", b}, {"end_time", e}});
  };
  rejected(put(begin + 60, end + 86400), 400, 17029011);
  ok(put(begin, end + 86400));  // same title and begin: only the end moves
  const auto got = ok(call(s.client, "GET", kActivities + "/" + aid));
  CHECK(got.at("end_time") == end + 86400);
  CHECK(got.at("begin_time") == begin);
  CHECK(got.at("status") == "ONGOING");

  // A new activity starting in an hour: ONGOING is announced when it starts, DEACTIVATED when stopped.
  const auto now = s.client.admin("GET", "/_sandbox/clock").as_object().at("now").to_number<std::int64_t>();
  const auto created = ok(call(s.client, "POST", kActivities, {},
                               json::object{{"title", "Hourly deal"},
                                            {"activity_type", "DIRECT_DISCOUNT"},
                                            {"product_level", "PRODUCT"},
                                            {"begin_time", now + 3600},
                                            {"end_time", now + 7200}}));
  const std::string nid = str(created.at("activity_id"));
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 3700}});
  s.client.sync_clock();
  auto statuses_of = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const auto& h : hooks_of(receiver, 39)) {
      const auto& d = h.at("data").as_object();
      if (str(d.at("activity_id")) == id) out.push_back(str(d.at("status")));
    }
    return out;
  };
  REQUIRE(wait_hooks(receiver, [&] { return statuses_of(nid).size() == 1; }));
  CHECK(statuses_of(nid).at(0) == "ONGOING");
  const auto d = hooks_of(receiver, 39).at(0).at("data").as_object();
  CHECK(d.contains("activity_type"));
  CHECK(d.contains("product_level"));
  CHECK(d.contains("update_time"));
  ok(call(s.client, "POST", kActivities + "/" + nid + "/deactivate", {}, json::object{}));
  REQUIRE(wait_hooks(receiver, [&] { return statuses_of(nid).size() == 2; }));
  CHECK(statuses_of(nid).at(1) == "DEACTIVATED");
  rejected(call(s.client, "PUT", kActivities + "/" + nid, {},
                json::object{{"title", "Hourly deal"}, {"begin_time", now + 3600}, {"end_time", now + 9000}}),
           400, 17029010);

  // The extended activity expires at its new end: EXPIRED is announced once.
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", end + 86400 - now}});
  s.client.sync_clock();
  REQUIRE(wait_hooks(receiver, [&] { return statuses_of(aid).size() == 1; }));
  CHECK(statuses_of(aid).at(0) == "EXPIRED");
}
