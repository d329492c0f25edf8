// returns.search / approve / reject, cancellations.search, orders.cancel (reference §8, Returns
// and cancellations), answering return.v1. Approve and reject carry an idempotency key that is
// persisted per (return, decision): a retry of the same decision reuses the same key, so TikTok
// applies it once however many times the host repeats it.
#include <boost/json.hpp>

#include <utility>

#include "model/decimal.hpp"
#include "model/time_format.hpp"
#include "capability/request.hpp"
#include "ops/handlers.hpp"
#include "ops/return_view.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

std::string return_status(std::string_view s) {
  if (s == "RETURN_OR_REFUND_REQUEST_PENDING" || s == "AWAITING_BUYER_RESPONSE") return "requested";
  if (s == "REFUND_OR_RETURN_REQUEST_REJECT" || s == "REJECT_RECEIVE_PACKAGE") return "rejected";
  if (s == "AWAITING_BUYER_SHIP") return "awaiting_buyer_shipment";
  if (s == "BUYER_SHIPPED_ITEM") return "buyer_shipped";
  if (s == "RETURN_OR_REFUND_REQUEST_SUCCESS" || s == "RETURN_OR_REFUND_REQUEST_COMPLETE") return "completed";
  if (s == "RETURN_OR_REFUND_REQUEST_CANCEL") return "cancelled";
  // REPLACEMENT_* and words added later: by their meaning, the TikTok word kept beside.
  if (s.find("REJECT") != std::string_view::npos) return "rejected";
  if (s.find("CANCEL") != std::string_view::npos) return "cancelled";
  if (s.find("SUCCESS") != std::string_view::npos || s.find("COMPLETE") != std::string_view::npos) return "completed";
  if (s.find("SHIPPED") != std::string_view::npos) return "buyer_shipped";
  if (s.find("APPROVE") != std::string_view::npos) return "approved";
  return "requested";
}

std::string cancel_status(std::string_view s) {
  if (s == "CANCELLATION_REQUEST_PENDING") return "requested";
  if (s == "CANCELLATION_REQUEST_SUCCESS" || s == "CANCELLATION_REQUEST_COMPLETE") return "completed";
  if (s == "CANCELLATION_REQUEST_CANCEL") return "cancelled";
  if (s.find("REJECT") != std::string_view::npos) return "rejected";
  return "requested";
}

std::string return_kind(std::string_view t) {
  if (t == "RETURN_AND_REFUND") return "return_and_refund";
  if (t == "REPLACEMENT") return "replacement";
  return "refund";
}

// refund_amount{currency, refund_total, refund_subtotal, refund_shipping_fee, refund_tax}: every
// amount must be a decimal string, else the record is refused rather than shown wrong.
json::object refund_of(const json::object& o, const std::string& what) {
  json::object r;
  const auto* ra = o.if_contains("refund_amount");
  if (ra == nullptr || ra->is_null()) return r;
  if (!ra->is_object()) throw Failure(Status::permanent, what + ": refund_amount is not an object");
  const auto& a = ra->as_object();
  if (auto cur = api_string(a, "currency"); !cur.empty()) r["currency"] = cur;
  const std::pair<const char*, const char*> fields[] = {{"refund_total", "total"},
                                                        {"refund_subtotal", "subtotal"},
                                                        {"refund_shipping_fee", "shipping"},
                                                        {"refund_tax", "tax"}};
  for (const auto& [wire, neutral] : fields) {
    const auto* v = a.if_contains(wire);
    if (v == nullptr || v->is_null()) continue;
    if (!v->is_string() || !Decimal::parse(v->as_string())) {
      throw Failure(Status::permanent, what + ": refund_amount." + wire + " is not a decimal string");
    }
    r[neutral] = v->as_string();
  }
  return r;
}

void add_strings(json::object& body, const char* wire, const std::vector<std::string>& v) {
  if (v.empty()) return;
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  body[wire] = std::move(a);
}

