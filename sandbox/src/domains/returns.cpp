// Returns (reference §6, §8): POST /return_refund/202309/returns/search, .../returns/{id}/approve and
// /reject (idempotency_key), GET /return_refund/202309/reject_reasons; and the time-driven side of
// returns and cancellations. Records point at real orders: delivered orders draw a return request,
// cancelled orders get their cancellation record, and some paid orders draw a buyer cancellation
// request. Pending requests the seller ignores are approved automatically after 48 h (the platform's
// rule); a return the seller approved is shipped back by the buyer one to three days later.
#include <algorithm>

#include "fulfillment_store.hpp"
#include "order_detail.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {

CancelRecord& add_cancel(World& world, Shop& shop, const Order& o, const std::string& type, const std::string& role,
                         const std::string& status, const std::string& reason, const std::string& reason_text,
                         std::int64_t at) {
  auto& store = returns_store(shop);
  CancelRecord r;
  r.id = "4" + world.new_numeric_id(17);
  r.order_id = o.id;
  r.type = type;
  r.role = role;
  r.status = status;
  r.reason = reason;
  r.reason_text = reason_text;
  r.create_time = r.update_time = at;
  for (const auto& li : o.line_items) r.line_item_ids.push_back(li.id);
  if (status == "CANCELLATION_REQUEST_PENDING") r.next_at = at + 48 * 3600;
  store.cancel_of_order[o.id] = r.id;
  store.next_due = 0;
  auto& stored = store.cancels.emplace(r.id, std::move(r)).first->second;
  emit_cancel_change(world, shop, stored, at);
  return stored;
}

