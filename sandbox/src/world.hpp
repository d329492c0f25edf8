// The whole emulated marketplace: apps, shops and their data, grants (tokens), auth codes, and the
// order status flow over sandbox time. Not thread-safe by itself: callers hold World::mutex (the
// dispatcher does it once per request, so handlers never lock).
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

#include "api.hpp"
#include "model.hpp"
#include "sandbox_clock.hpp"
#include "settings.hpp"

namespace tts_sandbox {

class WebhookSender;

class World {
 public:
  World(GenParams gen, std::vector<App> apps, SandboxClock& clock, WebhookSender* sender);

  std::mutex mutex;
  SandboxClock& clock;
  Settings settings;

  // --- setup ---------------------------------------------------------------------------------
  // Drops every shop, grant and code and regenerates the data from the generator parameters.
  void reset();
  const GenParams& gen_params() const { return gen_; }
  Shop& add_shop(std::unique_ptr<Shop> shop);

  // --- lookups ---------------------------------------------------------------------------------
  const App* app(const std::string& key) const;
  const App* app_by_service_id(const std::string& service_id) const;
  const std::map<std::string, App>& apps() const { return apps_; }
  Shop* shop_by_id(const std::string& id);
  Shop* shop_by_cipher(const std::string& cipher);
  const std::vector<std::unique_ptr<Shop>>& shops() const { return shops_; }
  Shop* shop_of_order(const std::string& order_id);

  // --- authorization ---------------------------------------------------------------------------
  std::string issue_auth_code(const std::string& app_key, std::vector<std::string> shop_ids, std::int64_t now);
  // Exchanges a code for a grant; nullptr when the code is unknown, used, expired or for another app.
  Grant* redeem_auth_code(const std::string& app_key, const std::string& code, std::int64_t now);
  Grant& issue_grant(const std::string& app_key, std::vector<std::string> shop_ids, std::int64_t now);
  // Rotates both tokens; the old pair stops working at once. nullptr when the refresh token is bad.
  Grant* refresh(const std::string& app_key, const std::string& refresh_token, std::int64_t now);
  Grant* grant_by_access(const std::string& access_token);
  // Removes the shop from every grant of the app (all apps when app_key is empty); emits type 6.
  int deauthorize(const std::string& app_key, const std::string& shop_id, std::int64_t now);

  // --- orders ----------------------------------------------------------------------------------
  void insert_order(Shop& shop, Order order);
  // Sets the status and update_time and emits ORDER_STATUS_CHANGE (when `notify`).
  void set_order_status(Shop& shop, Order& order, const std::string& status, std::int64_t at, bool notify);
  void touch_order(Shop& shop, Order& order, std::int64_t at);
  // Replaces the order's future flow with the plan that follows from its current status at `from`.
  void replan_order(Shop& shop, Order& order, std::int64_t from);
  void insert_product(Shop& shop, Product product);
  void touch_product(Shop& shop, Product& product, std::int64_t at);

  // Applies every planned step due at `now` (in time order) and the domains' advance hooks.
  void advance(std::int64_t now);

  // --- webhooks --------------------------------------------------------------------------------
  // Queues the real payload {type, tts_notification_id, shop_id, timestamp, data} for every app that
  // subscribed this shop to `event_type`.
  // `only_app_key` limits it to one app's subscriptions (events about one app's authorization).
  void emit_webhook(const Shop& shop, int type, const std::string& event_type, boost::json::object data,
                    std::int64_t now, const std::string& only_app_key = {});

  // Fresh ids, unique within this world.
  std::string new_numeric_id(int digits);
  std::string new_token(const std::string& prefix);

 private:
  void generate();
  void apply_due_step(Shop& shop, Order& order, std::int64_t now, bool notify);
  void push_next_step(Shop& shop, Order& order);
  void announce_expiring_authorizations(std::int64_t now);

  GenParams gen_;
  std::map<std::string, App> apps_;
  WebhookSender* sender_;
  std::vector<std::unique_ptr<Shop>> shops_;
  std::map<std::string, Shop*> shops_by_id_;
  std::map<std::string, Shop*> shops_by_cipher_;
  std::map<std::string, Shop*> order_shop_;
  std::vector<std::unique_ptr<Grant>> grants_;
  std::map<std::string, Grant*> grants_by_access_;
  std::map<std::string, Grant*> grants_by_refresh_;
  std::map<std::string, AuthCode> auth_codes_;
  // Min-heap of (time, plan_version, shop id, order id) for the order flow.
  using Step = std::tuple<std::int64_t, std::uint64_t, std::string, std::string>;
  std::priority_queue<Step, std::vector<Step>, std::greater<>> steps_;
  std::uint64_t id_counter_ = 0;
  Rng id_rng_;
  std::uint64_t plan_counter_ = 0;
};

// A paid order stays ON_HOLD this long before it awaits shipment (the one-hour on-hold window).
inline constexpr std::int64_t kOnHoldSeconds = 3600;

// Order status flow (reference §8) and the webhook channel's spelling of it (CANCEL, not CANCELLED).
std::vector<PlannedStep> plan_order_flow(const std::string& from_status, std::int64_t from, Rng& rng);
bool is_order_status(const std::string& s);

}  // namespace tts_sandbox
