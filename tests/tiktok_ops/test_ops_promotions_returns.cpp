// Promotions (create, update, products add/remove, deactivate, get, search), returns (search,
// approve/reject with persisted idempotency keys) and cancellations (seller cancel, search)
// against tts-sandbox.
#include <catch2/catch.hpp>

#include "model/time_format.hpp"
#include "model/decimal.hpp"
#include "ops_env.hpp"

using namespace ops_test;

namespace {

// An active product with its lowest SKU price (a decimal string) and currency.
struct PricedProduct {
  std::string id, sku_id, price;
};

PricedProduct priced_product(OpsEnv& env, std::size_t skip = 0) {
  for (const auto& p : env.truth_list("products")) {
    if (str(p, "status") != "ACTIVATE") continue;
    if (skip-- > 0) continue;
    const auto& sku = p.at("skus").as_array().at(0);
    return {str(p, "id"), str(sku, "id"), str(sku.at("price"), "sale_price")};
  }
  throw std::runtime_error("no active product in the sandbox");
}

}  // namespace

TEST_CASE("promotions: create a flash sale, update, add and remove products, search, deactivate") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-promo");
  const auto p1 = priced_product(env, 0), p2 = priced_product(env, 1);
  const std::int64_t now = env.now();
  const auto a = env.ok(
      inst, "promotions.create",
      json::object{{"title", "Ops flash sale"},
                   {"type", "flash_sale"},
                   {"begin_time", now + 3600},
                   {"end_time", now + 7200},
                   {"products", json::array{json::object{
                                    {"product_id", p1.id}, {"activity_price", "0.50"}, {"quantity_limit", 10}}}}});
  const std::string id = str(a, "activity_id");
  REQUIRE_FALSE(id.empty());
  CHECK(str(a, "type") == "flash_sale");
  CHECK(str(a, "activity_type") == "FLASHSALE");
  CHECK(str(a, "status") == "NOT_START");
  CHECK(str(a, "begin_time") == ocean::tiktok::model::rfc3339(now + 3600));
  REQUIRE(a.at("products").as_array().size() == 1);

  const auto u = env.ok(inst, "promotions.update", json::object{{"activity_id", id}, {"title", "Ops flash sale II"}});
  CHECK(str(u, "title") == "Ops flash sale II");

  const auto added =
      env.ok(inst, "promotions.products.add",
             json::object{{"activity_id", id},
                          {"type", "flash_sale"},
                          {"products", json::array{json::object{{"product_id", p2.id}, {"activity_price", "0.40"}}}}});
  CHECK(added.at("products").as_array().size() == 2);
  const auto removed = env.ok(inst, "promotions.products.remove",
                              json::object{{"activity_id", id}, {"product_ids", json::array{json::value(p1.id)}}});
  CHECK(removed.at("products").as_array().size() == 1);

  const auto found = env.ok(inst, "promotions.search", json::object{{"title", "Ops flash sale II"}});
  bool seen = false;
  for (const auto& x : found.at("items").as_array()) seen = seen || str(x, "activity_id") == id;
  CHECK(seen);

  const auto d = env.ok(inst, "promotions.deactivate", json::object{{"activity_id", id}});
  CHECK(str(d, "status") == "DEACTIVATED");
  CHECK(str(env.ok(inst, "promotions.get", json::object{{"activity_id", id}}), "status") == "DEACTIVATED");
}

TEST_CASE("promotions: direct discount, buy-more-save-more and a shop-wide shipping discount") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-promo2");
  const auto p = priced_product(env, 2);
  const std::int64_t now = env.now();
  const auto dd =
      env.ok(inst, "promotions.create",
             json::object{{"title", "Ten off"},
                          {"type", "direct_discount"},
                          {"begin_time", now + 600},
                          {"end_time", now + 86400},
                          {"products", json::array{json::object{{"product_id", p.id}, {"discount_percent", 10}}}}});
  CHECK(str(dd, "type") == "direct_discount");
  const auto bm = env.ok(inst, "promotions.create",
                         json::object{{"title", "Buy more"},
                                      {"type", "buy_more_save_more"},
                                      {"begin_time", now + 600},
                                      {"end_time", now + 86400},
                                      {"tiers", json::array{json::object{{"min_quantity", 2}, {"percent_off", "5"}},
                                                            json::object{{"min_quantity", 4}, {"percent_off", "12"}}}},
                                      {"products", json::array{json::object{{"product_id", p.id}}}}});
  CHECK(str(bm, "activity_type") == "BUY_MORE_SAVE_MORE");
  const auto sd = env.ok(inst, "promotions.create",
                         json::object{{"title", "Free shipping"},
                                      {"type", "shipping_discount"},
                                      {"begin_time", now + 600},
                                      {"end_time", now + 86400},
                                      {"shipping", json::object{{"free", true}, {"min_order_amount", "20"}}}});
  CHECK(str(sd, "product_level") == "SHOP");
}

