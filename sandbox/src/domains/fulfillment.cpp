// Fulfillment and logistics (reference §8): delivery options and shipping providers per warehouse,
// packages (get, search), shipping a package (TikTok pickup/drop-off or self shipment), marking a
// seller-shipped order as shipped (optionally splitting it), shipping documents served by the sandbox
// itself, and tracking. Shipping moves the order along (AWAITING_COLLECTION / IN_TRANSIT, or
// PARTIALLY_SHIPPING) and emits PACKAGE_UPDATE (4) plus ORDER_STATUS_CHANGE (1).
#include <algorithm>
#include <set>

#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"
#include "fulfillment_store.hpp"
#include "order_detail.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using support::bucket;

constexpr std::int64_t kDocumentLife = 24 * 3600;  // doc_url is valid 24 h (reference §8)

// ---- generation ---------------------------------------------------------------------------------------

void generate(World& world, Shop& shop, const GenParams&, Rng& rng) {
  auto& store = fulfillment_store(shop);
  static const char* const kUsProviders[] = {"USPS", "UPS", "FedEx", "OnTrac"};
  static const char* const kProviders[] = {"J&T Express", "DHL eCommerce", "Ninja Van", "Sandbox Post"};
  const auto& names = shop.region == "US" ? kUsProviders : kProviders;
  for (const char* name : names) store.providers.push_back(ShippingProvider{"6" + world.new_numeric_id(18), name});
  for (const auto& w : shop.data.warehouses) {
    if (w.type != "SALES_WAREHOUSE") continue;
    struct Kind {
      const char* type;
      const char* name;
      std::vector<std::size_t> providers;
    };
    const Kind kinds[] = {{"STANDARD", "Standard shipping", {0, 1}},
                          {"ECONOMY", "Economy shipping", {1, 2}},
                          {"SEND_BY_SELLER", "Shipped by seller", {0, 1, 2, 3}}};
    for (const auto& k : kinds) {
      DeliveryOption o;
      o.id = "7" + world.new_numeric_id(18);
      o.warehouse_id = w.id;
      o.type = k.type;
      o.name = k.name;
      o.max_weight_grams = k.type == std::string("ECONOMY") ? 10000 : 30000;
      for (auto i : k.providers) o.provider_ids.push_back(store.providers[i].id);
      store.options.push_back(std::move(o));
    }
  }
  // Orders get real delivery options and providers; about one in five ships by the seller.
  for (auto& [id, order] : shop.data.orders) {
    const bool seller = rng.chance(0.2);
    assign_shipping(shop, order, seller ? "SELLER" : "TIKTOK");
  }
}

// Orders created later (admin, or by other code paths) get a real delivery option and provider of
// their warehouse too, so every order can be shipped through the API.
void advance(World& world, std::int64_t) {
  for (const auto& shop : world.shops()) {
    auto& store = fulfillment_store(*shop);
    if (store.shipping_checked == shop->data.orders.size() || store.options.empty()) continue;
    for (auto& [id, order] : shop->data.orders) {
      if (find_option(*shop, order.delivery_option_id) == nullptr) assign_shipping(*shop, order, order.shipping_type);
    }
    store.shipping_checked = shop->data.orders.size();
  }
}

// ---- lookups ----------------------------------------------------------------------------------------

struct PackageRef {
  Order* order = nullptr;
  PackageMeta* meta = nullptr;
};

PackageRef find_package(Shop& shop, const std::string& package_id) {
  auto& store = fulfillment_store(shop);
  if (store.indexed_orders != shop.data.orders.size()) {
    for (auto& [id, o] : shop.data.orders)
      for (const auto& p : o.package_ids) store.package_order.emplace(p, id);
    store.indexed_orders = shop.data.orders.size();
  }
  auto it = store.package_order.find(package_id);
  if (it == store.package_order.end()) return {};
  Order& o = shop.data.orders.at(it->second);
  if (o.paid_time == 0) return {};  // a package exists once the order is paid
  return {&o, &store.packages[package_id]};
}

PackageRef require_package(Shop& shop, const std::string& package_id) {
  PackageRef ref = find_package(shop, package_id);
  if (ref.order == nullptr) throw bad_param("package_id " + package_id + " does not exist in this shop");
  return ref;
}

