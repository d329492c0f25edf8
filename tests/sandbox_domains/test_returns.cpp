// Returns and cancellations over real HTTP: generated records point at real orders with consistent
// refund amounts, search paging and filters, approve/reject with idempotency keys, seller cancellation,
// buyer cancellation requests, the time-driven flow, and the webhooks (11, 12, 1) they emit.
#include "domains_fixture.hpp"

using namespace domains_test;

namespace {

// "12.50" -> 1250, "150000" -> 150000 (amounts of one currency compare consistently).
std::int64_t minor(const json::value& v) {
  std::string s = str(v);
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  return std::stoll(s);
}

std::map<std::string, json::object> by_id(const json::array& list, const char* key) {
  std::map<std::string, json::object> out;
  for (const auto& e : list) out[str(e.as_object().at(key))] = e.as_object();
  return out;
}

json::object find_return(TtsClient& c, const std::string& return_id) {
  const auto d = ok(call(c, "POST", "/return_refund/202309/returns/search", {{"page_size", "10"}},
                         json::object{{"return_ids", json::array{json::value(return_id)}}}));
  REQUIRE(d.at("return_orders").as_array().size() == 1);
  return d.at("return_orders").as_array().at(0).as_object();
}

json::object find_cancel(TtsClient& c, const std::string& cancel_id) {
  const auto d = ok(call(c, "POST", "/return_refund/202309/cancellations/search", {{"page_size", "10"}},
                         json::object{{"cancel_ids", json::array{json::value(cancel_id)}}}));
  REQUIRE(d.at("cancellations").as_array().size() == 1);
  return d.at("cancellations").as_array().at(0).as_object();
}

std::size_t hooks_for(WebhookReceiver& r, std::int64_t type, const char* id_key, const std::string& id) {
  std::size_t n = 0;
  for (const auto& h : hooks_of(r, type)) n += str(h.at("data").as_object().at(id_key)) == id;
  return n;
}

}  // namespace

TEST_CASE("generated returns and cancellations point at real orders with consistent refunds") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  const auto orders = by_id(t.at("orders").as_array(), "id");
  const auto& returns = t.at("returns").as_array();
  const auto& cancels = t.at("cancellations").as_array();
  REQUIRE_FALSE(returns.empty());
  REQUIRE_FALSE(cancels.empty());
  for (const auto& rv : returns) {
    const auto& r = rv.as_object();
    REQUIRE(orders.count(str(r.at("order_id"))) == 1);
    const auto& o = orders.at(str(r.at("order_id")));
    const auto items = by_id(o.at("line_items").as_array(), "id");
    std::int64_t sub = 0;
    for (const auto& li : r.at("return_line_items").as_array()) {
      const auto& line = items.at(str(li.as_object().at("order_line_item_id")));
      CHECK(li.as_object().at("sku_id") == line.at("sku_id"));
      sub += minor(line.at("sale_price"));
    }
    const auto& refund = r.at("refund_amount").as_object();
    const bool all = r.at("return_line_items").as_array().size() == items.size();
    CHECK(minor(refund.at("refund_subtotal")) == sub);
    CHECK(minor(refund.at("refund_total")) ==
          sub + minor(refund.at("refund_tax")) + (all ? minor(o.at("payment").as_object().at("shipping_fee")) : 0));
    CHECK(refund.at("currency") == t.at("shop").as_object().at("currency"));
    const auto status = o.at("status");
    CHECK((status == "DELIVERED" || status == "COMPLETED"));
  }
  std::set<std::string> cancelled_orders;
  for (const auto& cv : cancels) cancelled_orders.insert(str(cv.as_object().at("order_id")));
  for (const auto& [id, o] : orders) {
    if (o.at("status") == "CANCELLED") CHECK(cancelled_orders.count(id) == 1);
  }
}

