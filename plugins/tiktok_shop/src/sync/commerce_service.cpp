#include "sync/commerce_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "neutral/events.hpp"
#include "neutral/parse_api.hpp"
#include "neutral/status_map.hpp"
#include "neutral/time_format.hpp"
#include "neutral/to_neutral.hpp"
#include "ocean_common/crypto.hpp"
#include "util/status.hpp"

namespace ocean::tiktok {
namespace json = boost::json;
namespace {

constexpr std::string_view kCapabilities[] = {"sync.run",      "sync.status",      "orders.search",
                                              "orders.get",    "products.search",  "products.get",
                                              "inventory.get", "inventory.update", "inventory.push_status"};

json::object parse_request(std::string_view text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) throw Failure(Status::invalid_argument, "request is not valid JSON: " + ec.message());
  if (!v.is_object()) throw Failure(Status::invalid_argument, "request must be a JSON object");
  return std::move(v.as_object());
}

bool bool_field(const json::object& o, const char* key, bool fallback) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return fallback;
  if (!v->is_bool()) throw Failure(Status::invalid_argument, std::string(key) + " must be true or false");
  return v->as_bool();
}

std::optional<std::string> string_field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw Failure(Status::invalid_argument, std::string(key) + " must be a string");
  return std::string(v->as_string());
}

std::optional<std::int64_t> time_field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_int64() && v->as_int64() >= 0) return v->as_int64();
  if (v->is_string()) {
    if (auto t = neutral::parse_time(v->as_string())) return t;
  }
  throw Failure(Status::invalid_argument,
                std::string(key) + " must be an RFC 3339 UTC time (2026-11-25T08:30:00Z) or Unix seconds");
}

int limit_field(const json::object& o) {
  const auto* v = o.if_contains("limit");
  if (v == nullptr) return 50;
  if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 100) {
    throw Failure(Status::invalid_argument, "limit must be an integer from 1 to 100");
  }
  return static_cast<int>(v->as_int64());
}

// Keyset cursor "<update_time>:<id>", opaque to the host.
void read_cursor(const json::object& o, store::ListQuery& q) {
  const auto c = string_field(o, "cursor");
  if (!c || c->empty()) return;
  const auto colon = c->find(':');
  const auto t = colon == std::string::npos ? std::nullopt : neutral::parse_time(c->substr(0, colon));
  if (!t || colon + 1 >= c->size()) throw Failure(Status::invalid_argument, "cursor is not one this plugin returned");
  q.after_update_time = *t;
  q.after_id = c->substr(colon + 1);
}

json::value next_cursor(const std::vector<store::StoredObject>& page, int limit) {
  if (static_cast<int>(page.size()) < limit || page.empty()) return nullptr;
  return json::value(std::to_string(page.back().update_time) + ":" + page.back().id);
}

std::vector<std::string> id_list(const json::object& o, const char* one, const char* many) {
  std::vector<std::string> ids;
  if (auto id = string_field(o, one)) ids.push_back(*id);
  if (const auto* v = o.if_contains(many)) {
    if (!v->is_array()) throw Failure(Status::invalid_argument, std::string(many) + " must be an array of strings");
    for (const auto& e : v->as_array()) {
      if (!e.is_string()) throw Failure(Status::invalid_argument, std::string(many) + " must be an array of strings");
      ids.emplace_back(e.as_string());
    }
  }
  if (ids.empty()) throw Failure(Status::invalid_argument, std::string("give ") + one + " or " + many);
  if (ids.size() > 100) throw Failure(Status::invalid_argument, std::string(many) + " allows at most 100 ids");
  return ids;
}

std::string local_host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  std::string s(name);
  for (auto& ch : s)
    if (ch == ':') ch = '_';
  return s;
}

}  // namespace