std::string package_status(const Order& o, const PackageMeta& m) {
  if (o.status == "CANCELLED") return "CANCELLED";
  if (o.status == "DELIVERED" || o.status == "COMPLETED") return "COMPLETED";
  if (o.status == "AWAITING_COLLECTION" || o.status == "IN_TRANSIT" || m.shipped) return "FULFILLING";
  return "PROCESSING";
}

std::int64_t package_create_time(const Order& o, const PackageMeta& m) {
  return m.create_time != 0 ? m.create_time : o.paid_time;
}
std::int64_t package_update_time(const Order& o, const PackageMeta& m) {
  return std::max(o.update_time, m.update_time);
}

std::string package_tracking(const Order& o, const PackageMeta& m) {
  return m.tracking_number.empty() ? (m.shipped || package_status(o, m) != "PROCESSING" ? o.tracking_number : "")
                                   : m.tracking_number;
}

// The package's weight (its products' weights) and a box that holds them, as Get Package Detail shows.
void put_weight_and_dimension(json::object& out, const Shop& shop, const std::string& package_id, const Order& o) {
  std::int64_t grams = 0, items = 0;
  for (const auto& li : o.line_items) {
    if (li.package_id != package_id) continue;
    ++items;
    auto p = shop.data.products.find(li.product_id);
    grams += p == shop.data.products.end() ? 500 : p->second.weight_grams;
  }
  out["weight"] = json::object{{"value", std::to_string(grams)}, {"unit", "GRAM"}};
  out["dimension"] = json::object{{"length", std::to_string(20 + bucket(package_id, "box-length") / 5)},
                                  {"width", std::to_string(15 + bucket(package_id, "box-width") / 10)},
                                  {"height", std::to_string(5 + 3 * items)},
                                  {"unit", "CM"}};
}

// Search Package and Get Package Detail show different objects: the search has only the package's
// id, status, orders, line items, tracking, provider and times; the detail adds handover, delivery
// option, addresses, weight and dimension.
json::object package_json(const Shop& shop, const std::string& package_id, const Order& o, const PackageMeta& m,
                          bool detail) {
  json::array line_item_ids;
  json::array skus;
  std::set<std::string> sku_ids;
  for (const auto& li : o.line_items) {
    if (li.package_id != package_id) continue;
    sku_ids.insert(li.sku_id);
    line_item_ids.push_back(json::value(li.id));
    skus.push_back(json::object{{"id", li.sku_id},
                                {"name", li.sku_name},
                                {"quantity", 1},
                                {"image_url", "https://p16-oec-va.ibyteimg.com/sandbox/" + li.sku_id + ".jpeg"}});
  }
  const std::string provider_id = m.provider_id.empty() ? o.shipping_provider_id : m.provider_id;
  json::object out{{detail ? "package_id" : "id", package_id},
                   {detail ? "package_status" : "status", package_status(o, m)},
                   {"order_line_item_ids", line_item_ids},
                   {"orders", json::array{json::object{{"id", o.id}, {"skus", skus}}}},
                   {"shipping_provider_id", provider_id},
                   {"shipping_provider_name", provider_name(shop, provider_id, o.shipping_provider)},
                   {"tracking_number", package_tracking(o, m)},
                   {"create_time", package_create_time(o, m)},
                   {"update_time", package_update_time(o, m)}};
  if (!detail) return out;
  const DeliveryOption* option = find_option(shop, o.delivery_option_id);
  out["shipping_type"] = o.shipping_type;
  out["delivery_option_id"] = o.delivery_option_id;
  out["delivery_option_name"] = option ? option->name : "";
  out["handover_method"] = m.handover_method;
  out["has_multi_skus"] = sku_ids.size() > 1;
  if (m.pickup_start != 0) {
    out["pickup_slot"] = json::object{{"start_time", m.pickup_start}, {"end_time", m.pickup_end}};
  }
  out["recipient_address"] = package_recipient_json(o);
  out["sender_address"] = package_sender_json(shop, o);
  put_weight_and_dimension(out, shop, package_id, o);
  return out;
}

