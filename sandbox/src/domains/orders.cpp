// Orders: POST /order/202309/orders/search, GET /order/202309/orders?ids=, plus admin routes to
// create orders and move one to a status. Orders walk their status flow over sandbox time (world.cpp).
#include "../body_fields.hpp"
#include "../generator.hpp"
#include "../json_writer.hpp"
#include "../paging.hpp"
#include "../world.hpp"
#include "order_detail.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

// Writes the order as the API shows it (reference §8). Streaming, because order pages are the hot path.
void write_order(JsonWriter& w, const Shop& shop, const Order& o) {
  const OrderPayment pay = order_payment(shop, o);
  const std::string cancel_reason = o.status == "CANCELLED" ? o.cancel_reason : "";
  w.begin_object();
  w.field("id", o.id).field("status", o.status).field("create_time", o.create_time).field("update_time", o.update_time);
  if (o.paid_time != 0) w.field("paid_time", o.paid_time);
  w.field("user_id", o.user_id).field("buyer_email", o.buyer_email).field("buyer_message", o.buyer_message);
  w.field("shipping_type", o.shipping_type).field("delivery_option_id", o.delivery_option_id);
  w.field("delivery_type", "HOME_DELIVERY").field("fulfillment_type", "FULFILLMENT_BY_SELLER");
  w.field("warehouse_id", o.warehouse_id).field("tracking_number", o.tracking_number);
  w.field("shipping_provider", o.shipping_provider).field("shipping_provider_id", o.shipping_provider_id);
  w.field("is_cod", o.is_cod).field("is_on_hold_order", o.status == "ON_HOLD").field("is_sample_order", o.is_sample);
  w.field("cancel_reason", cancel_reason);
  write_order_life(w, shop, o);
  write_payment(w, shop, pay);
  write_recipient_address(w, o);
  w.key("packages").begin_array();
  for (const auto& p : o.package_ids) w.begin_object().field("id", p).end_object();
  w.end_array();
  w.key("line_items").begin_array();
  for (const auto& li : o.line_items) {
    w.begin_object();
    w.field("id", li.id).field("sku_id", li.sku_id).field("seller_sku", li.seller_sku);
    w.field("product_id", li.product_id).field("product_name", li.product_name).field("sku_name", li.sku_name);
    w.field("sku_image", "https://p16-oec-va.ibyteimg.com/sandbox/" + li.sku_id + ".jpeg");
    w.field("sale_price", money(shop, li.sale_price_minor))
        .field("original_price", money(shop, li.original_price_minor));
    w.field("seller_discount", money(shop, li.seller_discount_minor)).field("platform_discount", money(shop, 0));
    w.field("currency", shop.currency).field("display_status", o.status);
    w.field("package_id", li.package_id).field("package_status", li.package_status);
    w.field("tracking_number", o.tracking_number).field("shipping_provider_id", o.shipping_provider_id);
    w.field("shipping_provider_name", o.shipping_provider).field("is_gift", li.is_gift).field("sku_type", "NORMAL");
    if (li.is_gift) w.field("gift_retail_price", money(shop, li.gift_retail_price_minor));
    w.field("cancel_reason", cancel_reason);
    write_line_extras(w, shop, o, li);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

json::object order_json(const Shop& shop, const Order& o) {
  std::string text;
  JsonWriter w(text);
  write_order(w, shop, o);
  return json::parse(text).as_object();
}

struct OrderFilter {
  std::optional<std::string> status;
  std::optional<std::int64_t> create_ge, create_lt, update_ge, update_lt;
  std::optional<std::string> shipping_type, buyer_user_id;
  std::optional<std::vector<std::string>> warehouse_ids;

  bool empty() const {
    return !status && !create_ge && !create_lt && !update_ge && !update_lt && !shipping_type && !buyer_user_id &&
           !warehouse_ids;
  }
  bool matches(const Order& o) const {
    if (status && o.status != *status) return false;
    if (create_ge && o.create_time < *create_ge) return false;
    if (create_lt && o.create_time >= *create_lt) return false;
    if (update_ge && o.update_time < *update_ge) return false;
    if (update_lt && o.update_time >= *update_lt) return false;
    if (shipping_type && o.shipping_type != *shipping_type) return false;
    if (buyer_user_id && o.user_id != *buyer_user_id) return false;
    if (warehouse_ids) {
      bool found = false;
      for (const auto& w : *warehouse_ids) found = found || w == o.warehouse_id;
      if (!found) return false;
    }
    return true;
  }
};

OrderFilter read_filter(const json::object& b) {
  OrderFilter f;
  f.status = fields::opt_string(b, "order_status");
  if (f.status && !is_order_status(*f.status)) throw bad_param("order_status is invalid: " + *f.status);
  f.create_ge = fields::opt_int(b, "create_time_ge");
  f.create_lt = fields::opt_int(b, "create_time_lt");
  f.update_ge = fields::opt_int(b, "update_time_ge");
  f.update_lt = fields::opt_int(b, "update_time_lt");
  for (const auto* t : {&f.create_ge, &f.create_lt, &f.update_ge, &f.update_lt}) {
    if (*t && **t < 0) throw bad_param("time filters must be non-negative Unix seconds");
  }
  f.shipping_type = fields::opt_string(b, "shipping_type");
  if (f.shipping_type && *f.shipping_type != "TIKTOK" && *f.shipping_type != "SELLER") {
    throw bad_param("shipping_type must be TIKTOK or SELLER");
  }
  f.buyer_user_id = fields::opt_string(b, "buyer_user_id");
  f.warehouse_ids = fields::opt_string_array(b, "warehouse_ids");
  if (f.warehouse_ids && f.warehouse_ids->size() > 100) throw bad_param("warehouse_ids allows at most 100 ids");
  return f;
}

json::value search_orders(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string sort_field = c.query("sort_field").value_or("create_time");
  const std::string sort_order = c.query("sort_order").value_or("DESC");
  if (sort_field != "create_time" && sort_field != "update_time") {
    throw bad_param("sort_field must be create_time or update_time");
  }
  if (sort_order != "ASC" && sort_order != "DESC") throw bad_param("sort_order must be ASC or DESC");
  const OrderFilter filter = read_filter(c.body());
  const std::string sort = sort_field + ":" + sort_order;
  const bool by_update = sort_field == "update_time";
  const auto& index = by_update ? shop.data.orders_by_update : shop.data.orders_by_create;

  std::optional<PageCursor> cursor;
  if (auto token = c.query("page_token"); token && !token->empty()) {
    cursor = decode_page_token(*token);
    if (!cursor || cursor->sort != sort) throw bad_param("page_token is invalid");
  }
  const std::int64_t snapshot = cursor ? cursor->snapshot : c.now;
  // Sorting by update_time, a record changed after the first page would move behind the cursor (seen
  // twice) or ahead of it (lost); pages therefore show the records as of the snapshot, and a record
  // changed since is left to the next incremental window (update_time_ge >= snapshot).
  // The snapshot second itself is excluded, because records can still change within it.
  auto visible = [&](const Order& o) { return filter.matches(o) && (!by_update || o.update_time < snapshot); };

  std::int64_t total = 0;
  if (cursor) {
    total = cursor->total;
  } else if (filter.empty() && !by_update) {
    total = static_cast<std::int64_t>(index.size());  // everything is visible: no scan needed
  } else {
    for (const auto& [key, id] : index) total += visible(shop.data.orders.at(id)) ? 1 : 0;
  }

  std::string out;
  out.reserve(static_cast<std::size_t>(c.page_size) * 4200 + 256);
  JsonWriter w(out);
  w.begin_object().key("orders").begin_array();
  int count = 0;
  std::pair<std::int64_t, std::string> last;
  bool more = false;
  auto take = [&](const std::pair<std::int64_t, std::string>& entry) {
    const Order& o = shop.data.orders.at(entry.second);
    if (!visible(o)) return true;
    if (count == c.page_size) {
      more = true;
      return false;
    }
    write_order(w, shop, o);
    ++count;
    last = entry;
    return true;
  };
  if (sort_order == "ASC") {
    auto it = cursor ? index.upper_bound({cursor->key, cursor->id}) : index.begin();
    for (; it != index.end(); ++it)
      if (!take(*it)) break;
  } else {
    auto it = cursor ? index.lower_bound({cursor->key, cursor->id}) : index.end();
    while (it != index.begin()) {
      --it;
      if (!take(*it)) break;
    }
  }
  w.end_array();
  w.field("next_page_token", more ? encode_page_token(PageCursor{sort, last.first, last.second, snapshot, total}) : "");
  w.field("total_count", total);
  w.end_object();
  c.raw_data = std::move(out);
  return nullptr;
}

json::value get_orders(ApiContext& c) {
  const auto ids_param = c.query("ids");
  if (!ids_param || ids_param->empty()) throw bad_param("ids is a required field");
  const auto ids = fields::comma_list(*ids_param, "ids");
  if (ids.size() > 50) throw bad_param("ids allows at most 50 order ids");
  // Written straight into the answer's data, as the search does: no DOM built and copied.
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("orders").begin_array();
  for (const auto& id : ids) {
    auto it = c.the_shop().data.orders.find(id);
    if (it != c.the_shop().data.orders.end()) write_order(w, c.the_shop(), it->second);
  }
  w.end_array().end_object();
  c.raw_data = std::move(out);
  return nullptr;
}

void register_routes(ApiRouter& r) {
  r.add(
      ApiRoute{"POST", "/order/202309/orders/search", ShopScope::kRequired, PageSizeRule{true, 1, 100}, search_orders});
  r.add(ApiRoute{"GET", "/order/202309/orders", ShopScope::kRequired, std::nullopt, get_orders});
}

Shop& admin_shop(AdminContext& c, const json::object& b) {
  Shop* shop = c.world.shop_by_id(fields::req_string(b, "shop_id"));
  if (shop == nullptr) throw bad_param("shop_id must name an existing shop");
  return *shop;
}

void register_admin(AdminRouter& r) {
  // Creates `count` new UNPAID orders at the current sandbox time (ORDER_STATUS_CHANGE is sent).
  r.add(AdminRoute{"POST", "/_sandbox/orders", [](AdminContext& c) -> json::value {
                     const auto& b = c.body();
                     Shop& shop = admin_shop(c, b);
                     const std::int64_t count = fields::opt_int(b, "count").value_or(1);
                     if (count < 1 || count > 10000) throw bad_param("count must be 1-10000");
                     Rng rng(c.world.gen_params().seed ^ static_cast<std::uint64_t>(c.now),
                             "admin-orders/" + shop.id + std::to_string(shop.data.orders.size()));
                     json::array created;
                     for (std::int64_t i = 0; i < count; ++i) {
                       Order o = make_order(c.world, shop, rng, c.now);
                       const std::string id = o.id;
                       c.world.insert_order(shop, std::move(o));
                       Order& stored = shop.data.orders.at(id);
                       c.world.set_order_status(shop, stored, "UNPAID", c.now, true);
                       created.push_back(order_json(shop, stored));
                     }
                     return json::object{{"orders", created}};
                   }});
  // Moves an order to a status now; its automatic flow continues from there.
  r.add(AdminRoute{"POST", "/_sandbox/orders/{order_id}/status", [](AdminContext& c) -> json::value {
                     const auto& b = c.body();
                     const std::string status = fields::req_string(b, "status");
                     if (!is_order_status(status)) throw bad_param("unknown order status " + status);
                     Shop* shop = c.world.shop_of_order(c.path_param("order_id"));
                     if (shop == nullptr) throw bad_param("unknown order id");
                     Order& o = shop->data.orders.at(c.path_param("order_id"));
                     c.world.set_order_status(*shop, o, status, std::max(c.now, o.update_time), true);
                     if (fields::opt_bool(b, "freeze").value_or(false)) {
                       o.plan.clear();
                       o.next_step = 0;
                       ++o.plan_version;
                     } else {
                       c.world.replan_order(*shop, o, c.now);
                     }
                     return order_json(*shop, o);
                   }});
}

void truth(const Shop& shop, json::object& out) {
  json::array orders;
  for (const auto& [key, id] : shop.data.orders_by_create) orders.push_back(order_json(shop, shop.data.orders.at(id)));
  out["orders"] = std::move(orders);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"orders", register_routes, register_admin, nullptr, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
