// Cancellations (reference §6, §8): POST /return_refund/202309/cancellations (the seller cancels an order
// that has not shipped), POST .../cancellations/search, and .../cancellations/{cancel_id}/approve and
// /reject for a buyer's request (idempotency_key). Records live in the returns store (returns_store.hpp);
// the time-driven side (generated requests, 48 h auto-approval) is in returns.cpp.
#include <algorithm>

#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

// Seller cancel reasons accepted in cancel_reason, with the text the order shows as cancel_reason.
const RejectReason kSellerCancelReasons[] = {
    {"seller_cancel_reason_out_of_stock", "Out of stock"},
    {"seller_cancel_reason_wrong_price", "Pricing error"},
    {"seller_cancel_paid_reason_address_not_deliver", "Unable to deliver to the buyer's address"},
    {"seller_cancel_paid_reason_buyer_requested_cancellation", "The buyer asked to cancel"},
    {"seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed", "The buyer has not paid in time"}};

const char* const kCancelStatuses[] = {"CANCELLATION_REQUEST_PENDING", "CANCELLATION_REQUEST_SUCCESS",
                                       "CANCELLATION_REQUEST_CANCEL", "CANCELLATION_REQUEST_COMPLETE"};

bool is_cancel_status(const std::string& s) {
  return std::any_of(std::begin(kCancelStatuses), std::end(kCancelStatuses), [&](const char* x) { return s == x; });
}

CancelRecord& require_cancel(Shop& shop, const std::string& id) {
  auto& store = returns_store(shop);
  auto it = store.cancels.find(id);
  if (it == store.cancels.end()) throw bad_param("cancel_id " + id + " does not exist in this shop");
  return it->second;
}

const CancelRecord* pending_request(Shop& shop, const std::string& order_id) {
  auto& store = returns_store(shop);
  auto it = store.cancel_of_order.find(order_id);
  if (it == store.cancel_of_order.end()) return nullptr;
  const CancelRecord& r = store.cancels.at(it->second);
  return r.status == "CANCELLATION_REQUEST_PENDING" ? &r : nullptr;
}

json::value seller_cancel(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const std::string oid = fields::req_string(b, "order_id");
  const std::string reason = fields::req_string(b, "cancel_reason");
  const auto* known = std::find_if(std::begin(kSellerCancelReasons), std::end(kSellerCancelReasons),
                                   [&](const RejectReason& r) { return reason == r.name; });
  if (known == std::end(kSellerCancelReasons)) throw bad_param("cancel_reason is invalid: " + reason);
  auto it = shop.data.orders.find(oid);
  if (it == shop.data.orders.end()) throw bad_param("order_id " + oid + " does not exist in this shop");
  Order& o = it->second;
  // Only a whole-order cancellation is emulated: listed line items (or SKUs) must cover the order.
  if (const auto items = fields::opt_string_array(b, "order_line_item_ids")) {
    for (const auto& id : *items)
      if (find_line(o, id) == nullptr) throw bad_param("order_line_item_id " + id + " is not in order " + oid);
    std::vector<std::string> sorted = *items;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    if (sorted.size() != o.line_items.size()) {
      throw bad_param("partial cancellation is not supported by the sandbox: list every line item of the order");
    }
  }
  if (const json::array* skus = fields::opt_array(b, "skus")) {
    std::map<std::string, std::int64_t> want, have;
    for (const auto& s : *skus) {
      if (!s.is_object()) throw bad_param("skus must be an array of {sku_id, quantity}");
      const std::string sku = fields::req_string(s.as_object(), "sku_id");
      const std::int64_t q = fields::opt_int(s.as_object(), "quantity").value_or(0);
      if (q < 1) throw bad_param("skus[].quantity must be at least 1");
      want[sku] += q;
    }
    for (const auto& li : o.line_items) ++have[li.sku_id];
    if (want != have)
      throw bad_param("partial cancellation is not supported by the sandbox: skus must cover the order");
  }
  if (!order_cancellable(o)) throw bad_param("order " + oid + " cannot be cancelled in status " + o.status);
  if (pending_request(shop, oid) != nullptr) {
    throw bad_param("order " + oid + " has a pending buyer cancellation request; approve or reject it instead");
  }
  CancelRecord& r =
      add_cancel(c.world, shop, o, "CANCEL", "SELLER", "CANCELLATION_REQUEST_COMPLETE", reason, known->text, c.now);
  cancel_order(c.world, shop, o, known->text, c.now);
  return json::object{{"cancel_id", r.id}, {"cancel_status", r.status}};
}

json::value search_cancellations(ApiContext& c) {
  static const RecordSearch<CancelRecord> spec{
      &ReturnsStore::cancels, "cancel_status", is_cancel_status, "cancel_types", {"CANCEL", "BUYER_CANCEL"},
      "cancel_ids",           "cancellations", cancel_json,      false};
  return search_records(c, spec);
}

// A decision on a request that is no longer pending, with the code the API answers for its state
// (reference §3.5): approving something already cancelled is 25020009, rejecting an approved one 25020010.
void require_pending(const CancelRecord& r, bool approving) {
  if (r.status == "CANCELLATION_REQUEST_PENDING") return;
  if (r.type != "BUYER_CANCEL") {
    throw rule_error(25020004, "cancellation " + r.id + " is a " + r.type + ", not a buyer's request to decide");
  }
  const bool done = r.status == "CANCELLATION_REQUEST_COMPLETE" || r.status == "CANCELLATION_REQUEST_SUCCESS";
  if (approving) {
    if (done) throw rule_error(25020009, "cancellation " + r.id + " is already approved and the order cancelled");
    throw rule_error(25011012, "cancellation " + r.id + " cannot be approved in status " + r.status);
  }
  if (done) throw rule_error(25020010, "cancellation " + r.id + " is already approved");
  throw rule_error(25011011, "cancellation " + r.id + " cannot be rejected in status " + r.status);
}

