// Promotions over real HTTP: create/update validation, product terms checked against real SKU prices,
// overlap refusal, status following the sandbox clock (NOT_START -> ONGOING -> EXPIRED, DEACTIVATED),
// product removal and search paging.
#include "domains_fixture.hpp"

using namespace domains_test;

namespace {

const std::string kActivities = "/promotion/202309/activities";

json::object activity(const std::string& title, const std::string& type, const std::string& level, std::int64_t begin,
                      std::int64_t end) {
  return json::object{
      {"title", title}, {"activity_type", type}, {"product_level", level}, {"begin_time", begin}, {"end_time", end}};
}

// A live product that no generated activity uses.
json::object free_product(const json::object& t, std::size_t skip = 0) {
  std::set<std::string> used;
  for (const auto& a : t.at("promotions").as_array())
    for (const auto& p : a.as_object().at("products").as_array()) used.insert(str(p.as_object().at("id")));
  for (const auto& p : t.at("products").as_array()) {
    const auto& o = p.as_object();
    if (o.at("status") == "ACTIVATE" && !used.count(str(o.at("id"))) && skip-- == 0) return o;
  }
  FAIL("no free live product");
  return {};
}

std::int64_t lowest_price_minor(const json::object& product) {
  std::int64_t lowest = INT64_MAX;
  for (const auto& s : product.at("skus").as_array()) {
    std::string p = str(s.as_object().at("price").as_object().at("sale_price"));
    p.erase(std::remove(p.begin(), p.end(), '.'), p.end());
    lowest = std::min<std::int64_t>(lowest, std::stoll(p));
  }
  return lowest;
}

std::string cents(std::int64_t minor) {
  return std::to_string(minor / 100) + "." + (minor % 100 < 10 ? "0" : "") + std::to_string(minor % 100);
}

}  // namespace

TEST_CASE("activity creation is validated before anything is stored") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::int64_t now = s.client.sandbox_now();
  const auto good = activity("Spring sale", "FIXED_PRICE", "PRODUCT", now + 3600, now + 7 * 86400);
  auto with = [&](const char* key, json::value v) {
    json::object b = good;
    b[key] = std::move(v);
    return b;
  };
  rejected(call(s.client, "POST", kActivities, {}, with("title", json::value(std::string(51, 'x')))), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("title", "")), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("activity_type", "BOGO")), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("product_level", "SKU")), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("end_time", now + 3600)), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("begin_time", now - 86400)), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("begin_time", "tomorrow")), 400, 36009004);
  rejected(call(s.client, "POST", kActivities, {}, with("product_level", "SHOP")), 400, 36009004);
  json::object missing = good;
  missing.erase("activity_type");
  rejected(call(s.client, "POST", kActivities, {}, missing), 400, 36009004);
  const auto before = truth(s.client, s.shop_id).at("promotions").as_array().size();
  // A 50-character title (multi-byte characters count once) is fine.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "\xC3\xA9";
  const auto d = ok(call(s.client, "POST", kActivities, {}, with("title", json::value(fifty))));
  CHECK(d.at("status") == "NOT_START");
  CHECK_FALSE(str(d.at("activity_id")).empty());
  CHECK(truth(s.client, s.shop_id).at("promotions").as_array().size() == before + 1);
  const auto shipping = ok(call(s.client, "POST", kActivities, {},
                                activity("Free shipping", "SHIPPING_DISCOUNT", "SHOP", now + 60, now + 86400)));
  rejected(call(s.client, "PUT", kActivities + "/" + str(shipping.at("activity_id")) + "/products", {},
                json::object{{"products", json::array{json::object{{"id", "1"}}}}}),
           400, 36009004);
}

