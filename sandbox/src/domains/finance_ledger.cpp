// How orders become money: the amounts of a settled order (per SKU, then summed), the daily cut that
// settles orders into statements, and the payments and withdrawals that follow from each statement.
#include <algorithm>

#include "../generator.hpp"
#include "../rng.hpp"
#include "finance_store.hpp"
#include "returns_store.hpp"

namespace tts_sandbox::finance {

namespace json = boost::json;

void Amounts::add(const Amounts& o) {
  gross += o.gross;
  gross_refund += o.gross_refund;
  seller_discount += o.seller_discount;
  seller_discount_refund += o.seller_discount_refund;
  actual_shipping += o.actual_shipping;
  customer_paid_shipping += o.customer_paid_shipping;
  return_shipping += o.return_shipping;
  platform_commission += o.platform_commission;
  transaction_fee += o.transaction_fee;
  affiliate_commission += o.affiliate_commission;
}

FinanceStore& store_of(Shop& shop) { return shop.data.extension<FinanceStore>("finance"); }

bool is_sea(const Shop& shop) {
  static const char* const kSea[] = {"ID", "SG", "MY", "TH", "VN", "PH"};
  return std::any_of(std::begin(kSea), std::end(kSea), [&](const char* r) { return shop.region == r; });
}

// Reference finance §1.2: Get Payments is not available to SEA markets.
bool has_payments_api(const Shop& shop) { return !is_sea(shop); }

std::string stable_id(const std::string& label) { return Rng(Rng::hash(label)).digits(19); }

// Sandbox choices (the reference gives no numbers): days from delivery to settlement, and fee rates.
std::int64_t settle_delay(const Shop& shop) { return (is_sea(shop) ? 8 : 10) * kDay; }

namespace {

std::int64_t platform_bps(const Shop& shop) {
  if (is_sea(shop)) return 500;
  if (shop.region == "US") return 600;
  if (shop.region == "JP") return 800;
  if (shop.region == "MX" || shop.region == "BR") return 1000;
  return 900;  // GB and the EU markets
}
std::int64_t transaction_bps(const Shop& shop) { return is_sea(shop) ? 300 : 200; }

// x * bps / 10000 rounded half away from zero, in integers (exact for every currency).
std::int64_t share(std::int64_t x, std::int64_t bps) {
  return x >= 0 ? (x * bps + 5000) / 10000 : -((-x * bps + 5000) / 10000);
}

const ReturnRecord* return_of(Shop& shop, const Order& o) {
  auto& rs = returns_store(shop);
  auto it = rs.return_of_order.find(o.id);
  return it == rs.return_of_order.end() ? nullptr : &rs.returns.at(it->second);
}

bool refunded(const ReturnRecord& r) { return r.status == "RETURN_OR_REFUND_REQUEST_COMPLETE"; }
bool closed_without_refund(const ReturnRecord& r) {
  return r.status == "REFUND_OR_RETURN_REQUEST_REJECT" || r.status == "RETURN_OR_REFUND_REQUEST_CANCEL" ||
         r.status == "REJECT_RECEIVE_PACKAGE";
}

std::int64_t boundary_after(std::int64_t t) { return (t / kDay + 1) * kDay; }

// The order's SKU groups in first-appearance order, with the amounts of each.
std::vector<SkuRow> sku_rows(Shop& shop, const Order& o, const std::vector<std::string>& refunded_lines,
                             const ReturnRecord* ret, const AffiliateTerms& affiliate) {
  std::vector<SkuRow> rows;
  std::map<std::string, std::size_t> index;
  std::map<std::size_t, std::int64_t> kept_units;
  std::int64_t gross_total = 0, refunded_gross = 0;
  for (const auto& li : o.line_items) {
    auto [it, fresh] = index.emplace(li.sku_id, rows.size());
    if (fresh) rows.push_back(SkuRow{li.sku_id, li.sku_name, li.product_name, 0, {}});
    SkuRow& row = rows[it->second];
    ++row.quantity;
    row.amounts.gross += li.original_price_minor;
    row.amounts.seller_discount -= li.seller_discount_minor;
    gross_total += li.original_price_minor;
    if (std::find(refunded_lines.begin(), refunded_lines.end(), li.id) != refunded_lines.end()) {
      row.amounts.gross_refund -= li.original_price_minor;
      row.amounts.seller_discount_refund += li.seller_discount_minor;
      refunded_gross += li.original_price_minor;
    } else {
      ++kept_units[it->second];
    }
  }
  const bool all_refunded = !o.line_items.empty() && refunded_lines.size() == o.line_items.size();
  Amounts& first = rows.front().amounts;  // order-level shipping is booked on the first SKU row
  first.customer_paid_shipping = all_refunded ? 0 : o.shipping_fee_minor;
  first.actual_shipping = -(o.shipping_fee_minor + share(gross_total, 300));
  if (ret != nullptr && ret->type == "RETURN_AND_REFUND" && refunded_gross > 0) {
    first.return_shipping = -share(refunded_gross, 200);
  }
  auto terms = affiliate.find(o.id);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Amounts& a = rows[i].amounts;
    a.platform_commission = -share(a.revenue(), platform_bps(shop));
    a.transaction_fee =
        -share(std::max<std::int64_t>(0, a.revenue() + a.customer_paid_shipping), transaction_bps(shop));
    if (terms == affiliate.end()) continue;
    const LineItem* li = nullptr;
    for (const auto& l : o.line_items)
      if (l.sku_id == rows[i].sku_id) li = &l;
    auto rate = terms->second.find({li->product_id, li->sale_price_minor});
    if (rate != terms->second.end()) {
      a.affiliate_commission = -(li->sale_price_minor * kept_units[i] * rate->second / 10000);
    }
  }
  return rows;
}

// One statement for the day ending at `boundary`, its payment and its withdrawals.
void book_statement(Shop& shop, std::int64_t boundary, std::vector<Transaction> txs) {
  auto& st = store_of(shop);
  std::stable_sort(txs.begin(), txs.end(), [](const Transaction& a, const Transaction& b) {
    return std::make_pair(a.sort_key(), a.id) < std::make_pair(b.sort_key(), b.id);
  });
  Statement s;
  s.id = stable_id(shop.id + "/statement/" + std::to_string(boundary));
  s.statement_time = boundary;
  s.payment_id = stable_id(s.id + "/payment");
  for (const auto& t : txs) s.settlement += t.settlement();
  for (std::size_t i = 0; i < txs.size(); ++i) {
    st.transaction_at[txs[i].id] = {s.id, i};
    if (txs[i].type == "ORDER") st.statement_of_order[txs[i].order_id] = s.id;
  }
  s.transactions = std::move(txs);
  // Paid half a day after the cut; the seller withdraws each payout as it arrives.
  const std::int64_t paid = boundary + kDay / 2;
  st.payments[s.payment_id] = Payment{s.payment_id, s.id, boundary, paid, s.settlement};
  const std::string settle_id = stable_id(s.id + "/settle");
  st.withdrawals[settle_id] = Withdrawal{settle_id, "SETTLE", s.settlement, boundary, paid};
  const std::string withdraw_id = stable_id(s.id + "/withdraw");
  st.withdrawals[withdraw_id] = Withdrawal{withdraw_id, "WITHDRAW", -s.settlement, paid, paid + kDay / 4};
  st.by_time.emplace(s.statement_time, s.id);
  st.statements.emplace(s.id, std::move(s));
}

// When a settled order's refund completed after its settlement, the refund is booked as an adjustment.
std::optional<std::pair<std::int64_t, Transaction>> late_refund(Shop& shop, const Order& o, std::int64_t cut_from,
                                                                std::int64_t cut_end) {
  auto& st = store_of(shop);
  const ReturnRecord* r = return_of(shop, o);
  if (r == nullptr || !refunded(*r) || st.refund_adjusted.count(o.id)) return std::nullopt;
  const Statement& settled = st.statements.at(st.statement_of_order.at(o.id));
  if (r->update_time < settled.statement_time) return std::nullopt;  // part of the ORDER row already
  const std::int64_t boundary = std::max(boundary_after(r->update_time), cut_from + kDay);
  if (boundary > cut_end) return std::nullopt;
  std::int64_t refund = 0;
  for (const auto& id : r->line_item_ids)
    if (const LineItem* li = find_line(o, id)) refund += li->sale_price_minor;
  if (r->line_item_ids.size() == o.line_items.size()) refund += o.shipping_fee_minor;
  Transaction t;
  t.id = stable_id("adjustment-tx/" + r->id);
  t.type = "OTHER_ADJUSTMENT";
  t.adjustment_id = stable_id("adjustment/" + r->id);
  t.adjustment_order_id = o.id;
  t.adjustment = -refund;
  t.create_time = r->update_time;
  st.refund_adjusted.insert(o.id);
  return std::make_pair(boundary, std::move(t));
}

// The boundary whose statement settles the order, or 0 while it cannot settle (undelivered, cancelled,
// a return still open).
std::int64_t settle_boundary(Shop& shop, const Order& o, std::int64_t cut_from) {
  if (o.status == "CANCELLED") return 0;
  const std::int64_t delivered = delivered_at(shop, o);
  if (delivered == 0) return 0;
  std::int64_t boundary = std::max(boundary_after(delivered + settle_delay(shop)), cut_from + kDay);
  if (const ReturnRecord* r = return_of(shop, o); r != nullptr && r->create_time < boundary) {
    if (!refunded(*r) && !closed_without_refund(*r)) return 0;
    boundary = std::max(boundary, boundary_after(r->update_time));
  }
  return boundary;
}

}  // namespace