CommerceService::CommerceService(CommerceSettings settings, ApiClient& api, std::function<std::string()> shop_cipher,
                                 Host& host, webhooks::AccountSignals signals)
    : settings_(std::move(settings)),
      host_(host),
      store_(std::make_unique<store::CommerceSqliteStore>(settings_.db_path)),
      intake_store_(std::make_unique<store::CommerceSqliteStore>(settings_.db_path)),
      order_api_(api, shop_cipher),
      product_api_(api, shop_cipher),
      lease_owner_(local_host_name() + ":" + std::to_string(::getpid()) + ":" +
                   crypto::to_hex(crypto::random_bytes(6))) {
  sync::SyncSettings ss;
  ss.account_id = settings_.account_id;
  ss.shop_id = settings_.shop_id;
  ss.overlap_seconds = settings_.overlap_seconds;
  ss.page_size = settings_.page_size;
  engine_ = std::make_unique<sync::SyncEngine>(*store_, order_api_, product_api_, host_, ss);
  intake_ = std::make_unique<webhooks::WebhookIntake>(*intake_store_, settings_.app_key, settings_.app_secret);
  applier_ = std::make_unique<webhooks::WebhookApplier>(*store_, order_api_, product_api_, *engine_, host_,
                                                        settings_.account_id, settings_.shop_id, std::move(signals));
  pusher_ =
      std::make_unique<stock::StockPusher>(*store_, product_api_, host_, settings_.account_id, settings_.safety_buffer);
}

CommerceService::~CommerceService() = default;

bool CommerceService::handles(std::string_view capability) {
  for (auto c : kCapabilities)
    if (c == capability) return true;
  return false;
}

std::string CommerceService::invoke(std::string_view capability, std::string_view request_json) {
  const json::object req = parse_request(request_json);
  std::lock_guard lock(work_mutex_);
  json::object out;
  if (capability == "sync.run") {
    out = sync_run(req);
  } else if (capability == "sync.status") {
    out = sync_status();
  } else if (capability == "orders.search") {
    out = list_orders(req);
  } else if (capability == "orders.get") {
    out = get_orders(req);
  } else if (capability == "products.search") {
    out = list_products(req);
  } else if (capability == "products.get") {
    out = get_products(req);
  } else if (capability == "inventory.get") {
    out = inventory_get(req);
  } else if (capability == "inventory.update") {
    json::array levels = pusher_->enqueue(req);
    if (bool_field(req, "push_now", true)) {
      const auto rep = pusher_->push_due();
      out["push"] = json::object{{"pushed", rep.pushed}, {"failed", rep.failed}, {"retrying", rep.retried}};
      json::array refreshed;
      for (const auto& v : levels) {
        const auto& o = v.as_object();
        for (const auto& l : store_->stock_levels(o.at("external_sku_id").as_string()))
          if (l.warehouse_id == o.at("warehouse_id").as_string())
            refreshed.push_back(stock::StockPusher::level_view(l, settings_.account_id));
      }
      levels = std::move(refreshed);
    }
    out["levels"] = std::move(levels);
  } else if (capability == "inventory.push_status") {
    out = pusher_->status(req);
  } else {
    throw Failure(Status::unsupported,
                  "capability " + std::string(capability) + " is not handled by the commerce service");
  }
  return json::serialize(out);
}

template <typename Fn>
auto CommerceService::exclusive_sync(Fn&& fn) {
  if (syncing_.exchange(true)) throw Failure(Status::invalid_state, "a sync of this account is already running");
  struct Clear {
    std::atomic<bool>& f;
    ~Clear() { f = false; }
  } clear{syncing_};
  if (!store_->acquire_sync_lease(lease_owner_, host_.wall_ms(), settings_.lease_ms) && !take_over_dead_lease()) {
    throw Failure(Status::retry, "another process is syncing this account; try again later", 60'000);
  }
  struct Release {
    store::CommerceStore& s;
    const std::string& owner;
    ~Release() {
      try {
        s.release_sync_lease(owner);
      } catch (...) {  // an expiring lease is the fallback
      }
    }
  } release{*store_, lease_owner_};
  // Renew while working, but not on every page: a quarter of the lease is plenty of margin and
  // keeps an extra write transaction off each page.
  engine_->set_page_hook([this, renewed_ms = host_.wall_ms()](const std::string&, std::int64_t) mutable {
    const std::int64_t now = host_.wall_ms();
    if (now - renewed_ms < settings_.lease_ms / 4) return;
    store_->acquire_sync_lease(lease_owner_, now, settings_.lease_ms);
    renewed_ms = now;
  });
  return fn();
}

// Owner ids are "<host>:<pid>:<random>". A lease left by a process of this machine that no longer
// exists (killed mid-sync) is taken over at once instead of blocking until it expires.
bool CommerceService::take_over_dead_lease() {
  const auto [holder, expires] = store_->sync_lease_holder();
  (void)expires;
  const auto first = holder.find(':');
  const auto second = first == std::string::npos ? std::string::npos : holder.find(':', first + 1);
  if (second == std::string::npos || holder.substr(0, first) != local_host_name()) return false;
  const long pid = std::strtol(holder.substr(first + 1, second - first - 1).c_str(), nullptr, 10);
  if (pid <= 0 || pid == static_cast<long>(::getpid())) return false;
  if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) return false;  // alive (or not ours to judge)
  host_.log(LogLevel::warn,
            "taking over the sync lease of a process that ended mid-sync (pid " + std::to_string(pid) + ")");
  return store_->take_over_sync_lease(holder, lease_owner_, host_.wall_ms(), settings_.lease_ms);
}