TEST_CASE("returns and cancellations search: every record exactly once, page limits, filters") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  std::set<std::string> want_returns, want_cancels;
  for (const auto& r : t.at("returns").as_array()) want_returns.insert(str(r.as_object().at("return_id")));
  for (const auto& c : t.at("cancellations").as_array()) want_cancels.insert(str(c.as_object().at("cancel_id")));
  std::int64_t total = 0;
  const auto returns = all_pages(s.client, "POST", "/return_refund/202309/returns/search", "return_orders", "return_id",
                                 10, json::object{}, &total);
  CHECK(returns.size() == want_returns.size());
  CHECK(std::set<std::string>(returns.begin(), returns.end()) == want_returns);
  CHECK(total == static_cast<std::int64_t>(want_returns.size()));
  const auto cancels = all_pages(s.client, "POST", "/return_refund/202309/cancellations/search", "cancellations",
                                 "cancel_id", 3, json::object{}, &total);
  CHECK(cancels.size() == want_cancels.size());
  CHECK(std::set<std::string>(cancels.begin(), cancels.end()) == want_cancels);
  // Page size limits: returns 10-50, cancellations 1-50.
  rejected(call(s.client, "POST", "/return_refund/202309/returns/search", {{"page_size", "9"}}, json::object{}), 400,
           36009004);
  rejected(call(s.client, "POST", "/return_refund/202309/returns/search", {{"page_size", "51"}}, json::object{}), 400,
           36009004);
  rejected(call(s.client, "POST", "/return_refund/202309/cancellations/search", {{"page_size", "0"}}, json::object{}),
           400, 36009004);
  rejected(call(s.client, "POST", "/return_refund/202309/cancellations/search", {{"page_size", "51"}}, json::object{}),
           400, 36009004);
  // Default page size is 10.
  const auto d = ok(call(s.client, "POST", "/return_refund/202309/returns/search", {}, json::object{}));
  CHECK(d.at("return_orders").as_array().size() == std::min<std::size_t>(10, want_returns.size()));
  // Filters.
  rejected(call(s.client, "POST", "/return_refund/202309/returns/search", {},
                json::object{{"return_status", json::array{"DONE"}}}),
           400, 36009004);
  rejected(call(s.client, "POST", "/return_refund/202309/returns/search", {}, json::object{{"order_ids", "1"}}), 400,
           36009004);
  const auto& first = t.at("returns").as_array().at(0).as_object();
  const auto one = ok(call(s.client, "POST", "/return_refund/202309/returns/search", {},
                           json::object{{"order_ids", json::array{first.at("order_id")}}}));
  REQUIRE(one.at("return_orders").as_array().size() == 1);
  CHECK(one.at("return_orders").as_array().at(0).as_object().at("return_id") == first.at("return_id"));
  const auto completes =
      all_pages(s.client, "POST", "/return_refund/202309/returns/search", "return_orders", "return_id", 10,
                json::object{{"return_status", json::array{"RETURN_OR_REFUND_REQUEST_COMPLETE"}}});
  std::size_t expected = 0;
  for (const auto& r : t.at("returns").as_array())
    expected += r.as_object().at("return_status") == "RETURN_OR_REFUND_REQUEST_COMPLETE";
  CHECK(completes.size() == expected);
}