// ---- logistics ----------------------------------------------------------------------------------------

json::value delivery_options(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& wid = c.path_param("warehouse_id");
  const auto& ws = shop.data.warehouses;
  auto w = std::find_if(ws.begin(), ws.end(), [&](const Warehouse& x) { return x.id == wid; });
  if (w == ws.end()) throw bad_param("warehouse_id " + wid + " does not exist in this shop");
  json::array out;
  for (const auto& o : fulfillment_store(shop).options) {
    if (o.warehouse_id != wid) continue;
    out.push_back(json::object{
        {"id", o.id},
        {"name", o.name},
        {"type", o.type},
        {"description", o.name + " from " + w->name},
        {"platform", json::array{"TIKTOK_SHOP"}},
        {"weight_limit", json::object{{"max_weight", o.max_weight_grams}, {"min_weight", 1}, {"unit", "GRAM"}}},
        {"dimension_limit",
         json::object{{"max_height", 100}, {"max_length", 100}, {"max_width", 100}, {"unit", "CM"}}}});
  }
  return json::object{{"delivery_options", out}};
}

json::value shipping_providers(ApiContext& c) {
  Shop& shop = c.the_shop();
  const DeliveryOption* o = find_option(shop, c.path_param("delivery_option_id"));
  if (o == nullptr) throw bad_param("delivery_option_id " + c.path_param("delivery_option_id") + " does not exist");
  json::array out;
  for (const auto& id : o->provider_ids) out.push_back(json::object{{"id", id}, {"name", provider_name(shop, id, "")}});
  return json::object{{"shipping_providers", out}};
}

// ---- packages -------------------------------------------------------------------------------------------

json::value get_package(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& id = c.path_param("package_id");
  PackageRef p = require_package(shop, id);
  return package_json(shop, id, *p.order, *p.meta, true);
}

json::value search_packages(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto sort = support::read_sort(c, {"create_time", "update_time"}, "create_time", "DESC");
  const auto& b = c.body();
  const auto status = support::opt_enum(b, "package_status", {"PROCESSING", "FULFILLING", "COMPLETED", "CANCELLED"});
  const auto created = support::read_window(b, "create_time_ge", "create_time_lt");
  const auto updated = support::read_window(b, "update_time_ge", "update_time_lt");
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  const std::int64_t snapshot = cursor ? cursor->snapshot : c.now;
  const bool by_update = sort.field == "update_time";
  find_package(shop, "");  // refresh the package index
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [pid, oid] : fulfillment_store(shop).package_order) {
    PackageRef p = find_package(shop, pid);
    if (p.order == nullptr) continue;
    const std::int64_t ct = package_create_time(*p.order, *p.meta);
    const std::int64_t ut = package_update_time(*p.order, *p.meta);
    if (status && package_status(*p.order, *p.meta) != *status) continue;
    if (!created.matches(ct) || !updated.matches(ut)) continue;
    if (by_update && ut > snapshot) continue;  // changed after the first page: next incremental window
    entries.emplace_back(by_update ? ut : ct, pid);
  }
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, c.page_size, cursor, snapshot);
  json::array packages;
  for (const auto& id : page.ids) {
    PackageRef p = find_package(shop, id);
    packages.push_back(package_json(shop, id, *p.order, *p.meta, false));
  }
  return json::object{{"packages", packages}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

void emit_package_update(ApiContext& c, const std::string& package_id, const Order& o, bool split) {
  json::object data{{"role_type", "SELLER"},
                    {"package_list", json::array{json::object{{"package_id", package_id},
                                                              {"order_id_list", json::array{json::value(o.id)}}}}},
                    {"update_time", c.now}};
  if (split) data["sc_type"] = "SPLIT";
  c.world.emit_webhook(c.the_shop(), 4, "PACKAGE_UPDATE", std::move(data), c.now);
}

// Tracking numbers: letters, digits and '-', 1-64 characters, as carriers issue them.
std::string read_tracking_number(const json::object& b) {
  std::string t = fields::req_string(b, "tracking_number");
  if (t.size() > 64) throw bad_param("tracking_number must be at most 64 characters");
  for (char ch : t) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-') {
      throw bad_param("tracking_number may contain only letters, digits and '-'");
    }
  }
  return t;
}