namespace {

namespace json = boost::json;
using support::bucket;
constexpr std::int64_t kHour = 3600, kDay = 86400;

const char* const kReturnStatuses[] = {"RETURN_OR_REFUND_REQUEST_PENDING",
                                       "REFUND_OR_RETURN_REQUEST_REJECT",
                                       "AWAITING_BUYER_SHIP",
                                       "BUYER_SHIPPED_ITEM",
                                       "REJECT_RECEIVE_PACKAGE",
                                       "RETURN_OR_REFUND_REQUEST_SUCCESS",
                                       "RETURN_OR_REFUND_REQUEST_CANCEL",
                                       "RETURN_OR_REFUND_REQUEST_COMPLETE",
                                       "AWAITING_BUYER_RESPONSE"};

// How a return travels back (Search Returns): a refund without return has no shipment; otherwise
// TikTok's service (most) or the buyer's own carrier, chosen by a hash of the return id.
bool platform_shipped(const ReturnRecord& r) { return bucket(r.id, "return-method") < 70; }

// The return warehouse the seller named: the shop's default RETURN_WAREHOUSE.
const Warehouse* return_warehouse(const Shop& shop) {
  const Warehouse* any = nullptr;
  for (const auto& w : shop.data.warehouses) {
    if (w.type != "RETURN_WAREHOUSE") continue;
    if (w.is_default) return &w;
    any = any ? any : &w;
  }
  return any;
}

void put_return_shipping(json::object& out, const Shop& shop, const ReturnRecord& r) {
  out["can_buyer_keep_item"] = r.type == "REFUND" || r.buyer_keep_item;
  if (r.type != "RETURN_AND_REFUND") return;
  const bool platform = platform_shipped(r);
  out["return_method"] = platform ? "PLATFORM_SHIPPED" : "BUYER_SHIPPED";
  out["shipment_type"] = platform ? "PLATFORM" : "BUYER_ARRANGE";
  if (platform) out["handover_method"] = bucket(r.id, "return-handover") < 50 ? "DROP_OFF" : "PICKUP";
  if (!r.return_tracking_number.empty()) {  // the carrier is known once the buyer shipped
    const auto& providers = fulfillment_store(shop).providers;
    if (!providers.empty()) {
      const auto& p = providers[static_cast<std::size_t>(bucket(r.id, "return-provider")) % providers.size()];
      out["return_provider_id"] = p.id;
      out["return_provider_name"] = p.name;
    }
  }
  if (const Warehouse* w = return_warehouse(shop)) {
    out["return_warehouse_address"] = json::object{{"full_address", warehouse_full_address(shop, *w)}};
  }
  // The return label costs three fee units; the seller pays for its own faults (wrong, damaged,
  // not as described: every generated reason), the buyer for a return the seller rejected.
  const std::int64_t fee = 3 * fee_unit(shop);
  const bool buyer_pays = r.status == "REJECT_RECEIVE_PACKAGE";
  out["shipping_fee_amount"] =
      json::array{json::object{{"currency", shop.currency},
                               {"seller_paid_return_shipping_fee", money(shop, platform && !buyer_pays ? fee : 0)},
                               {"platform_paid_return_shipping_fee", money(shop, 0)},
                               {"buyer_paid_return_shipping_fee", money(shop, platform && buyer_pays ? fee : 0)}}};
}

json::object return_json(const Shop& shop, const ReturnRecord& r) {
  const Order& o = shop.data.orders.at(r.order_id);
  json::array lines;
  for (std::size_t i = 0; i < r.line_item_ids.size(); ++i) {
    lines.push_back(line_json(shop, o, "return_line_item_id", r.return_line_ids[i], r.line_item_ids[i]));
  }
  json::object out{{"return_id", r.id},
                   {"order_id", r.order_id},
                   {"return_type", r.type},
                   {"return_status", r.status},
                   {"role", "BUYER"},
                   {"return_reason", r.reason},
                   {"return_reason_text", r.reason_text},
                   {"arbitration_status", ""},
                   {"create_time", r.create_time},
                   {"update_time", r.update_time},
                   {"return_tracking_number", r.return_tracking_number},
                   {"refund_amount", refund_amount(shop, o, r.line_item_ids, r.partial_refund_minor)},
                   {"return_line_items", lines}};
  put_return_shipping(out, shop, r);
  return out;
}

// The truth's view: the API's plus the seller's reject reason and comment, which Search Returns
// does not carry (they are the seller's own input).
json::object return_truth_json(const Shop& shop, const ReturnRecord& r) {
  json::object out = return_json(shop, r);
  out["reject_reason"] = r.reject_reason;
  out["seller_comment"] = r.comment;
  return out;
}

void emit_return_change(World& world, const Shop& shop, const ReturnRecord& r, std::int64_t at) {
  world.emit_webhook(shop, 12, "RETURN_STATUS_CHANGE",
                     json::object{{"order_id", r.order_id},
                                  {"return_role", "BUYER"},
                                  {"return_type", r.type},
                                  {"return_status", r.status},
                                  {"return_id", r.id},
                                  {"create_time", r.create_time},
                                  {"update_time", r.update_time}},
                     at);
}

void set_return_status(World& world, Shop& shop, ReturnRecord& r, const std::string& status, std::int64_t at) {
  r.status = status;
  r.update_time = std::max(at, r.update_time);
  returns_store(shop).next_due = 0;
  if (status == "BUYER_SHIPPED_ITEM" && r.return_tracking_number.empty()) {
    r.return_tracking_number = "RT" + r.id.substr(r.id.size() - 10);
  }
  emit_return_change(world, shop, r, at);
}

// Schedules what happens next without the seller: the buyer ships 1-3 days after approval; a pending
// request or a received package the seller ignores is accepted after 48 h / 72 h.
void schedule(ReturnRecord& r, std::int64_t from) {
  if (r.status == "RETURN_OR_REFUND_REQUEST_PENDING") {
    r.next_at = from + 48 * kHour;
  } else if (r.status == "AWAITING_BUYER_SHIP") {
    r.next_at = from + kDay + bucket(r.id, "buyer-ships") * 1728;  // 1 to 3 days
  } else if (r.status == "BUYER_SHIPPED_ITEM") {
    r.next_at = from + 72 * kHour;
  } else {
    r.next_at = 0;
  }
}

ReturnRecord& add_return(World& world, Shop& shop, const Order& o, const std::string& type,
                         std::vector<std::string> items, std::int64_t at) {
  static const RejectReason kReasons[] = {
      {"ecom_order_delivered_refund_and_return_reason_wrong_item", "Wrong item sent"},
      {"ecom_order_delivered_refund_and_return_reason_damaged", "Item arrived damaged"},
      {"ecom_order_delivered_refund_and_return_reason_not_as_described", "Item not as described"}};
  auto& store = returns_store(shop);
  ReturnRecord r;
  r.id = "4" + world.new_numeric_id(17);
  r.order_id = o.id;
  r.type = type;
  r.status = "RETURN_OR_REFUND_REQUEST_PENDING";
  const auto& reason = kReasons[bucket(r.id, "reason") % 3];
  r.reason = reason.name;
  r.reason_text = reason.text;
  r.create_time = r.update_time = at;
  r.line_item_ids = std::move(items);
  for (std::size_t i = 0; i < r.line_item_ids.size(); ++i) r.return_line_ids.push_back(r.id + std::to_string(i + 1));
  schedule(r, at);
  store.return_of_order[o.id] = r.id;
  store.next_due = 0;
  auto& stored = store.returns.emplace(r.id, std::move(r)).first->second;
  emit_return_change(world, shop, stored, at);
  return stored;
}

// ---- time-driven flow ----------------------------------------------------------------------------------

void scan_orders(World& world, Shop& shop) {
  auto& store = returns_store(shop);
  const auto& index = shop.data.orders_by_update;
  std::vector<std::string> seen;
  for (auto it = index.lower_bound({store.watermark, ""}); it != index.end(); ++it) seen.push_back(it->second);
  if (!index.empty()) store.watermark = index.rbegin()->first;
  for (const auto& id : seen) {
    Order& o = shop.data.orders.at(id);
    if (o.status == "CANCELLED" && !store.cancel_of_order.count(o.id)) {
      // Cancelled by the automatic flow: unpaid orders time out (system), paid ones the buyer cancelled.
      const bool unpaid = o.paid_time == 0;
      add_cancel(world, shop, o, "CANCEL", unpaid ? "SYSTEM" : "BUYER", "CANCELLATION_REQUEST_COMPLETE",
                 unpaid ? "buyer_cancel_reason_unpaid_timeout" : "buyer_cancel_reason_change_of_mind",
                 o.cancel_reason.empty() ? "Buyer cancelled" : o.cancel_reason, o.update_time);
    } else if (o.status == "AWAITING_SHIPMENT" && store.cancel_request_considered.insert(o.id).second &&
               bucket(o.id, "cancel-request") < 5) {
      add_cancel(world, shop, o, "BUYER_CANCEL", "BUYER", "CANCELLATION_REQUEST_PENDING",
                 "buyer_cancel_reason_change_of_mind", "No longer needed", o.update_time);
      freeze_order(o);
    } else if ((o.status == "DELIVERED" || o.status == "COMPLETED") && !store.return_of_order.count(o.id) &&
               bucket(o.id, "return") < 15) {
      std::vector<std::string> items;
      const bool all = bucket(o.id, "return-all") < 50;
      for (const auto& li : o.line_items) {
        if (all || items.empty()) items.push_back(li.id);
      }
      add_return(world, shop, o, bucket(o.id, "return-type") < 40 ? "REFUND" : "RETURN_AND_REFUND", std::move(items),
                 o.update_time);
    }
  }
}

void run_due_steps(World& world, Shop& shop, std::int64_t now) {
  auto& store = returns_store(shop);
  if (store.next_due != 0 && now < store.next_due) return;  // nothing due: keep every request cheap
  for (auto& [id, r] : store.returns) {
    while (r.next_at != 0 && r.next_at <= now) {
      const std::int64_t at = r.next_at;
      if (r.status == "RETURN_OR_REFUND_REQUEST_PENDING") {
        set_return_status(world, shop, r,
                          r.type == "REFUND" ? "RETURN_OR_REFUND_REQUEST_COMPLETE" : "AWAITING_BUYER_SHIP", at);
      } else if (r.status == "AWAITING_BUYER_SHIP") {
        set_return_status(world, shop, r, "BUYER_SHIPPED_ITEM", at);
      } else if (r.status == "BUYER_SHIPPED_ITEM") {
        set_return_status(world, shop, r, "RETURN_OR_REFUND_REQUEST_COMPLETE", at);
      }
      schedule(r, at);
    }
  }
  for (auto& [id, r] : store.cancels) {
    if (r.next_at == 0 || r.next_at > now) continue;
    const std::int64_t at = r.next_at;
    r.next_at = 0;
    if (r.status != "CANCELLATION_REQUEST_PENDING") continue;
    Order& o = shop.data.orders.at(r.order_id);
    set_cancel_status(world, shop, r, "CANCELLATION_REQUEST_COMPLETE", at);
    if (order_cancellable(o)) cancel_order(world, shop, o, r.reason_text, at);
  }
  store.next_due = INT64_MAX;
  for (const auto& [id, r] : store.returns)
    if (r.next_at != 0) store.next_due = std::min(store.next_due, r.next_at);
  for (const auto& [id, r] : store.cancels)
    if (r.next_at != 0) store.next_due = std::min(store.next_due, r.next_at);
}

void advance(World& world, std::int64_t now) {
  for (const auto& shop : world.shops()) {
    auto& store = returns_store(*shop);
    // Changes stamped before the watermark (the clock was set back) would be missed; every check in
    // scan_orders is idempotent, so scanning all orders again is safe.
    if (now < store.last_now) store.watermark = -1;
    store.last_now = now;
    scan_orders(world, *shop);
    run_due_steps(world, *shop, now);
    // Cancelling an order above updates it; record it now rather than on the next request.
    scan_orders(world, *shop);
  }
}

// ---- endpoints ----------------------------------------------------------------------------------------

ReturnRecord& require_return(Shop& shop, const std::string& id) {
  auto& store = returns_store(shop);
  auto it = store.returns.find(id);
  if (it == store.returns.end()) throw bad_param("return_id " + id + " does not exist in this shop");
  return it->second;
}

bool is_return_status(const std::string& s) {
  return std::any_of(std::begin(kReturnStatuses), std::end(kReturnStatuses), [&](const char* x) { return s == x; });
}

json::value search_returns(ApiContext& c) {
  static const RecordSearch<ReturnRecord> spec{&ReturnsStore::returns,
                                               "return_status",
                                               is_return_status,
                                               "return_types",
                                               {"REFUND", "RETURN_AND_REFUND", "REPLACEMENT"},
                                               "return_ids",
                                               "return_orders",
                                               return_json,
                                               true};
  return search_records(c, spec);
}

json::value approve_return(ApiContext& c) {
  Shop& shop = c.the_shop();
  auto& store = returns_store(shop);
  return idempotent(c, store, [&]() -> json::value {
    ReturnRecord& r = require_return(shop, c.path_param("return_id"));
    const auto& b = c.body();
    const auto decision = support::opt_enum(
        b, "decision", {"APPROVE_REFUND", "APPROVE_RETURN", "APPROVE_RECEIVED_PACKAGE", "APPROVE_REPLACEMENT"});
    if (!decision) throw bad_param("decision is a required field");
    const bool keep = fields::opt_bool(b, "buyer_keep_item").value_or(false);
    std::int64_t partial = -1;
    if (const json::object* pr = fields::opt_object(b, "partial_refund")) {
      const std::string amount = fields::req_string(*pr, "amount");
      const auto currency = fields::opt_string(*pr, "currency");
      if (currency && *currency != shop.currency) throw bad_param("partial_refund.currency must be " + shop.currency);
      const Order& o = shop.data.orders.at(r.order_id);
      std::int64_t full = 0;
      for (const auto& id : r.line_item_ids) full += find_line(o, id)->sale_price_minor;
      if (!parse_money(shop, amount, partial) || partial <= 0 || partial >= full) {
        throw bad_param("partial_refund.amount must be a decimal amount above 0 and below the full refund " +
                        money(shop, full));
      }
      if (*decision != "APPROVE_REFUND" && *decision != "APPROVE_RECEIVED_PACKAGE") {
        throw bad_param("partial_refund applies to APPROVE_REFUND and APPROVE_RECEIVED_PACKAGE only");
      }
    }
    std::string next;
    if (r.status == "RETURN_OR_REFUND_REQUEST_PENDING" && *decision == "APPROVE_REFUND" &&
        (r.type == "REFUND" || keep)) {
      next = "RETURN_OR_REFUND_REQUEST_COMPLETE";
    } else if (r.status == "RETURN_OR_REFUND_REQUEST_PENDING" && *decision == "APPROVE_RETURN" &&
               r.type == "RETURN_AND_REFUND") {
      next = "AWAITING_BUYER_SHIP";
    } else if (r.status == "BUYER_SHIPPED_ITEM" && *decision == "APPROVE_RECEIVED_PACKAGE") {
      next = "RETURN_OR_REFUND_REQUEST_COMPLETE";
    } else {
      throw bad_param("return " + r.id + " (" + r.type + ") cannot take decision " + *decision + " in status " +
                      r.status);
    }
    if (partial >= 0) r.partial_refund_minor = partial;
    if (keep && *decision == "APPROVE_REFUND") r.buyer_keep_item = true;
    set_return_status(c.world, shop, r, next, c.now);
    schedule(r, c.now);
    return json::object{};
  });
}

json::value reject_return(ApiContext& c) {
  Shop& shop = c.the_shop();
  auto& store = returns_store(shop);
  return idempotent(c, store, [&]() -> json::value {
    ReturnRecord& r = require_return(shop, c.path_param("return_id"));
    const auto& b = c.body();
    const auto decision = support::opt_enum(
        b, "decision", {"REJECT_REFUND", "REJECT_RETURN", "REJECT_RECEIVED_PACKAGE", "REJECT_REPLACEMENT"});
    if (!decision) throw bad_param("decision is a required field");
    const std::string reason = fields::req_string(b, "reject_reason");
    if (reject_reason_text(return_reject_reasons(), reason).empty()) {
      throw bad_param("reject_reason is invalid: " + reason + " (see GET /return_refund/202309/reject_reasons)");
    }
    const std::string comment = fields::opt_string(b, "comment").value_or("");
    if (comment.size() > 500) throw bad_param("comment must be at most 500 characters");
    fields::opt_array(b, "images");
    std::string next;
    if (r.status == "RETURN_OR_REFUND_REQUEST_PENDING" &&
        ((*decision == "REJECT_REFUND" && r.type == "REFUND") ||
         (*decision == "REJECT_RETURN" && r.type == "RETURN_AND_REFUND"))) {
      next = "REFUND_OR_RETURN_REQUEST_REJECT";
    } else if (r.status == "BUYER_SHIPPED_ITEM" && *decision == "REJECT_RECEIVED_PACKAGE") {
      next = "REJECT_RECEIVE_PACKAGE";
    } else {
      throw bad_param("return " + r.id + " (" + r.type + ") cannot take decision " + *decision + " in status " +
                      r.status);
    }
    r.reject_reason = reason;
    r.comment = comment;
    set_return_status(c.world, shop, r, next, c.now);
    schedule(r, c.now);
    return json::object{};
  });
}

json::value reject_reasons(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto id = c.query("return_or_cancel_id");
  const std::vector<RejectReason>* list = nullptr;
  if (id && !id->empty()) {
    auto& store = returns_store(shop);
    if (store.returns.count(*id))
      list = &return_reject_reasons();
    else if (store.cancels.count(*id))
      list = &cancel_reject_reasons(shop.region);
    else
      throw bad_param("return_or_cancel_id " + *id + " does not exist in this shop");
  }
  json::array out;
  for (const auto* l : {&return_reject_reasons(), &cancel_reject_reasons(shop.region)}) {
    if (list != nullptr && list != l) continue;
    for (const auto& r : *l) out.push_back(json::object{{"name", r.name}, {"text", r.text}});
  }
  return json::object{{"reasons", out}};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/return_refund/202309/returns/search", ShopScope::kRequired, PageSizeRule{false, 10, 50},
                 search_returns});
  r.add(ApiRoute{"POST", "/return_refund/202309/returns/{return_id}/approve", ShopScope::kRequired, std::nullopt,
                 approve_return});
  r.add(ApiRoute{"POST", "/return_refund/202309/returns/{return_id}/reject", ShopScope::kRequired, std::nullopt,
                 reject_return});
  r.add(ApiRoute{"GET", "/return_refund/202309/reject_reasons", ShopScope::kRequired, std::nullopt, reject_reasons});
}

