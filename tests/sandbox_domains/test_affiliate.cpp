// Affiliate (seller side) over real HTTP: open collaborations (create with the commission-rate range,
// search and paging), the creator marketplace (12-or-20 pages, filters, search_key, one creator), and
// affiliate orders tied to real orders with commissions recomputable from the truth.
#include "domains_fixture.hpp"

using namespace domains_test;

namespace {

std::int64_t minor(const json::value& v) {
  std::string s = str(v);
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  return std::stoll(s);
}

}  // namespace

TEST_CASE("open collaborations: commission rate range, product checks, search and paging") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  std::set<std::string> collaborating;
  for (const auto& c : t.at("open_collaborations").as_array())
    collaborating.insert(str(c.as_object().at("product").as_object().at("id")));
  std::string free_pid, inactive_pid;
  for (const auto& p : t.at("products").as_array()) {
    const auto& o = p.as_object();
    if (o.at("status") == "ACTIVATE" && !collaborating.count(str(o.at("id"))) && free_pid.empty())
      free_pid = str(o.at("id"));
    if (o.at("status") != "ACTIVATE" && inactive_pid.empty()) inactive_pid = str(o.at("id"));
  }
  REQUIRE_FALSE(free_pid.empty());
  const std::string create = "/affiliate_seller/202405/open_collaborations";
  rejected(call(s.client, "POST", create, {}, json::object{{"commission_rate", 3587}}), 400, 36009004);
  rejected(call(s.client, "POST", create, {}, json::object{{"product_id", free_pid}}), 400, 36009004);
  rejected(call(s.client, "POST", create, {}, json::object{{"product_id", free_pid}, {"commission_rate", 99}}), 400,
           36009004);
  rejected(call(s.client, "POST", create, {}, json::object{{"product_id", free_pid}, {"commission_rate", 8001}}), 400,
           36009004);
  rejected(call(s.client, "POST", create, {}, json::object{{"product_id", free_pid}, {"commission_rate", "35.87"}}),
           400, 36009004);
  rejected(call(s.client, "POST", create, {}, json::object{{"product_id", "1"}, {"commission_rate", 3587}}), 400,
           36009004);
  if (!inactive_pid.empty()) {
    rejected(call(s.client, "POST", create, {}, json::object{{"product_id", inactive_pid}, {"commission_rate", 3587}}),
             400, 36009004);
  }
  const auto created = ok(call(
      s.client, "POST", create, {},
      json::object{{"product_id", free_pid}, {"commission_rate", 3587}, {"require_seller_approve_creator", true}}));
  const std::string cid = str(created.at("open_collaboration_id"));
  const std::string search = "/affiliate_seller/202409/open_collaborations/search";
  const auto found = ok(call(s.client, "POST", search, {{"page_size", "10"}},
                             json::object{{"keyword", free_pid}, {"keyword_type", "PRODUCT_ID"}}));
  REQUIRE(found.at("open_collaborations").as_array().size() == 1);
  const auto& col = found.at("open_collaborations").as_array().at(0).as_object();
  CHECK(str(col.at("id")) == cid);
  CHECK(col.at("current_commission").as_object().at("rate") == 3587);
  CHECK(col.at("require_seller_approve_creator") == true);
  CHECK(col.at("status") == "NORMAL");
  CHECK(col.at("product").as_object().at("status") == "LIVE");
  // A second create for the product changes its terms instead of adding another collaboration.
  const auto again =
      ok(call(s.client, "POST", create, {}, json::object{{"product_id", free_pid}, {"commission_rate", 1200}}));
  CHECK(str(again.at("open_collaboration_id")) == cid);

  std::int64_t total = 0;
  const auto ids = all_pages(s.client, "POST", search, "open_collaborations", "id", 3, json::object{}, &total);
  CHECK(ids.size() == collaborating.size() + 1);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  CHECK(total == static_cast<std::int64_t>(ids.size()));
  rejected(call(s.client, "POST", search, {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", search, {{"page_size", "101"}}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", search, {{"page_size", "10"}}, json::object{{"keyword", "x"}}), 400, 36009004);
  rejected(call(s.client, "POST", search, {{"page_size", "10"}, {"sort_field", "gmv"}}, json::object{}), 400, 36009004);
}

