// fulfillment.ship, fulfillment.documents, fulfillment.tracking, fulfillment.mark_shipped
// (reference §8, Fulfillment), answering shipment.v1.
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "model/time_format.hpp"
#include "capability/request.hpp"
#include "ops/dispatch.hpp"
#include "ops/handlers.hpp"
#include "ops/shipment.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

json::object mark_order_shipped(OpsContext& c, const Request& req, const json::object& order,
                                const std::vector<std::string>& line_items, bool raw);

// The package's order as TikTok sees it (for the hold guard and the carrier map).
json::object order_of_package(OpsContext& c, const std::string& package_id) {
  const auto d = c.call("GET", "/fulfillment/202309/packages/" + package_id);
  for (const auto& o : api_array(d, "orders", "package detail"))
    return order_detail(c, api_string(api_object(o, "package detail"), "id"));
  throw Failure(Status::permanent, "package detail: package " + package_id + " names no order");
}

json::object ship(OpsContext& c, const Request& req) {
  const std::string package_id = req.id("package_id");
  const std::string method = req.one_of("handover_method", {"pickup", "drop_off", "seller_shipped"}, nullptr);
  const bool force = req.opt_bool("force", false);
  const auto lines = req.strings("line_item_ids", false);
  if (!lines.empty() && method != "seller_shipped")
    req.fail("line_item_ids", "applies to handover_method seller_shipped (TikTok ships whole packages)");
  json::object body;
  if (method == "pickup") {
    body["handover_method"] = "PICKUP";
    // The carrier comes in a slot the seller picks (from the package's handover time slots).
    const auto slot = req.object("pickup_slot", {"start_time", "end_time"});
    const std::int64_t from = slot.time("start_time"), to = slot.time("end_time");
    if (from >= to) throw Failure(Status::invalid_argument, "request field 'pickup_slot' must start before it ends");
    if (to <= c.now_s()) throw Failure(Status::invalid_argument, "request field 'pickup_slot' must end in the future");
    body["pickup_slot"] = json::object{{"start_time", from}, {"end_time", to}};
  } else if (method == "drop_off") {
    body["handover_method"] = "DROP_OFF";
  } else {
    tracking_number_of(req);
    if (!req.has("shipping_provider_id") && !req.has("carrier"))
      req.fail("shipping_provider_id", "or 'carrier' (an ERP carrier code) is required for seller_shipped");
  }
  const bool raw = req.include_raw();
  const json::object order = order_of_package(c, package_id);
  refuse_during_hold(c, order, force);
  if (method == "seller_shipped") {
    // An item-level split goes through Mark Package As Shipped.
    if (!lines.empty()) return mark_order_shipped(c, req, order, lines, raw);
    body["self_shipment"] = json::object{{"tracking_number", tracking_number_of(req)},
                                         {"shipping_provider_id", provider_of(c, req, order)}};
  }
  c.call("POST", "/fulfillment/202309/packages/" + package_id + "/ship", {}, body);
  c.log.info("[ops] package " + package_id + " shipped (" + method + ")");
  json::object s = package_shipment(c, package_id, raw);
  s["handover_method"] = method;
  return s;
}