json::object CommerceService::sync_run(const json::object& req) {
  std::vector<std::string> kinds;
  if (const auto* k = req.if_contains("kinds")) {
    if (!k->is_array())
      throw Failure(Status::invalid_argument, "kinds must be an array of products, orders, inventory");
    for (const auto& v : k->as_array()) {
      if (!v.is_string() ||
          (v.as_string() != "products" && v.as_string() != "orders" && v.as_string() != "inventory")) {
        throw Failure(Status::invalid_argument, "kinds may contain only products, orders and inventory");
      }
      kinds.emplace_back(v.as_string());
    }
  } else {
    kinds = {"products", "orders"};
  }
  const bool full = bool_field(req, "full", false);
  std::optional<sync::Backfill> backfill;
  if (const auto* b = req.if_contains("backfill"); b != nullptr && !b->is_null()) {
    if (!b->is_object()) throw Failure(Status::invalid_argument, "backfill must be an object {status, from, to}");
    sync::Backfill bf;
    if (auto s = string_field(b->as_object(), "status")) {
      bf.status = neutral::tiktok_order_status(*s);
      if (!bf.status) throw Failure(Status::invalid_argument, "backfill.status is not an order status: " + *s);
    }
    bf.from = time_field(b->as_object(), "from");
    bf.to = time_field(b->as_object(), "to");
    if (bf.from && bf.to && *bf.from >= *bf.to)
      throw Failure(Status::invalid_argument, "backfill.from must be before backfill.to");
    backfill = bf;
  }
  const std::int64_t started = host_.wall_ms();
  json::array runs;
  auto finish = [&](const char* outcome) {
    host_.emit_event(neutral::make_event(
        "sync.finished", settings_.account_id, host_.wall_ms(),
        json::object{{"outcome", outcome}, {"runs", runs}, {"duration_ms", host_.wall_ms() - started}}));
  };
  exclusive_sync([&] {
    for (const auto& kind : kinds) {
      try {
        sync::KindReport r;
        if (kind == "products")
          r = engine_->sync_products(full);
        else if (kind == "inventory")
          r = engine_->sync_inventory();
        else if (backfill)
          r = engine_->backfill_orders(*backfill);
        else
          r = engine_->sync_orders(full);
        runs.push_back(r.to_json());
      } catch (const Failure& f) {
        runs.push_back(json::object{{"kind", kind}, {"outcome", "failed"}, {"error", f.what()}});
        if (f.status() == Status::auth_required) {
          host_.emit_event(neutral::make_event("account.needs_reauth", settings_.account_id, host_.wall_ms(),
                                               json::object{{"reason", f.what()}}));
        }
        finish("failed");
        throw;
      }
    }
    return 0;
  });
  finish("ok");
  return json::object{{"runs", std::move(runs)}, {"duration_ms", host_.wall_ms() - started}};
}

