// The admin surface under /_sandbox/ (no signing; for tests and demos only). Core routes live here;
// domains add theirs through Domain::register_admin.
#include <functional>

#include "corrupt_answer.hpp"
#include "envelope.hpp"
#include "generator.hpp"
#include "sandbox_app.hpp"

namespace tts_sandbox {

namespace json = boost::json;

namespace {

std::int64_t int_field(const json::object& o, const char* key, std::int64_t fallback) {
  auto it = o.find(key);
  if (it == o.end()) return fallback;
  if (!it->value().is_int64()) throw bad_param(std::string(key) + " must be an integer");
  return it->value().as_int64();
}

double fraction_field(const json::object& o, const char* key, double fallback) {
  auto it = o.find(key);
  if (it == o.end()) return fallback;
  if (!it->value().is_number()) throw bad_param(std::string(key) + " must be a number");
  const double v = it->value().to_number<double>();
  if (!(v >= 0.0) || v > 1.0) throw bad_param(std::string(key) + " must be between 0 and 1");
  return v;
}

std::string string_field(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return "";
  if (!it->value().is_string()) throw bad_param(std::string(key) + " must be a string");
  return std::string(it->value().as_string());
}

json::object shop_json(const Shop& s) {
  return json::object{{"id", s.id},
                      {"name", s.name},
                      {"region", s.region},
                      {"currency", s.currency},
                      {"seller_type", s.seller_type},
                      {"cipher", s.cipher},
                      {"code", s.code},
                      {"open_id", s.open_id},
                      {"orders", s.data.orders.size()},
                      {"products", s.data.products.size()}};
}

}  // namespace

Response SandboxApp::admin(Request& req) {
  const std::int64_t now = clock.now();
  const auto match = admin_routes.match(req.method, req.path);
  if (match.route == nullptr) {
    return match.path_known ? envelope_error(code::kInvalidMethod, 405, "Invalid HTTP method.", now)
                            : envelope_error(code::kInvalidPath, 404, "Unknown admin path.", now);
  }
  std::lock_guard lock(world.mutex);
  world.advance(now);
  AdminContext ctx(req, world, now);
  ctx.path_params = match.params;
  try {
    json::value data = match.route->handler(ctx);
    if (ctx.raw_response) return std::move(*ctx.raw_response);
    return envelope_ok(data, now);
  } catch (const ApiError& e) {
    return envelope_error(e.api_code, e.http_status, e.what(), now);
  } catch (const std::exception& e) {
    return envelope_error(code::kInternal, 500, std::string("admin failure: ") + e.what(), now);
  }
}

namespace {

using AddRoute = std::function<void(const char*, const char*, AdminHandler)>;

void add_clock_routes(SandboxApp& app, const AddRoute& add) {
  add("GET", "/_sandbox/health", [](AdminContext&) -> json::value { return json::object{{"ok", true}}; });
  add("GET", "/_sandbox/clock", [](AdminContext& c) -> json::value { return json::object{{"now", c.now}}; });
  add("POST", "/_sandbox/clock", [&app](AdminContext& c) -> json::value {
    const auto& b = c.body();
    if (b.contains("set")) app.clock.set(int_field(b, "set", 0));
    if (b.contains("advance")) {
      const std::int64_t by = int_field(b, "advance", 0);
      if (by < 0) throw bad_param("advance must not be negative; use set to go back");
      app.clock.advance(by);
    }
    const std::int64_t now = app.clock.now();
    app.world.advance(now);
    return json::object{{"now", now}};
  });
}

void add_shop_routes(SandboxApp& app, const AddRoute& add) {
  World& world = app.world;
  add("GET", "/_sandbox/shops", [&world](AdminContext&) -> json::value {
    json::array shops;
    for (const auto& s : world.shops()) shops.push_back(shop_json(*s));
    return json::object{{"shops", shops}};
  });
  add("POST", "/_sandbox/shops", [&world](AdminContext& c) -> json::value {
    const auto& b = c.body();
    const std::string id = string_field(b, "id");
    const std::string cipher = string_field(b, "cipher");
    if (!id.empty() && world.shop_by_id(id)) throw bad_param("shop id " + id + " exists");
    if (!cipher.empty() && world.shop_by_cipher(cipher)) throw bad_param("shop cipher exists");
    Shop& shop =
        world.add_shop(make_custom_shop(world, id, cipher, string_field(b, "region"), string_field(b, "name")));
    Rng rng(world.gen_params().seed, "custom/" + shop.id);
    generate_warehouses(world, shop, rng);
    const std::int64_t products = int_field(b, "products", 0);
    for (std::int64_t i = 0; i < products; ++i) world.insert_product(shop, make_product(world, shop, rng, c.now));
    return shop_json(shop);
  });
}

void add_grant_routes(SandboxApp& app, const AddRoute& add) {
  World& world = app.world;
  add("POST", "/_sandbox/tokens", [&world](AdminContext& c) -> json::value {
    const auto& b = c.body();
    const std::string app_key = string_field(b, "app_key");
    if (world.app(app_key) == nullptr) throw bad_param("unknown app_key");
    std::vector<std::string> shop_ids;
    if (auto it = b.find("shop_ids"); it != b.end()) {
      if (!it->value().is_array()) throw bad_param("shop_ids must be an array of strings");
      for (const auto& v : it->value().as_array()) {
        if (!v.is_string() || world.shop_by_id(std::string(v.as_string())) == nullptr) {
          throw bad_param("shop_ids must name existing shops");
        }
        shop_ids.emplace_back(v.as_string());
      }
    } else {
      for (const auto& s : world.shops()) shop_ids.push_back(s->id);
    }
    return token_data(world.issue_grant(app_key, shop_ids, c.now));
  });
  add("POST", "/_sandbox/deauthorize", [&world](AdminContext& c) -> json::value {
    const auto& b = c.body();
    const std::string shop_id = string_field(b, "shop_id");
    if (world.shop_by_id(shop_id) == nullptr) throw bad_param("unknown shop_id");
    return json::object{{"removed", world.deauthorize(string_field(b, "app_key"), shop_id, c.now)}};
  });
}

json::value settings_json(SandboxApp& app) {
  const auto& s = app.world.settings;
  const auto k = app.sender.knobs();
  json::array redirects;
  for (const auto& [from, to] : k.redirects) redirects.emplace_back(from + "=" + to);
  return json::object{{"rate_limit_per_second", s.rate_limit.per_second},
                      {"rate_limit_burst", s.rate_limit.burst},
                      {"fault_5xx", s.faults.fault_5xx},
                      {"latency_ms", s.faults.latency_ms},
                      {"drop_connections", s.faults.drop_connections},
                      {"corrupt_answers", s.faults.corrupt_answers},
                      {"corrupt_skip", s.faults.corrupt_skip},
                      {"corrupt_mode", s.faults.corrupt_mode},
                      {"corrupt_path", s.faults.corrupt_path},
                      {"access_token_ttl", s.access_token_ttl},
                      {"refresh_token_ttl", s.refresh_token_ttl},
                      {"webhook_time_factor", k.time_factor},
                      {"webhook_drop", k.drop},
                      {"webhook_duplicate", k.duplicate},
                      {"webhook_reorder", k.reorder},
                      {"webhook_redirects", std::move(redirects)}};
}

// The fault, rate-limit and token-lifetime fields of POST /_sandbox/settings, applied to `s`.
void read_world_settings(const json::object& b, Settings& s) {
  if (auto rl = string_field(b, "rate_limit"); !rl.empty()) {
    if (!parse_rate_limit(rl, s.rate_limit)) throw bad_param("rate_limit must look like 50/s or 600/min");
  }
  s.faults.fault_5xx = fraction_field(b, "fault_5xx", s.faults.fault_5xx);
  s.faults.drop_connections = fraction_field(b, "drop_connections", s.faults.drop_connections);
  s.faults.latency_ms = static_cast<int>(int_field(b, "latency_ms", s.faults.latency_ms));
  if (s.faults.latency_ms < 0 || s.faults.latency_ms > 60000) throw bad_param("latency_ms must be 0-60000");
  s.faults.corrupt_answers = static_cast<int>(int_field(b, "corrupt_answers", s.faults.corrupt_answers));
  if (s.faults.corrupt_answers < 0 || s.faults.corrupt_answers > 1000000) {
    throw bad_param("corrupt_answers must be 0-1000000");
  }
  s.faults.corrupt_skip = static_cast<int>(int_field(b, "corrupt_skip", s.faults.corrupt_skip));
  if (s.faults.corrupt_skip < 0 || s.faults.corrupt_skip > 1000000) throw bad_param("corrupt_skip must be 0-1000000");
  if (b.contains("corrupt_mode")) {
    s.faults.corrupt_mode = string_field(b, "corrupt_mode");
    if (!is_corrupt_mode(s.faults.corrupt_mode)) {
      throw bad_param("corrupt_mode must be not_json, truncated, wrong_shape or bad_record");
    }
  }
  if (b.contains("corrupt_path")) {
    s.faults.corrupt_path = string_field(b, "corrupt_path");
    if (!s.faults.corrupt_path.empty() && s.faults.corrupt_path.front() != '/') {
      throw bad_param("corrupt_path must be empty (any path) or start with /");
    }
  }
  s.access_token_ttl = int_field(b, "access_token_ttl", s.access_token_ttl);
  s.refresh_token_ttl = int_field(b, "refresh_token_ttl", s.refresh_token_ttl);
  if (s.access_token_ttl < 1 || s.refresh_token_ttl < 1) throw bad_param("token lifetimes must be >= 1 s");
}

// The webhook_* fields of POST /_sandbox/settings, applied to `k`.
void read_webhook_knobs(const json::object& b, WebhookKnobs& k) {
  if (auto it = b.find("webhook_time_factor"); it != b.end()) {
    if (!it->value().is_number() || !(it->value().to_number<double>() > 0)) {
      throw bad_param("webhook_time_factor must be a positive number");
    }
    k.time_factor = it->value().to_number<double>();
  }
  k.drop = fraction_field(b, "webhook_drop", k.drop);
  k.duplicate = fraction_field(b, "webhook_duplicate", k.duplicate);
  k.reorder = fraction_field(b, "webhook_reorder", k.reorder);
  // Replaces the DNS stand-in list, as --webhook-redirect FROM=TO does at startup (demos start the
  // receiver after the sandbox, so its port is only known then).
  if (const auto* r = b.if_contains("webhook_redirects")) {
    if (!r->is_array()) throw bad_param("webhook_redirects must be an array of \"FROM=TO\" strings");
    k.redirects.clear();
    for (const auto& e : r->as_array()) {
      const std::string v = e.is_string() ? std::string(e.as_string()) : std::string();
      const auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
        throw bad_param("webhook_redirects entries must look like FROM=TO");
      }
      k.redirects.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    }
  }
}

void add_settings_routes(SandboxApp& app, const AddRoute& add) {
  add("GET", "/_sandbox/settings", [&app](AdminContext&) { return settings_json(app); });
  add("POST", "/_sandbox/settings", [&app](AdminContext& c) -> json::value {
    const auto& b = c.body();
    Settings s = app.world.settings;  // validate everything before changing anything
    read_world_settings(b, s);
    WebhookKnobs k = app.sender.knobs();
    read_webhook_knobs(b, k);
    app.world.settings = s;
    app.sender.set_knobs(k);
    if (b.contains("rate_limit")) app.limiter.clear();
    return settings_json(app);
  });
  add("POST", "/_sandbox/reset", [&app](AdminContext&) -> json::value {
    app.clock.reset();
    if (app.options.start_time) app.clock.set(*app.options.start_time);
    app.world.settings = app.options.settings;
    app.sender.set_knobs(app.options.webhooks);
    app.sender.clear_records();
    app.limiter.clear();
    app.log.clear();
    app.world.reset();
    return json::object{{"now", app.clock.now()}};
  });
}

void add_observation_routes(SandboxApp& app, const AddRoute& add) {
  add("GET", "/_sandbox/requests", [&app](AdminContext& c) -> json::value {
    std::int64_t since = 0;
    if (auto s = c.query("since")) since = std::strtoll(s->c_str(), nullptr, 10);
    json::array out;
    for (const auto& e : app.log.since(static_cast<std::uint64_t>(since < 0 ? 0 : since))) {
      out.push_back(json::object{{"seq", e.seq},
                                 {"time", e.time},
                                 {"method", e.method},
                                 {"path", e.path},
                                 {"http_status", e.http_status},
                                 {"code", e.code},
                                 {"app_key", e.app_key},
                                 {"shop_id", e.shop_id}});
    }
    return json::object{{"requests", out}};
  });
  add("GET", "/_sandbox/webhook_deliveries", [&app](AdminContext&) -> json::value {
    json::array out;
    for (const auto& r : app.sender.records()) {
      out.push_back(json::object{{"notification_id", r.notification_id},
                                 {"url", r.url},
                                 {"attempt", r.attempt},
                                 {"http_status", r.http_status},
                                 {"outcome", r.outcome}});
    }
    return json::object{{"deliveries", out}};
  });
  add("GET", "/_sandbox/truth", [&app](AdminContext& c) -> json::value {
    const auto shop_id = c.query("shop_id");
    Shop* shop = shop_id ? app.world.shop_by_id(*shop_id) : nullptr;
    if (shop == nullptr) throw bad_param("shop_id must name an existing shop");
    json::object out;
    out["shop"] = shop_json(*shop);
    for (const auto& d : domains()) {
      if (d.truth) d.truth(*shop, out);
    }
    return out;
  });
}

}  // namespace

void SandboxApp::register_core_admin_routes() {
  const AddRoute add = [this](const char* method, const char* pattern, AdminHandler h) {
    admin_routes.add(AdminRoute{method, pattern, std::move(h)});
  };
  add_clock_routes(*this, add);
  add_shop_routes(*this, add);
  add_grant_routes(*this, add);
  add_settings_routes(*this, add);
  add_observation_routes(*this, add);
}

}  // namespace tts_sandbox
