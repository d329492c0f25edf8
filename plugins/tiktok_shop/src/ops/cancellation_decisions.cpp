// cancellations.approve / cancellations.reject / cancellations.reject_reasons (reference: catalog §3.5,
// ORD-CANCEL-BUYER): the seller answers a buyer's cancellation request. Like the returns decisions, each
// carries an idempotency key persisted per (request, decision), so a retried decision is applied once.
#include <boost/json.hpp>

#include "ops/handlers.hpp"
#include "ops/return_view.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

// The cancellation after a decision, read back so the answer is TikTok's view (return.v1).
json::object cancellation_by_id(OpsContext& c, const std::string& id, bool raw) {
  const auto d = c.call("POST", "/return_refund/202309/cancellations/search", {{"page_size", "10"}},
                        json::object{{"cancel_ids", json::array{json::value(id)}}}, true);
  for (const auto& r : api_array(d, "cancellations", "cancellation search")) {
    const auto& o = api_object(r, "cancellation search");
    if (api_string(o, "cancel_id") == id) return to_return_v1(c, o, true, raw);
  }
  throw Failure(Status::not_found, "cancellation " + id + " was not found after the decision");
}

json::object decide(OpsContext& c, const Request& req, bool approve) {
  const std::string id = req.id("cancel_id");
  json::object body;
  if (!approve) {
    // A name from cancellations.reject_reasons (per market, e.g. seller_reject_apply_product_has_been_packed).
    body["reject_reason"] = req.str("reject_reason");
    if (auto comment = req.opt_str("comment")) {
      if (comment->size() > 500) req.fail("comment", "must be at most 500 bytes");
      body["comment"] = *comment;
    }
  }
  const auto host_key = req.opt_str("idempotency_key");
  if (host_key && host_key->size() > 255) req.fail("idempotency_key", "must be at most 255 characters");
  const bool raw = req.include_raw();
  const char* op = approve ? "cancellations.approve" : "cancellations.reject";
  // The host may name its own key (its retries then match ours); otherwise one is made and kept.
  const std::string key = host_key && !host_key->empty()
                              ? *host_key
                              : c.store.idempotency_key(op, id, json::serialize(body), c.host.wall_ms());
  c.call("POST", "/return_refund/202309/cancellations/" + id + (approve ? "/approve" : "/reject"),
         {{"idempotency_key", key}}, body, /*idempotent=*/true);
  c.store.idempotency_done(key, c.host.wall_ms());
  c.log.info(std::string("[ops] cancellation ") + id + (approve ? " approved" : " rejected"));
  json::object r = cancellation_by_id(c, id, raw);
  r["idempotency_key"] = key;
  return r;
}

}  // namespace

json::object cancellations_approve(OpsContext& c, const Request& r) { return decide(c, r, true); }
json::object cancellations_reject(OpsContext& c, const Request& r) { return decide(c, r, false); }

json::object cancellations_reject_reasons(OpsContext& c, const Request& r) {
  const std::string id = r.id("cancel_id");
  const auto d = c.call("GET", "/return_refund/202309/reject_reasons", {{"return_or_cancel_id", id}});
  json::array reasons;
  for (const auto& v : api_array(d, "reasons", "reject reasons")) {
    const auto& o = api_object(v, "reject reasons");
    reasons.push_back(json::object{{"name", api_string(o, "name")}, {"text", api_string(o, "text")}});
  }
  return json::object{{"cancel_id", id}, {"reasons", std::move(reasons)}};
}

}  // namespace ocean::tiktok::ops