json::object CommerceService::sync_status() {
  json::object kinds;
  for (const char* k : {"products", "orders", "inventory"}) {
    const auto c = store_->cursor(k);
    kinds[k] =
        json::object{{"watermark", c.watermark > 0 ? json::value(neutral::rfc3339(c.watermark)) : json::value(nullptr)},
                     {"full_done", c.full_done},
                     {"in_progress", !c.run_json.empty()},
                     {"run_pages", c.run_pages},
                     {"run_records", c.run_records},
                     {"last_outcome", c.last_outcome},
                     {"last_finished_ms", c.last_finished_ms}};
  }
  json::array log;
  for (const auto& e : store_->recent_runs(20)) {
    log.push_back(json::object{{"kind", e.kind},
                               {"started_ms", e.started_ms},
                               {"finished_ms", e.finished_ms},
                               {"outcome", e.outcome},
                               {"pages", e.pages},
                               {"records", e.records},
                               {"errors", e.errors},
                               {"message", e.message}});
  }
  return json::object{{"kinds", std::move(kinds)},
                      {"orders", store_->order_count()},
                      {"products", store_->product_count()},
                      {"rejected_records", store_->reject_count()},
                      {"webhooks", json::object{{"pending", store_->inbox_count("pending")},
                                                {"applied", store_->inbox_count("applied")},
                                                {"ignored", store_->inbox_count("ignored")},
                                                {"failed", store_->inbox_count("failed")}}},
                      {"auto_sync_interval_seconds", settings_.sync_interval_seconds},
                      {"syncing", syncing_.load()},
                      {"log", std::move(log)}};
}

neutral::ViewContext CommerceService::view_context(bool include_raw) {
  neutral::ViewContext ctx;
  ctx.account_id = settings_.account_id;
  ctx.shop_id = settings_.shop_id;
  ctx.include_raw = include_raw;
  ctx.erp_sku = [this](const std::string& sku) { return store_->erp_sku_of(sku); };
  return ctx;
}

json::object CommerceService::list_orders(const json::object& req) {
  store::ListQuery q;
  if (auto s = string_field(req, "status")) {
    q.status = neutral::tiktok_order_status(*s);
    if (!q.status) throw Failure(Status::invalid_argument, "status is not an order status: " + *s);
  }
  q.updated_since = time_field(req, "updated_since");
  q.limit = limit_field(req);
  read_cursor(req, q);
  const auto ctx = view_context(bool_field(req, "include_raw", false));
  const auto page = store_->orders(q);
  json::array orders;
  for (const auto& o : page) orders.push_back(neutral::order_view(o.raw_json, ctx));
  return json::object{{"orders", std::move(orders)}, {"next_cursor", next_cursor(page, q.limit)}};
}

json::object CommerceService::get_orders(const json::object& req) {
  const auto ids = id_list(req, "id", "ids");
  const auto ctx = view_context(bool_field(req, "include_raw", false));
  json::array orders, missing;
  for (const auto& id : ids) {
    if (auto o = store_->order(id))
      orders.push_back(neutral::order_view(o->raw_json, ctx));
    else
      missing.push_back(json::value(id));
  }
  if (req.contains("id") && !req.contains("ids")) {
    if (orders.empty())
      throw Failure(Status::not_found, "order " + ids.front() + " is not in the mirror (run sync.run)");
    return json::object{{"order", orders.front()}};
  }
  return json::object{{"orders", std::move(orders)}, {"missing", std::move(missing)}};
}

json::object CommerceService::list_products(const json::object& req) {
  store::ListQuery q;
  if (auto s = string_field(req, "status")) {
    std::optional<std::string> word;
    for (const char* w : {"DRAFT", "PENDING", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FAILED",
                          "FREEZE", "DELETED"}) {
      if (*s == w || neutral::neutral_product_status(w) == *s) {
        word = w;
        break;
      }
    }
    if (!word) throw Failure(Status::invalid_argument, "status is not a product status: " + *s);
    q.status = word;  // "inactive" covers two TikTok words; the first is used (SELLER_DEACTIVATED)
  }
  q.updated_since = time_field(req, "updated_since");
  q.limit = limit_field(req);
  read_cursor(req, q);
  const auto ctx = view_context(bool_field(req, "include_raw", false));
  const auto page = store_->products(q);
  json::array products;
  for (const auto& p : page) products.push_back(neutral::product_view(p.raw_json, ctx));
  return json::object{{"products", std::move(products)}, {"next_cursor", next_cursor(page, q.limit)}};
}

json::object CommerceService::get_products(const json::object& req) {
  const auto ids = id_list(req, "id", "ids");
  const auto ctx = view_context(bool_field(req, "include_raw", false));
  json::array products, missing;
  for (const auto& id : ids) {
    if (auto p = store_->product(id))
      products.push_back(neutral::product_view(p->raw_json, ctx));
    else
      missing.push_back(json::value(id));
  }
  if (req.contains("id") && !req.contains("ids")) {
    if (products.empty())
      throw Failure(Status::not_found, "product " + ids.front() + " is not in the mirror (run sync.run)");
    return json::object{{"product", products.front()}};
  }
  return json::object{{"products", std::move(products)}, {"missing", std::move(missing)}};
}