// Downloads doc_url (valid 24 h) with the same TLS-verifying transport and keeps it as a file:
// the URL expires, the file does not.
std::string save_document(OpsContext& c, const std::string& url, const std::string& package_id, const std::string& type,
                          const std::string& format) {
  if (url.rfind("https://", 0) != 0)
    throw Failure(Status::permanent, "shipping documents: doc_url is not an https URL");
  HttpRequest get;
  get.url = url;
  const HttpResult r = c.downloads.perform(get);
  if (r.error == TransportError::timeout || r.error == TransportError::reset || r.error == TransportError::not_sent) {
    throw Failure(Status::retry, "shipping documents: downloading the document failed: " + r.error_message);
  }
  if (r.error != TransportError::none)
    throw Failure(Status::permanent, "shipping documents: downloading the document failed: " + r.error_message);
  if (r.status != 200) {
    throw Failure(
        r.status >= 500 ? Status::retry : Status::permanent,
        "shipping documents: the document URL answered HTTP " + std::to_string(r.status) + " (it is valid for 24 h)");
  }
  if (r.body.empty()) throw Failure(Status::permanent, "shipping documents: the document is empty");
  std::string ext = format == "ZPL" ? ".zpl" : (type == "SHIPPING_LABEL_PICTURE" ? ".png" : ".pdf");
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  const std::filesystem::path dir = std::filesystem::path(c.data_dir) / "documents";
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / (package_id + "-" + type + ext);
  const std::filesystem::path tmp = dir / (package_id + "-" + type + ext + ".part");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    out.close();
    if (!out) throw Failure(Status::internal, "shipping documents: cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, file);  // readers never see half a label
  return file.string();
}

json::object documents(OpsContext& c, const Request& req) {
  const std::string package_id = req.id("package_id");
  const std::string type = req.one_of("document_type",
                                      {"SHIPPING_LABEL", "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP",
                                       "SHIPPING_LABEL_PICTURE", "HAZMAT_LABEL", "INVOICE_LABEL"},
                                      "SHIPPING_LABEL");
  const std::string size = req.one_of("document_size", {"A6", "A5"}, "A6");
  const std::string format = req.one_of("document_format", {"PDF", "ZPL"}, "PDF");
  const bool raw = req.include_raw();
  const auto d = c.call("GET", "/fulfillment/202309/packages/" + package_id + "/shipping_documents",
                        {{"document_type", type}, {"document_size", size}, {"document_format", format}});
  const std::string url = api_string(d, "doc_url");
  if (url.empty()) throw Failure(Status::permanent, "shipping documents: the answer has no doc_url");
  const std::string file = save_document(c, url, package_id, type, format);
  json::object s = package_shipment(c, package_id, raw);
  if (auto t = api_string(d, "tracking_number"); !t.empty()) s["tracking_number"] = t;
  s["documents"] =
      json::array{json::object{{"type", type}, {"url", url}, {"file", file}, {"format", format}, {"size", size}}};
  return s;
}

json::object tracking(OpsContext& c, const Request& req) {
  const std::string order_id = req.id("order_id");
  std::optional<std::string> wanted = req.has("package_id") ? std::optional(req.id("package_id")) : std::nullopt;
  const bool raw = req.include_raw();
  const json::object order = order_detail(c, order_id);
  std::vector<std::string> packages;
  for (const auto& p : api_array(order, "packages", "order detail"))
    packages.push_back(api_string(api_object(p, "order detail"), "id"));
  std::string package_id;
  if (wanted) {
    if (std::find(packages.begin(), packages.end(), *wanted) == packages.end()) {
      throw Failure(Status::not_found, "order " + order_id + " has no package " + *wanted);
    }
    package_id = *wanted;
  } else if (packages.size() == 1) {
    package_id = packages.front();
  } else if (packages.empty()) {
    throw Failure(Status::invalid_state, "order " + order_id + " has no package yet, so nothing is tracked");
  } else {
    std::string list;
    for (const auto& p : packages) list += (list.empty() ? "" : ", ") + p;
    throw Failure(Status::invalid_argument,
                  "order " + order_id + " has several packages (" + list + "); pass 'package_id'");
  }
  const auto t = c.call("GET", "/fulfillment/202309/orders/" + order_id + "/tracking");
  json::array events;
  std::vector<std::pair<std::int64_t, std::string>> sorted;
  for (const auto& e : api_array(t, "tracking", "tracking")) {
    const auto& o = api_object(e, "tracking");
    // update_time_millis is in MILLISECONDS (reference §8), unlike every other time here.
    sorted.emplace_back(api_int(o, "update_time_millis") / 1000, api_string(o, "description"));
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [at, text] : sorted)
    events.push_back(json::object{{"at", model::rfc3339(at)}, {"description", text}});

  json::object s = shipment_base(c.account_id, c.shop_id(), package_id);
  s["order_ids"] = json::array{json::value(order_id)};
  const std::string status = api_string(order, "status");
  s["status"] = shipment_status_of_order(status);
  s["marketplace_status"] = status;
  for (const auto& li : api_array(order, "line_items", "order detail")) {
    const auto& l = api_object(li, "order detail");
    if (api_string(l, "package_id") != package_id) continue;
    if (auto n = api_string(l, "tracking_number"); !n.empty()) s["tracking_number"] = n;
    if (auto p = api_string(l, "shipping_provider_name"); !p.empty()) s["carrier"] = p;
  }
  if (!s.contains("tracking_number") && !api_string(order, "tracking_number").empty())
    s["tracking_number"] = api_string(order, "tracking_number");
  if (!s.contains("carrier") && !api_string(order, "shipping_provider").empty())
    s["carrier"] = api_string(order, "shipping_provider");
  s["tracking_events"] = std::move(events);
  if (raw) s["raw"] = json::object{{"tracking", t}, {"order", order}};
  return s;
}

// Mark Package As Shipped (ORD-3PL-FULFILL, and ORD-SPLIT-API with line items), for fulfillment.ship
// (seller_shipped with line_item_ids) and fulfillment.mark_shipped; the hold guard has run.
json::object mark_order_shipped(OpsContext& c, const Request& req, const json::object& order,
                                const std::vector<std::string>& line_items, bool raw) {
  const std::string tracking = tracking_number_of(req);
  const std::string order_id = api_string(order, "id");
  const std::string provider = provider_of(c, req, order);
  json::object body{{"tracking_number", tracking}, {"shipping_provider_id", provider}};
  if (!line_items.empty()) {
    json::array a;
    for (const auto& id : line_items) a.emplace_back(id);
    body["order_line_item_ids"] = std::move(a);
  }
  const auto d = c.call("POST", "/fulfillment/202309/orders/" + order_id + "/packages", {}, body);
  std::string package_id = api_string(d, "package_id");
  if (package_id.empty()) {
    // Some answers carry only the order; its line items name the package now holding them.
    for (const auto& li : api_array(order_detail(c, order_id), "line_items", "order detail")) {
      const auto& l = api_object(li, "order detail");
      if (api_string(l, "tracking_number") == tracking && !api_string(l, "package_id").empty())
        package_id = api_string(l, "package_id");
    }
  }
  if (package_id.empty()) throw Failure(Status::permanent, "mark shipped: the answer names no package");
  c.log.info("[ops] order " + order_id + " marked shipped, package " + package_id);
  // The package as TikTok now holds it: the carrier's name (not its id), the lines it carries.
  json::object s = package_shipment(c, package_id, false);
  s["order_ids"] = json::array{json::value(order_id)};
  s["status"] = "shipped";
  s["handover_method"] = "seller_shipped";
  s["tracking_number"] = tracking;
  s["carrier_id"] = provider;
  if (const auto* w = d.if_contains("warning"); w != nullptr && w->is_object())
    s["warning"] = api_string(w->as_object(), "message");
  if (raw) s["raw"] = d;
  return s;
}

json::object mark_shipped(OpsContext& c, const Request& req) {
  const std::string order_id = req.id("order_id");
  tracking_number_of(req);
  if (req.has("order_line_item_ids") && req.has("line_item_ids"))
    req.fail("line_item_ids", "and 'order_line_item_ids' name the same thing; give one");
  const auto lines = req.strings(req.has("order_line_item_ids") ? "order_line_item_ids" : "line_item_ids", false);
  if (!req.has("shipping_provider_id") && !req.has("carrier"))
    req.fail("shipping_provider_id", "or 'carrier' (an ERP carrier code) is required");
  const bool force = req.opt_bool("force", false);
  const bool raw = req.include_raw();
  const json::object order = order_detail(c, order_id);
  refuse_during_hold(c, order, force);
  return mark_order_shipped(c, req, order, lines, raw);
}

}  // namespace

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object fulfillment_ship(OpsContext& c, const Request& r) { return ship(c, r); }
json::object fulfillment_documents(OpsContext& c, const Request& r) { return documents(c, r); }
json::object fulfillment_tracking(OpsContext& c, const Request& r) { return tracking(c, r); }
json::object fulfillment_mark_shipped(OpsContext& c, const Request& r) { return mark_shipped(c, r); }

}  // namespace ocean::tiktok::ops