std::int64_t delivered_at(Shop& shop, const Order& o) {
  for (std::size_t i = 0; i < o.next_step && i < o.plan.size(); ++i)
    if (o.plan[i].status == "DELIVERED") return o.plan[i].at;
  if (o.status != "DELIVERED" && o.status != "COMPLETED") return 0;
  // An admin status change replaced the plan; remember when the order was first seen delivered.
  return store_of(shop).delivered_seen.emplace(o.id, o.update_time).first->second;
}

bool return_pending(Shop& shop, const Order& o, std::int64_t at) {
  const ReturnRecord* r = return_of(shop, o);
  return r != nullptr && r->create_time < at && !((refunded(*r) || closed_without_refund(*r)) && r->update_time < at);
}

std::string payment_status(const Payment& p, std::int64_t now) { return now >= p.paid_time ? "PAID" : "PROCESSING"; }

AffiliateTerms affiliate_terms(Shop& shop) {
  AffiliateTerms out;
  for (const auto& d : domains()) {
    if (d.name != "affiliate" || !d.truth) continue;
    json::object truth;
    d.truth(shop, truth);
    for (const auto& v : truth["affiliate_orders"].as_array()) {
      const auto& order = v.as_object();
      auto& terms = out[std::string(order.at("id").as_string())];
      for (const auto& s : order.at("skus").as_array()) {
        const auto& sku = s.as_object();
        std::int64_t price = 0;
        if (!parse_money(shop, std::string(sku.at("price").at("amount").as_string()), price)) continue;
        terms[{std::string(sku.at("product_id").as_string()), price}] =
            std::stoll(std::string(sku.at("commission_rate").as_string()));
      }
    }
  }
  return out;
}