TEST_CASE("return decisions: validation, idempotency keys, state machine, webhooks") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "RETURN_STATUS_CHANGE");
  const auto order = order_in(s.client, s.shop_id, "DELIVERED");
  const auto refund =
      s.client.admin("POST", "/_sandbox/returns", json::object{{"order_id", order.at("id")}, {"return_type", "REFUND"}})
          .as_object();
  const std::string rid = str(refund.at("return_id"));
  CHECK(refund.at("return_status") == "RETURN_OR_REFUND_REQUEST_PENDING");
  const std::string approve = "/return_refund/202309/returns/" + rid + "/approve";
  const json::object body{{"decision", "APPROVE_REFUND"}};

  rejected(call(s.client, "POST", approve, {{"idempotency_key", std::string(256, 'k')}}, body), 400,
           36009004);  // idempotency_key is at most 255 characters (it is optional: test_sandbox_fidelity)
  rejected(call(s.client, "POST", approve, {{"idempotency_key", "k1"}}, json::object{{"decision", "APPROVE"}}), 400,
           36009004);
  rejected(call(s.client, "POST", approve, {{"idempotency_key", "k1"}}, json::object{{"decision", "APPROVE_RETURN"}}),
           400,
           36009004);  // a refund-only request has nothing to send back
  rejected(
      call(s.client, "POST", approve, {{"idempotency_key", "k1"}},
           json::object{{"decision", "APPROVE_REFUND"},
                        {"partial_refund",
                         json::object{{"amount", str(refund.at("refund_amount").as_object().at("refund_total"))}}}}),
      400, 36009004);  // a partial refund must be below the full one
  rejected(call(s.client, "POST", "/return_refund/202309/returns/999/approve", {{"idempotency_key", "k0"}}, body), 400,
           36009004);
  CHECK(find_return(s.client, rid).at("return_status") == "RETURN_OR_REFUND_REQUEST_PENDING");

  const auto first = call(s.client, "POST", approve, {{"idempotency_key", "k1"}}, body);
  ok(first);
  const auto after = find_return(s.client, rid);
  CHECK(after.at("return_status") == "RETURN_OR_REFUND_REQUEST_COMPLETE");
  // The same key and request again: same answer, nothing changes, no second webhook.
  const auto replay = call(s.client, "POST", approve, {{"idempotency_key", "k1"}}, body);
  CHECK(replay.json().as_object().at("data") == first.json().as_object().at("data"));
  CHECK(replay.code() == 0);
  CHECK(find_return(s.client, rid).at("update_time") == after.at("update_time"));
  // The same key with another request is refused; a new key meets the state machine.
  rejected(call(s.client, "POST", approve, {{"idempotency_key", "k1"}},
                json::object{{"decision", "APPROVE_RECEIVED_PACKAGE"}}),
           400, 36009004);
  rejected(call(s.client, "POST", approve, {{"idempotency_key", "k2"}}, body), 400, 36009004);
  REQUIRE(wait_hooks(receiver, [&] { return hooks_for(receiver, 12, "return_id", rid) >= 2; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(hooks_for(receiver, 12, "return_id", rid) == 2);  // created + completed, the replay sent nothing
  bool complete_hook = false;
  for (const auto& h : hooks_of(receiver, 12)) {
    const auto& d = h.at("data").as_object();
    complete_hook = complete_hook ||
                    (str(d.at("return_id")) == rid && d.at("return_status") == "RETURN_OR_REFUND_REQUEST_COMPLETE" &&
                     d.at("return_type") == "REFUND" && d.at("order_id") == order.at("id"));
  }
  CHECK(complete_hook);

  // Return and refund: approve the return, the buyer ships within three days, the seller rejects the
  // package with a listed reason.
  const auto order2 = order_in(s.client, s.shop_id, "DELIVERED");
  const auto rr = s.client
                      .admin("POST", "/_sandbox/returns",
                             json::object{{"order_id", order2.at("id")}, {"return_type", "RETURN_AND_REFUND"}})
                      .as_object();
  const std::string rid2 = str(rr.at("return_id"));
  ok(call(s.client, "POST", "/return_refund/202309/returns/" + rid2 + "/approve", {{"idempotency_key", "a2"}},
          json::object{{"decision", "APPROVE_RETURN"}}));
  CHECK(find_return(s.client, rid2).at("return_status") == "AWAITING_BUYER_SHIP");
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 3 * 86400}});
  s.client.sync_clock();
  const auto shipped = find_return(s.client, rid2);
  CHECK(shipped.at("return_status") == "BUYER_SHIPPED_ITEM");
  CHECK_FALSE(str(shipped.at("return_tracking_number")).empty());
  const std::string reject = "/return_refund/202309/returns/" + rid2 + "/reject";
  rejected(call(s.client, "POST", reject, {{"idempotency_key", "r1"}},
                json::object{{"decision", "REJECT_RECEIVED_PACKAGE"}}),
           400, 36009004);  // reject_reason is required
  rejected(call(s.client, "POST", reject, {{"idempotency_key", "r1"}},
                json::object{{"decision", "REJECT_RECEIVED_PACKAGE"}, {"reject_reason", "because"}}),
           400, 36009004);
  rejected(call(s.client, "POST", reject, {{"idempotency_key", "r1"}},
                json::object{{"decision", "REJECT_RETURN"}, {"reject_reason", "reverse_reject_receive_reason_1"}}),
           400, 36009004);  // wrong decision for a shipped item
  ok(call(s.client, "POST", reject, {{"idempotency_key", "r1"}},
          json::object{{"decision", "REJECT_RECEIVED_PACKAGE"},
                       {"reject_reason", "reverse_reject_receive_reason_1"},
                       {"comment", "Different item in the box"}}));
  const auto rejected_return = find_return(s.client, rid2);
  CHECK(rejected_return.at("return_status") == "REJECT_RECEIVE_PACKAGE");
  // Search Returns carries no reject reason (the seller's own input); the truth keeps it.
  CHECK_FALSE(rejected_return.contains("reject_reason"));
  const auto truth_now = truth(s.client, s.shop_id);
  for (const auto& tr : truth_now.at("returns").as_array()) {
    if (str(tr.as_object().at("return_id")) == rid2)
      CHECK(tr.as_object().at("reject_reason") == "reverse_reject_receive_reason_1");
  }

  // Reject reasons: all, or those for one record; unknown records are refused.
  const auto reasons = ok(call(s.client, "GET", "/return_refund/202309/reject_reasons"));
  CHECK(reasons.at("reasons").as_array().size() == 9);  // 5 return + 4 cancellation reasons (US)
  const auto for_return =
      ok(call(s.client, "GET", "/return_refund/202309/reject_reasons", {{"return_or_cancel_id", rid}}));
  CHECK(for_return.at("reasons").as_array().size() == 5);
  rejected(call(s.client, "GET", "/return_refund/202309/reject_reasons", {{"return_or_cancel_id", "1"}}), 400,
           36009004);
}