TEST_CASE(
    "RET-REF-ACCEPT: returns search in return.v1, approve a refund with a persisted idempotency key, reject a return "
    "with a reason") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-returns");
  // A buyer opens two returns on delivered orders.
  std::vector<std::string> order_ids;
  for (const auto& o : env.truth_list("orders")) {
    const std::string st = str(o, "status");
    if ((st == "DELIVERED" || st == "COMPLETED") && order_ids.size() < 2) order_ids.push_back(str(o, "id"));
  }
  REQUIRE(order_ids.size() == 2);
  const auto r1 =
      env.admin("POST", "/_sandbox/returns", json::object{{"order_id", order_ids[0]}, {"return_type", "REFUND"}});
  const auto r2 = env.admin("POST", "/_sandbox/returns",
                            json::object{{"order_id", order_ids[1]}, {"return_type", "RETURN_AND_REFUND"}});

  const auto page =
      env.ok(inst, "returns.search",
             json::object{{"order_ids", json::array{json::value(order_ids[0]), json::value(order_ids[1])}}});
  REQUIRE(page.at("items").as_array().size() == 2);
  for (const auto& r : page.at("items").as_array()) {
    CHECK(str(r, "schema") == "return.v1");
    CHECK(str(r, "status") == "requested");
    CHECK(str(r, "marketplace_status") == "RETURN_OR_REFUND_REQUEST_PENDING");
    CHECK(is_rfc3339_utc(str(r, "created_at")));
    const auto& refund = r.at("refund").as_object();
    CHECK_FALSE(str(refund, "currency").empty());
    CHECK(ocean::tiktok::model::Decimal::parse(str(refund, "total")).has_value());
    CHECK_FALSE(r.at("lines").as_array().empty());
  }

  const std::string rid = str(r1, "return_id");
  const json::object approve{{"return_id", rid}, {"decision", "APPROVE_REFUND"}};
  const auto a1 = env.ok(inst, "returns.approve", approve);
  CHECK(str(a1, "kind") == "refund");
  CHECK(str(a1, "status") != "requested");
  const std::string key = str(a1, "idempotency_key");
  CHECK(key.size() == 32);
  // The host retries (it never saw the answer): the same key goes out, TikTok replays its answer.
  CHECK(str(env.ok(inst, "returns.approve", approve), "idempotency_key") == key);
  // Even after a restart of the instance: the key is in the store.
  REQUIRE(env.module.api().stop(inst) == OCEAN_OK);
  REQUIRE(env.module.api().start(inst) == OCEAN_OK);
  CHECK(str(env.ok(inst, "returns.approve", approve), "idempotency_key") == key);

  const auto rej = env.ok(inst, "returns.reject",
                          json::object{{"return_id", str(r2, "return_id")},
                                       {"decision", "REJECT_RETURN"},
                                       {"reject_reason", "reverse_reject_request_reason_2"},
                                       {"comment", "wrong item claimed"}});
  CHECK(str(rej, "status") == "rejected");
  CHECK(str(rej, "idempotency_key") != key);
  // An unknown reason code is TikTok's refusal.
  CHECK(env.call(inst, "returns.reject",
                 json::object{
                     {"return_id", str(r2, "return_id")}, {"decision", "REJECT_RETURN"}, {"reject_reason", "because"}})
            .status == OCEAN_INVALID_ARGUMENT);
}

TEST_CASE("ORD-CANCEL-SELLER: the seller cancels an order - it is found in return.v1 as a cancellation") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-cancel");
  const auto order = awaiting_shipment_order(env, "TIKTOK");
  const auto c =
      env.ok(inst, "orders.cancel",
             json::object{{"order_id", order.at("id")}, {"cancel_reason", "seller_cancel_reason_out_of_stock"}});
  CHECK(str(c, "schema") == "return.v1");
  CHECK(str(c, "kind") == "cancellation");
  CHECK(str(c, "order_id") == str(order, "id"));
  const std::string cancel_id = str(c, "external_id");
  const auto page = env.ok(inst, "cancellations.search", json::object{{"order_ids", json::array{order.at("id")}}});
  REQUIRE(page.at("items").as_array().size() == 1);
  const auto& found = page.at("items").as_array().at(0);
  CHECK(str(found, "external_id") == cancel_id);
  CHECK(str(found, "kind") == "cancellation");
  CHECK_FALSE(str(found, "marketplace_status").empty());
  // Cancelling it again is refused by TikTok.
  CHECK(env.call(inst, "orders.cancel",
                 json::object{{"order_id", order.at("id")}, {"cancel_reason", "seller_cancel_reason_out_of_stock"}})
            .status != OCEAN_OK);
}