void require_provider_for(const Shop& shop, const Order& o, const std::string& provider_id) {
  const DeliveryOption* opt = find_option(shop, o.delivery_option_id);
  const bool ok =
      opt ? std::find(opt->provider_ids.begin(), opt->provider_ids.end(), provider_id) != opt->provider_ids.end()
          : !provider_name(shop, provider_id, "").empty();
  if (!ok)
    throw bad_param("shipping_provider_id " + provider_id + " is not available for this order's delivery option");
}

void require_shippable(const Order& o, const PackageMeta& m, const std::string& package_id) {
  if (m.shipped || (o.status != "AWAITING_SHIPMENT" && o.status != "PARTIALLY_SHIPPING")) {
    throw bad_param("package " + package_id + " cannot be shipped: its order is " + o.status +
                    (m.shipped ? " and the package has already shipped" : ""));
  }
}

json::value ship_package(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& pid = c.path_param("package_id");
  PackageRef p = require_package(shop, pid);
  Order& o = *p.order;
  const auto& b = c.body();
  const auto handover = support::opt_enum(b, "handover_method", {"PICKUP", "DROP_OFF"});
  const json::object* slot = fields::opt_object(b, "pickup_slot");
  const json::object* self = fields::opt_object(b, "self_shipment");
  if (handover && self) throw bad_param("give either handover_method or self_shipment, not both");
  if (!handover && !self) throw bad_param("handover_method or self_shipment is a required field");
  std::int64_t slot_start = 0, slot_end = 0;
  std::string tracking, provider_id;
  if (handover) {
    if (o.shipping_type != "TIKTOK") throw bad_param("handover_method applies to TikTok shipping orders only");
    if (*handover == "PICKUP") {
      if (slot == nullptr) throw bad_param("pickup_slot is a required field when handover_method is PICKUP");
      slot_start = fields::opt_int(*slot, "start_time").value_or(-1);
      slot_end = fields::opt_int(*slot, "end_time").value_or(-1);
      if (slot_start < 0 || slot_end <= slot_start) throw bad_param("pickup_slot needs start_time < end_time");
      if (slot_end <= c.now) throw bad_param("pickup_slot must end in the future");
    } else if (slot != nullptr) {
      throw bad_param("pickup_slot applies to handover_method PICKUP only");
    }
  } else {
    if (o.shipping_type != "SELLER") throw bad_param("self_shipment applies to seller shipping orders only");
    tracking = read_tracking_number(*self);
    provider_id = fields::req_string(*self, "shipping_provider_id");
    require_provider_for(shop, o, provider_id);
  }
  require_shippable(o, *p.meta, pid);
  check_ship_with_pending_cancel(shop, o);

  PackageMeta& m = *p.meta;
  m.shipped = true;
  m.shipped_at = c.now;
  m.update_time = c.now;
  settle_pending_cancel_on_ship(c.world, shop, o, c.now);
  if (handover) {
    m.handover_method = *handover;
    m.pickup_start = slot_start;
    m.pickup_end = slot_end;
    c.world.set_order_status(shop, o, "AWAITING_COLLECTION", std::max(c.now, o.update_time), true);
    m.tracking_number = o.tracking_number;
    m.events.push_back({c.now, *handover == "PICKUP" ? "Label created, awaiting carrier pickup"
                                                     : "Label created, awaiting drop-off by the seller"});
  } else {
    m.tracking_number = tracking;
    m.provider_id = provider_id;
    o.tracking_number = tracking;
    o.shipping_provider_id = provider_id;
    o.shipping_provider = provider_name(shop, provider_id, o.shipping_provider);
    c.world.set_order_status(shop, o, "IN_TRANSIT", std::max(c.now, o.update_time), true);
    m.events.push_back({c.now, "Shipped by the seller with " + o.shipping_provider});
  }
  c.world.replan_order(shop, o, c.now);
  emit_package_update(c, pid, o, false);
  return json::object{};
}

