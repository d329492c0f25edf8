// fulfillment.update_tracking (ORD-3PL-UPDATE) and logistics.carrier_map.set / .get (SHOP-MAN-CARRIER),
// plus the shipping helpers of dispatch.hpp.
#include "ops/dispatch.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "model/time_format.hpp"
#include "ops/handlers.hpp"
#include "ops/shipment.hpp"
#include "store/order_notes.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

json::object order_detail(OpsContext& c, const std::string& order_id) {
  const auto d = c.call("GET", "/order/202309/orders", {{"ids", order_id}});
  for (const auto& o : api_array(d, "orders", "order detail")) {
    const auto& obj = api_object(o, "order detail");
    if (api_string(obj, "id") == order_id) return obj;
  }
  throw Failure(Status::not_found, "order " + order_id + " was not found");
}

json::object package_shipment(OpsContext& c, const std::string& package_id, bool raw) {
  const auto d = c.call("GET", "/fulfillment/202309/packages/" + package_id);
  json::object s = shipment_base(c.account_id, c.shop_id(), package_id);
  json::array order_ids;
  for (const auto& o : api_array(d, "orders", "package detail"))
    order_ids.emplace_back(api_string(api_object(o, "package detail"), "id"));
  if (order_ids.empty() && !api_string(d, "order_id").empty()) order_ids.emplace_back(api_string(d, "order_id"));
  s["order_ids"] = std::move(order_ids);
  const std::string status = api_string(d, "package_status");
  s["status"] = shipment_status_of_package(status);
  s["marketplace_status"] = status;
  if (auto h = handover_of(api_string(d, "handover_method")); !h.empty()) s["handover_method"] = h;
  if (auto p = api_string(d, "shipping_provider_name"); !p.empty()) s["carrier"] = p;
  if (auto p = api_string(d, "shipping_provider_id"); !p.empty()) s["carrier_id"] = p;
  if (auto t = api_string(d, "tracking_number"); !t.empty()) s["tracking_number"] = t;
  if (d.contains("order_line_item_ids")) {
    json::array lines;
    for (const auto& l : api_array(d, "order_line_item_ids", "package detail"))
      if (l.is_string()) lines.push_back(l);
    s["line_item_ids"] = std::move(lines);
  }
  put_package_details(s, d);
  if (raw) s["raw"] = d;
  return s;
}

std::optional<std::int64_t> hold_end(const json::object& order) {
  const auto* flag = order.if_contains("is_on_hold_order");
  const bool held = api_string(order, "status") == "ON_HOLD" || (flag != nullptr && flag->is_bool() && flag->as_bool());
  if (!held) return std::nullopt;
  const std::int64_t paid = api_int(order, "paid_time");
  return (paid > 0 ? paid : api_int(order, "create_time")) + kOnHoldSeconds;
}

void refuse_during_hold(OpsContext& c, const json::object& order, bool force) {
  const auto end = hold_end(order);
  if (!end) return;
  const std::string id = api_string(order, "id");
  if (force) {
    c.log.warn("[ops] order " + id + " is shipped during its on-hold window (force): the buyer may still cancel it");
    return;
  }
  throw Failure(Status::invalid_argument,
                "order " + id + " is on hold until " + model::rfc3339(*end) +
                    " (the buyer may still cancel it); ship after that or pass \"force\": true");
}

std::string tracking_number_of(const capability::Request& r) {
  const std::string t = r.str("tracking_number");
  if (t.size() > 64 ||
      t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    r.fail("tracking_number", "must be 1-64 letters, digits or '-'");
  }
  return t;
}

std::string provider_of(OpsContext& c, const capability::Request& r, const json::object& order) {
  const bool by_id = r.has("shipping_provider_id"), by_code = r.has("carrier");
  if (by_id == by_code) r.fail("shipping_provider_id", "or 'carrier' (an ERP carrier code) is required, not both");
  if (by_id) return r.id("shipping_provider_id");
  const std::string code = r.str("carrier");
  const std::string option = api_string(order, "delivery_option_id");
  const auto m = c.notes.carrier(code, option);
  if (!m) {
    r.fail("carrier",
           "'" + code + "' has no mapping for delivery option " + option + "; map it with logistics.carrier_map.set");
  }
  return m->shipping_provider_id;
}

