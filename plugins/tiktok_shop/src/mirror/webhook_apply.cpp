#include "mirror/webhook_apply.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "model/events.hpp"
#include "model/parse_api.hpp"
#include "model/time_format.hpp"
#include "mirror/read_ahead.hpp"
#include "util/call_trace.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;
enum class WebhookApplier::Target { order, product, deauthorized, expiring, promotion, ignore };

// One stored notification, read: what it is about.
struct WebhookApplier::Parsed {
  store::InboxItem item;
  Target target = Target::ignore;
  std::vector<std::string> ids;  // order or product ids the notification names
  std::string shop_id;
  json::object data;
};

namespace {

using Target = WebhookApplier::Target;
using Parsed = WebhookApplier::Parsed;

// A string field; integers are taken as their digits (types 5, 16 and 37 send product_id as a JSON
// number above 2^53 in TikTok's samples, which boost::json keeps exact as int64/uint64).
std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

Parsed classify(const store::InboxItem& item) {
  Parsed p;
  p.item = item;
  boost::system::error_code ec;
  const json::value v = json::parse(item.body, ec);
  if (ec || !v.is_object()) return p;  // intake checked it; keep the path total anyway
  const auto& o = v.as_object();
  p.shop_id = str(o, "shop_id");
  if (const auto* d = o.if_contains("data"); d != nullptr && d->is_object()) p.data = d->as_object();
  switch (item.type) {
    case 1:   // ORDER_STATUS_CHANGE
    case 3:   // RECIPIENT_ADDRESS_UPDATE
    case 11:  // CANCELLATION_STATUS_CHANGE
    case 12:  // RETURN_STATUS_CHANGE
      if (auto id = str(p.data, "order_id"); !id.empty()) {
        p.target = Target::order;
        p.ids.push_back(id);
      }
      break;
    case 4:  // PACKAGE_UPDATE: every order of every package
      if (const auto* pl = p.data.if_contains("package_list"); pl != nullptr && pl->is_array()) {
        for (const auto& pkg : pl->as_array()) {
          if (!pkg.is_object()) continue;
          if (const auto* ol = pkg.as_object().if_contains("order_id_list"); ol != nullptr && ol->is_array()) {
            for (const auto& id : ol->as_array())
              if (id.is_string()) p.ids.emplace_back(id.as_string());
          }
        }
      }
      if (!p.ids.empty()) p.target = Target::order;
      break;
    case 5:   // PRODUCT_STATUS_CHANGE
    case 15:  // PRODUCT_INFORMATION_CHANGE
    case 16:  // PRODUCT_CREATION
    case 37:  // PRODUCT_AUDIT_STATUS_CHANGE
      if (auto id = str(p.data, "product_id"); !id.empty()) {
        p.target = Target::product;
        p.ids.push_back(id);
      }
      break;
    case 39: p.target = Target::promotion; break;  // promotion activity status change
    case 6: p.target = Target::deauthorized; break;
    case 7: p.target = Target::expiring; break;
    default: break;
  }
  return p;
}

// A buyer asked to cancel (webhook 11, pending, role BUYER): the ERP should stop picking the order until
// the seller answers with cancellations.approve / cancellations.reject. The event's data, or nullopt.
// The order itself is refetched like any other order webhook.
std::optional<json::object> cancellation_request(int type, const json::object& data) {
  if (type != 11 || str(data, "cancel_status") != "CANCELLATION_REQUEST_PENDING") return std::nullopt;
  if (str(data, "cancellations_role") != "BUYER") return std::nullopt;
  json::object out{{"order_id", str(data, "order_id")}, {"cancel_id", str(data, "cancel_id")}};
  if (const auto* t = data.if_contains("create_time"); t != nullptr && t->is_int64())
    out["requested_at"] = model::rfc3339(t->as_int64());
  return out;
}

}  // namespace

WebhookApplier::WebhookApplier(store::CommerceStore& store, tiktok_api::OrderApi& orders,
                               tiktok_api::ProductApi& products, mirror::SyncEngine& engine, Host& host,
                               std::string account_id, std::string shop_id, AccountSignals signals)
    : store_(store),
      orders_(orders),
      products_(products),
      engine_(engine),
      host_(host),
      account_id_(std::move(account_id)),
      shop_id_(std::move(shop_id)),
      signals_(std::move(signals)) {}

void WebhookApplier::emit(std::string_view type, json::object data) {
  host_.emit_event(model::make_event(type, account_id_, host_.wall_ms(), std::move(data)));
}