// Item-level split rules of Mark Package As Shipped (reference §3.2): only some markets may split
// (21008106), and one SKU's units may not end up in two packages (21011036).
template <class Shipped>
void check_split(const Shop& shop, const Order& o, const std::vector<LineItem*>& items, Shipped shipped) {
  std::set<std::string> chosen_ids, chosen_skus;
  for (const LineItem* li : items) {
    chosen_ids.insert(li->id);
    chosen_skus.insert(li->sku_id);
  }
  bool split = false;
  for (const auto& li : o.line_items) {
    if (shipped(li) || chosen_ids.count(li.id)) continue;
    split = true;
    if (chosen_skus.count(li.sku_id)) {
      throw rule_error(21011036,
                       "sku " + li.sku_id + " cannot be split across packages: ship all its line items together");
    }
  }
  static const std::set<std::string> kSplitMarkets{"US", "GB", "ES", "IE", "IT", "DE", "FR", "JP"};
  if (split && !kSplitMarkets.count(shop.region)) {
    throw rule_error(21008106, "item-level split is not available in market " + shop.region);
  }
}

// The line items a Mark Package As Shipped call ships: the ones named (each once, in the order, not yet
// shipped) or every unshipped one.
template <class Shipped>
std::vector<LineItem*> items_to_ship(Order& o, const std::optional<std::vector<std::string>>& requested,
                                     Shipped shipped) {
  std::vector<LineItem*> items;
  if (requested) {
    if (requested->empty()) throw bad_param("order_line_item_ids must not be empty");
    for (const auto& id : *requested) {
      auto li = std::find_if(o.line_items.begin(), o.line_items.end(), [&](const LineItem& x) { return x.id == id; });
      if (li == o.line_items.end()) throw bad_param("order_line_item_id " + id + " is not in order " + o.id);
      if (shipped(*li)) throw rule_error(21011006, "order_line_item_id " + id + " has already shipped");
      if (std::find(items.begin(), items.end(), &*li) != items.end())
        throw bad_param("order_line_item_ids repeats " + id);
      items.push_back(&*li);
    }
  } else {
    for (auto& li : o.line_items)
      if (!shipped(li)) items.push_back(&li);
  }
  return items;
}

json::value mark_shipped(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& oid = c.path_param("order_id");
  auto it = shop.data.orders.find(oid);
  if (it == shop.data.orders.end()) throw bad_param("order_id " + oid + " does not exist in this shop");
  Order& o = it->second;
  const auto& b = c.body();
  const std::string tracking = read_tracking_number(b);
  const std::string provider_id = fields::req_string(b, "shipping_provider_id");
  const auto requested = fields::opt_string_array(b, "order_line_item_ids");
  if (o.shipping_type != "SELLER") throw bad_param("order " + oid + " uses TikTok shipping; ship its package instead");
  if (o.status != "AWAITING_SHIPMENT" && o.status != "PARTIALLY_SHIPPING") {
    if (o.status == "AWAITING_COLLECTION" || o.status == "IN_TRANSIT" || o.status == "DELIVERED" ||
        o.status == "COMPLETED") {
      throw rule_error(21011006, "order " + oid + " has already shipped (" + o.status + ")");
    }
    throw bad_param("order " + oid + " cannot be marked as shipped in status " + o.status);
  }
  require_provider_for(shop, o, provider_id);
  auto& store = fulfillment_store(shop);
  auto shipped = [&](const LineItem& li) { return store.packages[li.package_id].shipped; };
  std::vector<LineItem*> items = items_to_ship(o, requested, shipped);
  if (items.empty()) throw rule_error(21011006, "order " + oid + " has nothing left to ship");
  check_split(shop, o, items, shipped);
  check_ship_with_pending_cancel(shop, o);

  // Ship the package as it is when the items are exactly its unshipped content; otherwise split them
  // into a new package (reference §7: PACKAGE_UPDATE with sc_type SPLIT).
  const std::string first_pkg = items.front()->package_id;
  std::size_t in_first = 0;
  for (const auto& li : o.line_items) in_first += (li.package_id == first_pkg && !shipped(li)) ? 1 : 0;
  const bool whole = in_first == items.size() && std::all_of(items.begin(), items.end(), [&](const LineItem* li) {
                       return li->package_id == first_pkg;
                     });
  std::string pid = first_pkg;
  if (!whole) {
    pid = "1153" + c.world.new_numeric_id(15);
    o.package_ids.push_back(pid);
    store.package_order[pid] = oid;
    for (auto* li : items) li->package_id = pid;
    store.packages[pid].create_time = c.now;
  }
  PackageMeta& m = store.packages[pid];
  m.shipped = true;
  m.shipped_at = c.now;
  m.update_time = c.now;
  settle_pending_cancel_on_ship(c.world, shop, o, c.now);
  m.tracking_number = tracking;
  m.provider_id = provider_id;
  o.tracking_number = tracking;
  o.shipping_provider_id = provider_id;
  o.shipping_provider = provider_name(shop, provider_id, o.shipping_provider);
  m.events.push_back({c.now, "Shipped by the seller with " + o.shipping_provider});
  bool all_shipped = true;
  for (const auto& li : o.line_items) all_shipped = all_shipped && shipped(li);
  const std::int64_t at = std::max(c.now, o.update_time);
  if (all_shipped) {
    c.world.set_order_status(shop, o, "IN_TRANSIT", at, true);
    c.world.replan_order(shop, o, c.now);
  } else {
    c.world.set_order_status(shop, o, "PARTIALLY_SHIPPING", at, o.status != "PARTIALLY_SHIPPING");
    // The rest waits for the seller: no automatic step may ship it behind their back.
    o.plan.clear();
    o.next_step = 0;
    ++o.plan_version;
    for (auto& li : o.line_items) {
      if (!shipped(li)) continue;
      li.package_status = "FULFILLING";
      if (li.rts_time == 0) li.rts_time = c.now;
    }
  }
  emit_package_update(c, pid, o, !whole);
  json::array ids;
  for (const auto* li : items) ids.push_back(json::value(li->id));
  return json::object{{"order_id", oid}, {"package_id", pid}, {"order_line_item_ids", ids}};
}