json::object CommerceService::inventory_get(const json::object& req) {
  std::vector<store::SkuRef> skus;
  if (auto sku = string_field(req, "sku_id")) {
    auto ref = store_->sku_by_id(*sku);
    if (!ref) throw Failure(Status::not_found, "sku_id " + *sku + " is not in the mirror");
    skus.push_back(*ref);
  } else if (auto erp = string_field(req, "erp_sku")) {
    auto ref = store_->sku_by_erp(*erp);
    if (!ref) throw Failure(Status::not_found, "erp_sku " + *erp + " maps to no TikTok SKU");
    skus.push_back(*ref);
  } else if (auto pid = string_field(req, "product_id")) {
    auto p = store_->product(*pid);
    if (!p) throw Failure(Status::not_found, "product " + *pid + " is not in the mirror");
    boost::system::error_code ec;
    for (const auto& k : neutral::parse_product(json::parse(p->raw_json, ec)).skus) {
      skus.push_back(store::SkuRef{*pid, k.id, k.seller_sku});
    }
  } else {
    throw Failure(Status::invalid_argument, "give sku_id, erp_sku or product_id");
  }
  json::array items;
  for (const auto& s : skus) {
    json::array marketplace, levels;
    for (const auto& [w, q] : store_->mirrored_stock(s.sku_id)) {
      marketplace.push_back(json::object{{"warehouse_id", w}, {"quantity", q}});
    }
    for (const auto& l : store_->stock_levels(s.sku_id))
      levels.push_back(stock::StockPusher::level_view(l, settings_.account_id));
    const auto erp = store_->erp_sku_of(s.sku_id);
    items.push_back(json::object{{"external_product_id", s.product_id},
                                 {"external_sku_id", s.sku_id},
                                 {"seller_sku", s.seller_sku},
                                 {"erp_sku", erp ? json::value(*erp) : json::value(nullptr)},
                                 {"marketplace_stock", std::move(marketplace)},
                                 {"erp_levels", std::move(levels)}});
  }
  return json::object{{"items", std::move(items)}};
}

void CommerceService::on_tick(std::int64_t now_ms) {
  std::unique_lock lock(work_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // a capability is running; the next tick will do it
  applier_->apply_pending();
  pusher_->push_due();
  if (settings_.sync_interval_seconds <= 0 || syncing_) return;
  const std::int64_t last = std::stoll(store_->meta("auto_sync.last_started_ms").value_or("0"));
  const bool interrupted = !store_->cursor("orders").run_json.empty() || !store_->cursor("products").run_json.empty();
  if (!interrupted && now_ms - last < settings_.sync_interval_seconds * 1000) return;
  store_->set_meta("auto_sync.last_started_ms", std::to_string(now_ms));
  try {
    sync_run(json::object{{"kinds", json::array{"products", "orders"}}});
  } catch (const Failure& f) {
    host_.log(LogLevel::warn, std::string("auto-sync failed: ") + f.what());  // logged in integration_log too
  }
}

webhooks::IntakeResult CommerceService::intake(std::string_view headers, std::string_view body,
                                               std::int64_t received_at_ms) {
  try {
    return intake_->handle(headers, body, received_at_ms);
  } catch (const std::exception& e) {
    webhooks::IntakeResult r;
    r.http_status = 500;  // TikTok retries; nothing was stored
    r.status = Status::retry;
    r.message = std::string("webhook could not be stored: ") + e.what();
    return r;
  }
}

std::string CommerceService::on_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms) {
  return webhook_result_json(intake(headers, body, received_at_ms));
}

std::string CommerceService::webhook_result_json(const webhooks::IntakeResult& r) {
  json::object o{{"schema", "webhook_result.v1"}, {"http_status", r.http_status}, {"message", r.message}};
  if (!r.notification_id.empty()) {
    o["notification_id"] = r.notification_id;
    o["duplicate"] = r.duplicate;
    o["type"] = r.type;
  }
  return json::serialize(o);
}

}  // namespace ocean::tiktok