TEST_CASE("activity products: prices against real SKUs, overlaps, removal - status follows the clock") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  const std::int64_t now = s.client.sandbox_now();
  const auto product = free_product(t);
  const std::string pid = str(product.at("id"));
  const std::int64_t lowest = lowest_price_minor(product);
  const auto created = ok(call(s.client, "POST", kActivities, {},
                               activity("Fixed price week", "FIXED_PRICE", "PRODUCT", now + 3600, now + 7 * 86400)));
  const std::string aid = str(created.at("activity_id"));
  const std::string products = kActivities + "/" + aid + "/products";
  auto entry = [&](json::object extra) {
    extra["id"] = pid;
    return json::object{{"products", json::array{extra}}};
  };
  rejected(call(s.client, "PUT", products, {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "PUT", products, {}, entry({})), 400, 36009004);  // price required
  rejected(call(s.client, "PUT", products, {}, entry({{"activity_price_amount", cents(lowest)}})), 400, 36009004);
  rejected(call(s.client, "PUT", products, {}, entry({{"activity_price_amount", "0.00"}})), 400, 36009004);
  rejected(call(s.client, "PUT", products, {}, entry({{"activity_price_amount", "abc"}})), 400, 36009004);
  rejected(call(s.client, "PUT", products, {}, entry({{"activity_price_amount", "1.00"}, {"discount", "10"}})), 400,
           36009004);
  rejected(call(s.client, "PUT", products, {},
                entry({{"activity_price_amount", "1.00"}, {"skus", json::array{json::object{{"id", "1"}}}}})),
           400, 36009004);
  rejected(call(s.client, "PUT", products, {}, entry({{"activity_price_amount", "1.00"}, {"quantity_per_user", 0}})),
           400, 36009004);
  rejected(
      call(s.client, "PUT", products, {},
           json::object{{"products", json::array{json::object{{"id", "123"}, {"activity_price_amount", "1.00"}}}}}),
      400, 36009004);
  CHECK(ok(call(s.client, "GET", kActivities + "/" + aid)).at("products").as_array().empty());

  const std::string price = cents(lowest - 1);
  const auto put =
      ok(call(s.client, "PUT", products, {},
              entry({{"activity_price_amount", price}, {"quantity_limit", 100}, {"quantity_per_user", 2}})));
  CHECK(put.at("updated_count") == 1);
  auto got = ok(call(s.client, "GET", kActivities + "/" + aid));
  CHECK(str(got.at("activity_id")) == aid);
  CHECK(got.at("status") == "NOT_START");
  REQUIRE(got.at("products").as_array().size() == 1);
  const auto& p = got.at("products").as_array().at(0).as_object();
  CHECK(str(p.at("id")) == pid);
  CHECK(str(p.at("activity_price").as_object().at("amount")) == price);
  CHECK(p.at("quantity_per_user") == 2);

  // The same product cannot be in an overlapping price activity.
  const auto other = ok(call(s.client, "POST", kActivities, {},
                             activity("Overlap", "DIRECT_DISCOUNT", "PRODUCT", now + 86400, now + 2 * 86400)));
  rejected(call(s.client, "PUT", kActivities + "/" + str(other.at("activity_id")) + "/products", {},
                entry({{"discount", "10"}})),
           400, 36009004);

  // Time moves the status; an ongoing activity keeps its begin_time.
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 7200}});
  s.client.sync_clock();
  CHECK(ok(call(s.client, "GET", kActivities + "/" + aid)).at("status") == "ONGOING");
  // Title, begin_time and end_time are all required; an ongoing activity is extended by resending its
  // begin_time unchanged (17029011 otherwise).
  const auto begin = ok(call(s.client, "GET", kActivities + "/" + aid)).at("begin_time").to_number<std::int64_t>();
  const auto update = [&](json::value title, json::value b, json::value e) {
    json::object body{{"title", title}, {"begin_time", b}, {"end_time", e}};
    for (auto it = body.begin(); it != body.end();) it = it->value().is_null() ? body.erase(it) : it + 1;
    return call(s.client, "PUT", kActivities + "/" + aid, {}, body);
  };
  rejected(update("Fixed price week", nullptr, now + 8 * 86400), 400, 36009004);
  rejected(update(nullptr, begin, now + 8 * 86400), 400, 36009004);
  rejected(update("Fixed price week", now + 9000, now + 8 * 86400), 400, 17029011);
  rejected(update(json::value(std::string(60, 'y')), begin, now + 8 * 86400), 400, 36009004);
  const auto upd = ok(update("Fixed price week (extended)", begin, now + 8 * 86400));
  CHECK(str(upd.at("activity_id")) == aid);
  got = ok(call(s.client, "GET", kActivities + "/" + aid));
  CHECK(got.at("title") == "Fixed price week (extended)");
  CHECK(got.at("end_time") == now + 8 * 86400);

  // Removing products.
  rejected(call(s.client, "DELETE", products, {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "DELETE", products, {}, json::object{{"product_ids", json::array{"999"}}}), 400, 36009004);
  ok(call(s.client, "DELETE", products, {}, json::object{{"product_ids", json::array{json::value(pid)}}}));
  CHECK(ok(call(s.client, "GET", kActivities + "/" + aid)).at("products").as_array().empty());

  // Deactivation is final.
  const auto deact = ok(call(s.client, "POST", kActivities + "/" + aid + "/deactivate", {}, json::object{}));
  CHECK(deact.at("status") == "DEACTIVATED");
  rejected(call(s.client, "POST", kActivities + "/" + aid + "/deactivate", {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "PUT", products, {}, entry({{"activity_price_amount", price}})), 400, 36009004);
  rejected(call(s.client, "GET", kActivities + "/12345"), 400, 36009004);

  // After its end an activity is EXPIRED and can no longer change.
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 3 * 86400}});
  s.client.sync_clock();
  CHECK(ok(call(s.client, "GET", kActivities + "/" + str(other.at("activity_id")))).at("status") == "EXPIRED");
  const auto other_got = ok(call(s.client, "GET", kActivities + "/" + str(other.at("activity_id"))));
  rejected(
      call(s.client, "PUT", kActivities + "/" + str(other.at("activity_id")), {},
           json::object{{"title", "x"}, {"begin_time", other_got.at("begin_time")}, {"end_time", now + 30 * 86400}}),
      400, 17029012);
}

