// The open API's strict gate. Checks run in the order the real gateway applies them (reference §1, §4)
// and each rejection carries the real code:
//   path known (404/36009009) -> method (405/36009010) -> app_key (400/36009004)
//   -> sign and timestamp present (400/36009004 "Missing credentials") -> sign over the exact bytes
//   (401/106001) -> timestamp window [now-300, now+30] (400/36009004) -> access token valid
//   (400/36009004) and unexpired (401/105002) -> shop_cipher required (400/106013) / unexpected
//   (400/36009004) / known and granted (400/36009004, 403/101000) -> rate limit (429/36009002)
//   -> page_size (400/36009004) -> content type of a body (400/36009022) -> injected faults -> handler.
#include <cctype>

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

}  // namespace

Response SandboxApp::open_api(Request& req, LogEntry& entry) {
  const std::int64_t now = clock.now();
  auto fail = [&](int api_code, int status, const std::string& message) {
    entry.code = api_code;
    Response r = envelope_error(api_code, status, message, now);
    r.delay_ms = world.settings.faults.latency_ms;
    return r;
  };
  std::unique_lock lock(world.mutex);
  world.advance(now);

  const auto match = api_routes.match(req.method, req.path);
  if (match.route == nullptr) {
    if (match.path_known)
      return fail(code::kInvalidMethod, 405, "Invalid HTTP method. Please check the API documentation.");
    return fail(code::kInvalidPath, 404, "Invalid path. Please check the API path and version.");
  }
  const ApiRoute& route = *match.route;

  const std::string* app_key = req.query_param("app_key");
  const App* app = app_key ? world.app(*app_key) : nullptr;
  if (app == nullptr) return fail(code::kInvalidParam, 400, "Invalid app_key. Please check the app_key parameter.");
  entry.app_key = app->key;

  const std::string* sign = req.query_param("sign");
  const std::string* timestamp = req.query_param("timestamp");
  if (sign == nullptr || sign->empty() || timestamp == nullptr || timestamp->empty()) {
    return fail(code::kInvalidParam, 400, "Missing credentials. The request must carry sign and timestamp.");
  }
  const std::string* content_type = req.header("content-type");
  const bool multipart = content_type != nullptr && ocean::tts::is_multipart(*content_type);
  const ocean::tts::SignInput sign_input{req.path, &req.query, req.body, !multipart};
  const std::string expected = ocean::tts::sign_request(app->secret, sign_input);
  // Exact, lower-case comparison in constant time: an upper-case hex sign is invalid (reference §1.1).
  if (!ocean::crypto::constant_time_equals(*sign, expected)) {
    return fail(code::kInvalidSign, 401, "Invalid credentials. The 'sign' query parameter is invalid.");
  }

  std::int64_t ts = 0;
  if (!parse_int(*timestamp, ts) || ts < now - 300 || ts > now + 30) {
    return fail(code::kInvalidParam, 400,
                "Invalid timestamp. It must be Unix seconds within 5 minutes before and 30 seconds after "
                "the server time.");
  }

  const std::string* token = req.header("x-tts-access-token");
  Grant* grant = (token != nullptr && !token->empty()) ? world.grant_by_access(*token) : nullptr;
  if (grant == nullptr || grant->revoked || grant->app_key != app->key) {
    return fail(code::kInvalidParam, 400, "Invalid credentials. The x-tts-access-token header is missing or invalid.");
  }
  if (now >= grant->access_expire) {
    return fail(code::kExpiredToken, 401, "Expired credentials. The access token has expired; refresh it.");
  }

  const std::string* cipher = req.query_param("shop_cipher");
  Shop* shop = nullptr;
  if (route.shop == ShopScope::kRequired) {
    if (cipher == nullptr || cipher->empty()) {
      return fail(code::kMissingCipher, 400, "Missing identifier. shop_cipher is required for this API.");
    }
    shop = world.shop_by_cipher(*cipher);
    if (shop == nullptr) return fail(code::kInvalidParam, 400, "Invalid shop_cipher.");
    bool granted = false;
    for (const auto& id : grant->shop_ids) granted = granted || id == shop->id;
    if (!granted) return fail(code::kTokenNotForShop, 403, "The access token is not authorized for this shop.");
    entry.shop_id = shop->id;
  } else if (cipher != nullptr) {
    return fail(code::kInvalidParam, 400, "Unexpected identifier. shop_cipher is not expected for this API.");
  }

  if (!limiter.allow(app->key + "|" + (shop ? shop->id : "-") + "|" + route.method + " " + route.pattern,
                     world.settings.rate_limit)) {
    return fail(code::kTooManyRequests, 429, "Too many requests. Please retry later.");
  }

  int page_size = 0;
  if (route.page_size) {
    const PageSizeRule& rule = *route.page_size;
    const std::string* ps = req.query_param("page_size");
    std::int64_t v = 0;
    if (ps == nullptr || ps->empty()) {
      if (rule.required) return fail(code::kInvalidParam, 400, "page_size is a required field.");
    } else if (!parse_int(*ps, v) || v < rule.min || v > rule.max) {
      return fail(code::kInvalidParam, 400,
                  "page_size must be an integer between " + std::to_string(rule.min) + " and " +
                      std::to_string(rule.max) + ".");
    }
    page_size = static_cast<int>(v);
  }

  if (!req.body.empty()) {
    const std::string media = media_type(content_type);
    if (media != "application/json" && media != "multipart/form-data") {
      return fail(code::kBadContentType, 400, "The request body must be application/json or multipart/form-data.");
    }
  }

  const Faults faults = world.settings.faults;
  if (roll(faults.drop_connections)) {
    Response r;
    r.drop_connection = true;
    entry.code = -1;
    return r;
  }
  if (roll(faults.fault_5xx)) {
    // Half as a plain internal error, half as overload protection (reference §9).
    return roll(0.5) ? fail(code::kInternal, 500, "Internal error. Please try again.")
                     : fail(code::kInternal, 503, "Service overloaded. Please try again.");
  }

  ApiContext ctx(req, world, now, *app, *grant);
  ctx.path_params = match.params;
  ctx.shop = shop;
  ctx.page_size = page_size;
  try {
    boost::json::value data = route.handler(ctx);
    Response r = ctx.raw_data ? envelope_ok_raw(*ctx.raw_data, now) : envelope_ok(data, now);
    r.delay_ms = faults.latency_ms;
    if (faults.corrupt_answers > 0 && (faults.corrupt_path.empty() || faults.corrupt_path == req.path)) {
      if (faults.corrupt_skip > 0) {
        --world.settings.faults.corrupt_skip;
      } else {
        --world.settings.faults.corrupt_answers;
        r.body = corrupt_answer(r.body, faults.corrupt_mode);
      }
    }
    return r;
  } catch (const ApiError& e) {
    return fail(e.api_code, e.http_status, e.what());
  } catch (const std::exception& e) {
    return fail(code::kInternal, 500, "Internal error. Please try again.");
  }
}

}  // namespace tts_sandbox
