#include "mirror/mirror_capabilities.hpp"

#include <boost/json/parse.hpp>

#include "model/parse_api.hpp"
#include "model/status_map.hpp"
#include "model/time_format.hpp"
#include "model/to_neutral.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;
namespace {

// Keyset cursor "<update_time>:<id>", opaque to the host.
void read_cursor(const Request& r, store::ListQuery& q) {
  const auto c = r.opt_str("cursor");
  if (!c || c->empty()) return;
  const auto colon = c->find(':');
  const auto t = colon == std::string::npos ? std::nullopt : model::parse_time(c->substr(0, colon));
  if (!t || colon + 1 >= c->size()) throw Failure(Status::invalid_argument, "cursor is not one this plugin returned");
  q.after_update_time = *t;
  q.after_id = c->substr(colon + 1);
}

json::value next_cursor(const std::vector<store::StoredObject>& page, int limit) {
  if (static_cast<int>(page.size()) < limit || page.empty()) return nullptr;
  return json::value(std::to_string(page.back().update_time) + ":" + page.back().id);
}

// The shared part of orders.search and products.search: since, limit, cursor.
store::ListQuery list_query(const Request& r) {
  store::ListQuery q;
  q.updated_since = r.opt_time("updated_since");
  q.limit = static_cast<int>(r.int_in("limit", 1, 100, 50));
  read_cursor(r, q);
  return q;
}

// {"id": one} or {"ids": [up to 100]}.
std::vector<std::string> id_list(const Request& r) {
  std::vector<std::string> ids;
  if (auto id = r.opt_str("id")) ids.push_back(*id);
  for (auto& id : r.strings("ids", false)) ids.push_back(std::move(id));
  if (ids.empty()) throw Failure(Status::invalid_argument, "give id or ids");
  if (ids.size() > 100) throw Failure(Status::invalid_argument, "ids allows at most 100 ids");
  return ids;
}

// orders.get / products.get: one object for {"id"}, else the found ones and the missing ids.
template <typename Find, typename View>
json::object get_many(const Request& r, const char* one, const char* many, Find&& find, View&& view) {
  const auto ids = id_list(r);
  json::array found, missing;
  for (const auto& id : ids) {
    if (auto o = find(id))
      found.push_back(view(o->raw_json));
    else
      missing.push_back(json::value(id));
  }
  if (r.has("id") && !r.has("ids")) {
    if (found.empty()) {
      throw Failure(Status::not_found, std::string(one) + " " + ids.front() + " is not in the mirror (run sync.run)");
    }
    return json::object{{one, found.front()}};
  }
  return json::object{{many, std::move(found)}, {"missing", std::move(missing)}};
}

std::optional<std::string> product_status_word(const std::string& s) {
  for (const char* w :
       {"DRAFT", "PENDING", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FAILED", "FREEZE", "DELETED"}) {
    // "inactive" covers two TikTok words; the first is used (SELLER_DEACTIVATED).
    if (s == w || model::neutral_product_status(w) == s) return std::string(w);
  }
  return std::nullopt;
}

std::vector<store::SkuRef> skus_asked(Mirror& m, const Request& r) {
  auto& store = m.store();
  if (auto sku = r.opt_str("sku_id")) {
    auto ref = store.sku_by_id(*sku);
    if (!ref) throw Failure(Status::not_found, "sku_id " + *sku + " is not in the mirror");
    return {*ref};
  }
  if (auto erp = r.opt_str("erp_sku")) {
    auto ref = store.sku_by_erp(*erp);
    if (!ref) throw Failure(Status::not_found, "erp_sku " + *erp + " maps to no TikTok SKU");
    return {*ref};
  }
  if (auto pid = r.opt_str("product_id")) {
    auto p = store.product(*pid);
    if (!p) throw Failure(Status::not_found, "product " + *pid + " is not in the mirror");
    std::vector<store::SkuRef> skus;
    boost::system::error_code ec;
    for (const auto& k : model::parse_product(json::parse(p->raw_json, ec)).skus) {
      skus.push_back(store::SkuRef{*pid, k.id, k.seller_sku});
    }
    return skus;
  }
  throw Failure(Status::invalid_argument, "give sku_id, erp_sku or product_id");
}

std::optional<Backfill> backfill_of(const Request& r) {
  const auto b = r.opt_object("backfill", {"status", "from", "to"});
  if (!b) return std::nullopt;
  Backfill bf;
  if (auto s = b->opt_str("status")) {
    bf.status = model::tiktok_order_status(*s);
    if (!bf.status) throw Failure(Status::invalid_argument, "backfill.status is not an order status: " + *s);
  }
  bf.from = b->opt_time("from");
  bf.to = b->opt_time("to");
  if (bf.from && bf.to && *bf.from >= *bf.to) {
    throw Failure(Status::invalid_argument, "backfill.from must be before backfill.to");
  }
  return bf;
}

}  // namespace

json::object sync_run(Mirror& m, const Request& r) {
  SyncRequest s;
  if (r.has("kinds")) {
    s.kinds.clear();
    for (auto& k : r.strings("kinds", false)) {
      if (k != "products" && k != "orders" && k != "inventory" && k != "finance") {
        throw Failure(Status::invalid_argument, "kinds may contain only products, orders, inventory and finance");
      }
      if (k == "finance" && !m.finance_enabled()) {
        throw Failure(
            Status::feature_disabled,
            "kind finance needs the feature finance (Finance & Settlements); turn it on with features.finance = "
            "true in the account's configuration");
      }
      s.kinds.push_back(std::move(k));
    }
  }
  s.full = r.opt_bool("full", false);
  s.backfill = backfill_of(r);
  return m.run_sync(s);
}

json::object sync_status(Mirror& m, const Request&) {
  auto& store = m.store();
  json::object kinds;
  for (const char* k : {"products", "orders", "inventory"}) {
    const auto c = store.cursor(k);
    kinds[k] =
        json::object{{"watermark", c.watermark > 0 ? json::value(model::rfc3339(c.watermark)) : json::value(nullptr)},
                     {"full_done", c.full_done},
                     {"in_progress", !c.run_json.empty()},
                     {"run_pages", c.run_pages},
                     {"run_records", c.run_records},
                     {"last_outcome", c.last_outcome},
                     {"last_finished_ms", c.last_finished_ms}};
  }
  json::array log;
  for (const auto& e : store.recent_runs(20)) {
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
                      {"orders", store.order_count()},
                      {"products", store.product_count()},
                      {"rejected_records", store.reject_count()},
                      {"webhooks", json::object{{"pending", store.inbox_count("pending")},
                                                {"applied", store.inbox_count("applied")},
                                                {"ignored", store.inbox_count("ignored")},
                                                {"failed", store.inbox_count("failed")}}},
                      {"finance", m.finance_status()},
                      {"auto_sync_interval_seconds", m.settings().sync_interval_seconds},
                      {"syncing", m.syncing()},
                      {"log", std::move(log)}};
}

json::object orders_search(Mirror& m, const Request& r) {
  store::ListQuery q = list_query(r);
  if (auto s = r.opt_str("status")) {
    q.status = model::tiktok_order_status(*s);
    if (!q.status) throw Failure(Status::invalid_argument, "status is not an order status: " + *s);
  }
  const auto ctx = m.view_context(r.include_raw());
  const auto page = m.store().orders(q);
  json::array orders;
  for (const auto& o : page) orders.push_back(model::order_view(o.raw_json, ctx));
  return json::object{{"orders", std::move(orders)}, {"next_cursor", next_cursor(page, q.limit)}};
}

json::object orders_get(Mirror& m, const Request& r) {
  const auto ctx = m.view_context(r.include_raw());
  return get_many(
      r, "order", "orders", [&](const std::string& id) { return m.store().order(id); },
      [&](const std::string& raw) { return model::order_view(raw, ctx); });
}

// Unshipped orders (on hold, awaiting shipment, partly shipped) whose ship-by deadline (rts_sla_time)
// is within the next `within_hours`, soonest first, overdue ones included: the orders at risk of a
// late dispatch, which TikTok penalises above a 4 % rate.
json::object orders_at_risk(Mirror& m, const Request& r) {
  if (!r.has("within_hours")) r.fail("within_hours", "is required");
  const std::int64_t hours = r.int_in("within_hours", 1, 24 * 30, 24);
  const auto ctx = m.view_context(r.include_raw());
  const std::int64_t now = m.host().wall_ms() / 1000;
  json::array orders;
  for (const auto& due : m.notes().unshipped_due_by(now + hours * 3600)) {
    if (auto stored = m.store().order(due.order_id)) orders.push_back(model::order_view(stored->raw_json, ctx));
  }
  return json::object{{"orders", std::move(orders)}, {"within_hours", hours}};
}

json::object products_search(Mirror& m, const Request& r) {
  store::ListQuery q = list_query(r);
  if (auto s = r.opt_str("status")) {
    q.status = product_status_word(*s);
    if (!q.status) throw Failure(Status::invalid_argument, "status is not a product status: " + *s);
  }
  const auto ctx = m.view_context(r.include_raw());
  const auto page = m.store().products(q);
  json::array products;
  for (const auto& p : page) products.push_back(model::product_view(p.raw_json, ctx));
  return json::object{{"products", std::move(products)}, {"next_cursor", next_cursor(page, q.limit)}};
}

json::object products_get(Mirror& m, const Request& r) {
  const auto ctx = m.view_context(r.include_raw());
  return get_many(
      r, "product", "products", [&](const std::string& id) { return m.store().product(id); },
      [&](const std::string& raw) { return model::product_view(raw, ctx); });
}

json::object inventory_get(Mirror& m, const Request& r) {
  auto& store = m.store();
  json::array items;
  for (const auto& s : skus_asked(m, r)) {
    json::array marketplace, levels;
    for (const auto& [w, q] : store.mirrored_stock(s.sku_id)) {
      marketplace.push_back(json::object{{"warehouse_id", w}, {"quantity", q}});
    }
    for (const auto& l : store.stock_levels(s.sku_id))
      levels.push_back(StockPusher::level_view(l, m.settings().account_id));
    const auto erp = store.erp_sku_of(s.sku_id);
    items.push_back(json::object{{"external_product_id", s.product_id},
                                 {"external_sku_id", s.sku_id},
                                 {"seller_sku", s.seller_sku},
                                 {"erp_sku", erp ? json::value(*erp) : json::value(nullptr)},
                                 {"marketplace_stock", std::move(marketplace)},
                                 {"erp_levels", std::move(levels)}});
  }
  return json::object{{"items", std::move(items)}};
}

json::object inventory_update(Mirror& m, const Request& r) {
  std::vector<StockUpdate> updates;
  const auto items = r.objects("items", {"erp_sku", "sku_id", "warehouse_id", "on_hand", "reserved"}, true);
  for (std::size_t i = 0; i < items.size(); ++i) {
    StockUpdate u;
    u.where = "items[" + std::to_string(i) + "]";
    u.erp_sku = items[i].opt_str("erp_sku").value_or("");
    u.sku_id = items[i].opt_str("sku_id").value_or("");
    u.warehouse_id = items[i].str("warehouse_id");
    const auto on_hand = items[i].opt_int("on_hand");
    if (!on_hand) items[i].fail("on_hand", "is required (an integer)");
    u.on_hand = *on_hand;
    u.reserved = items[i].opt_int("reserved").value_or(0);
    updates.push_back(std::move(u));
  }
  std::optional<std::int64_t> buffer;
  if (r.has("safety_buffer")) buffer = r.int_in("safety_buffer", 0, INT64_MAX, 0);
  const bool push_now = r.opt_bool("push_now", true);
  json::object out;
  json::array levels = m.pusher().enqueue(updates, buffer);
  if (push_now) {
    const auto rep = m.pusher().push_due();
    out["push"] = json::object{{"pushed", rep.pushed}, {"failed", rep.failed}, {"retrying", rep.retried}};
    json::array refreshed;
    for (const auto& v : levels) {
      const auto& o = v.as_object();
      for (const auto& l : m.store().stock_levels(o.at("external_sku_id").as_string()))
        if (l.warehouse_id == o.at("warehouse_id").as_string())
          refreshed.push_back(StockPusher::level_view(l, m.settings().account_id));
    }
    levels = std::move(refreshed);
  }
  out["levels"] = std::move(levels);
  return out;
}

json::object inventory_push_status(Mirror& m, const Request& r) {
  return m.pusher().status(r.opt_str("sku_id").value_or(""), r.opt_str("erp_sku").value_or(""));
}

}  // namespace ocean::tiktok::mirror
