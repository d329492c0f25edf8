// Paging returns every record exactly once, also while records change between pages.
#include <catch2/catch.hpp>

#include <set>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {

std::set<std::string> truth_order_ids(TtsClient& c, const std::string& shop_id) {
  std::set<std::string> ids;
  const json::array list_1 = c.admin("GET", "/_sandbox/truth?shop_id=" + shop_id).as_object().at("orders").as_array();
  for (const auto& o : list_1) {
    ids.insert(std::string(o.as_object().at("id").as_string()));
  }
  return ids;
}

// Walks every page; `between` runs after each page (to change the data under the cursor).
std::vector<std::string> walk_orders(TtsClient& c, const std::string& sort_field, const std::string& sort_order,
                                     const std::string& body, const std::function<void()>& between,
                                     std::int64_t* total = nullptr) {
  std::vector<std::string> seen;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    TtsCall call{"POST",
                 "/order/202309/orders/search",
                 {{"page_size", "17"}, {"sort_field", sort_field}, {"sort_order", sort_order}},
                 body};
    if (!token.empty()) call.query.emplace_back("page_token", token);
    const auto r = c.call(call);
    INFO(r.body.substr(0, 300));
    REQUIRE(r.code() == 0);
    const auto d = data_of(r);
    if (total != nullptr) {
      if (page == 0) *total = d.at("total_count").to_number<std::int64_t>();
      CHECK(d.at("total_count").to_number<std::int64_t>() == *total);
    }
    std::int64_t previous = -1;
    for (const auto& o : d.at("orders").as_array()) {
      seen.emplace_back(o.as_object().at("id").as_string());
      const auto key = o.as_object().at(sort_field).to_number<std::int64_t>();
      if (previous >= 0) CHECK((sort_order == "ASC" ? key >= previous : key <= previous));
      previous = key;
    }
    token = std::string(d.at("next_page_token").as_string());
    if (token.empty()) return seen;
    between();
  }
  FAIL("paging did not end");
  return seen;
}

}  // namespace

TEST_CASE("order search pages cover every order exactly once while orders change and arrive") {
  SandboxProcess sb(with_app({"--orders", "250", "--shops", "1"}));
  auto c = client_for(sb);
  const std::string shop = shop_id_of(c);
  const auto before = truth_order_ids(c, shop);
  REQUIRE(before.size() == 250);

  for (const std::string& order : std::vector<std::string>{"DESC", "ASC"}) {
    INFO(order);
    int step = 0;
    std::vector<std::string> ids(before.begin(), before.end());
    auto churn = [&] {
      // A new order arrives and an existing one changes status between pages.
      c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop}, {"count", 1}});
      c.admin("POST", "/_sandbox/orders/" + ids[static_cast<std::size_t>(step * 13) % ids.size()] + "/status",
              json::object{{"status", "AWAITING_SHIPMENT"}});
      ++step;
    };
    std::int64_t total = 0;
    const auto seen = walk_orders(c, "create_time", order, "{}", churn, &total);
    const std::set<std::string> unique(seen.begin(), seen.end());
    CHECK(unique.size() == seen.size());                         // no duplicates
    for (const auto& id : before) CHECK(unique.count(id) == 1);  // nothing that existed is missed
    CHECK(total >= 250);
  }

  // Sorted by update_time, records changed during the walk are not returned twice, and a follow-up
  // incremental query from the walk's start time picks them up.
  c.sync_clock();
  const std::int64_t start = c.sandbox_now();
  std::vector<std::string> changed;
  const std::vector<std::string> all(before.begin(), before.end());
  int step = 0;
  auto touch = [&] {
    const std::string id = all[static_cast<std::size_t>(step++ * 7) % all.size()];
    c.admin("POST", "/_sandbox/orders/" + id + "/status", json::object{{"status", "IN_TRANSIT"}});
    changed.push_back(id);
  };
  const auto seen = walk_orders(c, "update_time", "ASC", "{}", touch);
  const std::set<std::string> unique(seen.begin(), seen.end());
  CHECK(unique.size() == seen.size());
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", 1}});  // leave the second of the last change
  const auto later = walk_orders(c, "update_time", "ASC", "{\"update_time_ge\":" + std::to_string(start) + "}", [] {});
  const std::set<std::string> later_set(later.begin(), later.end());
  for (const auto& id : changed) CHECK(later_set.count(id) == 1);
  // Together the two walks cover every order that existed.
  for (const auto& id : before) CHECK((unique.count(id) + later_set.count(id)) >= 1);
}

