// Gift and giveaway lines (ERP use case ORD-SYNC-GIFT): a real order may carry a line the buyer gets
// for free, shown with is_gift = true, a zero sale price and gift_retail_price (what it would cost).
// The admin route POST /_sandbox/orders/{order_id}/gifts adds one to an unshipped order: {sku_id?}
// (default: the first SKU of an active product). POST /_sandbox/orders/{order_id}/sample marks a free
// sample order (is_sample_order, ORD-SYNC-SAMPLE).
#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

std::pair<const Product*, const Sku*> pick_sku(const Shop& shop, const std::optional<std::string>& sku_id) {
  for (const auto& [id, p] : shop.data.products) {
    if (p.status != "ACTIVATE") continue;
    for (const auto& s : p.skus)
      if (!sku_id || s.id == *sku_id) return {&p, &s};
  }
  if (sku_id) throw bad_param("sku_id " + *sku_id + " is not a SKU of an active product of this shop");
  throw bad_param("the shop has no active product to give away");
}

json::value add_gift(AdminContext& c) {
  Shop* shop = c.world.shop_of_order(c.path_param("order_id"));
  if (shop == nullptr) throw bad_param("unknown order id");
  Order& o = shop->data.orders.at(c.path_param("order_id"));
  const auto& b = c.body();
  for (const auto& [k, v] : b)
    if (k != "sku_id") throw bad_param("unknown field " + std::string(k));
  const auto [product, sku] = pick_sku(*shop, fields::opt_string(b, "sku_id"));
  if (!support::one_of(o.status, {"UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"})) {
    throw bad_param("a gift can be added only to an unshipped order, not one in " + o.status);
  }
  LineItem li;
  li.id = "576" + c.world.new_numeric_id(15);
  li.sku_id = sku->id;
  li.seller_sku = sku->seller_sku;
  li.product_id = product->id;
  li.product_name = product->title;
  li.sku_name = sku->sales_attributes.empty() ? "Default" : sku->sales_attributes.front().second;
  li.is_gift = true;
  li.gift_retail_price_minor = sku->price_minor;
  li.package_id = o.package_ids.front();
  li.package_status = o.line_items.empty() ? "TO_FULFILL" : o.line_items.front().package_status;
  o.line_items.push_back(li);
  c.world.touch_order(*shop, o, std::max(c.now, o.update_time));
  return json::object{{"order_id", o.id},
                      {"line_item_id", li.id},
                      {"sku_id", li.sku_id},
                      {"gift_retail_price", money(*shop, li.gift_retail_price_minor)}};
}

// POST /_sandbox/orders/{order_id}/sample {sample?: bool}: marks the order a free sample order
// (is_sample_order, ORD-SYNC-SAMPLE) or clears the mark.
json::value mark_sample(AdminContext& c) {
  Shop* shop = c.world.shop_of_order(c.path_param("order_id"));
  if (shop == nullptr) throw bad_param("unknown order id");
  const auto& b = c.body();
  for (const auto& [k, v] : b)
    if (k != "sample") throw bad_param("unknown field " + std::string(k));
  Order& o = shop->data.orders.at(c.path_param("order_id"));
  o.is_sample = fields::opt_bool(b, "sample").value_or(true);
  c.world.touch_order(*shop, o, std::max(c.now, o.update_time));
  return json::object{{"order_id", o.id}, {"is_sample_order", o.is_sample}};
}

void register_admin(AdminRouter& r) {
  r.add(AdminRoute{"POST", "/_sandbox/orders/{order_id}/gifts", add_gift});
  r.add(AdminRoute{"POST", "/_sandbox/orders/{order_id}/sample", mark_sample});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"order_gifts", nullptr, register_admin, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
