#include "finance/finance_sync.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "finance/finance_parse.hpp"
#include "finance/money.hpp"
#include "finance/reconcile.hpp"
#include "model/events.hpp"
#include "model/time_format.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::finance {

namespace json = boost::json;

namespace {

std::string raw_of(const tiktok_api::Page& page, std::size_t i) {
  return i < page.raw_items.size() ? std::string(page.raw_items[i]) : json::serialize(page.items[i]);
}

}  // namespace

json::object FinanceSync::Counts::to_json() const {
  return json::object{{"pages", pages}, {"records", records}, {"inserted", inserted}, {"resumed", resumed}};
}

void FinanceSync::emit(const char* type, json::object data) { pending_events_.emplace_back(type, std::move(data)); }

void FinanceSync::flush_events() {
  for (auto& [type, data] : pending_events_)
    host_.emit_event(model::make_event(type, account_id_, host_.wall_ms(), std::move(data)));
  pending_events_.clear();
}

FinanceSync::Counts FinanceSync::listing(const std::string& kind, bool full, const FetchPage& fetch,
                                         const StoreItem& store_item) {
  FinanceCursor c = store_.cursor(kind);
  Counts counts;
  counts.resumed = !c.run_json.empty();
  TimeRange range;
  if (counts.resumed) {
    range.ge = json::parse(c.run_json).as_object().at("from").as_int64();
  } else {
    range.ge = full ? 0 : std::max<std::int64_t>(0, c.watermark - kOverlapSeconds);
    c.run_json = json::serialize(json::object{{"from", *range.ge}});
    c.page_token.clear();
    c.run_pages = 0;
    c.run_max_seen = c.watermark;
  }
  while (true) {
    tiktok_api::Page page = fetch(range, c.page_token);
    pending_events_.clear();  // events of a page whose transaction failed were never true
    store_.in_transaction([&] {
      for (std::size_t i = 0; i < page.items.size(); ++i) {
        if (!page.items[i].is_object()) throw Failure(Status::permanent, "a " + kind + " entry is not an object");
        c.run_max_seen = std::max(c.run_max_seen, store_item(page.items[i].as_object(), raw_of(page, i), counts));
        ++counts.records;
      }
      c.page_token = page.next_page_token;
      ++c.run_pages;
      if (page.next_page_token.empty()) {
        c.watermark = std::max(c.watermark, c.run_max_seen);
        c.run_json.clear();
        c.last_finished_ms = host_.wall_ms();
      }
      store_.save_cursor(c);
    });
    ++counts.pages;
    flush_events();
    if (hook_) hook_(kind, c.run_pages);
    if (page.next_page_token.empty()) return counts;
  }
}

void FinanceSync::statement_transactions(const std::string& statement_id, Counts& counts) {
  FinanceCursor c = store_.cursor("transactions");
  if (c.run_json != statement_id) {  // a new statement (or the interrupted run was another one)
    c.run_json = statement_id;
    c.page_token.clear();
    c.run_pages = 0;
    c.run_max_seen = 0;  // transactions stored so far for this statement
  } else {
    counts.resumed = true;
  }
  while (true) {
    json::object data = api_.statement_transactions(statement_id, c.page_token, kPageSize);
    const auto* cur = data.if_contains("currency");
    if (cur == nullptr || !cur->is_string())
      throw Failure(Status::permanent, "statement " + statement_id + " transactions: the answer has no currency");
    const std::string currency(cur->as_string());
    tiktok_api::Page page = tiktok_api::read_page(std::move(data), "transactions", "statement transactions");
    store_.in_transaction([&] {
      for (std::size_t i = 0; i < page.items.size(); ++i) {
        if (!page.items[i].is_object()) throw Failure(Status::permanent, "a transaction entry is not an object");
        store_.upsert_transaction(
            parse_transaction(page.items[i].as_object(), statement_id, currency, raw_of(page, i)));
      }
      c.run_max_seen += static_cast<std::int64_t>(page.items.size());
      c.page_token = page.next_page_token;
      ++c.run_pages;
      if (page.next_page_token.empty()) {
        store_.finish_transactions(statement_id, c.run_max_seen);
        c.run_json.clear();
        c.last_finished_ms = host_.wall_ms();
      }
      store_.save_cursor(c);
    });
    ++counts.pages;
    counts.records += static_cast<std::int64_t>(page.items.size());
    if (hook_) hook_("transactions", c.run_pages);
    if (page.next_page_token.empty()) break;
  }
  ReconcileRequest one;
  one.statement_id = statement_id;
  json::object check = reconcile(store_, one);
  json::array found;
  for (auto& m : check["mismatches"].as_array()) {
    const auto kind = m.as_object().at("kind").as_string();
    if (kind == "transaction_identity" || kind == "statement_total") found.push_back(std::move(m));
  }
  if (!found.empty())
    emit("finance.mismatch", json::object{{"statement_id", statement_id}, {"mismatches", std::move(found)}});
  flush_events();
}

