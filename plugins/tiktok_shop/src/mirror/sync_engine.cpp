#include "mirror/sync_engine.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <exception>
#include <type_traits>
#include <vector>

#include "model/events.hpp"
#include "model/parse_api.hpp"
#include "model/status_map.hpp"
#include "mirror/read_ahead.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;
namespace {

std::optional<std::int64_t> int_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

std::optional<std::string> str_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

json::object parse_filter(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) throw Failure(Status::internal, "stored sync filter is unreadable");
  return v.as_object();
}

tiktok_api::OrderFilter order_filter(const json::object& f) {
  tiktok_api::OrderFilter of;
  of.status = str_of(f, "order_status");
  of.update_time_ge = int_of(f, "update_time_ge");
  of.create_time_ge = int_of(f, "create_time_ge");
  of.create_time_lt = int_of(f, "create_time_lt");
  return of;
}

tiktok_api::ProductFilter product_filter(const json::object& f) {
  tiktok_api::ProductFilter pf;
  pf.update_time_ge = int_of(f, "update_time_ge");
  return pf;
}

void count(KindReport& r, store::UpsertOutcome o) {
  switch (o) {
    case store::UpsertOutcome::inserted: ++r.inserted; break;
    case store::UpsertOutcome::changed: ++r.changed; break;
    case store::UpsertOutcome::unchanged: ++r.unchanged; break;
    case store::UpsertOutcome::stale: ++r.stale; break;
  }
}

}  // namespace

json::object KindReport::to_json() const {
  json::object o{{"kind", kind},       {"outcome", outcome},   {"resumed", resumed},    {"pages", pages},
                 {"records", records}, {"inserted", inserted}, {"changed", changed},    {"unchanged", unchanged},
                 {"stale", stale},     {"rejected", rejected}, {"watermark", watermark}};
  if (!error.empty()) o["error"] = error;
  return o;
}

SyncEngine::SyncEngine(store::CommerceStore& store, tiktok_api::OrderApi& orders, tiktok_api::ProductApi& products,
                       Host& host, SyncSettings settings)
    : store_(store), orders_(orders), products_(products), host_(host), settings_(std::move(settings)) {}

void SyncEngine::emit(std::string_view type, json::object data) {
  host_.emit_event(model::make_event(type, settings_.account_id, host_.wall_ms(), std::move(data)));
}

// A page fetched and parsed off the writing thread, ready to be stored.
template <typename Record>
struct SyncEngine::ReadyPage {
  std::vector<Record> records;
  std::vector<Rejected> rejected;  // objects that could not be read, kept verbatim
  std::string next_page_token;     // "" = last page
  std::int64_t total_count = -1;
  std::int64_t size = 0;  // objects on the page, read or not
};

store::SyncCursor SyncEngine::open_run(const std::string& kind, const std::string& filter_json, KindReport& rep) {
  store::SyncCursor c = store_.cursor(kind);
  if (!c.run_json.empty()) {
    rep.resumed = true;  // a crash or a failure left this run half done: continue it
    return c;
  }
  c.run_json = filter_json;
  c.page_token.clear();
  c.run_max_seen = 0;
  c.run_pages = 0;
  c.run_records = 0;
  c.run_started_ms = host_.wall_ms();
  store_.save_cursor(c);
  return c;
}

void SyncEngine::log_failure(const std::string& kind, KindReport& rep, std::int64_t started_ms, const Failure& f) {
  rep.outcome = "failed";
  rep.error = f.what();
  store::LogEntry e{"sync:" + kind, started_ms,  host_.wall_ms(), "failed",
                    rep.pages,      rep.records, rep.rejected,    rep.error};
  e.status = status_name(f.status());
  e.api_calls = rep.pages;  // one list call per page (fetched on the read-ahead thread)
  store_.log_run(e);
}

// The run's first page. A resumed token can be stale (the server forgot it); restarting the same
// query is safe because every upsert is idempotent. Throws Failure.
template <typename Ready, typename FetchReady>
Ready SyncEngine::first_page(FetchReady& fetch_ready, store::SyncCursor& c, const KindReport& rep) {
  try {
    return fetch_ready(c.page_token);
  } catch (const Failure& f) {
    const bool stale_token = rep.resumed && !c.page_token.empty() &&
                             (f.status() == Status::invalid_argument || f.status() == Status::permanent);
    if (!stale_token) throw;
  }
  c.page_token.clear();
  store_.save_cursor(c);
  return fetch_ready(c.page_token);
}

void SyncEngine::store_page_rejects(const std::string& kind, const std::vector<Rejected>& rejected, Batch& b) {
  for (const auto& r : rejected) {
    ++b.counts.rejected;
    store_.reject_record(kind, r.id, r.error, r.raw, host_.wall_ms());
  }
}