TEST_CASE("creator marketplace: pages of 12 or 20, filters, search_key, one creator") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  const auto& creators = t.at("creators").as_array();
  REQUIRE(creators.size() == 40);
  const std::string path = "/affiliate_seller/202406/marketplace_creators/search";
  std::vector<std::string> seen;
  std::vector<std::int64_t> followers;
  std::string token, key;
  while (true) {
    ocean::url::QueryParams q{{"page_size", "12"}};
    if (!token.empty()) q.emplace_back("page_token", token);
    json::object body;
    if (!key.empty()) body["search_key"] = key;
    const auto d = ok(call(s.client, "POST", path, q, body));
    key = str(d.at("search_key"));
    for (const auto& c : d.at("creators").as_array()) {
      seen.push_back(str(c.as_object().at("user_id")));
      followers.push_back(c.as_object().at("follower_count").to_number<std::int64_t>());
    }
    token = str(d.at("next_page_token"));
    if (token.empty()) break;
  }
  CHECK(seen.size() == 40);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 40);
  CHECK(std::is_sorted(followers.rbegin(), followers.rend()));
  for (const char* bad : {"10", "13", "50"})
    rejected(call(s.client, "POST", path, {{"page_size", bad}}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", path, {{"page_size", "20"}}, json::object{{"search_key", "sk123"}}), 400, 36009004);
  rejected(
      call(s.client, "POST", path, {{"page_size", "20"}}, json::object{{"gmv_ranges", json::array{"GMV_RANGE_ALL"}}}),
      400, 36009004);
  // Follower-count filter against the truth.
  const auto filtered = ok(
      call(s.client, "POST", path, {{"page_size", "20"}},
           json::object{{"follower_demographics",
                         json::object{{"count_range", json::object{{"count_ge", 100000}, {"count_le", 1000000}}}}}}));
  std::size_t expected = 0;
  for (const auto& c : creators) {
    const auto f = c.as_object().at("follower_count").to_number<std::int64_t>();
    expected += f >= 100000 && f <= 1000000;
  }
  CHECK(filtered.at("creators").as_array().size() == std::min<std::size_t>(expected, 20));
  for (const auto& c : filtered.at("creators").as_array()) {
    const auto f = c.as_object().at("follower_count").to_number<std::int64_t>();
    CHECK((f >= 100000 && f <= 1000000));
  }
  // Keyword matches the username.
  const auto& first = creators.at(0).as_object();
  const auto by_name =
      ok(call(s.client, "POST", path, {{"page_size", "12"}}, json::object{{"keyword", first.at("username")}}));
  REQUIRE(by_name.at("creators").as_array().size() >= 1);
  CHECK(by_name.at("creators").as_array().at(0).as_object().at("username") == first.at("username"));
  const auto one =
      ok(call(s.client, "GET", "/affiliate_seller/202406/marketplace_creators/" + str(first.at("user_id"))));
  CHECK(one.at("creator").as_object().at("username") == first.at("username"));
  CHECK(one.at("creator").as_object().at("follower_count") == first.at("follower_count"));
  rejected(call(s.client, "GET", "/affiliate_seller/202406/marketplace_creators/123"), 400, 36009004);
}

TEST_CASE("affiliate orders are real orders with commissions from the collaboration's rate") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  std::map<std::string, json::object> orders, collaborations;
  for (const auto& o : t.at("orders").as_array()) orders[str(o.as_object().at("id"))] = o.as_object();
  for (const auto& c : t.at("open_collaborations").as_array())
    collaborations[str(c.as_object().at("id"))] = c.as_object();
  std::set<std::string> usernames;
  for (const auto& c : t.at("creators").as_array()) usernames.insert(str(c.as_object().at("username")));
  const auto& expected = t.at("affiliate_orders").as_array();
  REQUIRE(expected.size() > 3);
  const std::string path = "/affiliate_seller/202410/orders/search";
  std::int64_t total = 0;
  const auto ids = all_pages(s.client, "POST", path, "orders", "id", 4, json::object{}, &total);
  CHECK(ids.size() == expected.size());
  CHECK(total == static_cast<std::int64_t>(expected.size()));
  std::set<std::string> want;
  for (const auto& a : expected) want.insert(str(a.as_object().at("id")));
  CHECK(std::set<std::string>(ids.begin(), ids.end()) == want);
  for (const auto& av : expected) {
    const auto& a = av.as_object();
    REQUIRE(orders.count(str(a.at("id"))) == 1);
    const auto& order = orders.at(str(a.at("id")));
    CHECK(a.at("create_time") == order.at("create_time"));
    std::map<std::string, std::int64_t> units, base_sum;  // per product, from the affiliate view
    for (const auto& sv : a.at("skus").as_array()) {
      const auto& sku = sv.as_object();
      const auto& col = collaborations.at(str(sku.at("open_collaboration_id")));
      CHECK(sku.at("product_id") == col.at("product").as_object().at("id"));
      CHECK(col.at("create_time").to_number<std::int64_t>() <= order.at("create_time").to_number<std::int64_t>());
      CHECK(usernames.count(str(sku.at("creator_username"))) == 1);
      const std::int64_t qty = sku.at("quantity").to_number<std::int64_t>();
      const std::int64_t price = minor(sku.at("price").as_object().at("amount"));
      const std::int64_t rate = std::stoll(str(sku.at("commission_rate")));
      CHECK(rate >= 100);
      CHECK(rate <= 8000);
      CHECK(minor(sku.at("estimated_commission_base").as_object().at("amount")) == price * qty);
      CHECK(minor(sku.at("estimated_paid_commission").as_object().at("amount")) == price * qty * rate / 10000);
      units[str(sku.at("product_id"))] += qty;
      base_sum[str(sku.at("product_id"))] += price * qty;
    }
    // ... and they add up to the order's line items (one unit each) of those products.
    for (const auto& [product, n] : units) {
      std::int64_t lines = 0, sum = 0;
      for (const auto& li : order.at("line_items").as_array()) {
        if (str(li.as_object().at("product_id")) != product) continue;
        ++lines;
        sum += minor(li.as_object().at("sale_price"));
      }
      CHECK(n == lines);
      CHECK(base_sum[product] == sum);
    }
  }
  // program_id narrows to one collaboration; a time window to the orders created in it.
  const auto& sample = expected.at(0).as_object();
  const std::string program = str(sample.at("skus").as_array().at(0).as_object().at("open_collaboration_id"));
  const auto by_program = all_pages(s.client, "POST", path, "orders", "id", 50, json::object{{"program_id", program}});
  CHECK_FALSE(by_program.empty());
  const std::int64_t created = sample.at("create_time").to_number<std::int64_t>();
  const auto window = ok(call(s.client, "POST", path, {{"page_size", "50"}},
                              json::object{{"create_time_ge", created}, {"create_time_lt", created + 1}}));
  bool has_sample = false;
  for (const auto& o : window.at("orders").as_array())
    has_sample = has_sample || o.as_object().at("id") == sample.at("id");
  CHECK(has_sample);
  rejected(call(s.client, "POST", path, {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", path, {{"page_size", "101"}}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", path, {{"page_size", "10"}}, json::object{{"create_time_ge", -5}}), 400, 36009004);
}
