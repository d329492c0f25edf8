#include "world.hpp"

#include <algorithm>

#include "generator.hpp"
#include "ocean_common/crypto.hpp"
#include "ocean_common/tts_sign.hpp"
#include "webhook_sender.hpp"

namespace tts_sandbox {

namespace json = boost::json;

World::World(GenParams gen, std::vector<App> apps, SandboxClock& c, WebhookSender* sender)
    : clock(c), gen_(gen), sender_(sender), id_rng_(gen.seed, "ids") {
  for (auto& a : apps) apps_.emplace(a.key, std::move(a));
  generate();
}

void World::reset() {
  shops_.clear();
  shops_by_id_.clear();
  shops_by_cipher_.clear();
  order_shop_.clear();
  grants_.clear();
  grants_by_access_.clear();
  grants_by_refresh_.clear();
  auth_codes_.clear();
  steps_ = {};
  id_counter_ = 0;
  id_rng_ = Rng(gen_.seed, "ids");
  generate();
}

void World::generate() {
  // A fixed base time (--start-time) keeps the data identical across runs with the same seed.
  const std::int64_t now = gen_.base_time != 0 ? gen_.base_time : clock.now();
  for (int i = 0; i < gen_.shops; ++i) {
    Shop& shop = add_shop(make_shop(gen_, i));
    Rng rng(gen_.seed, "core/" + shop.id);
    generate_shop_core(*this, shop, gen_, rng, now);
    for (const auto& d : domains()) {
      if (!d.generate) continue;
      Rng domain_rng(gen_.seed, d.name + "/" + shop.id);
      d.generate(*this, shop, gen_, domain_rng);
    }
  }
  // Orders created in the past have walked part of their flow already; nobody is subscribed yet,
  // so this emits no webhooks.
  advance(now);
}

Shop& World::add_shop(std::unique_ptr<Shop> shop) {
  Shop& ref = *shop;
  shops_by_id_[ref.id] = &ref;
  shops_by_cipher_[ref.cipher] = &ref;
  shops_.push_back(std::move(shop));
  return ref;
}

const App* World::app(const std::string& key) const {
  auto it = apps_.find(key);
  return it == apps_.end() ? nullptr : &it->second;
}

const App* World::app_by_service_id(const std::string& service_id) const {
  for (const auto& [k, a] : apps_)
    if (a.service_id == service_id) return &a;
  return nullptr;
}

Shop* World::shop_by_id(const std::string& id) {
  auto it = shops_by_id_.find(id);
  return it == shops_by_id_.end() ? nullptr : it->second;
}

Shop* World::shop_by_cipher(const std::string& cipher) {
  auto it = shops_by_cipher_.find(cipher);
  return it == shops_by_cipher_.end() ? nullptr : it->second;
}

Shop* World::shop_of_order(const std::string& order_id) {
  auto it = order_shop_.find(order_id);
  return it == order_shop_.end() ? nullptr : it->second;
}

// ---- authorization --------------------------------------------------------------------------------

std::string World::new_numeric_id(int digits) {
  // Random head plus a counter tail: looks like a TikTok id, and is unique by construction.
  const std::string tail = std::to_string(++id_counter_);
  std::string padded = std::string(7 - std::min<std::size_t>(7, tail.size()), '0') + tail;
  return id_rng_.digits(digits - static_cast<int>(padded.size())) + padded;
}

std::string World::new_token(const std::string& prefix) {
  // Tokens are secrets, so they come from the CSPRNG, not from the seeded generator.
  return prefix + ocean::crypto::to_hex(ocean::crypto::random_bytes(24));
}

std::string World::issue_auth_code(const std::string& app_key, std::vector<std::string> shop_ids, std::int64_t now) {
  std::string code = new_token("TTP_code_");
  // Reference §3: an auth code lives 30 minutes and works once.
  auth_codes_[code] = AuthCode{app_key, std::move(shop_ids), now + 30 * 60, false};
  return code;
}

Grant* World::redeem_auth_code(const std::string& app_key, const std::string& code, std::int64_t now) {
  auto it = auth_codes_.find(code);
  if (it == auth_codes_.end() || it->second.used || it->second.app_key != app_key || now >= it->second.expire) {
    return nullptr;
  }
  it->second.used = true;
  return &issue_grant(app_key, it->second.shop_ids, now);
}

Grant& World::issue_grant(const std::string& app_key, std::vector<std::string> shop_ids, std::int64_t now) {
  auto g = std::make_unique<Grant>();
  g->app_key = app_key;
  g->shop_ids = std::move(shop_ids);
  if (!g->shop_ids.empty()) {
    if (Shop* first = shop_by_id(g->shop_ids.front())) {
      g->open_id = first->open_id;
      g->seller_name = first->seller_name;
      g->base_region = first->region;
    }
  }
  g->access_token = new_token("TTP_");
  g->refresh_token = new_token("TTP_r_");
  g->access_expire = now + settings.access_token_ttl;
  g->refresh_expire = now + settings.refresh_token_ttl;
  grants_by_access_[g->access_token] = g.get();
  grants_by_refresh_[g->refresh_token] = g.get();
  grants_.push_back(std::move(g));
  return *grants_.back();
}

Grant* World::refresh(const std::string& app_key, const std::string& refresh_token, std::int64_t now) {
  auto it = grants_by_refresh_.find(refresh_token);
  if (it == grants_by_refresh_.end()) return nullptr;
  Grant* g = it->second;
  if (g->revoked || g->app_key != app_key || now >= g->refresh_expire) return nullptr;
  grants_by_refresh_.erase(it);
  grants_by_access_.erase(g->access_token);
  g->access_token = new_token("TTP_");
  g->refresh_token = new_token("TTP_r_");
  g->access_expire = now + settings.access_token_ttl;
  grants_by_access_[g->access_token] = g;
  grants_by_refresh_[g->refresh_token] = g;
  return g;
}

Grant* World::grant_by_access(const std::string& access_token) {
  auto it = grants_by_access_.find(access_token);
  return it == grants_by_access_.end() ? nullptr : it->second;
}

int World::deauthorize(const std::string& app_key, const std::string& shop_id, std::int64_t now) {
  int removed = 0;
  Shop* shop = shop_by_id(shop_id);
  for (auto& g : grants_) {
    if (g->revoked || (!app_key.empty() && g->app_key != app_key)) continue;
    auto it = std::find(g->shop_ids.begin(), g->shop_ids.end(), shop_id);
    if (it == g->shop_ids.end()) continue;
    g->shop_ids.erase(it);
    ++removed;
    if (g->shop_ids.empty()) g->revoked = true;
  }
  if (shop != nullptr && removed > 0) {
    emit_webhook(*shop, 6, "SELLER_DEAUTHORIZATION", json::object{{"message", "The seller has deauthorized the app."}},
                 now);
    auto& subs = shop->data.webhooks;
    subs.erase(std::remove_if(subs.begin(), subs.end(),
                              [&](const WebhookSubscription& s) { return app_key.empty() || s.app_key == app_key; }),
               subs.end());
  }
  return removed;
}

// ---- orders and products --------------------------------------------------------------------------

void World::insert_order(Shop& shop, Order order) {
  auto& d = shop.data;
  d.orders_by_create.emplace(order.create_time, order.id);
  d.orders_by_update.emplace(order.update_time, order.id);
  order_shop_[order.id] = &shop;
  const std::string id = order.id;
  auto [it, inserted] = d.orders.emplace(id, std::move(order));
  (void)inserted;
  push_next_step(shop, it->second);
}

void World::touch_order(Shop& shop, Order& order, std::int64_t at) {
  if (at == order.update_time) return;
  shop.data.orders_by_update.erase({order.update_time, order.id});
  order.update_time = at;
  shop.data.orders_by_update.emplace(at, order.id);
}

namespace {
// The moments the API reports (rts_time, collection_time, delivery_time, cancel_time): each is set
// the first time the order reaches it; moving on never clears one.
void record_flow_moments(Order& order, const std::string& status, std::int64_t at) {
  const bool shipped = status == "AWAITING_COLLECTION" || status == "PARTIALLY_SHIPPING" || status == "IN_TRANSIT" ||
                       status == "DELIVERED" || status == "COMPLETED";
  if (shipped && order.rts_time == 0) order.rts_time = at;
  const bool collected = status == "IN_TRANSIT" || status == "DELIVERED" || status == "COMPLETED";
  if (collected && order.collection_time == 0) order.collection_time = at;
  const bool delivered = status == "DELIVERED" || status == "COMPLETED";
  if (delivered && order.delivery_time == 0) order.delivery_time = at;
  if (status == "CANCELLED" && order.cancel_time == 0) order.cancel_time = at;
}

std::string line_status_for(const std::string& order_status) {
  if (order_status == "AWAITING_COLLECTION") return "PROCESSING";
  if (order_status == "IN_TRANSIT") return "FULFILLING";
  if (order_status == "DELIVERED" || order_status == "COMPLETED") return "COMPLETED";
  if (order_status == "CANCELLED") return "CANCELLED";
  return "TO_FULFILL";
}
}  // namespace

void World::set_order_status(Shop& shop, Order& order, const std::string& status, std::int64_t at, bool notify) {
  order.status = status;
  if ((status == "ON_HOLD" || status == "AWAITING_SHIPMENT") && order.paid_time == 0) order.paid_time = at;
  if (status == "AWAITING_COLLECTION" && order.tracking_number.empty()) {
    order.tracking_number = "TT" + order.id.substr(order.id.size() - 10);
  }
  if (status == "CANCELLED" && order.cancel_reason.empty()) order.cancel_reason = "Buyer cancelled";
  record_flow_moments(order, status, at);
  for (auto& li : order.line_items) {
    li.package_status = line_status_for(status);
    const bool shipped =
        li.package_status == "PROCESSING" || li.package_status == "FULFILLING" || li.package_status == "COMPLETED";
    if (shipped && li.rts_time == 0) li.rts_time = at;
  }
  touch_order(shop, order, at);
  if (notify) {
    // The webhook channel spells the cancelled status CANCEL (reference §7 and §11).
    emit_webhook(shop, 1, "ORDER_STATUS_CHANGE",
                 json::object{{"is_on_hold_order", status == "ON_HOLD"},
                              {"order_id", order.id},
                              {"order_status", status == "CANCELLED" ? "CANCEL" : status},
                              {"update_time", at}},
                 at);
  }
}

void World::replan_order(Shop& shop, Order& order, std::int64_t from) {
  Rng rng(gen_.seed ^ (++plan_counter_), order.id);
  order.plan = plan_order_flow(order.status, from, rng);
  order.next_step = 0;
  ++order.plan_version;
  push_next_step(shop, order);
}

void World::push_next_step(Shop& shop, Order& order) {
  if (order.next_step < order.plan.size()) {
    steps_.emplace(order.plan[order.next_step].at, order.plan_version, shop.id, order.id);
  }
}

void World::apply_due_step(Shop& shop, Order& order, std::int64_t /*now*/, bool notify) {
  const PlannedStep step = order.plan[order.next_step++];
  set_order_status(shop, order, step.status, std::max(step.at, order.update_time), notify);
  push_next_step(shop, order);
}

void World::advance(std::int64_t now) {
  while (!steps_.empty() && std::get<0>(steps_.top()) <= now) {
    const auto [at, version, shop_id, order_id] = steps_.top();
    steps_.pop();
    Shop* shop = shop_by_id(shop_id);
    if (shop == nullptr) continue;
    auto it = shop->data.orders.find(order_id);
    if (it == shop->data.orders.end()) continue;
    Order& order = it->second;
    if (order.plan_version != version || order.next_step >= order.plan.size() || order.plan[order.next_step].at != at) {
      continue;  // a stale entry from a replaced plan
    }
    apply_due_step(*shop, order, now, true);
  }
  announce_expiring_authorizations(now);
  for (const auto& d : domains()) {
    if (d.advance) d.advance(*this, now);
  }
}

void World::announce_expiring_authorizations(std::int64_t now) {
  constexpr std::int64_t kDay = 86400;
  for (auto& g : grants_) {
    if (g->revoked || g->refresh_expire <= now) continue;
    if (g->expiry_notice_due == 0) g->expiry_notice_due = g->refresh_expire - 30 * kDay;
    if (now < g->expiry_notice_due) continue;
    // One notice however far the clock jumped, then the next at the following midnight UTC.
    for (const auto& shop_id : g->shop_ids) {
      if (Shop* shop = shop_by_id(shop_id)) {
        emit_webhook(
            *shop, 7, "UPCOMING_AUTHORIZATION_EXPIRATION",
            json::object{{"message", "The authorization will expire soon. Please ask the seller to reauthorize."},
                         {"expiration_time", g->refresh_expire}},
            now, g->app_key);
      }
    }
    g->expiry_notice_due = (now / kDay + 1) * kDay;
  }
}

void World::insert_product(Shop& shop, Product product) {
  shop.data.products_by_create.emplace(product.create_time, product.id);
  const std::string id = product.id;
  shop.data.products.emplace(id, std::move(product));
}

void World::touch_product(Shop& /*shop*/, Product& product, std::int64_t at) {
  product.update_time = std::max(product.update_time, at);
}

// ---- webhooks -------------------------------------------------------------------------------------

void World::emit_webhook(const Shop& shop, int type, const std::string& event_type, json::object data, std::int64_t now,
                         const std::string& only_app_key) {
  if (sender_ == nullptr) return;
  for (const auto& sub : shop.data.webhooks) {
    if (sub.event_type != event_type) continue;
    if (!only_app_key.empty() && sub.app_key != only_app_key) continue;
    const App* a = app(sub.app_key);
    if (a == nullptr) continue;
    const std::string notification_id = new_numeric_id(19);
    json::object payload;
    payload["type"] = type;
    payload["tts_notification_id"] = notification_id;
    payload["shop_id"] = shop.id;
    payload["timestamp"] = now;
    payload["data"] = data;
    WebhookDelivery d;
    d.url = sub.address;
    d.app_key = a->key;
    d.notification_id = notification_id;
    d.body = json::serialize(payload);
    d.signature = ocean::tts::webhook_signature(a->key, a->secret, d.body);
    sender_->enqueue(std::move(d));
  }
}

// ---- status flow ----------------------------------------------------------------------------------

bool is_order_status(const std::string& s) {
  static const char* const all[] = {
      "UNPAID",     "ON_HOLD",   "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION",
      "IN_TRANSIT", "DELIVERED", "COMPLETED",         "CANCELLED"};
  return std::any_of(std::begin(all), std::end(all), [&](const char* x) { return s == x; });
}

std::vector<PlannedStep> plan_order_flow(const std::string& from_status, std::int64_t from, Rng& rng) {
  std::vector<PlannedStep> plan;
  std::string status = from_status;
  std::int64_t t = from;
  constexpr std::int64_t kMin = 60, kHour = 3600, kDay = 86400;
  while (true) {
    if (status == "UNPAID") {
      if (rng.chance(0.08)) {
        t += rng.range(10 * kMin, 60 * kMin);
        status = "CANCELLED";
      } else {
        // Paid: the order is on hold for an hour (the buyer may still cancel freely), then awaits
        // shipment (reference §4 ORD-SYNC-ONHOLD). No extra draw, so the rest of the flow keeps its times.
        t += rng.range(2 * kMin, 30 * kMin);
        status = "ON_HOLD";
      }
    } else if (status == "ON_HOLD") {
      t += kOnHoldSeconds;
      status = "AWAITING_SHIPMENT";
    } else if (status == "AWAITING_SHIPMENT" || status == "PARTIALLY_SHIPPING") {
      if (rng.chance(0.04)) {
        t += rng.range(1 * kHour, 12 * kHour);
        status = "CANCELLED";
      } else {
        t += rng.range(1 * kHour, 24 * kHour);
        status = "AWAITING_COLLECTION";
      }
    } else if (status == "AWAITING_COLLECTION") {
      t += rng.range(2 * kHour, 12 * kHour);
      status = "IN_TRANSIT";
    } else if (status == "IN_TRANSIT") {
      t += rng.range(1 * kDay, 4 * kDay);
      status = "DELIVERED";
    } else if (status == "DELIVERED") {
      t += rng.range(3 * kDay, 7 * kDay);
      status = "COMPLETED";
    } else {
      break;  // COMPLETED and CANCELLED are final
    }
    plan.push_back({t, status});
  }
  return plan;
}

}  // namespace tts_sandbox