TEST_CASE(
    "ORD-CANCEL-SELLER: seller cancellation in the sandbox - only unshipped orders, whole order, webhooks 11 and 1") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "CANCELLATION_STATUS_CHANGE");
  subscribe(s.client, "ORDER_STATUS_CHANGE");
  const auto order = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT", 2);
  const std::string oid = str(order.at("id"));
  const std::string path = "/return_refund/202309/cancellations";
  const std::string reason = "seller_cancel_reason_out_of_stock";
  rejected(call(s.client, "POST", path, {}, json::object{{"cancel_reason", reason}}), 400, 36009004);
  rejected(call(s.client, "POST", path, {}, json::object{{"order_id", oid}}), 400, 36009004);
  rejected(call(s.client, "POST", path, {}, json::object{{"order_id", oid}, {"cancel_reason", "no_reason"}}), 400,
           36009004);
  rejected(call(s.client, "POST", path, {},
                json::object{{"order_id", oid},
                             {"cancel_reason", reason},
                             {"order_line_item_ids",
                              json::array{order.at("line_items").as_array().at(0).as_object().at("id")}}}),
           400, 36009004);  // partial cancellation
  rejected(call(s.client, "POST", path, {}, json::object{{"order_id", "1"}, {"cancel_reason", reason}}), 400, 36009004);
  CHECK(get_order(s.client, oid).at("status") == "AWAITING_SHIPMENT");

  const auto d = ok(call(s.client, "POST", path, {}, json::object{{"order_id", oid}, {"cancel_reason", reason}}));
  const std::string cid = str(d.at("cancel_id"));
  CHECK(d.at("cancel_status") == "CANCELLATION_REQUEST_COMPLETE");
  const auto cancelled = get_order(s.client, oid);
  CHECK(cancelled.at("status") == "CANCELLED");
  CHECK(cancelled.at("cancel_reason") == "Out of stock");
  const auto rec = find_cancel(s.client, cid);
  CHECK(rec.at("role") == "SELLER");
  CHECK(str(rec.at("order_id")) == oid);
  std::int64_t sum = 0;
  for (const auto& li : cancelled.at("line_items").as_array()) sum += minor(li.as_object().at("sale_price"));
  CHECK(minor(rec.at("refund_amount").as_object().at("refund_subtotal")) == sum);
  // Cancelling again, or cancelling a shipped order, is a state error.
  rejected(call(s.client, "POST", path, {}, json::object{{"order_id", oid}, {"cancel_reason", reason}}), 400, 36009004);
  const auto transit = order_in(s.client, s.shop_id, "IN_TRANSIT");
  rejected(call(s.client, "POST", path, {}, json::object{{"order_id", transit.at("id")}, {"cancel_reason", reason}}),
           400, 36009004);
  REQUIRE(wait_hooks(receiver, [&] { return hooks_for(receiver, 11, "cancel_id", cid) >= 1; }));
  bool saw_cancel = false;
  REQUIRE(wait_hooks(receiver, [&] {
    for (const auto& h : hooks_of(receiver, 1)) {
      const auto& data = h.at("data").as_object();
      saw_cancel = saw_cancel || (str(data.at("order_id")) == oid && data.at("order_status") == "CANCEL");
    }
    return saw_cancel;
  }));
  const auto hook = hooks_of(receiver, 11);
  for (const auto& h : hook) {
    const auto& data = h.at("data").as_object();
    if (str(data.at("cancel_id")) != cid) continue;
    CHECK(data.at("cancellations_role") == "SELLER");
    CHECK(data.at("cancel_status") == "CANCELLATION_REQUEST_COMPLETE");
    CHECK(str(data.at("order_id")) == oid);
  }
}

