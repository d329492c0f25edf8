// orders.external_refs.set / .get (reference: catalog §3.3, External Order References 202406): the ERP's
// own order number written onto the TikTok order (platform ERP_SYSTEM, one reference per platform, each
// TikTok line item named by the ERP's line number <number>-<n>) and read back from TikTok. The number set
// is also kept locally, so the mirrored order.v1 shows it as external_order_id.
#include <boost/json.hpp>

#include <algorithm>

#include "ops/dispatch.hpp"
#include "ops/handlers.hpp"
#include "store/order_notes.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

constexpr const char* kPlatform = "ERP_SYSTEM";  // what an ERP uses (reference §3.3)

// The ERP's order number: 1-100 printable ASCII characters.
std::string external_id_of(const Request& r) {
  const std::string id = r.str("external_order_id");
  const bool printable = std::all_of(id.begin(), id.end(), [](unsigned char ch) { return ch >= 0x20 && ch < 0x7f; });
  if (id.size() > 100 || !printable) r.fail("external_order_id", "must be 1-100 printable ASCII characters");
  return id;
}

json::object refs_of(OpsContext& c, const std::string& order_id) {
  const auto d = c.call("GET", "/order/202406/orders/" + order_id + "/external_orders", {{"platform", kPlatform}});
  json::array refs;
  for (const auto& e : api_array(d, "external_orders", "external order references")) {
    const auto& o = api_object(e, "external order references");
    json::array lines;
    for (const auto& l : api_array(o, "line_items", "external order references")) {
      const auto& lo = api_object(l, "external order references");
      lines.push_back(
          json::object{{"external_line_id", api_string(lo, "id")}, {"line_item_id", api_string(lo, "origin_id")}});
    }
    refs.push_back(json::object{{"external_order_id", api_string(o, "id")},
                                {"platform", api_string(o, "platform")},
                                {"lines", std::move(lines)}});
  }
  json::value first = refs.empty() ? json::value(nullptr) : refs.at(0).as_object().at("external_order_id");
  return json::object{{"order_id", order_id}, {"external_order_id", first}, {"refs", std::move(refs)}};
}

}  // namespace

json::object orders_external_refs_set(OpsContext& c, const Request& r) {
  const std::string order_id = r.id("order_id");
  const std::string external_id = external_id_of(r);
  const json::object order = order_detail(c, order_id);
  json::array lines;
  int n = 0;
  for (const auto& li : api_array(order, "line_items", "order detail")) {
    const std::string id = api_string(api_object(li, "order detail"), "id");
    lines.push_back(json::object{{"id", external_id + "-" + std::to_string(++n)}, {"origin_id", id}});
  }
  if (lines.empty()) throw Failure(Status::permanent, "order detail: order " + order_id + " has no line items");
  json::object entry{
      {"id", order_id},
      {"external_order", json::object{{"id", external_id}, {"platform", kPlatform}, {"line_items", std::move(lines)}}}};
  const auto d = c.call("POST", "/order/202406/orders/external_orders", {},
                        json::object{{"orders", json::array{std::move(entry)}}}, /*idempotent=*/true);
  for (const auto& e : api_array(d, "errors", "external order references")) {
    const auto& o = api_object(e, "external order references");
    // errors[].code is a string here (reference §6.10); api_string reads either.
    throw Failure(Status::invalid_argument, "TikTok refused the reference for order " + order_id + ": " +
                                                api_string(o, "message") + " (code " + api_string(o, "code") + ")");
  }
  c.notes.set_external_ref(order_id, external_id, kPlatform, c.host.wall_ms());
  c.log.info("[ops] order " + order_id + " carries ERP order number " + external_id + " on TikTok");
  return refs_of(c, order_id);
}

json::object orders_external_refs_get(OpsContext& c, const Request& r) { return refs_of(c, r.id("order_id")); }

}  // namespace ocean::tiktok::ops
