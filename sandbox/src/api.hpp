// What an endpoint sees: the route table, the per-request context, and the domain registration hook.
// Read HANDLERS.md before adding an endpoint or an entity kind.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api_error.hpp"
#include "http_types.hpp"
#include "model.hpp"
#include "rng.hpp"

namespace tts_sandbox {

class World;

// Whether an open-API path takes shop_cipher (reference §1.1): shop APIs require it (106013 when
// missing); /authorization/*, /seller/* and a few others refuse it (36009004 "Unexpected identifier").
// kOptional: checked like a shop API's when given, nothing when not (DELETE /authorization/202403/shops,
// which the official SDK sends with the shop's cipher).
enum class ShopScope { kRequired, kForbidden, kOptional };

struct PageSizeRule {
  bool required = true;
  int min = 1;
  int max = 100;
};

// Shared by open-API and admin handlers: the request, the (locked) world, path parameters and the body.
struct ContextBase {
  const Request& req;
  World& world;
  std::int64_t now;
  std::map<std::string, std::string> path_params;

  ContextBase(const Request& r, World& w, std::int64_t n) : req(r), world(w), now(n) {}
  const std::string& path_param(const std::string& name) const { return path_params.at(name); }
  std::optional<std::string> query(std::string_view key) const {
    const std::string* v = req.query_param(key);
    return v ? std::optional<std::string>(*v) : std::nullopt;
  }
  // The JSON body as an object; an empty body reads as {}. Anything else is 36009004.
  const boost::json::object& body();
  // Set by an admin handler that answers with raw bytes (e.g. a shipping document PDF) instead of the
  // JSON envelope; the handler's return value is then ignored.
  std::optional<Response> raw_response;

 private:
  std::optional<boost::json::object> body_;
};

// Open-API request that passed every gate check.
struct ApiContext : ContextBase {
  const App& app;
  Grant& grant;
  Shop* shop = nullptr;  // set when the route's ShopScope is kRequired, or kOptional and a cipher was given
  int page_size = 0;     // set when the route has a PageSizeRule and the query gave one
  // Hot paths may set pre-serialized JSON for `data` instead of returning a value (JsonWriter);
  // when set, the handler's return value is ignored.
  std::optional<std::string> raw_data;
  ApiContext(const Request& r, World& w, std::int64_t n, const App& a, Grant& g)
      : ContextBase(r, w, n), app(a), grant(g) {}
  Shop& the_shop() const { return *shop; }
};

using AdminContext = ContextBase;

// Handlers return the envelope's `data`; they throw ApiError for a rejection.
using ApiHandler = std::function<boost::json::value(ApiContext&)>;
using AdminHandler = std::function<boost::json::value(AdminContext&)>;

struct ApiRoute {
  std::string method;   // GET, POST, PUT, DELETE
  std::string pattern;  // e.g. "/product/202309/products/{product_id}"
  ShopScope shop = ShopScope::kRequired;
  std::optional<PageSizeRule> page_size;
  ApiHandler handler;
};

struct AdminRoute {
  std::string method;
  std::string pattern;  // below /_sandbox, e.g. "/_sandbox/orders/{order_id}/status"
  AdminHandler handler;
};

template <class Route>
class RouteTable {
 public:
  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    bool path_known = false;       // a route has this path under another method
    bool other_version = false;    // a route has this path under another API version (/{category}/{version}/...)
    std::map<std::string, std::string> params;
  };
  void add(Route r) { routes_.push_back(std::move(r)); }
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

using ApiRouter = RouteTable<ApiRoute>;
using AdminRouter = RouteTable<AdminRoute>;

struct GenParams {
  std::uint64_t seed = 1;
  int shops = 2;
  int products = 20;           // per shop
  int orders = 100;            // per shop
  std::int64_t base_time = 0;  // generation reference time; 0 = the sandbox clock at generation
};

// A domain plugs into the sandbox through these hooks; every one may be left empty.
struct Domain {
  std::string name;
  std::function<void(ApiRouter&)> register_routes;
  std::function<void(AdminRouter&)> register_admin;
  // Called once per shop after the core data (warehouses, products, orders) exists, with a private
  // Rng stream for this (shop, domain), while the world lock is held.
  std::function<void(World&, Shop&, const GenParams&, Rng&)> generate;
  // Called before each request with the sandbox time, so time-driven state can move on.
  std::function<void(World&, std::int64_t now)> advance;
  // Adds this domain's entities of `shop` to the admin truth document.
  std::function<void(const Shop&, boost::json::object& out)> truth;
};

// Registers a domain; call it from a namespace-scope initializer in src/domains/<name>.cpp:
//   static const bool registered = tts_sandbox::register_domain(make_domain());
bool register_domain(Domain d);
const std::vector<Domain>& domains();

}  // namespace tts_sandbox
