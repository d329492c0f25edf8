// The instance configuration: parsed from the host's JSON, checked against the manifest's
// config_schema and the plugin's own rules. Every error names its field; the app secret's value
// never appears in a message.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/alert_rules.hpp"
#include "config/store_config.hpp"

namespace ocean::tiktok {

struct RateLimitConfig {
  double per_api_per_second = 50.0;          // per (shop, API path); reference §9 default
  std::optional<double> per_app_per_second;  // across every API of this app and shop
};

struct Config {
  std::string app_key;
  std::string app_secret;
  std::string region;       // canonical API code ("GB", never "UK")
  std::string service_id;   // for the seller authorization URL; may be empty
  std::string shop_id;      // may be empty: resolved from the authorized shops
  std::string shop_cipher;  // may be empty: resolved from the authorized shops
  std::string webhook_url;  // may be empty
  std::string sync_interval = "15m";
  std::int64_t sync_interval_seconds = 900;  // 0 = manual
  std::int64_t dispatch_due_hours = 24;      // order.dispatch_due this long before the ship-by deadline
  std::int64_t safety_buffer = 0;
  std::int64_t integration_log_retention_days = 30;  // integration-log rows older than this are pruned
  std::map<std::string, bool> features;              // every manifest feature, defaults filled in
  std::string api_base_url;                          // no trailing '/'
  std::string auth_base_url;
  std::string authorize_base_url;
  std::string ca_bundle;  // empty = system store
  RateLimitConfig rate_limits;
  AlertRules alerts;                 // "alerts": rules tick evaluates (alerts/)
  std::optional<StoreConfig> store;  // "store": PostgreSQL instead of the SQLite file (config/store_config.hpp)
};

struct ConfigError {
  std::string field;    // top-level field name ("" for the document itself)
  std::string message;  // already prefixed with the field
};

struct ConfigResult {
  std::optional<Config> config;
  bool malformed = false;  // not JSON / not an object: INVALID_ARGUMENT, not CONFIG
  std::vector<ConfigError> errors;
  std::vector<std::string> warnings;  // to log (e.g. "UK" taken as "GB")

  // All errors joined into one line for last_error.
  std::string summary() const;
};

// `schema` is the manifest's config_schema object. The plugin's configure passes the object the
// SDK already parsed (the configuration is parsed once); the text form is for callers holding
// text (tests, tools) and reports malformed JSON.
ConfigResult parse_config(const boost::json::object& config, const boost::json::object& schema);
ConfigResult parse_config(std::string_view json_text, const boost::json::object& schema);

// The manifest's config_schema, parsed once from the embedded manifest.
const boost::json::object& embedded_config_schema();

// US sellers authorize on a different host (reference §3); used when the config names none.
inline constexpr std::string_view kDefaultUsAuthorizeBaseUrl = "https://services.us.tiktokshop.com";

}  // namespace ocean::tiktok