namespace {

// The package to update: the one named, or the order's only package.
std::string package_of(const Request& r, const json::object& order) {
  std::vector<std::string> packages;
  for (const auto& p : api_array(order, "packages", "order detail"))
    packages.push_back(api_string(api_object(p, "order detail"), "id"));
  if (r.has("package_id")) {
    const std::string id = r.id("package_id");
    if (std::find(packages.begin(), packages.end(), id) == packages.end())
      throw Failure(Status::not_found, "order " + api_string(order, "id") + " has no package " + id);
    return id;
  }
  if (packages.size() == 1) return packages.front();
  if (packages.empty())
    throw Failure(Status::invalid_state, "order " + api_string(order, "id") + " has no package yet");
  r.fail("package_id",
         "is required: order " + api_string(order, "id") + " has " + std::to_string(packages.size()) + " packages");
}

// The providers TikTok offers for a delivery option: id -> name (the SHOP-MAN-CARRIER endpoint).
std::vector<std::pair<std::string, std::string>> providers_of_option(OpsContext& c, const std::string& option) {
  const auto d = c.call("GET", "/logistics/202309/delivery_options/" + option + "/shipping_providers");
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : api_array(d, "shipping_providers", "shipping providers")) {
    const auto& o = api_object(p, "shipping providers");
    out.emplace_back(api_string(o, "id"), api_string(o, "name"));
  }
  return out;
}

json::object mapping_json(const store::CarrierMapping& m) {
  return json::object{{"carrier_code", m.carrier_code},
                      {"delivery_option_id", m.delivery_option_id},
                      {"shipping_provider_id", m.shipping_provider_id},
                      {"shipping_provider_name", m.shipping_provider_name},
                      {"updated_at", model::rfc3339(m.updated_at_ms / 1000)}};
}

// An ERP carrier code: 1-64 of letters, digits, '-', '_', '.'.
std::string carrier_code_of(const Request& r) {
  const std::string code = r.str("carrier_code");
  if (code.size() > 64 ||
      code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos)
    r.fail("carrier_code", "must be 1-64 letters, digits, '-', '_' or '.'");
  return code;
}

}  // namespace

json::object fulfillment_update_tracking(OpsContext& c, const Request& r) {
  const std::string order_id = r.id("order_id");
  const std::string tracking = tracking_number_of(r);
  if (r.has("package_id")) r.id("package_id");
  if (!r.has("shipping_provider_id") && !r.has("carrier"))
    r.fail("shipping_provider_id", "or 'carrier' (an ERP carrier code) is required");
  const bool raw = r.include_raw();
  const json::object order = order_detail(c, order_id);
  const std::string package_id = package_of(r, order);
  const std::string provider = provider_of(c, r, order);
  // The package variant works for split and unsplit orders alike (the order variant refuses split ones).
  c.call("POST", "/fulfillment/202309/packages/" + package_id + "/shipping_info/update", {},
         json::object{{"tracking_number", tracking}, {"shipping_provider_id", provider}});
  c.log.info("[ops] package " + package_id + " of order " + order_id + ": tracking changed to " + tracking);
  return package_shipment(c, package_id, raw);
}

json::object logistics_carrier_map_set(OpsContext& c, const Request& r) {
  store::CarrierMapping m;
  m.carrier_code = carrier_code_of(r);
  m.delivery_option_id = r.id("delivery_option_id");
  m.shipping_provider_id = r.id("shipping_provider_id");
  for (const auto& [id, name] : providers_of_option(c, m.delivery_option_id))
    if (id == m.shipping_provider_id) m.shipping_provider_name = name;
  if (m.shipping_provider_name.empty()) {
    r.fail("shipping_provider_id", "'" + m.shipping_provider_id + "' is not a provider of delivery option " +
                                       m.delivery_option_id + " (see logistics.shipping_providers)");
  }
  m.updated_at_ms = c.host.wall_ms();
  c.notes.set_carrier(m);
  c.log.info("[ops] carrier " + m.carrier_code + " maps to " + m.shipping_provider_name + " for delivery option " +
             m.delivery_option_id);
  return mapping_json(m);
}

json::object logistics_carrier_map_get(OpsContext& c, const Request& r) {
  const std::optional<std::string> code = r.has("carrier_code") ? std::optional(carrier_code_of(r)) : std::nullopt;
  json::array list;
  for (const auto& m : c.notes.carriers(code)) list.push_back(mapping_json(m));
  return json::object{{"mappings", std::move(list)}};
}

}  // namespace ocean::tiktok::ops