// One round of apply_pending: which inbox rows wait on which order or product, and how each row
// ends (settled: applied/ignored; failed: retried or, past kMaxAttempts, failed).
struct WebhookApplier::Round {
  std::vector<Parsed> work;
  std::map<std::int64_t, std::pair<std::string, std::string>> settle;     // row id -> (state, error)
  std::map<std::string, std::vector<std::int64_t>> by_order, by_product;  // id -> inbox rows waiting on it
  std::map<std::int64_t, std::string> failures;                           // rows whose fetch failed
  void fail(const std::vector<std::int64_t>& rows, const std::string& error) {
    for (auto r : rows) failures[r] = error;
  }
};

ApplyReport WebhookApplier::apply_pending(int max_items) {
  ApplyReport rep;
  const std::int64_t started = host_.wall_ms();
  const auto trace_mark = call_trace::mark();
  Round round;
  for (const auto& item : store_.inbox_pending(max_items)) round.work.push_back(classify(item));
  if (round.work.empty()) return rep;
  for (const auto& p : round.work) route(p, round);
  fetch_orders(round, rep);
  fetch_products(round, rep);
  finish_round(round, rep);
  const std::int64_t errors = rep.failed + rep.retried;
  const std::int64_t total = static_cast<std::int64_t>(round.work.size());
  store::LogEntry e{"webhooks", started, host_.wall_ms(), errors == 0 ? "ok" : errors < total ? "partial" : "failed",
                    0,          total,   errors,          round.failures.empty() ? "" : round.failures.begin()->second};
  const auto trace = call_trace::since(trace_mark);
  e.request_id = trace.request_id;
  e.api_calls = trace.api_calls;
  store_.log_run(e);
  return rep;
}

// Another shop's notification is set aside; account notices act at once; order and product
// notifications wait for their objects to be fetched.
void WebhookApplier::route(const Parsed& p, Round& round) {
  if (!shop_id_.empty() && !p.shop_id.empty() && p.shop_id != shop_id_) {
    round.settle[p.item.id] = {"ignored", "notification for shop " + p.shop_id + ", not this account's shop"};
    return;
  }
  if (auto request = cancellation_request(p.item.type, p.data))
    emit("order.cancellation_requested", std::move(*request));
  switch (p.target) {
    case Target::order:
      for (const auto& id : p.ids) round.by_order[id].push_back(p.item.id);
      break;
    case Target::product:
      for (const auto& id : p.ids) round.by_product[id].push_back(p.item.id);
      break;
    case Target::deauthorized: {
      const std::string reason = "the seller deauthorized the app (webhook " + p.item.notification_id + ")";
      if (signals_.deauthorized) signals_.deauthorized(reason);
      emit("account.deauthorized", json::object{{"reason", reason}, {"message", str(p.data, "message")}});
      emit("account.needs_reauth", json::object{{"reason", reason}});
      round.settle[p.item.id] = {"applied", ""};
      break;
    }
    case Target::expiring: {
      std::int64_t expires = 0;
      if (const auto* e = p.data.if_contains("expiration_time"); e != nullptr && e->is_int64()) expires = e->as_int64();
      const std::string reason = "the authorization expires soon; the seller must authorize again";
      if (signals_.authorization_expiring) signals_.authorization_expiring(reason, expires);
      emit("account.authorization_expiring",
           json::object{{"expiration_time", expires}, {"message", str(p.data, "message")}});
      emit("account.needs_reauth", json::object{{"reason", reason}, {"expiration_time", expires}});
      round.settle[p.item.id] = {"applied", ""};
      break;
    }
    case Target::promotion:
      // Webhook 39: an activity started, expired or was deactivated (reference: catalog §3.7).
      emit("promotion.status_changed", json::object{{"activity_id", str(p.data, "activity_id")},
                                                    {"status", str(p.data, "status")},
                                                    {"activity_type", str(p.data, "activity_type")},
                                                    {"product_level", str(p.data, "product_level")}});
      round.settle[p.item.id] = {"applied", ""};
      break;
    case Target::ignore:
      round.settle[p.item.id] = {"ignored",
                                 "type " + std::to_string(p.item.type) + " carries nothing this mirror keeps"};
      break;
  }
}

