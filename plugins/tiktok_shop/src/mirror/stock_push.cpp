#include "mirror/stock_push.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "model/events.hpp"
#include "model/time_format.hpp"
#include "util/call_trace.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;
namespace {

bool retryable(Status s) { return s == Status::retry || s == Status::rate_limited || s == Status::auth_required; }

}  // namespace

std::int64_t available_of(std::int64_t on_hand, std::int64_t reserved, std::int64_t safety_buffer) {
  const std::int64_t a = on_hand - reserved - safety_buffer;
  return std::clamp<std::int64_t>(a, 0, kMaxQuantity);
}

StockPusher::StockPusher(store::CommerceStore& store, tiktok_api::ProductApi& products, Host& host,
                         std::string account_id, std::int64_t safety_buffer)
    : store_(store),
      products_(products),
      host_(host),
      account_id_(std::move(account_id)),
      safety_buffer_(safety_buffer) {}

json::object StockPusher::level_view(const store::StockLevel& l, std::string_view account_id) {
  json::object o{
      {"schema", "stock_level.v1"},
      {"marketplace", "tiktok_shop"},
      {"erp_sku", l.erp_sku},
      {"external_product_id", l.product_id},
      {"external_sku_id", l.sku_id},
      {"warehouse_id", l.warehouse_id},
      {"on_hand", l.on_hand},
      {"reserved", l.reserved},
      {"safety_buffer", l.safety_buffer},
      {"available", l.available},
      {"push_status", l.push_status},
      {"pushed_at", l.pushed_at_ms > 0 ? json::value(model::rfc3339(l.pushed_at_ms / 1000)) : json::value(nullptr)},
      {"error", l.error.empty() ? json::value(nullptr) : json::value(l.error)}};
  if (!account_id.empty()) o["account_id"] = account_id;
  return o;
}

json::array StockPusher::enqueue(const std::vector<StockUpdate>& items, std::optional<std::int64_t> safety_buffer) {
  if (items.empty()) {
    throw Failure(Status::invalid_argument,
                  "inventory.update needs items: a non-empty array of "
                  "{erp_sku or sku_id, warehouse_id, on_hand, reserved}");
  }
  const std::int64_t buffer = safety_buffer.value_or(safety_buffer_);
  std::vector<store::StockLevel> levels;
  std::vector<std::string> problems;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& item : items) {
    const std::string& where = item.where;
    store::StockLevel l;
    const std::string& erp = item.erp_sku;
    const std::string& sku_id = item.sku_id;
    std::optional<store::SkuRef> ref;
    if (!sku_id.empty()) {
      ref = store_.sku_by_id(sku_id);
      if (!ref) problems.push_back(where + ": sku_id " + sku_id + " is not a known TikTok SKU (run sync.run products)");
    } else if (!erp.empty()) {
      ref = store_.sku_by_erp(erp);
      if (!ref) problems.push_back(where + ": erp_sku " + erp + " maps to no TikTok SKU");
    } else {
      problems.push_back(where + " needs erp_sku or sku_id");
    }
    l.warehouse_id = item.warehouse_id;
    if (item.reserved < 0) problems.push_back(where + ".reserved must be >= 0");
    if (!ref) continue;
    if (!seen.insert({ref->sku_id, l.warehouse_id}).second) {
      problems.push_back(where + " repeats SKU " + ref->sku_id + " in warehouse " + l.warehouse_id);
      continue;
    }
    l.sku_id = ref->sku_id;
    l.product_id = ref->product_id;
    l.erp_sku = !erp.empty() ? erp : store_.erp_sku_of(ref->sku_id).value_or(ref->seller_sku);
    l.on_hand = item.on_hand;
    l.reserved = item.reserved;
    l.safety_buffer = buffer;
    l.available = available_of(l.on_hand, l.reserved, buffer);
    levels.push_back(std::move(l));
  }
  if (!problems.empty()) {
    std::string msg = "inventory.update refused, nothing queued: ";
    for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
    throw Failure(Status::invalid_argument, msg);
  }
  const std::int64_t now = host_.wall_ms();
  store_.in_transaction([&] {
    for (const auto& l : levels) store_.enqueue_stock(l, now);
  });
  json::array out;
  for (const auto& l : levels) {
    for (const auto& stored : store_.stock_levels(l.sku_id)) {
      if (stored.warehouse_id == l.warehouse_id) out.push_back(level_view(stored, account_id_));
    }
  }
  return out;
}