// ---- documents and tracking ------------------------------------------------------------------------

json::value shipping_documents(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& pid = c.path_param("package_id");
  const auto type = c.query("document_type");
  if (!type || type->empty()) throw bad_param("document_type is a required field");
  if (!support::one_of(*type, {"SHIPPING_LABEL", "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP",
                               "SHIPPING_LABEL_PICTURE", "HAZMAT_LABEL", "INVOICE_LABEL"})) {
    throw bad_param("document_type is invalid: " + *type);
  }
  const std::string size = c.query("document_size").value_or("A6");
  if (size != "A6" && size != "A5") throw bad_param("document_size must be A6 or A5");
  const std::string format = c.query("document_format").value_or("PDF");
  if (format != "PDF" && format != "ZPL") throw bad_param("document_format must be PDF or ZPL");
  PackageRef p = require_package(shop, pid);
  const std::string tracking = package_tracking(*p.order, *p.meta);
  if (p.order->status == "CANCELLED") throw bad_param("package " + pid + " is cancelled; it has no documents");
  if (tracking.empty()) throw bad_param("package " + pid + " has not shipped yet; ship it before printing documents");
  ShippingDocument doc{pid, *type, size, format, tracking, c.now + kDocumentLife};
  const std::string doc_id = c.world.new_token("doc_");
  documents().emplace(doc_id, doc);
  const std::string* host = c.req.header("host");
  const std::string base = std::string(c.req.tls ? "https://" : "http://") + (host ? *host : "127.0.0.1");
  return json::object{{"doc_url", base + "/_sandbox/documents/" + doc_id + (format == "PDF" ? ".pdf" : ".zpl")},
                      {"tracking_number", tracking}};
}