void time_filters(const Request& req, json::object& body) {
  for (const char* k : {"create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt"}) {
    if (auto t = req.opt_time(k)) body[k] = *t;
  }
  if (body.contains("create_time_ge") && body.contains("create_time_lt") &&
      body["create_time_ge"].as_int64() >= body["create_time_lt"].as_int64()) {
    throw Failure(Status::invalid_argument, "request fields 'create_time_ge' must be before 'create_time_lt'");
  }
}

json::object search_returns(OpsContext& c, const Request& req) {
  const Paging pg = req.paging(10, 50, 10);  // the returns API takes 10-50 (reference §6)
  json::object body;
  add_strings(body, "return_status", req.strings("return_status", false));
  add_strings(body, "return_ids", req.strings("return_ids", false));
  add_strings(body, "order_ids", req.strings("order_ids", false));
  add_strings(body, "return_types", req.strings("return_types", false));
  time_filters(req, body);
  const bool raw = req.include_raw();
  url::QueryParams q{{"page_size", std::to_string(pg.page_size)}};
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("POST", "/return_refund/202309/returns/search", q, body, true);
  json::array items;
  for (const auto& r : api_array(d, "return_orders", "return search"))
    items.push_back(to_return_v1(c, api_object(r, "return search"), false, raw));
  return page_response(std::move(items), d);
}

json::object search_cancellations(OpsContext& c, const Request& req) {
  const Paging pg = req.paging(1, 50, 10);
  json::object body;
  add_strings(body, "cancel_status", req.strings("cancel_status", false));
  add_strings(body, "cancel_ids", req.strings("cancel_ids", false));
  add_strings(body, "order_ids", req.strings("order_ids", false));
  time_filters(req, body);
  const bool raw = req.include_raw();
  url::QueryParams q{{"page_size", std::to_string(pg.page_size)}};
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("POST", "/return_refund/202309/cancellations/search", q, body, true);
  json::array items;
  for (const auto& r : api_array(d, "cancellations", "cancellation search")) {
    items.push_back(to_return_v1(c, api_object(r, "cancellation search"), true, raw));
  }
  return page_response(std::move(items), d);
}

// The return after a decision, fetched fresh so the answer is TikTok's view, not ours.
json::object return_by_id(OpsContext& c, const std::string& id, bool raw) {
  const auto d = c.call("POST", "/return_refund/202309/returns/search", {{"page_size", "10"}},
                        json::object{{"return_ids", json::array{json::value(id)}}}, true);
  for (const auto& r : api_array(d, "return_orders", "return search")) {
    const auto& o = api_object(r, "return search");
    if (api_string(o, "return_id") == id) return to_return_v1(c, o, false, raw);
  }
  throw Failure(Status::not_found, "return " + id + " was not found after the decision");
}