FinanceSync::Counts FinanceSync::transactions() {
  Counts counts;
  // An interrupted statement first, so its cursor is used before another statement resets it.
  auto pending = store_.statements_without_transactions();
  const std::string interrupted = store_.cursor("transactions").run_json;
  std::stable_partition(pending.begin(), pending.end(), [&](const std::string& id) { return id == interrupted; });
  for (const auto& id : pending) statement_transactions(id, counts);
  return counts;
}

json::object FinanceSync::run(bool full) {
  if (full) store_.forget_transactions_done();
  json::object report{{"kind", "finance"}};
  report["statements"] =
      listing(
          "statements", full,
          [&](const TimeRange& t, const std::string& tok) { return api_.statements(t, tok, kPageSize); },
          [&](const json::object& o, std::string raw, Counts& n) {
            StatementRow s = parse_statement(o, std::move(raw));
            if (store_.upsert_statement(s, host_.wall_ms()).inserted) {
              ++n.inserted;
              emit("finance.statement_settled",
                   json::object{{"statement_id", s.id},
                                {"settled_at", model::rfc3339(s.statement_time)},
                                {"currency", s.currency},
                                {"settlement_amount", format_minor(s.settlement, currency_decimals(s.currency))}});
            }
            return s.statement_time;
          })
          .to_json();
  if (is_sea_region(store_.shop_region())) {
    report["payments"] = json::object{{"skipped", "Get Payments is not available in SEA markets"}};
  } else {
    report["payments"] =
        listing(
            "payments", full,
            [&](const TimeRange& t, const std::string& tok) { return api_.payments(t, tok, kPageSize); },
            [&](const json::object& o, std::string raw, Counts& n) {
              PaymentRow p = parse_payment(o, std::move(raw));
              const UpsertFlags f = store_.upsert_payment(p, host_.wall_ms());
              n.inserted += f.inserted ? 1 : 0;
              if (f.became_paid)
                emit("finance.payment_received",
                     json::object{{"payment_id", p.id},
                                  {"currency", p.currency},
                                  {"amount", format_minor(p.amount, currency_decimals(p.currency))}});
              return p.create_time;
            })
            .to_json();
  }
  report["withdrawals"] =
      listing(
          "withdrawals", full,
          [&](const TimeRange& t, const std::string& tok) {
            return api_.withdrawals({"WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"}, t, tok, kPageSize);
          },
          [&](const json::object& o, std::string raw, Counts&) {
            WithdrawalRow w = parse_withdrawal(o, std::move(raw));
            store_.upsert_withdrawal(w, host_.wall_ms());
            return w.create_time;
          })
          .to_json();
  report["transactions"] = transactions().to_json();
  report["outcome"] = "ok";
  return report;
}

}  // namespace ocean::tiktok::finance
