// Returns and cancellations kept per shop (Extension "returns"), shared by returns.cpp (returns, the
// time-driven flow of both kinds) and cancellations.cpp (cancellation endpoints). Refund amounts are
// computed from the order's line items (one unit each) in minor units and printed as decimal strings.
#pragma once
#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"
#include "order_detail.hpp"

namespace tts_sandbox {

struct ReturnRecord {
  std::string id, order_id;
  std::string type;    // REFUND or RETURN_AND_REFUND
  std::string status;  // reference §8 return statuses
  std::string reason, reason_text;
  std::int64_t create_time = 0, update_time = 0;
  std::vector<std::string> line_item_ids;  // order line items returned (one unit each)
  std::vector<std::string> return_line_ids;
  std::int64_t partial_refund_minor = -1;  // seller offered a partial refund (-1 = full)
  std::string reject_reason, comment, return_tracking_number;
  bool buyer_keep_item = false;  // the seller approved a refund and let the buyer keep the item
  std::int64_t next_at = 0;      // time of the next automatic step (0 = none, waits for the seller or is final)
};

struct CancelRecord {
  std::string id, order_id;
  std::string type;    // CANCEL (seller or system) or BUYER_CANCEL (a buyer's request)
  std::string role;    // BUYER, SELLER or SYSTEM
  std::string status;  // CANCELLATION_REQUEST_PENDING / _SUCCESS / _CANCEL / _COMPLETE
  std::string reason, reason_text;
  std::int64_t create_time = 0, update_time = 0;
  std::vector<std::string> line_item_ids;
  std::string reject_reason, comment;
  std::int64_t next_at = 0;
};

struct ReturnsStore : Extension {
  std::map<std::string, ReturnRecord> returns;
  std::map<std::string, CancelRecord> cancels;
  std::map<std::string, std::string> return_of_order, cancel_of_order;  // latest record per order
  std::set<std::string> cancel_request_considered;  // orders already drawn for a buyer cancel request
  std::int64_t watermark = -1;                      // orders updated before this were scanned
  std::int64_t last_now = 0;                        // a clock set backwards rescans everything
  std::int64_t next_due = 0;                        // earliest automatic step of any record; 0 = unknown, scan them all
  support::IdempotencyStore idempotency;
};

inline ReturnsStore& returns_store(Shop& shop) { return shop.data.extension<ReturnsStore>("returns"); }

// Admin routes name a return or cancellation by id alone: finds it in whichever shop holds it
// and answers fn(shop, record); an unknown id is a bad parameter naming `what`.
template <typename Record, typename Fn>
boost::json::value with_record(World& world, std::map<std::string, Record> ReturnsStore::*records,
                               const std::string& id, const char* what, Fn&& fn) {
  for (const auto& shop : world.shops()) {
    auto& all = returns_store(*shop).*records;
    if (auto it = all.find(id); it != all.end()) return fn(*shop, it->second);
  }
  throw bad_param(std::string("unknown ") + what);
}

// The truth's list of one kind of record of a shop.
template <typename Record, typename ToJson>
boost::json::array records_json(const Shop& shop, std::map<std::string, Record> ReturnsStore::*records,
                                ToJson&& to_json) {
  boost::json::array list;
  for (const auto& [id, r] : const_cast<Shop&>(shop).data.extension<ReturnsStore>("returns").*records) {
    list.push_back(to_json(shop, r));
  }
  return list;
}

// What differs between POST /return_refund/202309/returns/search and .../cancellations/search;
// filters, sort and snapshot paging are otherwise the same code (search_records).
template <typename Record>
struct RecordSearch {
  std::map<std::string, Record> ReturnsStore::*records;
  const char* status_field;  // the statuses filter, also the record's status name in errors
  bool (*known_status)(const std::string&);
  const char* types_field;
  std::vector<const char*> types;
  const char* ids_field;
  const char* list_key;  // the answer's array
  boost::json::object (*to_json)(const Shop&, const Record&);
  bool takes_arbitration = false;  // returns only: no generated return is ever in arbitration
};

template <typename Record>
boost::json::value search_records(ApiContext& c, const RecordSearch<Record>& spec) {
  Shop& shop = c.the_shop();
  const auto sort = support::read_sort(c, {"create_time", "update_time"}, "create_time", "DESC");
  const auto& b = c.body();
  const auto statuses = fields::opt_string_array(b, spec.status_field);
  for (const auto& s : statuses.value_or(std::vector<std::string>{}))
    if (!spec.known_status(s)) throw bad_param(std::string(spec.status_field) + " contains an invalid value: " + s);
  const auto types = fields::opt_string_array(b, spec.types_field);
  for (const auto& t : types.value_or(std::vector<std::string>{}))
    if (std::none_of(spec.types.begin(), spec.types.end(), [&](const char* x) { return t == x; }))
      throw bad_param(std::string(spec.types_field) + " contains an invalid value: " + t);
  const auto arbitration = spec.takes_arbitration
                               ? support::opt_enum_array(b, "arbitration_status",
                                                         {"IN_PROGRESS", "SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED"})
                               : std::nullopt;
  const auto ids = fields::opt_string_array(b, spec.ids_field);
  const auto order_ids = fields::opt_string_array(b, "order_ids");
  const auto buyers = fields::opt_string_array(b, "buyer_user_ids");
  fields::opt_string(b, "locale");
  const auto created = support::read_window(b, "create_time_ge", "create_time_lt");
  const auto updated = support::read_window(b, "update_time_ge", "update_time_lt");
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  const std::int64_t snapshot = cursor ? cursor->snapshot : c.now;
  const bool by_update = sort.field == "update_time";
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, r] : returns_store(shop).*spec.records) {
    const Order& o = shop.data.orders.at(r.order_id);
    if (!support::contains(statuses, r.status) || !support::contains(types, r.type) || !support::contains(ids, r.id) ||
        !support::contains(order_ids, r.order_id) || !support::contains(buyers, o.user_id) ||
        !created.matches(r.create_time) || !updated.matches(r.update_time) || arbitration ||
        (by_update && r.update_time > snapshot)) {
      continue;
    }
    entries.emplace_back(by_update ? r.update_time : r.create_time, id);
  }
  const int page_size = c.page_size == 0 ? 10 : c.page_size;
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size, cursor, snapshot);
  boost::json::array out;
  for (const auto& id : page.ids) out.push_back(spec.to_json(shop, (returns_store(shop).*spec.records).at(id)));
  return boost::json::object{
      {spec.list_key, out}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

inline const LineItem* find_line(const Order& o, const std::string& id) {
  for (const auto& li : o.line_items)
    if (li.id == id) return &li;
  return nullptr;
}

// {currency, refund_total, refund_subtotal, refund_shipping_fee, refund_tax} for these line items; the
// shipping fee is refunded only when every line item of the order is, and the items' sales tax with them.
inline boost::json::object refund_amount(const Shop& shop, const Order& o, const std::vector<std::string>& items,
                                         std::int64_t override_total = -1) {
  std::int64_t sub = 0, tax = 0;
  for (const auto& id : items) {
    if (const LineItem* li = find_line(o, id)) {
      sub += li->sale_price_minor;
      tax += line_tax(shop, *li);
    }
  }
  const std::int64_t shipping = items.size() == o.line_items.size() ? o.shipping_fee_minor : 0;
  std::int64_t total = sub + shipping + tax;
  if (override_total >= 0) total = override_total;
  return boost::json::object{{"currency", shop.currency},
                             {"refund_total", money(shop, total)},
                             {"refund_subtotal", money(shop, override_total >= 0 ? total : sub)},
                             {"refund_shipping_fee", money(shop, override_total >= 0 ? 0 : shipping)},
                             {"refund_tax", money(shop, override_total >= 0 ? 0 : tax)}};
}

inline boost::json::object line_json(const Shop& shop, const Order& o, const std::string& line_key,
                                     const std::string& line_id, const std::string& order_line_id) {
  const LineItem* li = find_line(o, order_line_id);
  return boost::json::object{{line_key, line_id},
                             {"order_line_item_id", order_line_id},
                             {"sku_id", li ? li->sku_id : ""},
                             {"seller_sku", li ? li->seller_sku : ""},
                             {"product_name", li ? li->product_name : ""},
                             {"sku_name", li ? li->sku_name : ""},
                             {"refund_amount", refund_amount(shop, o, {order_line_id})}};
}

inline boost::json::object cancel_json(const Shop& shop, const CancelRecord& r) {
  const Order& o = shop.data.orders.at(r.order_id);
  boost::json::array lines;
  for (std::size_t i = 0; i < r.line_item_ids.size(); ++i) {
    lines.push_back(line_json(shop, o, "cancel_line_item_id", r.id + std::to_string(i + 1), r.line_item_ids[i]));
  }
  return boost::json::object{{"cancel_id", r.id},
                             {"order_id", r.order_id},
                             {"cancel_type", r.type},
                             {"role", r.role},
                             {"cancel_status", r.status},
                             {"cancel_reason", r.reason},
                             {"cancel_reason_text", r.reason_text},
                             {"create_time", r.create_time},
                             {"update_time", r.update_time},
                             {"refund_amount", refund_amount(shop, o, r.line_item_ids)},
                             {"cancel_line_items", lines}};
}

// The truth's view of a cancellation: the API's plus the seller's reject reason and comment, which
// Search Cancellations does not carry.
inline boost::json::object cancel_truth_json(const Shop& shop, const CancelRecord& r) {
  boost::json::object out = cancel_json(shop, r);
  out["reject_reason"] = r.reject_reason;
  out["seller_comment"] = r.comment;
  return out;
}

inline void emit_cancel_change(World& world, const Shop& shop, const CancelRecord& r, std::int64_t at) {
  world.emit_webhook(shop, 11, "CANCELLATION_STATUS_CHANGE",
                     boost::json::object{{"order_id", r.order_id},
                                         {"cancellations_role", r.role},
                                         {"cancel_status", r.status},
                                         {"cancel_id", r.id},
                                         {"create_time", r.create_time}},
                     at);
}

inline void set_cancel_status(World& world, Shop& shop, CancelRecord& r, const std::string& status, std::int64_t at) {
  r.status = status;
  r.update_time = std::max(at, r.update_time);
  returns_store(shop).next_due = 0;
  emit_cancel_change(world, shop, r, at);
}

// Stops the order's automatic flow while someone must decide about it (a pending buyer request).
inline void freeze_order(Order& o) {
  o.plan.clear();
  o.next_step = 0;
  ++o.plan_version;
}

// Cancels the order now (ORDER_STATUS_CHANGE with the webhook spelling CANCEL) and ends its flow.
inline void cancel_order(World& world, Shop& shop, Order& o, const std::string& reason_text, std::int64_t at) {
  o.cancel_reason = reason_text;
  world.set_order_status(shop, o, "CANCELLED", std::max(at, o.update_time), true);
  world.replan_order(shop, o, at);
}

// Buyer-requested and seller cancellations go through an order state check first.
inline bool order_cancellable(const Order& o) {
  return o.status == "UNPAID" || o.status == "ON_HOLD" || o.status == "AWAITING_SHIPMENT";
}

// The buyer's cancellation request of the order still waiting for the seller, or nullptr.
inline CancelRecord* pending_cancel_request(Shop& shop, const std::string& order_id) {
  auto& store = returns_store(shop);
  auto it = store.cancel_of_order.find(order_id);
  if (it == store.cancel_of_order.end()) return nullptr;
  CancelRecord& r = store.cancels.at(it->second);
  return r.status == "CANCELLATION_REQUEST_PENDING" && r.type == "BUYER_CANCEL" ? &r : nullptr;
}

// Shipping an order whose buyer asked to cancel: in the US the shipment wins and the request is
// rejected automatically (since 2024-01); elsewhere the call fails with 21011007 (reference §3.2).
// check_ship_with_pending_cancel runs before anything changes, settle_... after the shipment.
inline void check_ship_with_pending_cancel(Shop& shop, const Order& o) {
  if (pending_cancel_request(shop, o.id) != nullptr && shop.region != "US") {
    throw rule_error(21011007, "order " + o.id + " has a pending buyer cancellation request; answer it first");
  }
}
inline void settle_pending_cancel_on_ship(World& world, Shop& shop, const Order& o, std::int64_t at) {
  if (CancelRecord* r = pending_cancel_request(shop, o.id)) {
    r->next_at = 0;
    r->reject_reason = "seller_reject_apply_product_has_been_packed";
    r->status = "CANCELLATION_REQUEST_CANCEL";
    r->update_time = std::max(at, r->update_time);
    returns_store(shop).next_due = 0;
    emit_cancel_change(world, shop, *r, at);
  }
}

CancelRecord& add_cancel(World& world, Shop& shop, const Order& o, const std::string& type, const std::string& role,
                         const std::string& status, const std::string& reason, const std::string& reason_text,
                         std::int64_t at);

// Runs one decision (approve / reject) under an idempotency key: validation errors consume nothing; a
// replay with the same key and request answers the stored result and changes nothing.
template <class Act>
boost::json::value idempotent(ApiContext& c, ReturnsStore& store, Act act) {
  const auto key = support::IdempotencyStore::optional_key(c);
  if (!key) return act();  // optional here, as in the real API: without one, every call acts
  const std::string fingerprint = c.req.method + " " + c.req.path + "\n" + c.req.body;
  if (const auto* stored = store.idempotency.replay(*key, fingerprint)) return *stored;
  boost::json::value result = act();
  store.idempotency.remember(*key, fingerprint, result);
  return result;
}

// The cancellation decisions take an optional idempotency_key of at most 255 characters (reference
// §3.5): without one the decision simply runs; with one a replay answers the stored result.
template <class Act>
boost::json::value idempotent_optional(ApiContext& c, ReturnsStore& store, Act act) {
  const auto key = c.query("idempotency_key");
  if (!key || key->empty()) return act();
  if (key->size() > 255) throw bad_param("idempotency_key must be at most 255 characters");
  const std::string fingerprint = c.req.method + " " + c.req.path + "\n" + c.req.body;
  if (const auto* stored = store.idempotency.replay(*key, fingerprint)) return *stored;
  boost::json::value result = act();
  store.idempotency.remember(*key, fingerprint, result);
  return result;
}

// Reject reasons (GET /return_refund/202309/reject_reasons): names the API accepts in reject_reason.
struct RejectReason {
  const char* name;
  const char* text;
};
inline const std::vector<RejectReason>& return_reject_reasons() {
  static const std::vector<RejectReason> r{
      {"reverse_reject_request_reason_1", "The product is in good condition and works as described"},
      {"reverse_reject_request_reason_2", "The buyer's claim is not supported by evidence"},
      {"reverse_reject_request_reason_3", "The return window for this order has passed"},
      {"reverse_reject_receive_reason_1", "The returned item is not the item that was sent"},
      {"reverse_reject_receive_reason_2", "The returned item was used or damaged by the buyer"}};
  return r;
}
// The seller's reasons to reject a buyer's cancellation, per market (reference §3.5, cancel-reasons.json).
inline const std::vector<RejectReason>& cancel_reject_reasons(const std::string& region) {
  static const std::vector<RejectReason> sea_us{
      {"order_manage_list_action_respond_popup_reject_reason_invalid_cancellation_reason",
       "The cancellation reason is invalid"},
      {"order_manage_list_action_respond_popup_reject_reason_delivered", "The order has already been delivered"},
      {"order_manage_list_action_respond_popup_reject_reason_buyer_agree", "The buyer agreed to keep the order"},
      {"seller_reject_apply_product_has_been_packed", "The product has already been packed"}};
  static const std::vector<RejectReason> id{
      sea_us[0], sea_us[1], sea_us[2], sea_us[3], {"system_cancel_failed_due_to_tts", "Cancellation failed"}};
  static const std::vector<RejectReason> uk{
      {"order_manage_list_action_respond_popup_reject_reason_invalid_cancellation_reason_uk",
       "The cancellation reason is invalid"},
      {"order_manage_list_action_respond_popup_reject_reason_delivered_uk", "The order has already been delivered"},
      {"order_manage_list_action_respond_popup_reject_reason_buyer_agree_uk", "The buyer agreed to keep the order"},
      {"seller_reject_apply_product_has_been_packed", "The product has already been packed"}};
  static const std::vector<RejectReason> latam{
      {"seller_reject_apply_product_has_been_packed", "The product has already been packed"},
      {"reverse_reject_request_reason_5", "The request does not meet the cancellation policy"},
      {"seller_reject_apply_unable_to_change_address", "The address can no longer be changed"}};
  static const std::vector<RejectReason> eu{
      {"ecom_refund_reject_reason_cancel_unacceptable_uk", "The cancellation is not acceptable"},
      {"ecom_reverse_reject_cancel_reason_product_packed", "The product has already been packed"}};
  static const std::vector<RejectReason> none;
  if (region == "GB") return uk;
  if (region == "ID") return id;
  if (region == "MX" || region == "BR") return latam;
  if (region == "ES" || region == "IE" || region == "DE" || region == "FR" || region == "IT") return eu;
  if (region == "JP") return none;  // no seller reject section in the documented snapshot
  return sea_us;
}
inline std::string reject_reason_text(const std::vector<RejectReason>& list, const std::string& name) {
  for (const auto& r : list)
    if (name == r.name) return r.text;
  return "";
}

}  // namespace tts_sandbox