TEST_CASE("filters and page tokens") {
  SandboxProcess sb(with_app({"--orders", "120", "--shops", "1"}));
  auto c = client_for(sb);
  // Status filter returns only that status; the count matches the truth.
  const auto truth = c.admin("GET", "/_sandbox/truth?shop_id=" + shop_id_of(c)).as_object().at("orders").as_array();
  std::size_t completed = 0;
  for (const auto& o : truth) completed += o.as_object().at("status").as_string() == "COMPLETED" ? 1 : 0;
  const auto seen = walk_orders(c, "create_time", "DESC", "{\"order_status\":\"COMPLETED\"}", [] {});
  CHECK(seen.size() == completed);

  // create_time_ge / _lt bound the result.
  const std::int64_t mid = truth[60].as_object().at("create_time").to_number<std::int64_t>();
  const auto r = c.call(TtsCall{"POST",
                                "/order/202309/orders/search",
                                {{"page_size", "100"}},
                                "{\"create_time_ge\":" + std::to_string(mid) + "}"});
  const json::array list_2 = data_of(r).at("orders").as_array();
  for (const auto& o : list_2) CHECK(o.as_object().at("create_time").to_number<std::int64_t>() >= mid);

  // Tokens are opaque base64 (they may carry '=') and are bound to their sort.
  const auto first = c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "5"}}, "{}"});
  const std::string token(data_of(first).at("next_page_token").as_string());
  REQUIRE(!token.empty());
  const auto next =
      c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "5"}, {"page_token", token}}, "{}"});
  CHECK(next.code() == 0);
  const auto wrong_sort = c.call(TtsCall{
      "POST", "/order/202309/orders/search", {{"page_size", "5"}, {"page_token", token}, {"sort_order", "ASC"}}, "{}"});
  CHECK(wrong_sort.code() == 36009004);
  const auto garbage =
      c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "5"}, {"page_token", "%%%"}}, "{}"});
  CHECK(garbage.code() == 36009004);
}

TEST_CASE("product search pages cover every product exactly once while products are created") {
  SandboxProcess sb(with_app({"--products", "73", "--shops", "1", "--orders", "0"}));
  auto c = client_for(sb);
  std::vector<std::string> seen;
  std::string token;
  std::int64_t total = -1;
  int created = 0;
  for (int page = 0; page < 100; ++page) {
    TtsCall call{"POST", "/product/202309/products/search", {{"page_size", "10"}}, "{}"};
    if (!token.empty()) call.query.emplace_back("page_token", token);
    const auto r = c.call(call);
    REQUIRE(r.code() == 0);
    const auto d = data_of(r);
    if (total < 0) total = d.at("total_count").to_number<std::int64_t>();
    for (const auto& p : d.at("products").as_array()) seen.emplace_back(p.as_object().at("id").as_string());
    token = std::string(d.at("next_page_token").as_string());
    if (token.empty()) break;
    // A product listed between pages: ascending creation order puts it at the end of the walk.
    const auto made = c.call(TtsCall{"POST", "/product/202309/products", {}, product_body(c)});
    REQUIRE(made.code() == 0);
    ++created;
  }
  const std::set<std::string> unique(seen.begin(), seen.end());
  CHECK(unique.size() == seen.size());
  CHECK(total == 73);
  CHECK(seen.size() == static_cast<std::size_t>(73 + created));
  CHECK(created > 0);
}
