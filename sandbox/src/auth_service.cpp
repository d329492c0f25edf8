// The auth service (auth.tiktok-shops.com /api/v2/token/get and /refresh; no sign, all in the query)
// and the seller consent page (services.tiktokshop.com /open/authorize), which auto-approves so the
// whole OAuth flow runs headless (reference §3).
#include "envelope.hpp"
#include "ocean_common/crypto.hpp"
#include "ocean_common/url.hpp"
#include "sandbox_app.hpp"

namespace tts_sandbox {

namespace json = boost::json;

json::object token_data(const Grant& g) {
  json::object d;
  d["access_token"] = g.access_token;
  d["access_token_expire_in"] = g.access_expire;  // absolute Unix seconds, not a duration
  d["refresh_token"] = g.refresh_token;
  d["refresh_token_expire_in"] = g.refresh_expire;
  d["open_id"] = g.open_id;
  d["seller_name"] = g.seller_name;
  d["seller_base_region"] = g.base_region;
  d["user_type"] = 0;  // seller
  d["granted_scopes"] = json::array{"seller.authorization.info",  "seller.product.basic",
                                    "seller.order.info",          "seller.fulfillment.basic",
                                    "seller.logistics",           "seller.promotion.info",
                                    "seller.return_refund.basic", "seller.affiliate_collaboration.read",
                                    "seller.data_analytics"};
  return d;
}

namespace {
std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto comma = s.find(',', start);
    std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}
}  // namespace

Response SandboxApp::consent(Request& req, LogEntry& entry) {
  const std::int64_t now = clock.now();
  auto fail = [&](int api_code, int status, const std::string& message) {
    entry.code = api_code;
    return envelope_error(api_code, status, message, now);
  };
  if (req.method != "GET") return fail(code::kInvalidMethod, 405, "Invalid HTTP method.");
  std::lock_guard lock(world.mutex);
  const std::string* service_id = req.query_param("service_id");
  const App* app = service_id ? world.app_by_service_id(*service_id) : nullptr;
  if (app == nullptr) return fail(code::kInvalidParam, 400, "Invalid service_id.");
  entry.app_key = app->key;
  const std::string* state = req.query_param("state");
  const std::string sep = app->redirect_url.find('?') == std::string::npos ? "?" : "&";
  Response r;
  r.status = 302;
  r.content_type.clear();
  const std::string* deny = req.query_param("deny");
  if (deny != nullptr && *deny == "1") {
    // What the seller's "reject" produces on the real page.
    r.headers.emplace_back("Location", app->redirect_url + sep + "code=null&error=auth_denied&state=" +
                                           ocean::url::encode(state ? *state : ""));
    return r;
  }
  std::vector<std::string> shop_ids;
  if (const std::string* wanted = req.query_param("shop_id")) {
    for (const auto& id : split_commas(*wanted)) {
      if (world.shop_by_id(id) == nullptr) return fail(code::kInvalidParam, 400, "Unknown shop_id " + id + ".");
      shop_ids.push_back(id);
    }
  } else {
    for (const auto& s : world.shops()) shop_ids.push_back(s->id);
  }
  if (shop_ids.empty()) return fail(code::kInvalidParam, 400, "No shop to authorize.");
  const std::string auth_code = world.issue_auth_code(app->key, shop_ids, now);
  r.headers.emplace_back("Location", app->redirect_url + sep + "code=" + ocean::url::encode(auth_code) +
                                         "&state=" + ocean::url::encode(state ? *state : ""));
  return r;
}

Response SandboxApp::token_service(Request& req, LogEntry& entry) {
  const std::int64_t now = clock.now();
  int latency = 0;
  {
    std::lock_guard settings_lock(world.mutex);  // settings change at run time through admin
    latency = world.settings.faults.latency_ms;
  }
  auto fail = [&](int api_code, int status, const std::string& message) {
    entry.code = api_code;
    Response r = envelope_error(api_code, status, message, now);
    r.delay_ms = latency;
    return r;
  };
  const bool get = req.path == "/api/v2/token/get";
  const bool refresh = req.path == "/api/v2/token/refresh";
  if (!get && !refresh) return fail(code::kInvalidPath, 404, "Invalid path.");
  if (req.method != "GET") return fail(code::kInvalidMethod, 405, "Invalid HTTP method.");

  std::lock_guard lock(world.mutex);
  const std::string* app_key = req.query_param("app_key");
  const std::string* app_secret = req.query_param("app_secret");
  const App* app = app_key ? world.app(*app_key) : nullptr;
  if (app == nullptr || app_secret == nullptr || !ocean::crypto::constant_time_equals(*app_secret, app->secret)) {
    return fail(code::kInvalidParam, 400, "Invalid app_key or app_secret.");
  }
  entry.app_key = app->key;
  const std::string* grant_type = req.query_param("grant_type");
  Grant* grant = nullptr;
  if (get) {
    if (grant_type == nullptr || *grant_type != "authorized_code") {
      return fail(code::kInvalidParam, 400, "Invalid grant_type. Expected authorized_code.");
    }
    const std::string* auth_code = req.query_param("auth_code");
    grant = auth_code ? world.redeem_auth_code(app->key, *auth_code, now) : nullptr;
    if (grant == nullptr) {
      return fail(code::kInvalidAuthCode, 400, "Invalid auth_code: unknown, already used or expired.");
    }
  } else {
    // The docs name refresh_token; the official Node SDK sends authorized_code here, so the real
    // service evidently accepts it too (reference §3).
    if (grant_type == nullptr || (*grant_type != "refresh_token" && *grant_type != "authorized_code")) {
      return fail(code::kInvalidParam, 400, "Invalid grant_type. Expected refresh_token.");
    }
    const std::string* refresh_token = req.query_param("refresh_token");
    grant = refresh_token ? world.refresh(app->key, *refresh_token, now) : nullptr;
    if (grant == nullptr) {
      return fail(code::kInvalidRefreshToken, 400, "Invalid refresh_token: unknown, rotated, revoked or expired.");
    }
  }
  Response r = envelope_ok(token_data(*grant), now);
  r.delay_ms = latency;
  return r;
}

}  // namespace tts_sandbox