json::value tracking(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& oid = c.path_param("order_id");
  auto it = shop.data.orders.find(oid);
  if (it == shop.data.orders.end()) throw bad_param("order_id " + oid + " does not exist in this shop");
  const Order& o = it->second;
  std::vector<TrackingEvent> events;
  auto& store = fulfillment_store(shop);
  for (const auto& pid : o.package_ids) {
    auto m = store.packages.find(pid);
    if (m != store.packages.end()) events.insert(events.end(), m->second.events.begin(), m->second.events.end());
  }
  // Steps of the automatic flow the order has already walked.
  for (std::size_t i = 0; i < o.next_step && i < o.plan.size(); ++i) {
    const auto& s = o.plan[i];
    if (s.status == "AWAITING_COLLECTION") events.push_back({s.at, "Label created, awaiting carrier pickup"});
    if (s.status == "IN_TRANSIT") events.push_back({s.at, "Picked up by " + o.shipping_provider + ", in transit"});
    if (s.status == "DELIVERED") events.push_back({s.at, "Delivered to the recipient"});
  }
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.at > b.at; });
  json::array out;
  for (const auto& e : events)
    out.push_back(json::object{{"description", e.description}, {"update_time_millis", e.at * 1000}});
  return json::object{{"tracking", out}};
}

void register_routes(ApiRouter& r) {
  const auto none = std::nullopt;
  r.add(ApiRoute{"GET", "/logistics/202309/warehouses/{warehouse_id}/delivery_options", ShopScope::kRequired, none,
                 delivery_options});
  r.add(ApiRoute{"GET", "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
                 ShopScope::kRequired, none, shipping_providers});
  r.add(ApiRoute{"GET", "/fulfillment/202309/packages/{package_id}", ShopScope::kRequired, none, get_package});
  r.add(ApiRoute{"POST", "/fulfillment/202309/packages/search", ShopScope::kRequired, PageSizeRule{true, 1, 50},
                 search_packages});
  r.add(ApiRoute{"POST", "/fulfillment/202309/packages/{package_id}/ship", ShopScope::kRequired, none, ship_package});
  r.add(ApiRoute{"GET", "/fulfillment/202309/packages/{package_id}/shipping_documents", ShopScope::kRequired, none,
                 shipping_documents});
  r.add(ApiRoute{"GET", "/fulfillment/202309/orders/{order_id}/tracking", ShopScope::kRequired, none, tracking});
  r.add(ApiRoute{"POST", "/fulfillment/202309/orders/{order_id}/packages", ShopScope::kRequired, none, mark_shipped});
}

void register_admin(AdminRouter& r) {
  // Switches an order between TikTok and seller shipping (with a matching delivery option), for tests.
  r.add(AdminRoute{"POST", "/_sandbox/orders/{order_id}/shipping_type", [](AdminContext& c) -> json::value {
                     const auto type = support::opt_enum(c.body(), "shipping_type", {"TIKTOK", "SELLER"});
                     if (!type) throw bad_param("shipping_type is a required field");
                     Shop* shop = c.world.shop_of_order(c.path_param("order_id"));
                     if (shop == nullptr) throw bad_param("unknown order id");
                     Order& o = shop->data.orders.at(c.path_param("order_id"));
                     assign_shipping(*shop, o, *type);
                     return json::object{{"order_id", o.id},
                                         {"shipping_type", o.shipping_type},
                                         {"delivery_option_id", o.delivery_option_id},
                                         {"shipping_provider_id", o.shipping_provider_id}};
                   }});
  register_document_route(r);
}

void truth(const Shop& shop, json::object& out) {
  Shop& s = const_cast<Shop&>(shop);  // the package index is a cache; filling it changes no data
  find_package(s, "");
  json::array packages;
  for (const auto& [pid, oid] : fulfillment_store(s).package_order) {
    PackageRef p = find_package(s, pid);
    if (p.order != nullptr) packages.push_back(package_json(shop, pid, *p.order, *p.meta, true));
  }
  out["packages"] = std::move(packages);
  json::array options;
  for (const auto& o : fulfillment_store(s).options) {
    json::array providers;
    for (const auto& id : o.provider_ids) providers.push_back(json::value(id));
    options.push_back(json::object{{"id", o.id},
                                   {"warehouse_id", o.warehouse_id},
                                   {"type", o.type},
                                   {"name", o.name},
                                   {"shipping_provider_ids", providers}});
  }
  out["delivery_options"] = std::move(options);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"fulfillment", register_routes, register_admin, generate, advance, truth});

}  // namespace
}  // namespace tts_sandbox