// Orders come sorted by update_time, so everything up to the largest one seen is in. Products
// come by create_time, so a product changed mid-run could sit below that: cap at the run's start
// time as well (the overlap window absorbs clock skew).
void SyncEngine::finish_cursor(store::SyncCursor& next, const RunMode& mode) {
  if (mode.moves_watermark && next.run_max_seen > 0) {
    const std::int64_t mark =
        mode.watermark_is_ordered ? next.run_max_seen : std::min(next.run_max_seen, next.run_started_ms / 1000);
    next.watermark = std::max(next.watermark, mark);
  }
  if (mode.moves_watermark) next.full_done = true;
  next.run_json.clear();
  next.last_finished_ms = host_.wall_ms();
  next.last_outcome = "ok";
}

// One transaction holds `page` and, while the writer is the slower side, the pages already
// fetched behind it (group commit, bounded in pages and time). When the network is the slower
// side every page commits alone, so no lock is held while waiting on TikTok. The cursor commits
// with the pages it follows. On return `page` is the last page written.
template <typename Ready, typename Ahead, typename Store>
SyncEngine::Batch SyncEngine::commit_batch(const std::string& kind, const RunMode& mode, std::optional<Ready>& page,
                                           Ahead* ahead, store::SyncCursor& c, Store& store) {
  Batch b;
  const std::int64_t batch_started_ns = host_.monotonic_ns();
  store_.in_transaction([&] {
    b = Batch{};
    store::SyncCursor next = c;
    for (;;) {
      for (const auto& record : page->records) {
        Applied a = store(record);
        count(b.counts, a.outcome);
        next.run_max_seen = std::max(next.run_max_seen, a.update_time);
        const bool news = a.outcome == store::UpsertOutcome::inserted || a.outcome == store::UpsertOutcome::changed;
        if (mode.events && news) b.applied.push_back(std::move(a));
      }
      store_page_rejects(kind, page->rejected, b);
      b.counts.records += page->size;
      b.page_sizes.push_back(page->size);
      b.last = page->next_page_token.empty();
      next.page_token = page->next_page_token;
      ++next.run_pages;
      next.run_records += page->size;
      if (b.last || static_cast<std::int64_t>(b.page_sizes.size()) >= kMaxPagesPerCommit ||
          host_.monotonic_ns() - batch_started_ns >= kMaxCommitNs || !ahead->ready()) {
        break;
      }
      try {
        page.emplace(ahead->next());
      } catch (...) {
        b.fetch_error = std::current_exception();  // commit what is written, then report it
        break;
      }
    }
    if (b.last) finish_cursor(next, mode);
    store_.save_cursor(next);
    c = next;
  });
  return b;
}

// Adds a committed batch to the report and announces it; progress and the page hook still go
// page by page, now that these pages are committed.
void SyncEngine::report_batch(const std::string& kind, KindReport& rep, const Batch& b, const store::SyncCursor& c,
                              std::int64_t total, std::int64_t started_ns) {
  const auto batch_pages = static_cast<std::int64_t>(b.page_sizes.size());
  rep.pages += batch_pages;
  rep.records += b.counts.records;
  rep.inserted += b.counts.inserted;
  rep.changed += b.counts.changed;
  rep.unchanged += b.counts.unchanged;
  rep.stale += b.counts.stale;
  rep.rejected += b.counts.rejected;
  for (const auto& a : b.applied) record_event(kind, a);
  const double secs = static_cast<double>(host_.monotonic_ns() - started_ns) / 1e9;
  std::int64_t page_no = c.run_pages - batch_pages;
  std::int64_t records = c.run_records - b.counts.records;
  for (const std::int64_t size : b.page_sizes) {
    ++page_no;
    records += size;
    json::object progress{{"kind", kind},
                          {"pages", page_no},
                          {"records", records},
                          {"rate_per_second", secs > 0 ? static_cast<double>(rep.records) / secs : 0.0},
                          {"done", b.last && page_no == c.run_pages}};
    if (total >= 0) progress["total"] = total;
    emit("sync.progress", std::move(progress));
    if (page_hook_) page_hook_(kind, page_no);
  }
}