TEST_CASE("buyer cancellation requests: approve and reject with idempotency keys, 48 h auto-approval") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "CANCELLATION_STATUS_CHANGE");
  auto request = [&](const std::string& order_id) {
    return str(s.client.admin("POST", "/_sandbox/cancellations", json::object{{"order_id", order_id}})
                   .as_object()
                   .at("cancel_id"));
  };
  const auto o1 = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string c1 = request(str(o1.at("id")));
  CHECK(find_cancel(s.client, c1).at("cancel_status") == "CANCELLATION_REQUEST_PENDING");
  // A seller cancellation is refused while the buyer's request waits.
  rejected(call(s.client, "POST", "/return_refund/202309/cancellations", {},
                json::object{{"order_id", o1.at("id")}, {"cancel_reason", "seller_cancel_reason_out_of_stock"}}),
           400, 36009004);
  const std::string approve = "/return_refund/202309/cancellations/" + c1 + "/approve";
  rejected(call(s.client, "POST", approve, {{"idempotency_key", std::string(256, 'c')}}, json::object{}), 400,
           36009004);  // at most 255 characters (it is optional: test_sandbox_fidelity)
  ok(call(s.client, "POST", approve, {{"idempotency_key", "ca1"}}, json::object{}));
  CHECK(get_order(s.client, str(o1.at("id"))).at("status") == "CANCELLED");
  CHECK(find_cancel(s.client, c1).at("cancel_status") == "CANCELLATION_REQUEST_COMPLETE");
  ok(call(s.client, "POST", approve, {{"idempotency_key", "ca1"}}, json::object{}));  // replay
  rejected(call(s.client, "POST", approve, {{"idempotency_key", "ca2"}}, json::object{}), 400, 25020009);

  const auto o2 = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string c2 = request(str(o2.at("id")));
  const std::string reject = "/return_refund/202309/cancellations/" + c2 + "/reject";
  rejected(call(s.client, "POST", reject, {{"idempotency_key", "cr1"}}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", reject, {{"idempotency_key", "cr1"}},
                json::object{{"reject_reason", "reverse_reject_request_reason_1"}}),
           400, 25001016);  // a return reason, not a cancellation reason
  ok(call(s.client, "POST", reject, {{"idempotency_key", "cr1"}},
          json::object{{"reject_reason", "seller_reject_apply_product_has_been_packed"}}));
  CHECK(find_cancel(s.client, c2).at("cancel_status") == "CANCELLATION_REQUEST_CANCEL");
  CHECK(get_order(s.client, str(o2.at("id"))).at("status") == "AWAITING_SHIPMENT");

  // Unanswered for 48 h: the platform approves and the order is cancelled.
  const auto o3 = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string c3 = request(str(o3.at("id")));
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 49 * 3600}});
  s.client.sync_clock();
  CHECK(find_cancel(s.client, c3).at("cancel_status") == "CANCELLATION_REQUEST_COMPLETE");
  CHECK(get_order(s.client, str(o3.at("id"))).at("status") == "CANCELLED");
  REQUIRE(wait_hooks(receiver, [&] { return hooks_for(receiver, 11, "cancel_id", c3) >= 2; }));
  CHECK(hooks_for(receiver, 11, "cancel_id", c1) == 2);  // requested + approved; the replay sent nothing
}