TEST_CASE("variation-level discounts need SKUs of the product and whole percentages") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  const std::int64_t now = s.client.sandbox_now();
  const auto product = free_product(t, 1);
  const std::string pid = str(product.at("id"));
  const std::string sku = str(product.at("skus").as_array().at(0).as_object().at("id"));
  const auto created = ok(call(s.client, "POST", kActivities, {},
                               activity("Variation discount", "DIRECT_DISCOUNT", "VARIATION", now + 60, now + 86400)));
  const std::string products = kActivities + "/" + str(created.at("activity_id")) + "/products";
  auto with_sku = [&](json::object sku_terms) {
    return json::object{{"products", json::array{json::object{{"id", pid}, {"skus", json::array{sku_terms}}}}}};
  };
  rejected(call(s.client, "PUT", products, {}, json::object{{"products", json::array{json::object{{"id", pid}}}}}), 400,
           36009004);
  for (const char* bad : {"0", "100", "abc", "5.5"}) {
    rejected(call(s.client, "PUT", products, {}, with_sku({{"id", sku}, {"discount", bad}})), 400, 36009004);
  }
  rejected(call(s.client, "PUT", products, {}, with_sku({{"id", "1"}, {"discount", "15"}})), 400, 36009004);
  ok(call(s.client, "PUT", products, {}, with_sku({{"id", sku}, {"discount", "15"}})));
  const auto got = ok(call(s.client, "GET", kActivities + "/" + str(created.at("activity_id"))));
  const auto& skus = got.at("products").as_array().at(0).as_object().at("skus").as_array();
  REQUIRE(skus.size() == 1);
  CHECK(skus.at(0).as_object().at("discount") == "15");
}

TEST_CASE("activity search: status filter and body paging return every activity exactly once") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::int64_t now = s.client.sandbox_now();
  for (int i = 0; i < 5; ++i) {
    ok(call(s.client, "POST", kActivities, {},
            activity("Batch " + std::to_string(i), "DIRECT_DISCOUNT", "PRODUCT", now + 60 + i, now + 86400)));
  }
  const auto t = truth(s.client, s.shop_id);
  std::set<std::string> all;
  for (const auto& a : t.at("promotions").as_array()) all.insert(str(a.as_object().at("id")));
  std::vector<std::string> seen;
  std::string token;
  std::int64_t total = 0;
  while (true) {
    json::object body{{"page_size", 2}};
    if (!token.empty()) body["page_token"] = token;
    const auto d = ok(call(s.client, "POST", kActivities + "/search", {}, body));
    for (const auto& a : d.at("activities").as_array()) seen.push_back(str(a.as_object().at("id")));
    total = d.at("total_count").to_number<std::int64_t>();
    token = str(d.at("next_page_token"));
    if (token.empty()) break;
  }
  CHECK(seen.size() == all.size());
  CHECK(std::set<std::string>(seen.begin(), seen.end()) == all);
  CHECK(total == static_cast<std::int64_t>(all.size()));
  const auto not_start = ok(
      call(s.client, "POST", kActivities + "/search", {}, json::object{{"status", "NOT_START"}, {"page_size", 100}}));
  for (const auto& a : not_start.at("activities").as_array()) CHECK(a.as_object().at("status") == "NOT_START");
  CHECK(not_start.at("activities").as_array().size() >= 6);  // the five above and the generated upcoming one
  const auto titled =
      ok(call(s.client, "POST", kActivities + "/search", {}, json::object{{"activity_title", "Batch 3"}}));
  CHECK(titled.at("activities").as_array().size() == 1);
  rejected(call(s.client, "POST", kActivities + "/search", {}, json::object{{"page_size", 0}}), 400, 36009004);
  rejected(call(s.client, "POST", kActivities + "/search", {}, json::object{{"page_size", 101}}), 400, 36009004);
  rejected(call(s.client, "POST", kActivities + "/search", {}, json::object{{"status", "RUNNING"}}), 400, 36009004);
  rejected(call(s.client, "POST", kActivities + "/search", {}, json::object{{"page_token", "garbage"}}), 400, 36009004);
}