template <typename Fetch, typename Parse, typename Store>
KindReport SyncEngine::run(const std::string& kind, const std::string& filter_json, RunMode mode, Fetch&& fetch,
                           Parse&& parse, Store&& store) {
  using Record = std::invoke_result_t<Parse&, const json::value&, std::string_view>;
  using Ready = ReadyPage<Record>;
  KindReport rep;
  rep.kind = kind;
  store::SyncCursor c = open_run(kind, filter_json, rep);
  const json::object filter = parse_filter(c.run_json);
  const auto bulk = store_.bulk_write();
  const std::int64_t started_ns = host_.monotonic_ns();
  const std::int64_t started_ms = host_.wall_ms();
  // Fetching and parsing happen on the read-ahead thread; only SQLite work is left to this one.
  auto fetch_ready = [&fetch, &parse, &filter](const std::string& token) {
    tiktok_api::Page page = fetch(filter, token);
    Ready r;
    r.next_page_token = std::move(page.next_page_token);
    r.total_count = page.total_count;
    r.size = static_cast<std::int64_t>(page.items.size());
    r.records.reserve(page.items.size());
    for (std::size_t i = 0; i < page.items.size(); ++i) {
      const auto& item = page.items[i];
      try {
        r.records.push_back(parse(item, i < page.raw_items.size() ? page.raw_items[i] : std::string_view()));
      } catch (const model::ParseError& e) {
        r.rejected.push_back(Rejected{model::object_id(item), e.what(), json::serialize(item)});
      }
    }
    return r;
  };
  // A failure is logged in the run log before it goes on up; what was committed stays committed.
  try {
    // optional + emplace: every answer owns its JSON arena, and assigning into a page built on
    // another arena would copy it.
    std::optional<Ready> page;
    page.emplace(first_page<Ready>(fetch_ready, c, rep));
    // The pages after `page` are fetched while `page` is written, so the round trips and the
    // parsing overlap the SQLite work. Pages fetched but not committed when the process dies are
    // fetched again.
    std::optional<ReadAhead<Ready>> ahead;
    if (!page->next_page_token.empty()) ahead.emplace(fetch_ready, page->next_page_token, kReadAheadPages);
    for (;;) {
      const Batch b = commit_batch(kind, mode, page, ahead ? &*ahead : nullptr, c, store);
      report_batch(kind, rep, b, c, page->total_count, started_ns);
      if (b.last) break;
      if (b.fetch_error) std::rethrow_exception(b.fetch_error);
      page.emplace(ahead->next());
    }
  } catch (const Failure& f) {
    log_failure(kind, rep, started_ms, f);
    throw;
  }
  rep.watermark = c.watermark;
  store::LogEntry e{"sync:" + kind, started_ms,  host_.wall_ms(), rep.rejected > 0 ? "partial" : "ok",
                    rep.pages,      rep.records, rep.rejected,    rep.resumed ? "resumed an interrupted run" : ""};
  e.api_calls = rep.pages;
  store_.log_run(e);
  return rep;
}

void SyncEngine::audit_events(const std::string& id, const std::string& status, const std::string& previous_status,
                              const json::value* raw, const char* source) {
  if (previous_status == status) return;
  if (status == "ACTIVATE" && previous_status == "PENDING") {
    emit("product.audit_passed", json::object{{"product_id", id}, {"source", source}});
    return;
  }
  if (status != "FAILED") return;
  // The reasons come with the product's detail (webhook path); a search summary has none.
  json::array reasons;
  const json::value* list = raw && raw->is_object() ? raw->as_object().if_contains("audit_failed_reasons") : nullptr;
  if (list != nullptr && list->is_array()) reasons = list->as_array();
  emit("product.audit_failed", json::object{{"product_id", id}, {"reasons", reasons}, {"source", source}});
}

void SyncEngine::record_event(const std::string& kind, const Applied& a) {
  if (kind == "products" || kind == "inventory") {
    emit("product.changed", json::object{{"product_id", a.id},
                                         {"status", model::neutral_product_status(a.status).value_or("")},
                                         {"marketplace_status", a.status},
                                         {"source", "sync"}});
    audit_events(a.id, a.status, a.previous_status, nullptr, "sync");  // polling: the webhooks' backstop
  } else {
    order_events(a.id, a.status, a.previous_status, a.outcome, "sync");
  }
}

KindReport SyncEngine::sync_orders(bool full) {
  const store::SyncCursor c = store_.cursor("orders");
  json::object filter;
  if (!full && c.full_done)
    filter["update_time_ge"] = std::max<std::int64_t>(0, c.watermark - settings_.overlap_seconds);
  return run("orders", json::serialize(filter), RunMode{c.full_done, true, true}, order_fetch(), &model::parse_order,
             order_store("sync"));
}

KindReport SyncEngine::backfill_orders(const Backfill& b) {
  json::object filter;
  if (b.status) filter["order_status"] = *b.status;
  if (b.from) filter["create_time_ge"] = *b.from;
  if (b.to) filter["create_time_lt"] = *b.to;
  const std::string fj = json::serialize(filter);
  return run("backfill:" + fj, fj, RunMode{store_.cursor("orders").full_done, false, true}, order_fetch(),
             &model::parse_order, order_store("backfill"));
}

