#include "account/shop_account.hpp"

#include <boost/json.hpp>

#include <filesystem>

#include "store/open.hpp"

namespace json = boost::json;

namespace ocean::tiktok {

struct ShopAccount::Started {
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<HttpClient> http;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<ApiClient> api;
  std::unique_ptr<TokenClient> tokens;
  std::unique_ptr<AccountService> accounts;
};

ShopAccount::ShopAccount(std::string account_id, Host& host, Tuning tuning)
    : account_id_(std::move(account_id)), host_(host), tuning_(std::move(tuning)), log_(host) {}

ShopAccount::~ShopAccount() = default;

void ShopAccount::configure(const boost::json::object& config) {
  ConfigResult r = parse_config(config, embedded_config_schema());
  if (!r.config) throw Failure(r.malformed ? Status::invalid_argument : Status::invalid_config, r.summary());
  for (const auto& w : r.warnings) log_.warn("[account] " + w);
  log_.add_secret(r.config->app_secret);
  if (r.config->store) {
    // The connection string's password is redacted from every log line and error the account writes.
    log_.add_secret(conninfo_password(r.config->store->postgresql));
    log_.add_secret(r.config->store->postgresql);
  }
  config_ = std::move(r.config);
}

void ShopAccount::start() {
  if (!config_) throw Failure(Status::invalid_state, "configure the account before starting it");
  const auto dir = host_.data_dir();
  if (!dir) {
    throw Failure(Status::invalid_config,
                  "the host gives this account no data directory; the plugin needs one for its store");
  }
  const auto key = host_.secret(kStoreKeySecret);
  if (!key || key->empty()) {
    throw Failure(Status::invalid_config,
                  "the host's secret service has no 'store_key'; it is needed to encrypt tokens and the app secret at "
                  "rest");
  }
  auto s = std::make_unique<Started>();
  {
    std::filesystem::create_directories(*dir);
    const store::Location where = store_location();
    s->store = std::make_unique<store::SqliteStore>(where, SecretBox::from_host_secret(*key));
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
    s->api->set_metrics(&metrics_);
    log_.info("[account] TikTok Shop account " + account_id_ + " started (region " + config_->region + ", store " +
              store::describe(where) + ")");
  }
  started_ = std::move(s);
}

void ShopAccount::stop() { started_.reset(); }

store::Location ShopAccount::store_location() const {
  const auto dir = host_.data_dir();
  if (!dir) throw Failure(Status::invalid_config, "the host gives this account no data directory");
  if (config_ && config_->store) {
    return store::Location{"", store::PgLocation{config_->store->postgresql, config_->store->schema}};
  }
  return store::Location::sqlite_file((std::filesystem::path(*dir) / store::SqliteStore::kFileName).string());
}

void ShopAccount::tick(std::int64_t now_ms) {
  if (!started_) throw Failure(Status::invalid_state, "the account is not started");
  started_->accounts->tick(now_ms);
}

ApiClient* ShopAccount::api() { return started_ ? started_->api.get() : nullptr; }
AccountService* ShopAccount::accounts() { return started_ ? started_->accounts.get() : nullptr; }
store::SqliteStore* ShopAccount::store() { return started_ ? started_->store.get() : nullptr; }
RateLimiter* ShopAccount::rate_limiter() { return started_ ? started_->limiter.get() : nullptr; }

}  // namespace ocean::tiktok
