#include "account/account_service.hpp"

#include <algorithm>

#include "tiktok_api/authorization.hpp"
#include "tiktok_api/webhook_subscriptions.hpp"
#include "ocean_common/crypto.hpp"
#include "ocean_common/url.hpp"
#include "model/events.hpp"
#include "model/time_format.hpp"
#include "util/status.hpp"

namespace json = boost::json;

namespace ocean::tiktok {
namespace {

json::object shop_json(const store::ShopInfo& s) {
  return json::object{{"id", s.id},         {"name", s.name}, {"region", s.region}, {"seller_type", s.seller_type},
                      {"cipher", s.cipher}, {"code", s.code}};
}

std::string list_shops(const std::vector<store::ShopInfo>& shops) {
  std::string out;
  for (const auto& s : shops) {
    if (!out.empty()) out += ", ";
    out += s.id + " (" + (s.name.empty() ? "unnamed" : s.name) + ", " + s.region + ")";
  }
  return out.empty() ? "none" : out;
}

}  // namespace

AccountService::AccountService(const Config& config, std::string account_id, store::Store& store, ApiClient& api,
                               TokenClient& tokens, Logger& log, Host& host)
    : config_(config),
      account_id_(std::move(account_id)),
      store_(store),
      api_(api),
      tokens_(tokens),
      log_(log),
      host_(host) {
  if (auto t = store_.tokens()) remember_secrets(*t);
}

void AccountService::remember_secrets(const store::TokenSet& t) {
  log_.add_secret(t.access_token);
  log_.add_secret(t.refresh_token);
}

json::object AccountService::authorize_url() {
  if (config_.service_id.empty()) {
    throw Failure(Status::invalid_config,
                  "config field 'service_id' is required to build the seller authorization URL "
                  "(the numeric service id from Partner Center, not the app key)");
  }
  const std::string state = crypto::to_hex(crypto::random_bytes(16));
  const std::int64_t now = now_ms();
  store_.remember_oauth_state(state, now);
  const std::string url =
      config_.authorize_base_url + "/open/authorize?service_id=" + url::encode(config_.service_id) + "&state=" + state;
  return json::object{{"schema", "account_authorize_url.v1"},
                      {"url", url},
                      {"state", state},
                      {"expires_at_ms", now + kStateMaxAgeMs},
                      {"region", config_.region}};
}

// Which shop this account is: the config's cipher, else the callback's or config's shop id, else
// the only one. Throws Failure naming the setting that decides when none fits.
const store::ShopInfo* AccountService::choose_shop(const std::vector<store::ShopInfo>& shops,
                                                   const std::string& callback_shop_id) const {
  const std::string wanted_id = callback_shop_id.empty() ? config_.shop_id : callback_shop_id;
  const store::ShopInfo* chosen = nullptr;
  if (!config_.shop_cipher.empty()) {
    for (const auto& s : shops) {
      if (s.cipher == config_.shop_cipher) chosen = &s;
    }
    if (chosen == nullptr) {
      throw Failure(Status::invalid_config,
                    "config field 'shop_cipher' names no shop of this authorization; it covers: " + list_shops(shops) +
                        "; nothing was stored");
    }
  } else if (!wanted_id.empty()) {
    for (const auto& s : shops) {
      if (s.id == wanted_id) chosen = &s;
    }
    if (chosen == nullptr) {
      throw Failure(Status::invalid_config, "config field 'shop_id' (" + wanted_id +
                                                ") is not among the shops this authorization covers: " +
                                                list_shops(shops) + "; nothing was stored");
    }
  } else if (shops.size() == 1) {
    chosen = &shops.front();
  } else if (shops.empty()) {
    throw Failure(Status::permanent, "the authorization covers no shop; nothing was stored");
  } else {
    throw Failure(Status::invalid_config, "config field 'shop_id' is needed: the authorization covers " +
                                              std::to_string(shops.size()) + " shops: " + list_shops(shops) +
                                              " (pass \"shop_id\" with the callback or set it in the config)");
  }
  return chosen;
}

json::object AccountService::connect(const Callback& callback) {
  const std::string& state = callback.state;
  const std::string& error = callback.error;
  const std::string& code = callback.code;
  const std::int64_t now = now_ms();
  // The state is consumed first, whatever happens next: a replayed callback never works twice.
  if (!store_.take_oauth_state(state, now, kStateMaxAgeMs)) {
    throw Failure(Status::invalid_argument,
                  "the 'state' does not match an authorization this account started (unknown, already used or "
                  "older than 60 minutes); start again with account.authorize_url");
  }
  if (!error.empty() || code.empty() || code == "null") {
    throw Failure(Status::auth_required,
                  "the seller did not authorize the app (" + (error.empty() ? "no code" : error) + ")");
  }

  const TokenGrant grant = tokens_.exchange_code(code, now / 1000);
  remember_secrets(grant.tokens);
  if (grant.user_type != 0) {
    throw Failure(Status::permanent, "the authorization is not a seller's (user_type " +
                                         std::to_string(grant.user_type) + "); nothing was stored");
  }
  const auto shops = tiktok_api::get_authorized_shops(api_, grant.tokens.access_token);

  const store::ShopInfo* chosen = choose_shop(shops, callback.shop_id);
  if (!chosen->region.empty() && chosen->region != config_.region) {
    log_.warn("[account] shop " + chosen->id + " is in region " + chosen->region +
              " while the account is configured for " + config_.region);
  }

  store::AccountRecord r;
  r.state = store::LinkState::connected;
  r.shop = *chosen;
  r.open_id = grant.open_id;
  r.seller_name = grant.seller_name;
  r.seller_base_region = grant.seller_base_region;
  r.granted_scopes = grant.granted_scopes;
  r.authorized_shops = shops;
  r.updated_at_ms = now;
  store_.save_connection(r, grant.tokens);
  next_refresh_attempt_ms_ = 0;
  log_.info("[account] connected TikTok Shop " + chosen->id + " (" + chosen->name + ", " + chosen->region + ")");
  host_.emit_event(model::make_event(
      "account.connected", account_id_, now,
      json::object{{"shop_id", chosen->id}, {"shop_name", chosen->name}, {"region", chosen->region}}));
  json::object out = status();
  if (!config_.webhook_url.empty()) out["webhooks"] = subscribe_webhooks(chosen->cipher);
  return out;
}

// Push notifications for this shop go to the configured address from now on; a failure is
// reported (polling still catches every change), not thrown.
json::object AccountService::subscribe_webhooks(const std::string& shop_cipher) {
  const auto report = tiktok_api::subscribe_webhooks(api_, shop_cipher, config_.webhook_url);
  json::array types;
  for (const auto& t : report.subscribed) types.emplace_back(t);
  json::object w{{"address", config_.webhook_url}, {"subscribed", std::move(types)}};
  if (!report.error.empty()) {
    w["error"] = report.error;
    log_.warn("[account] webhook subscription incomplete (polling still catches every change): " + report.error);
  }
  return w;
}

json::object AccountService::status() {
  const auto acc = store_.account();
  json::object out{{"schema", "account_status.v1"}, {"account_id", account_id_}, {"region", config_.region}};
  if (!acc) {
    out["state"] = "disconnected";
    return out;
  }
  out["state"] = store::link_state_name(acc->state);
  if (!acc->reason.empty()) out["reason"] = acc->reason;
  out["shop"] = shop_json(acc->shop);
  out["seller_name"] = acc->seller_name;
  out["seller_base_region"] = acc->seller_base_region;
  out["access_token_expires_at"] = acc->access_expires_at;
  out["refresh_token_expires_at"] = acc->refresh_expires_at;
  out["refresh_due_at"] = refresh_due_at();
  json::array scopes;
  for (const auto& s : acc->granted_scopes) scopes.emplace_back(s);
  out["granted_scopes"] = std::move(scopes);
  json::array shops;
  for (const auto& s : acc->authorized_shops) shops.push_back(shop_json(s));
  out["authorized_shops"] = std::move(shops);
  return out;
}

json::object AccountService::disconnect(bool revoke) {
  const auto acc = store_.account();
  json::object out{{"schema", "account_disconnect.v1"}, {"account_id", account_id_}, {"state", "disconnected"}};
  if (!acc) {
    out["remote"] = json::object{{"attempted", false}, {"reason", "no account was connected"}};
    out["local"] = "nothing to forget";
    return out;
  }
  json::object remote{{"attempted", false}};
  if (revoke && acc->state == store::LinkState::connected) {
    remote["attempted"] = true;
    remote["call"] = "DELETE /authorization/202403/shops";
    try {
      tiktok_api::deauthorize(api_, acc->shop.cipher);
      remote["ok"] = true;
    } catch (const Failure& f) {
      // The local forget still happens: the operator asked to disconnect this account.
      remote["ok"] = false;
      remote["status"] = status_name(f.status());
      remote["message"] = log_.redact(f.what());
    }
  } else {
    remote["reason"] = revoke ? "the tokens are no longer valid, so only the local copy is forgotten"
                              : "revoke=false: the seller's grant is left in place";
  }
  store_.forget_account();
  log_.info("[account] disconnected TikTok Shop " + acc->shop.id + " (local tokens forgotten)");
  host_.emit_event(model::make_event(
      "account.deauthorized", account_id_, now_ms(),
      json::object{{"shop_id", acc->shop.id}, {"revoked_remotely", remote.contains("ok") && remote["ok"].as_bool()}}));
  out["remote"] = std::move(remote);
  out["local"] = "tokens and shop forgotten";
  return out;
}

std::int64_t AccountService::refresh_due_at() const {
  const auto acc = store_.account();
  if (!acc || acc->state != store::LinkState::connected) return 0;
  // Ahead of expiry by half the token's life, at most a day and at least a minute: a 7-day
  // token is refreshed a day early; a short-lived test token half-way.
  const std::int64_t life = std::max<std::int64_t>(0, acc->access_expires_at - acc->tokens_obtained_at);
  const std::int64_t lead = std::clamp<std::int64_t>(life / 2, 60, 86400);
  return acc->access_expires_at - lead;
}

store::AccountRecord AccountService::connected_account() {
  auto acc = store_.account();
  if (!acc)
    throw Failure(Status::auth_required,
                  "no TikTok Shop account is connected; run account.authorize_url and account.connect");
  if (acc->state != store::LinkState::connected) {
    throw Failure(Status::auth_required, "the TikTok Shop account needs re-authorization: " + acc->reason);
  }
  return *acc;
}

std::string AccountService::shop_cipher() { return connected_account().shop.cipher; }

void AccountService::mark_needs_reauth(const std::string& reason) {
  const std::int64_t now = now_ms();
  const auto acc = store_.account();
  store_.set_link_state(store::LinkState::needs_reauth, reason, now);
  log_.warn("[account] TikTok Shop account needs re-authorization: " + reason);
  host_.emit_event(
      model::make_event("account.needs_reauth", account_id_, now,
                        json::object{{"reason", reason}, {"shop_id", acc ? acc->shop.id : std::string()}}));
}

void AccountService::refresh_now(const char* why) {
  const auto acc = connected_account();
  const std::int64_t now = now_ms();
  if (now / 1000 >= acc.refresh_expires_at) {
    mark_needs_reauth("the refresh token expired at " + model::rfc3339(acc.refresh_expires_at));
    throw Failure(Status::auth_required, "the refresh token has expired; the seller must authorize again");
  }
  auto current = store_.tokens();
  if (!current) throw Failure(Status::auth_required, "no tokens are stored for this account");
  store::LogEntry row{"token_refresh", now, 0, "ok", 0, 0, 0, why};
  try {
    const TokenGrant grant = tokens_.refresh(current->refresh_token, now / 1000);
    remember_secrets(grant.tokens);
    store_.save_tokens(grant.tokens, now);
    next_refresh_attempt_ms_ = 0;
    log_.info(std::string("[account] refreshed the access token (") + why + "); it now expires at " +
              model::rfc3339(grant.tokens.access_expires_at));
    row.finished_ms = now_ms();
    row.api_calls = 1;
    if (audit_) audit_(row);
  } catch (const Failure& f) {
    row.finished_ms = now_ms();
    row.outcome = "failed";
    row.status = status_name(f.status());
    row.message = std::string(why) + ": " + log_.redact(f.what());
    row.api_calls = 1;
    if (audit_) audit_(row);
    if (f.status() == Status::auth_required) {
      mark_needs_reauth(std::string("token refresh was refused: ") + log_.redact(f.what()));
    } else {
      next_refresh_attempt_ms_ = now + kRefreshRetryMs;
      log_.warn(std::string("[account] token refresh failed, will try again: ") + f.what());
    }
    throw;
  }
}

void AccountService::tick(std::int64_t now) {
  const auto acc = store_.account();
  if (!acc || acc->state != store::LinkState::connected) return;
  if (now / 1000 >= acc->refresh_expires_at) {
    mark_needs_reauth("the refresh token expired at " + model::rfc3339(acc->refresh_expires_at));
    throw Failure(Status::auth_required, "the refresh token has expired; the seller must authorize again");
  }
  if (now / 1000 < refresh_due_at() || now < next_refresh_attempt_ms_) return;
  refresh_now("due ahead of expiry");
}

std::string AccountService::access_token() {
  const auto acc = connected_account();
  if (now_ms() / 1000 >= acc.access_expires_at) refresh_now("the access token had expired");
  auto t = store_.tokens();
  if (!t) throw Failure(Status::auth_required, "no tokens are stored for this account");
  return t->access_token;
}

void AccountService::token_rejected(const std::string& reason) {
  const auto acc = store_.account();
  if (!acc || acc->state != store::LinkState::connected) return;  // already known (or nothing to mark)
  mark_needs_reauth("TikTok refused the access token: " + reason);
}

bool AccountService::refresh_after_rejection() {
  try {
    refresh_now("the API reported it expired");
    return true;
  } catch (const Failure& f) {
    if (f.status() == Status::auth_required) return false;
    throw;
  }
}

}  // namespace ocean::tiktok