std::int64_t StockPusher::backoff_ms(int attempts) const {
  const int shift = std::clamp(attempts, 0, 7);
  return std::min<std::int64_t>(3'600'000, 15'000LL << shift);  // 15 s, 30 s, ... up to an hour
}

PushReport StockPusher::push_due(int max_items) {
  PushReport rep;
  const std::int64_t now = host_.wall_ms();
  const auto trace_mark = call_trace::mark();
  std::string first_error;
  const auto due = store_.outbox_due(now, max_items);
  if (due.empty()) return rep;
  std::map<std::string, std::vector<store::OutboxItem>> by_product;
  for (const auto& d : due) by_product[d.product_id].push_back(d);
  for (const auto& [product, rows] : by_product) {
    ++rep.products;
    std::map<std::string, tiktok_api::SkuInventory> skus;
    for (const auto& r : rows) {
      auto& s = skus[r.sku_id];
      s.sku_id = r.sku_id;
      s.inventory.emplace_back(r.warehouse_id, r.quantity);
    }
    std::vector<tiktok_api::SkuInventory> body;
    for (auto& [id, s] : skus) body.push_back(std::move(s));
    json::array pushed, failed;
    try {
      const auto errors = products_.update_inventory(product, body);
      std::map<std::string, std::string> sku_errors;
      std::string unattributed;
      for (const auto& e : errors) (e.sku_id.empty() ? unattributed : sku_errors[e.sku_id]) = e.message;
      for (const auto& r : rows) {
        std::string err = sku_errors.count(r.sku_id) ? sku_errors[r.sku_id] : unattributed;
        json::object entry{{"sku_id", r.sku_id}, {"warehouse_id", r.warehouse_id}, {"quantity", r.quantity}};
        if (err.empty()) {
          store_.outbox_sent(r.id, host_.wall_ms());
          ++rep.pushed;
          pushed.push_back(std::move(entry));
        } else {
          store_.outbox_failed(r.id, err, host_.wall_ms());
          ++rep.failed;
          if (first_error.empty()) first_error = r.sku_id + ": " + err;
          entry["error"] = err;
          failed.push_back(std::move(entry));
        }
      }
    } catch (const Failure& f) {
      if (first_error.empty()) first_error = f.what();
      for (const auto& r : rows) {
        json::object entry{
            {"sku_id", r.sku_id}, {"warehouse_id", r.warehouse_id}, {"quantity", r.quantity}, {"error", f.what()}};
        if (retryable(f.status()) && r.attempts + 1 < kMaxAttempts) {
          store_.outbox_retry(r.id, f.what(), host_.wall_ms() + std::max(f.retry_after_ms(), backoff_ms(r.attempts)));
          ++rep.retried;
          entry["will_retry"] = true;
        } else {
          store_.outbox_failed(r.id, f.what(), host_.wall_ms());
          ++rep.failed;
          entry["will_retry"] = false;
        }
        failed.push_back(std::move(entry));
      }
    }
    if (!pushed.empty()) {
      host_.emit_event(model::make_event("stock.pushed", account_id_, host_.wall_ms(),
                                         json::object{{"product_id", product}, {"skus", std::move(pushed)}}));
    }
    if (!failed.empty()) {
      host_.emit_event(model::make_event("stock.push_failed", account_id_, host_.wall_ms(),
                                         json::object{{"product_id", product}, {"skus", std::move(failed)}}));
    }
  }
  const char* outcome = rep.pushed == 0 && rep.failed + rep.retried > 0 ? "failed"
                        : rep.failed + rep.retried > 0                  ? "partial"
                                                                        : "ok";
  store::LogEntry e{"stock_push", now,        host_.wall_ms(),          outcome,
                    rep.products, rep.pushed, rep.failed + rep.retried, first_error};
  const auto trace = call_trace::since(trace_mark);
  e.request_id = trace.request_id;
  e.api_calls = trace.api_calls;
  store_.log_run(e);
  return rep;
}

json::object StockPusher::status(std::string sku_id, const std::string& erp) {
  if (!erp.empty() && sku_id.empty()) {
    const auto ref = store_.sku_by_erp(erp);
    if (!ref) throw Failure(Status::not_found, "erp_sku " + erp + " maps to no TikTok SKU");
    sku_id = ref->sku_id;
  }
  json::array levels;
  std::int64_t pending = 0, failed = 0;
  for (const auto& l : store_.stock_levels(sku_id)) {
    json::object view = level_view(l, account_id_);
    if (!sku_id.empty()) {
      json::array history;
      for (const auto& h : store_.outbox_history(l.sku_id, l.warehouse_id, 10)) {
        history.push_back(json::object{{"quantity", h.quantity},
                                       {"version", h.version},
                                       {"state", h.state},
                                       {"attempts", h.attempts},
                                       {"error", h.last_error}});
      }
      view["history"] = std::move(history);
    }
    pending += l.push_status == "pending" ? 1 : 0;
    failed += l.push_status == "failed" ? 1 : 0;
    levels.push_back(std::move(view));
  }
  return json::object{{"levels", std::move(levels)}, {"pending", pending}, {"failed", failed}};
}

}  // namespace ocean::tiktok::mirror