json::object decide(OpsContext& c, const Request& req, bool approve) {
  const std::string id = req.id("return_id");
  json::object body;
  if (approve) {
    body["decision"] = req.one_of(
        "decision", {"APPROVE_REFUND", "APPROVE_RETURN", "APPROVE_REPLACEMENT", "APPROVE_RECEIVED_PACKAGE"}, nullptr);
    if (req.has("buyer_keep_item")) body["buyer_keep_item"] = req.opt_bool("buyer_keep_item", false);
    if (req.has("partial_refund")) {
      const auto p = req.object("partial_refund", {"amount", "currency"});
      const Decimal amount = p.decimal("amount");
      if (amount.micros <= 0)
        throw Failure(Status::invalid_argument, "request field 'partial_refund.amount' must be greater than 0");
      body["partial_refund"] = json::object{{"amount", amount.str()}, {"currency", p.str("currency")}};
    }
  } else {
    body["decision"] = req.one_of(
        "decision", {"REJECT_REFUND", "REJECT_RETURN", "REJECT_REPLACEMENT", "REJECT_RECEIVED_PACKAGE"}, nullptr);
    // reject_reason is one of TikTok's codes (GET /return_refund/202309/reject_reasons).
    body["reject_reason"] = req.str("reject_reason");
    if (auto comment = req.opt_str("comment")) {
      if (comment->size() > 500)
        throw Failure(Status::invalid_argument, "request field 'comment' must be at most 500 bytes");
      body["comment"] = *comment;
    }
    add_strings(body, "images", req.strings("images", false));
  }
  const bool raw = req.include_raw();
  const char* op = approve ? "returns.approve" : "returns.reject";
  // The host may name its own key (its retries then match ours); otherwise one is made and kept.
  const auto host_key = req.opt_str("idempotency_key");
  const std::string key = host_key && !host_key->empty()
                              ? *host_key
                              : c.store.idempotency_key(op, id, json::serialize(body), c.host.wall_ms());
  c.call("POST", "/return_refund/202309/returns/" + id + (approve ? "/approve" : "/reject"), {{"idempotency_key", key}},
         body,
         /*idempotent=*/true);
  c.store.idempotency_done(key, c.host.wall_ms());
  c.log.info(std::string("[ops] return ") + id + (approve ? " approved (" : " rejected (") +
             std::string(body["decision"].as_string()) + ")");
  json::object r = return_by_id(c, id, raw);
  r["idempotency_key"] = key;
  return r;
}

json::object approve(OpsContext& c, const Request& req) { return decide(c, req, true); }
json::object reject(OpsContext& c, const Request& req) { return decide(c, req, false); }

json::object cancel_order(OpsContext& c, const Request& req) {
  const std::string order_id = req.id("order_id");
  // A code from TikTok's list of seller cancel reasons, e.g. seller_cancel_reason_out_of_stock.
  const std::string reason = req.str("cancel_reason");
  json::object body{{"order_id", order_id}, {"cancel_reason", reason}};
  add_strings(body, "order_line_item_ids", req.strings("order_line_item_ids", false));
  if (const auto skus = req.objects("skus", {"sku_id", "quantity"}); !skus.empty()) {
    json::array w;
    for (std::size_t i = 0; i < skus.size(); ++i) {
      const auto qty = skus[i].opt_int("quantity");
      if (!qty || *qty < 1)
        throw Failure(Status::invalid_argument,
                      "request field 'skus[" + std::to_string(i) + "].quantity' must be at least 1");
      w.push_back(json::object{{"sku_id", skus[i].id("sku_id")}, {"quantity", *qty}});
    }
    if (!w.empty()) body["skus"] = std::move(w);
  }
  const bool raw = req.include_raw();
  const auto d = c.call("POST", "/return_refund/202309/cancellations", {}, body);
  const std::string cancel_id = api_string(d, "cancel_id");
  if (cancel_id.empty()) throw Failure(Status::permanent, "cancel order: the answer has no cancel_id");
  c.log.info("[ops] order " + order_id + " cancelled by the seller (" + cancel_id + ")");
  json::object o = d;
  if (api_string(o, "order_id").empty()) o["order_id"] = order_id;
  if (api_string(o, "cancel_reason").empty()) o["cancel_reason"] = reason;
  return to_return_v1(c, o, true, raw);
}