void register_admin(AdminRouter& r) {
  // A buyer opens a return for a paid order now: {order_id, return_type?, order_line_item_ids?}.
  r.add(AdminRoute{
      "POST", "/_sandbox/returns", [](AdminContext& c) -> json::value {
        const auto& b = c.body();
        const std::string oid = fields::req_string(b, "order_id");
        Shop* shop = c.world.shop_of_order(oid);
        if (shop == nullptr) throw bad_param("unknown order id");
        Order& o = shop->data.orders.at(oid);
        const std::string type =
            support::opt_enum(b, "return_type", {"REFUND", "RETURN_AND_REFUND"}).value_or("RETURN_AND_REFUND");
        auto items = fields::opt_string_array(b, "order_line_item_ids");
        if (!items) {
          items.emplace();
          for (const auto& li : o.line_items) items->push_back(li.id);
        }
        if (items->empty()) throw bad_param("order_line_item_ids must not be empty");
        for (const auto& id : *items)
          if (find_line(o, id) == nullptr) throw bad_param("order_line_item_id " + id + " is not in the order");
        if (o.paid_time == 0 || o.status == "CANCELLED")
          throw bad_param("only paid, uncancelled orders can be returned");
        return return_json(*shop, add_return(c.world, *shop, o, type, std::move(*items), c.now));
      }});
  // Moves a return to any status now (webhook RETURN_STATUS_CHANGE), e.g. BUYER_SHIPPED_ITEM.
  r.add(AdminRoute{"POST", "/_sandbox/returns/{return_id}/status", [](AdminContext& c) -> json::value {
                     const std::string status = fields::req_string(c.body(), "status");
                     if (std::none_of(std::begin(kReturnStatuses), std::end(kReturnStatuses),
                                      [&](const char* x) { return status == x; })) {
                       throw bad_param("unknown return status " + status);
                     }
                     return with_record(c.world, &ReturnsStore::returns, c.path_param("return_id"), "return id",
                                        [&](Shop& shop, ReturnRecord& ret) {
                                          set_return_status(c.world, shop, ret, status, c.now);
                                          schedule(ret, c.now);
                                          return return_json(shop, ret);
                                        });
                   }});
}

void truth(const Shop& shop, json::object& out) {
  out["returns"] = records_json(shop, &ReturnsStore::returns, return_truth_json);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"returns", register_routes, register_admin, nullptr, advance, truth});

}  // namespace
}  // namespace tts_sandbox
