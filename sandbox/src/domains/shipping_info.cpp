// Update Shipping Info after dispatch (reference §3.1, ERP use case ORD-3PL-UPDATE): POST
// /fulfillment/202309/orders/{order_id}/shipping_info/update and
// /fulfillment/202309/packages/{package_id}/shipping_info/update change the tracking number and carrier
// of a seller-shipped package that has shipped and is not yet delivered, within 72 h of shipping. Each
// refusal carries the endpoint's own code.
#include <algorithm>
#include <cctype>

#include "../world.hpp"
#include "domain_support.hpp"
#include "fulfillment_store.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

constexpr std::int64_t kUpdateWindow = 72 * 3600;

struct Target {
  Order* order = nullptr;
  std::string package_id;
};

Order* order_of_package(Shop& shop, const std::string& package_id) {
  auto& store = fulfillment_store(shop);
  if (auto it = store.package_order.find(package_id); it != store.package_order.end()) {
    auto o = shop.data.orders.find(it->second);
    if (o != shop.data.orders.end()) return &o->second;
  }
  for (auto& [id, o] : shop.data.orders) {
    if (std::find(o.package_ids.begin(), o.package_ids.end(), package_id) != o.package_ids.end()) return &o;
  }
  return nullptr;
}

// When the package left the seller: the API shipment, or the automatic flow's first step past
// AWAITING_SHIPMENT; 0 when it has not shipped.
std::int64_t shipped_at(const Order& o, const PackageMeta* m) {
  if (m != nullptr && m->shipped) return m->shipped_at;
  for (std::size_t i = 0; i < o.next_step && i < o.plan.size(); ++i) {
    if (o.plan[i].status == "AWAITING_COLLECTION" || o.plan[i].status == "IN_TRANSIT") return o.plan[i].at;
  }
  const bool past = o.status == "AWAITING_COLLECTION" || o.status == "IN_TRANSIT";
  return past ? o.update_time : 0;
}

struct Update {
  std::string tracking_number;
  std::string provider_id;
};

// The body: tracking_number (letters, digits, '-', 1-64) and shipping_provider_id, both required.
Update read_update(const json::object& b) {
  Update u{fields::req_string(b, "tracking_number"), fields::req_string(b, "shipping_provider_id")};
  for (const auto& [k, v] : b) {
    if (k != "tracking_number" && k != "shipping_provider_id") throw bad_param("unknown field " + std::string(k));
  }
  const bool valid = u.tracking_number.size() <= 64 &&
                     std::all_of(u.tracking_number.begin(), u.tracking_number.end(),
                                 [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-'; });
  if (!valid) throw rule_error(21011022, "tracking_number is invalid: letters, digits and '-', at most 64");
  return u;
}

void check_rules(Shop& shop, const Order& o, const std::string& package_id, const Update& u, std::int64_t now) {
  if (o.status == "CANCELLED") throw rule_error(21011041, "order " + o.id + " is cancelled");
  if (o.shipping_type != "SELLER") {
    throw rule_error(21011004, "order " + o.id + " is shipped by TikTok; only seller-shipped packages can be updated");
  }
  if (o.status == "DELIVERED" || o.status == "COMPLETED") {
    throw rule_error(21011030, "package " + package_id + " has already been delivered");
  }
  const auto& store = fulfillment_store(shop);
  auto meta = store.packages.find(package_id);
  const std::int64_t at = shipped_at(o, meta == store.packages.end() ? nullptr : &meta->second);
  if (at == 0) throw rule_error(21011043, "package " + package_id + " has not shipped yet");
  if (now - at > kUpdateWindow) {
    throw rule_error(21011049, "shipping info can be updated only within 72 hours of shipping");
  }
  auto& returns = returns_store(shop);
  if (auto r = returns.return_of_order.find(o.id); r != returns.return_of_order.end()) {
    if (returns.returns.at(r->second).status == "RETURN_OR_REFUND_REQUEST_PENDING") {
      throw rule_error(21011007, "order " + o.id + " has a pending after-sale request");
    }
  }
  const DeliveryOption* opt = find_option(shop, o.delivery_option_id);
  const bool provider_ok =
      opt ? std::find(opt->provider_ids.begin(), opt->provider_ids.end(), u.provider_id) != opt->provider_ids.end()
          : !provider_name(shop, u.provider_id, "").empty();
  if (!provider_ok) {
    throw rule_error(21011022, "shipping_provider_id " + u.provider_id + " is not available for this order");
  }
}

void apply(ApiContext& c, Order& o, const std::string& package_id, const Update& u) {
  Shop& shop = c.the_shop();
  auto& meta = fulfillment_store(shop).packages[package_id];
  if (!meta.shipped) {  // shipped by the automatic flow: the API now knows when
    meta.shipped = true;
    meta.shipped_at = shipped_at(o, nullptr);
  }
  meta.tracking_number = u.tracking_number;
  meta.provider_id = u.provider_id;
  meta.update_time = c.now;
  ++meta.info_updates;
  const std::string name = provider_name(shop, u.provider_id, o.shipping_provider);
  meta.events.push_back({c.now, "Shipping information updated: " + name + " " + u.tracking_number});
  o.tracking_number = u.tracking_number;
  o.shipping_provider_id = u.provider_id;
  o.shipping_provider = name;
  c.world.touch_order(shop, o, std::max(c.now, o.update_time));
  c.world.emit_webhook(
      shop, 4, "PACKAGE_UPDATE",
      json::object{{"role_type", "SELLER"},
                   {"package_list", json::array{json::object{{"package_id", package_id},
                                                             {"order_id_list", json::array{json::value(o.id)}}}}},
                   {"update_time", c.now}},
      c.now);
}

json::value update_order_info(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& oid = c.path_param("order_id");
  const Update u = read_update(c.body());
  auto it = shop.data.orders.find(oid);
  if (it == shop.data.orders.end()) throw bad_param("order_id " + oid + " does not exist in this shop");
  Order& o = it->second;
  if (o.package_ids.size() > 1) {
    throw rule_error(10007002, "order " + oid + " has been split; update each package's shipping info instead");
  }
  check_rules(shop, o, o.package_ids.front(), u, c.now);
  apply(c, o, o.package_ids.front(), u);
  return json::object{};
}

json::value update_package_info(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& pid = c.path_param("package_id");
  const Update u = read_update(c.body());
  Order* o = order_of_package(shop, pid);
  if (o == nullptr || o->paid_time == 0)
    throw rule_error(21011028, "package " + pid + " is not a package of this shop");
  check_rules(shop, *o, pid, u, c.now);
  apply(c, *o, pid, u);
  return json::object{};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/fulfillment/202309/orders/{order_id}/shipping_info/update", ShopScope::kRequired,
                 std::nullopt, update_order_info});
  r.add(ApiRoute{"POST", "/fulfillment/202309/packages/{package_id}/shipping_info/update", ShopScope::kRequired,
                 std::nullopt, update_package_info});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"shipping_info", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
