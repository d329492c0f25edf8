// The open API's strict gate. Checks run in the order the real gateway applies them (reference §1, §4)
// and each rejection carries the real code:
//   path known (404/36009009) -> method (405/36009010) -> app_key (400/36009004)
//   -> sign and timestamp present (400/36009004 "Missing credentials") -> sign over the exact bytes
//   (401/106001) -> timestamp window [now-300, now+30] (400/36009004) -> access token valid
//   (400/36009004) and unexpired (401/105002) -> shop_cipher required (400/106013) / unexpected
//   (400/36009004) / known and granted (400/36009004, 403/101000) -> rate limit (429/36009002)
//   -> page_size (400/36009004) -> content type of a body (400/36009022) -> injected faults -> handler.
// A path that exists only under other API versions answers 400/36009014 instead of 404/36009009.
#include <cctype>
#include <optional>

#include "corrupt_answer.hpp"
#include "envelope.hpp"
#include "ocean_common/crypto.hpp"
#include "ocean_common/tts_sign.hpp"
#include "sandbox_app.hpp"

namespace tts_sandbox {
namespace {

bool parse_int(const std::string& s, std::int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::string media_type(const std::string* content_type) {
  if (content_type == nullptr) return "";
  std::string m = content_type->substr(0, content_type->find(';'));
  while (!m.empty() && std::isspace(static_cast<unsigned char>(m.back()))) m.pop_back();
  while (!m.empty() && std::isspace(static_cast<unsigned char>(m.front()))) m.erase(m.begin());
  for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return m;
}

// One open-API request through the gate: each check is a step that answers a refusal or lets the
// request on, in the order of the header comment.
class Gate {
 public:
  Gate(SandboxApp& app, Request& req, LogEntry& entry) : app_(app), req_(req), entry_(entry), now_(app.clock.now()) {}

  Response run() {
    std::unique_lock lock(app_.world.mutex);
    app_.world.advance(now_);
    const auto match = app_.api_routes.match(req_.method, req_.path);
    if (auto refused = check_route(match)) return *refused;
    const ApiRoute& route = *match.route;
    const App* app = nullptr;
    if (auto refused = check_signature(app)) return *refused;
    Grant* grant = nullptr;
    if (auto refused = check_token(*app, grant)) return *refused;
    Shop* shop = nullptr;
    if (auto refused = check_shop(route, *grant, shop)) return *refused;
    if (!app_.limiter.allow(app->key + "|" + (shop ? shop->id : "-") + "|" + route.method + " " + route.pattern,
                            app_.world.settings.rate_limit)) {
      return fail(code::kTooManyRequests, 429, "Too many requests. Please retry later.");
    }
    int page_size = 0;
    if (auto refused = check_page_size(route, page_size)) return *refused;
    if (auto refused = check_body_type()) return *refused;
    if (auto refused = injected_fault()) return *refused;
    ApiContext ctx(req_, app_.world, now_, *app, *grant);
    ctx.path_params = match.params;
    ctx.shop = shop;
    ctx.page_size = page_size;
    return dispatch(route, ctx);
  }

 private:
  using Step = std::optional<Response>;

  Response fail(int api_code, int status, const std::string& message) {
    entry_.code = api_code;
    Response r = envelope_error(api_code, status, message, now_);
    r.delay_ms = app_.world.settings.faults.latency_ms;
    return r;
  }

  Step check_route(const ApiRouter::Match& match) {
    if (match.route != nullptr) return std::nullopt;
    if (match.path_known)
      return fail(code::kInvalidMethod, 405, "Invalid HTTP method. Please check the API documentation.");
    if (match.other_version)
      return fail(code::kInvalidVersion, 400, "The version name is invalid, please check and retry.");
    return fail(code::kInvalidPath, 404, "Invalid path. Please check the API path and version.");
  }

  Step check_signature(const App*& app) {
    const std::string* app_key = req_.query_param("app_key");
    app = app_key ? app_.world.app(*app_key) : nullptr;
    if (app == nullptr) return fail(code::kInvalidParam, 400, "Invalid app_key. Please check the app_key parameter.");
    entry_.app_key = app->key;
    const std::string* sign = req_.query_param("sign");
    const std::string* timestamp = req_.query_param("timestamp");
    if (sign == nullptr || sign->empty() || timestamp == nullptr || timestamp->empty()) {
      return fail(code::kInvalidParam, 400, "Missing credentials. The request must carry sign and timestamp.");
    }
    const std::string* content_type = req_.header("content-type");
    const bool multipart = content_type != nullptr && ocean::tts::is_multipart(*content_type);
    const ocean::tts::SignInput sign_input{req_.path, &req_.query, req_.body, !multipart};
    const std::string expected = ocean::tts::sign_request(app->secret, sign_input);
    // Exact, lower-case comparison in constant time: an upper-case hex sign is invalid (reference §1.1).
    if (!ocean::crypto::constant_time_equals(*sign, expected)) {
      return fail(code::kInvalidSign, 401, "Invalid credentials. The 'sign' query parameter is invalid.");
    }
    std::int64_t ts = 0;
    if (!parse_int(*timestamp, ts) || ts < now_ - 300 || ts > now_ + 30) {
      return fail(code::kInvalidParam, 400,
                  "Invalid timestamp. It must be Unix seconds within 5 minutes before and 30 seconds after "
                  "the server time.");
    }
    return std::nullopt;
  }

  Step check_token(const App& app, Grant*& grant) {
    const std::string* token = req_.header("x-tts-access-token");
    grant = (token != nullptr && !token->empty()) ? app_.world.grant_by_access(*token) : nullptr;
    if (grant == nullptr || grant->revoked || grant->app_key != app.key) {
      return fail(code::kInvalidParam, 400,
                  "Invalid credentials. The x-tts-access-token header is missing or invalid.");
    }
    if (now_ >= grant->access_expire) {
      return fail(code::kExpiredToken, 401, "Expired credentials. The access token has expired; refresh it.");
    }
    return std::nullopt;
  }

  Step check_shop(const ApiRoute& route, const Grant& grant, Shop*& shop) {
    const std::string* cipher = req_.query_param("shop_cipher");
    const bool given = cipher != nullptr && !cipher->empty();
    if (route.shop == ShopScope::kForbidden && cipher != nullptr) {
      return fail(code::kInvalidParam, 400, "Unexpected identifier. shop_cipher is not expected for this API.");
    }
    if (route.shop == ShopScope::kRequired && !given) {
      return fail(code::kMissingCipher, 400, "Missing identifier. shop_cipher is required for this API.");
    }
    if (!given) return std::nullopt;
    shop = app_.world.shop_by_cipher(*cipher);
    if (shop == nullptr) return fail(code::kInvalidParam, 400, "Invalid shop_cipher.");
    bool granted = false;
    for (const auto& id : grant.shop_ids) granted = granted || id == shop->id;
    if (!granted) return fail(code::kTokenNotForShop, 403, "The access token is not authorized for this shop.");
    entry_.shop_id = shop->id;
    return std::nullopt;
  }

  Step check_page_size(const ApiRoute& route, int& page_size) {
    if (!route.page_size) return std::nullopt;
    const PageSizeRule& rule = *route.page_size;
    const std::string* ps = req_.query_param("page_size");
    std::int64_t v = 0;
    if (ps == nullptr || ps->empty()) {
      if (rule.required) return fail(code::kInvalidParam, 400, "page_size is a required field.");
    } else if (!parse_int(*ps, v) || v < rule.min || v > rule.max) {
      return fail(code::kInvalidParam, 400,
                  "page_size must be an integer between " + std::to_string(rule.min) + " and " +
                      std::to_string(rule.max) + ".");
    }
    page_size = static_cast<int>(v);
    return std::nullopt;
  }

  Step check_body_type() {
    if (req_.body.empty()) return std::nullopt;
    const std::string media = media_type(req_.header("content-type"));
    if (media != "application/json" && media != "multipart/form-data") {
      return fail(code::kBadContentType, 400, "The request body must be application/json or multipart/form-data.");
    }
    return std::nullopt;
  }

  Step injected_fault() {
    const Faults& faults = app_.world.settings.faults;
    if (app_.roll(faults.drop_connections)) {
      Response r;
      r.drop_connection = true;
      entry_.code = -1;
      return r;
    }
    if (app_.roll(faults.fault_5xx)) {
      // Half as a plain internal error, half as overload protection (reference §9).
      return app_.roll(0.5) ? fail(code::kInternal, 500, "Internal error. Please try again.")
                            : fail(code::kInternal, 503, "Service overloaded. Please try again.");
    }
    return std::nullopt;
  }

  Response dispatch(const ApiRoute& route, ApiContext& ctx) {
    try {
      boost::json::value data = route.handler(ctx);
      Response r = ctx.raw_data ? envelope_ok_raw(*ctx.raw_data, now_) : envelope_ok(data, now_);
      r.delay_ms = app_.world.settings.faults.latency_ms;
      corrupt_if_asked(r);
      return r;
    } catch (const ApiError& e) {
      return fail(e.api_code, e.http_status, e.what());
    } catch (const std::exception& e) {
      return fail(code::kInternal, 500, "Internal error. Please try again.");
    }
  }

  void corrupt_if_asked(Response& r) {
    Faults& faults = app_.world.settings.faults;
    if (faults.corrupt_answers <= 0 || (!faults.corrupt_path.empty() && faults.corrupt_path != req_.path)) return;
    if (faults.corrupt_skip > 0) {
      --faults.corrupt_skip;
    } else {
      --faults.corrupt_answers;
      r.body = corrupt_answer(r.body, faults.corrupt_mode);
    }
  }

  SandboxApp& app_;
  Request& req_;
  LogEntry& entry_;
  const std::int64_t now_;
};

}  // namespace

Response SandboxApp::open_api(Request& req, LogEntry& entry) { return Gate(*this, req, entry).run(); }

}  // namespace tts_sandbox