// How the items travel back (Search Returns): method, carrier, tracking, the seller's return
// warehouse, who pays the return label (decimal strings) and whether the buyer keeps the item.
void put_return_shipping(json::object& r, const json::object& o) {
  static const std::pair<const char*, const char*> kMethods[] = {{"PLATFORM_SHIPPED", "platform_shipped"},
                                                                 {"BUYER_SHIPPED", "buyer_shipped"},
                                                                 {"SELLER_SHIPPED", "seller_shipped"}};
  const std::string method = api_string(o, "return_method");
  for (const auto& [word, neutral] : kMethods)
    if (method == word) r["return_method"] = neutral;
  if (auto v = api_string(o, "return_provider_name"); !v.empty()) r["carrier"] = v;
  if (auto v = api_string(o, "return_provider_id"); !v.empty()) r["carrier_id"] = v;
  if (auto v = api_string(o, "return_tracking_number"); !v.empty()) r["tracking_number"] = v;
  if (const auto* w = o.if_contains("return_warehouse_address"); w != nullptr && w->is_object()) {
    if (auto a = api_string(w->as_object(), "full_address"); !a.empty()) r["return_warehouse_address"] = a;
  }
  if (const auto* fees = o.if_contains("shipping_fee_amount"); fees != nullptr && fees->is_array()) {
    for (const auto& f : fees->as_array()) {
      if (!f.is_object()) continue;
      json::object fee;
      if (auto c = api_string(f.as_object(), "currency"); !c.empty()) fee["currency"] = c;
      for (const auto& [key, field] : {std::pair{"seller_paid", "seller_paid_return_shipping_fee"},
                                       std::pair{"platform_paid", "platform_paid_return_shipping_fee"},
                                       std::pair{"buyer_paid", "buyer_paid_return_shipping_fee"}}) {
        const std::string v = api_string(f.as_object(), field);
        if (model::Decimal::parse(v)) fee[key] = v;
      }
      r["return_shipping_fee"] = std::move(fee);
      break;  // one entry per return
    }
  }
  if (const auto* keep = o.if_contains("can_buyer_keep_item"); keep != nullptr && keep->is_bool()) {
    r["buyer_keeps_item"] = keep->as_bool();
  }
}

}  // namespace

json::object to_return_v1(OpsContext& c, const json::object& o, bool cancellation, bool raw) {
  const std::string what = cancellation ? "cancellation" : "return";
  json::object r{{"schema", "return.v1"}, {"marketplace", "tiktok_shop"}, {"account_id", c.account_id}};
  r["external_id"] = api_string(o, cancellation ? "cancel_id" : "return_id");
  if (api_string(r, "external_id").empty()) throw Failure(Status::permanent, what + ": an entry has no id");
  r["kind"] = cancellation ? "cancellation" : return_kind(api_string(o, "return_type"));
  r["order_id"] = api_string(o, "order_id");
  const std::string status = api_string(o, cancellation ? "cancel_status" : "return_status");
  r["status"] = cancellation ? cancel_status(status) : return_status(status);
  r["marketplace_status"] = status;
  std::string reason = api_string(o, cancellation ? "cancel_reason_text" : "return_reason_text");
  if (reason.empty()) reason = api_string(o, cancellation ? "cancel_reason" : "return_reason");
  if (!reason.empty()) r["reason"] = reason;
  if (auto t = api_int(o, "create_time"); t > 0) r["created_at"] = model::rfc3339(t);
  if (auto t = api_int(o, "update_time"); t > 0) r["updated_at"] = model::rfc3339(t);
  if (auto refund = refund_of(o, what); !refund.empty()) r["refund"] = std::move(refund);
  json::array lines;
  for (const auto& li : api_array(o, cancellation ? "cancel_line_items" : "return_line_items", what)) {
    const auto& l = api_object(li, what);
    json::object line{{"external_sku_id", api_string(l, "sku_id")}, {"quantity", 1}};  // one unit per line item (§8)
    if (auto refund = refund_of(l, what + " line"); refund.contains("total")) line["refund_amount"] = refund["total"];
    lines.push_back(std::move(line));
  }
  if (!lines.empty()) r["lines"] = std::move(lines);
  if (!cancellation) put_return_shipping(r, o);
  if (raw) r["raw"] = o;
  return r;
}

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object returns_search(OpsContext& c, const Request& r) { return search_returns(c, r); }
json::object returns_approve(OpsContext& c, const Request& r) { return approve(c, r); }
json::object returns_reject(OpsContext& c, const Request& r) { return reject(c, r); }
json::object cancellations_search(OpsContext& c, const Request& r) { return search_cancellations(c, r); }
json::object orders_cancel(OpsContext& c, const Request& r) { return cancel_order(c, r); }

}  // namespace ocean::tiktok::ops