json::value approve_cancellation(ApiContext& c) {
  Shop& shop = c.the_shop();
  return idempotent_optional(c, returns_store(shop), [&]() -> json::value {
    CancelRecord& r = require_cancel(shop, c.path_param("cancel_id"));
    Order& o = shop.data.orders.at(r.order_id);
    require_pending(r, true);
    if (o.status == "CANCELLED") throw rule_error(25020009, "order " + o.id + " is already cancelled");
    if (!order_cancellable(o)) {
      throw rule_error(25001045, "order " + o.id + " has already shipped (" + o.status + "); it cannot be recalled");
    }
    r.next_at = 0;
    set_cancel_status(c.world, shop, r, "CANCELLATION_REQUEST_COMPLETE", c.now);
    cancel_order(c.world, shop, o, r.reason_text, c.now);
    return json::object{};
  });
}

json::value reject_cancellation(ApiContext& c) {
  Shop& shop = c.the_shop();
  return idempotent_optional(c, returns_store(shop), [&]() -> json::value {
    CancelRecord& r = require_cancel(shop, c.path_param("cancel_id"));
    const auto& b = c.body();
    const std::string reason = fields::req_string(b, "reject_reason");
    const std::string comment = fields::opt_string(b, "comment").value_or("");
    if (comment.size() > 500) throw bad_param("comment must be at most 500 characters");
    fields::opt_array(b, "images");
    if (reject_reason_text(cancel_reject_reasons(shop.region), reason).empty()) {
      const bool return_reason = !reject_reason_text(return_reject_reasons(), reason).empty();
      throw rule_error(
          return_reason ? 25001016 : 25001014,
          "reject_reason " + reason +
              (return_reason ? " is a return reason, not a cancellation one" : " is unknown in this market") +
              " (see GET /return_refund/202309/reject_reasons)");
    }
    require_pending(r, false);
    Order& o = shop.data.orders.at(r.order_id);
    if (reason.find("reject_reason_delivered") != std::string::npos && o.status != "DELIVERED" &&
        o.status != "COMPLETED") {
      throw rule_error(25001021, "reject_reason " + reason + " does not fit order status " + o.status);
    }
    r.next_at = 0;
    r.reject_reason = reason;
    r.comment = comment;
    set_cancel_status(c.world, shop, r, "CANCELLATION_REQUEST_CANCEL", c.now);
    // The order goes on to be shipped.
    c.world.replan_order(shop, o, c.now);
    return json::object{};
  });
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/return_refund/202309/cancellations", ShopScope::kRequired, std::nullopt, seller_cancel});
  r.add(ApiRoute{"POST", "/return_refund/202309/cancellations/search", ShopScope::kRequired, PageSizeRule{false, 1, 50},
                 search_cancellations});
  r.add(ApiRoute{"POST", "/return_refund/202309/cancellations/{cancel_id}/approve", ShopScope::kRequired, std::nullopt,
                 approve_cancellation});
  r.add(ApiRoute{"POST", "/return_refund/202309/cancellations/{cancel_id}/reject", ShopScope::kRequired, std::nullopt,
                 reject_cancellation});
}

void register_admin(AdminRouter& r) {
  // The buyer asks to cancel an unshipped order now: {order_id}. The order's flow stops until the
  // seller decides or the 48 h auto-approval.
  r.add(AdminRoute{"POST", "/_sandbox/cancellations", [](AdminContext& c) -> json::value {
                     const std::string oid = fields::req_string(c.body(), "order_id");
                     Shop* shop = c.world.shop_of_order(oid);
                     if (shop == nullptr) throw bad_param("unknown order id");
                     Order& o = shop->data.orders.at(oid);
                     if (!order_cancellable(o))
                       throw bad_param("order " + oid + " cannot be cancelled in status " + o.status);
                     if (pending_request(*shop, oid) != nullptr)
                       throw bad_param("order " + oid + " already has a pending request");
                     returns_store(*shop).cancel_request_considered.insert(oid);
                     freeze_order(o);
                     return cancel_json(
                         *shop, add_cancel(c.world, *shop, o, "BUYER_CANCEL", "BUYER", "CANCELLATION_REQUEST_PENDING",
                                           "buyer_cancel_reason_change_of_mind", "No longer needed", c.now));
                   }});
  // Moves a cancellation to a status now (webhook CANCELLATION_STATUS_CHANGE); the order is untouched.
  r.add(AdminRoute{"POST", "/_sandbox/cancellations/{cancel_id}/status", [](AdminContext& c) -> json::value {
                     const std::string status = fields::req_string(c.body(), "status");
                     if (!is_cancel_status(status)) throw bad_param("unknown cancel status " + status);
                     return with_record(c.world, &ReturnsStore::cancels, c.path_param("cancel_id"), "cancel id",
                                        [&](Shop& shop, CancelRecord& cancel) {
                                          if (status != "CANCELLATION_REQUEST_PENDING") cancel.next_at = 0;
                                          set_cancel_status(c.world, shop, cancel, status, c.now);
                                          return cancel_json(shop, cancel);
                                        });
                   }});
}

void truth(const Shop& shop, json::object& out) {
  out["cancellations"] = records_json(shop, &ReturnsStore::cancels, cancel_truth_json);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"cancellations", register_routes, register_admin, nullptr, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