// Orders: batches of 50 ids per GET. The GETs run ahead on their own thread while the batches
// before them are stored; the batches already fetched share one transaction.
void WebhookApplier::fetch_orders(Round& round, ApplyReport& rep) {
  std::vector<std::string> ids;
  for (const auto& [id, rows] : round.by_order) ids.push_back(id);
  const std::size_t batches = (ids.size() + tiktok_api::kMaxIdsPerGet - 1) / tiktok_api::kMaxIdsPerGet;
  if (batches == 0) return;
  struct Fetched {
    std::vector<std::string> ids;  // asked for
    json::array got;               // what came back
    std::string error;             // the GET failed: the notifications of these ids retry
    std::string next_page_token;   // the next batch's index, "" after the last (ReadAhead's chain)
  };
  auto fetch_batch = [&](const std::string& token) {
    const std::size_t b = std::stoul(token);
    const auto from = ids.begin() + static_cast<std::ptrdiff_t>(b * tiktok_api::kMaxIdsPerGet);
    const auto to =
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), (b + 1) * tiktok_api::kMaxIdsPerGet));
    std::vector<std::string> asked(from, to);
    std::string next = b + 1 < batches ? std::to_string(b + 1) : std::string();
    // A failed GET is reported per batch (its notifications retry), not thrown across the thread.
    try {
      json::array got = orders_.get(asked);  // constructed, not assigned: keeps the answer's arena
      return Fetched{std::move(asked), std::move(got), "", std::move(next)};
    } catch (const Failure& f) {
      return Fetched{std::move(asked), json::array(), f.what(), std::move(next)};
    }
  };
  const auto bulk = batches >= kBulkBatches ? store_.bulk_write() : nullptr;
  ReadAhead<Fetched> ahead(fetch_batch, "0", kReadAheadBatches);
  for (bool last = false; !last;) {
    std::vector<Fetched> group;
    group.push_back(ahead.next());
    while (group.size() < kMaxBatchesPerCommit && !group.back().next_page_token.empty() && ahead.ready()) {
      group.push_back(ahead.next());
    }
    last = group.back().next_page_token.empty();
    std::vector<json::array> fetched;
    for (auto& f : group) {
      if (!f.error.empty()) {
        for (const auto& id : f.ids) round.fail(round.by_order[id], f.error);
        continue;
      }
      rep.fetched_orders += static_cast<std::int64_t>(f.got.size());
      fetched.push_back(std::move(f.got));
    }
    // One transaction for the group; an unreadable order is kept verbatim in sync_rejects and
    // its notification is done.
    const auto stored = engine_.apply_orders(fetched, "webhook");
    const std::set<std::string> seen(stored.begin(), stored.end());
    for (const auto& f : group) {
      if (!f.error.empty()) continue;
      for (const auto& id : f.ids) {
        if (seen.count(id) == 0)
          round.fail(round.by_order[id], "order " + id + " is not (yet) visible through the API");
      }
    }
  }
}

// Products: one GET each; a failed GET leaves its notifications to retry.
void WebhookApplier::fetch_products(Round& round, ApplyReport& rep) {
  for (const auto& [id, rows] : round.by_product) {
    try {
      const json::value raw = products_.get(id);
      ++rep.fetched_products;
      try {
        engine_.apply_product(raw);
      } catch (const model::ParseError& e) {
        store_.reject_record("webhook_product", id, e.what(), json::serialize(raw), host_.wall_ms());
      }
    } catch (const Failure& f) {
      round.fail(rows, f.what());
    }
  }
}

// Every row ends in one transaction: applied, ignored, retried or (past kMaxAttempts) failed.
void WebhookApplier::finish_round(Round& round, ApplyReport& rep) {
  for (const auto* waiting : {&round.by_order, &round.by_product}) {
    for (const auto& [id, rows] : *waiting)
      for (auto r : rows)
        if (!round.failures.count(r) && !round.settle.count(r)) round.settle[r] = {"applied", ""};
  }
  std::map<std::int64_t, int> attempts;
  for (const auto& p : round.work) attempts[p.item.id] = p.item.attempts;
  const std::int64_t now = host_.wall_ms();
  store_.in_transaction([&] {
    for (const auto& [row, err] : round.failures) {
      if (attempts[row] + 1 >= kMaxAttempts) {
        store_.inbox_finish(row, "failed", err, now);
      } else {
        store_.inbox_retry(row, err);
      }
    }
    for (const auto& [row, se] : round.settle) {
      if (round.failures.count(row)) continue;
      store_.inbox_finish(row, se.first, se.second, now);
    }
  });
  for (const auto& [row, err] : round.failures) (attempts[row] + 1 >= kMaxAttempts ? rep.failed : rep.retried) += 1;
  for (const auto& [row, se] : round.settle) {
    if (round.failures.count(row)) continue;
    (se.first == "applied" ? rep.applied : rep.ignored) += 1;
  }
}

}  // namespace ocean::tiktok::mirror
