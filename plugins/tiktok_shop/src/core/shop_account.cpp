#include "core/shop_account.hpp"

#include <boost/json.hpp>

#include <filesystem>

namespace json = boost::json;

namespace ocean::tiktok {

struct ShopAccount::Started {
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<HttpClient> http;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<ApiClient> api;
  std::unique_ptr<TokenClient> tokens;
  std::unique_ptr<AccountService> accounts;
  CapabilityTable capabilities;
};

ShopAccount::ShopAccount(std::string account_id, Host& host, Tuning tuning)
    : account_id_(std::move(account_id)), host_(host), tuning_(std::move(tuning)), log_(host) {}

ShopAccount::~ShopAccount() = default;

Outcome ShopAccount::guard(const std::function<void()>& body) {
  try {
    body();
    return {};
  } catch (const Failure& f) {
    return Outcome{f.status(), log_.redact(f.what()), f.retry_after_ms()};
  } catch (const std::exception& e) {
    return Outcome{Status::internal, log_.redact(e.what()), 0};
  }
}

Outcome ShopAccount::configure(std::string_view config_json) {
  ConfigResult r = parse_config(config_json, embedded_config_schema());
  if (!r.config) {
    return Outcome{r.malformed ? Status::invalid_argument : Status::invalid_config, r.summary(), 0};
  }
  for (const auto& w : r.warnings) log_.warn(w);
  log_.add_secret(r.config->app_secret);
  config_ = std::move(r.config);
  return {};
}

Outcome ShopAccount::start() {
  if (!config_) return Outcome{Status::invalid_state, "configure the account before starting it", 0};
  const auto dir = host_.data_dir();
  if (!dir)
    return Outcome{Status::invalid_config,
                   "the host gives this account no data directory; the plugin needs one for its store", 0};
  const auto key = host_.secret(kStoreKeySecret);
  if (!key || key->empty()) {
    return Outcome{
        Status::invalid_config,
        "the host's secret service has no 'store_key'; it is needed to encrypt tokens and the app secret at rest", 0};
  }
  return guard([&] {
    auto s = std::make_unique<Started>();
    std::filesystem::create_directories(*dir);
    const auto path = (std::filesystem::path(*dir) / store::SqliteStore::kFileName).string();
    s->store = std::make_unique<store::SqliteStore>(path, SecretBox::from_host_secret(*key));
    s->store->put_secret("app_secret", config_->app_secret, host_.wall_ms());

    HttpSettings http = tuning_.http;
    http.ca_bundle = config_->ca_bundle;
    s->http = std::make_unique<HttpClient>(http);
    s->limiter = std::make_unique<RateLimiter>(
        RateLimitSettings{config_->rate_limits.per_api_per_second, config_->rate_limits.per_app_per_second, 0.2},
        tuning_.timing);
    s->api = std::make_unique<ApiClient>(
        ApiClientSettings{config_->app_key, config_->app_secret, config_->api_base_url, tuning_.retry}, *s->http,
        *s->limiter, tuning_.timing, log_, [this] { return host_.wall_ms() / 1000; });
    s->tokens = std::make_unique<TokenClient>(
        TokenClientSettings{config_->app_key, config_->app_secret, config_->auth_base_url, tuning_.retry}, *s->http,
        log_, tuning_.timing);
    s->accounts = std::make_unique<AccountService>(*config_, account_id_, *s->store, *s->api, *s->tokens, log_, host_);
    s->api->set_token_provider(s->accounts.get());
    register_capabilities(*s);
    started_ = std::move(s);
    log_.info("TikTok Shop account " + account_id_ + " started (region " + config_->region + ", store " + path + ")");
  });
}

void ShopAccount::stop() { started_.reset(); }

void ShopAccount::register_capabilities(Started& s) {
  AccountService* a = s.accounts.get();
  s.capabilities.add("account.authorize_url", [a](const json::object& r) { return a->authorize_url(r); });
  s.capabilities.add("account.connect", [a](const json::object& r) { return a->connect(r); });
  s.capabilities.add("account.status", [a](const json::object&) { return a->status(); });
  s.capabilities.add("account.disconnect", [a](const json::object& r) { return a->disconnect(r); });
}

Outcome ShopAccount::invoke(std::string_view capability, std::string_view request_json, std::string& response) {
  if (!started_) return Outcome{Status::invalid_state, "the account is not started", 0};
  return guard([&] {
    boost::system::error_code ec;
    const json::value request = json::parse(request_json, ec);
    if (ec || !request.is_object()) throw Failure(Status::invalid_argument, "the request must be a JSON object");
    response = json::serialize(started_->capabilities.run(capability, request.as_object()));
  });
}

Outcome ShopAccount::tick(std::int64_t now_ms) {
  if (!started_) return Outcome{Status::invalid_state, "the account is not started", 0};
  return guard([&] { started_->accounts->tick(now_ms); });
}

ApiClient* ShopAccount::api() { return started_ ? started_->api.get() : nullptr; }
AccountService* ShopAccount::accounts() { return started_ ? started_->accounts.get() : nullptr; }
store::SqliteStore* ShopAccount::store() { return started_ ? started_->store.get() : nullptr; }
RateLimiter* ShopAccount::rate_limiter() { return started_ ? started_->limiter.get() : nullptr; }

}  // namespace ocean::tiktok