Transaction order_transaction(Shop& shop, const Order& o, std::int64_t at, const AffiliateTerms& affiliate) {
  const ReturnRecord* r = return_of(shop, o);
  std::vector<std::string> refunded_lines;
  if (r != nullptr && refunded(*r) && r->update_time < at) refunded_lines = r->line_item_ids;
  Transaction t;
  t.id = stable_id("order-tx/" + o.id);
  t.type = "ORDER";
  t.order_id = o.id;
  t.order_create_time = o.create_time;
  t.skus = sku_rows(shop, o, refunded_lines, refunded_lines.empty() ? nullptr : r, affiliate);
  for (const auto& row : t.skus) t.amounts.add(row.amounts);
  return t;
}

void catch_up(Shop& shop) {
  auto& st = store_of(shop);
  const std::int64_t cut_end = (st.now / kDay) * kDay;
  if (cut_end <= st.cut_until) return;
  std::map<std::int64_t, std::vector<Transaction>> days;
  std::optional<AffiliateTerms> affiliate;
  for (const auto& [key, id] : shop.data.orders_by_create) {
    const Order& o = shop.data.orders.at(id);
    if (o.line_items.empty()) continue;
    if (st.statement_of_order.count(o.id)) {
      if (auto adj = late_refund(shop, o, st.cut_until, cut_end)) days[adj->first].push_back(std::move(adj->second));
      continue;
    }
    const std::int64_t boundary = settle_boundary(shop, o, st.cut_until);
    if (boundary == 0 || boundary > cut_end || boundary - kDay < kStatementsFrom) continue;
    if (!affiliate) affiliate = affiliate_terms(shop);
    days[boundary].push_back(order_transaction(shop, o, boundary, *affiliate));
    // A few settled orders also carry a logistics adjustment (a shipping fee correction).
    if (support::bucket(o.id, "finance-adjustment") < 4) {
      Transaction t;
      t.id = stable_id("adjustment-tx/" + o.id);
      t.type = "SHIPPING_FEE_ADJUSTMENT";
      t.adjustment_id = stable_id("adjustment/" + o.id);
      t.adjustment_order_id = o.id;
      t.adjustment = (support::bucket(o.id, "adjustment-sign") < 50 ? -1 : 1) * (o.shipping_fee_minor / 4 + 1);
      t.create_time = boundary - kDay / 2;
      days[boundary].push_back(std::move(t));
    }
  }
  for (auto& [boundary, txs] : days) book_statement(shop, boundary, std::move(txs));
  st.cut_until = cut_end;
}

}  // namespace tts_sandbox::finance