KindReport SyncEngine::sync_products(bool full) {
  const store::SyncCursor c = store_.cursor("products");
  json::object filter;
  if (!full && c.full_done)
    filter["update_time_ge"] = std::max<std::int64_t>(0, c.watermark - settings_.overlap_seconds);
  return run("products", json::serialize(filter), RunMode{c.full_done, true, false}, product_fetch(),
             &model::parse_product, product_store());
}

KindReport SyncEngine::sync_inventory() {
  return run("inventory", "{}", RunMode{store_.cursor("products").full_done, false, false}, product_fetch(),
             &model::parse_product, product_store());
}

std::function<tiktok_api::Page(const json::object&, const std::string&)> SyncEngine::order_fetch() {
  return [this](const json::object& f, const std::string& token) {
    return orders_.search(order_filter(f), token, settings_.page_size);
  };
}

std::function<tiktok_api::Page(const json::object&, const std::string&)> SyncEngine::product_fetch() {
  return [this](const json::object& f, const std::string& token) {
    return products_.search(product_filter(f), token, settings_.page_size);
  };
}

std::function<SyncEngine::Applied(const model::OrderRecord&)> SyncEngine::order_store(std::string_view source) {
  return [this, source](const model::OrderRecord& r) {
    const auto res = store_.upsert_order(r, host_.wall_ms(), source);
    return Applied{r.id, r.status, res.previous_status, r.update_time, res.outcome};
  };
}

std::function<SyncEngine::Applied(const model::ProductRecord&)> SyncEngine::product_store() {
  return [this](const model::ProductRecord& r) {
    const auto res = store_.upsert_product(r, host_.wall_ms());
    return Applied{r.id, r.status, res.previous_status, r.update_time, res.outcome};
  };
}

std::vector<std::string> SyncEngine::apply_orders(const std::vector<json::array>& batches, std::string_view source) {
  std::vector<std::string> done;
  std::vector<std::pair<model::OrderRecord, store::UpsertResult>> applied;
  store_.in_transaction([&] {
    done.clear();
    applied.clear();
    for (const auto& raws : batches) {
      for (const auto& raw : raws) {
        const std::string id = model::object_id(raw);
        try {
          model::OrderRecord r = model::parse_order(raw);
          const auto res = store_.upsert_order(r, host_.wall_ms(), source);
          applied.emplace_back(std::move(r), res);
        } catch (const model::ParseError& e) {
          store_.reject_record("webhook_order", id, e.what(), json::serialize(raw), host_.wall_ms());
        }
        done.push_back(id);
      }
    }
  });
  for (const auto& [r, res] : applied) order_events(r.id, r.status, res.previous_status, res.outcome, source);
  return done;
}

void SyncEngine::order_events(const std::string& id, const std::string& status, const std::string& previous_status,
                              store::UpsertOutcome outcome, std::string_view source) {
  if (outcome == store::UpsertOutcome::inserted) {
    emit("order.imported", json::object{{"order_id", id},
                                        {"status", model::neutral_order_status(status).value_or("")},
                                        {"marketplace_status", status},
                                        {"source", source}});
  } else if (outcome == store::UpsertOutcome::changed && previous_status != status) {
    emit("order.status_changed",
         json::object{{"order_id", id},
                      {"status", model::neutral_order_status(status).value_or("")},
                      {"previous_status", model::neutral_order_status(previous_status).value_or("")},
                      {"marketplace_status", status},
                      {"source", source}});
    // The one-hour hold is over and the order was not cancelled in it: it may now be fulfilled.
    if (previous_status == "ON_HOLD" && status != "CANCELLED") {
      emit("order.hold_released", json::object{{"order_id", id},
                                               {"status", model::neutral_order_status(status).value_or("")},
                                               {"marketplace_status", status},
                                               {"source", source}});
    }
  }
}

store::UpsertOutcome SyncEngine::apply_product(const json::value& raw) {
  const model::ProductRecord r = model::parse_product(raw);
  store::UpsertResult res;
  store_.in_transaction([&] { res = store_.upsert_product(r, host_.wall_ms()); });
  if (res.outcome == store::UpsertOutcome::inserted || res.outcome == store::UpsertOutcome::changed) {
    emit("product.changed", json::object{{"product_id", r.id},
                                         {"status", model::neutral_product_status(r.status).value_or("")},
                                         {"marketplace_status", r.status},
                                         {"source", "webhook"}});
  }
  audit_events(r.id, r.status, res.previous_status, &raw, "webhook");
  return res.outcome;
}

}  // namespace ocean::tiktok::mirror
