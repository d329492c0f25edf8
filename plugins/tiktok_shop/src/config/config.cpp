#include "config/config.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <fstream>
#include <vector>

#include "config/schema_check.hpp"
#include "config/url_rules.hpp"
#include "manifest/manifest_data.hpp"

namespace json = boost::json;

namespace ocean::tiktok {
namespace {

constexpr std::string_view kSecretField = "app_secret";

class Parser {
 public:
  Parser(const json::object& doc, const json::object& schema, ConfigResult& out)
      : doc_(doc), props_(property_schemas(schema)), out_(out) {}

  void error(std::string_view field, const std::string& what) {
    out_.errors.push_back({std::string(field), "config field '" + std::string(field) + "' " + what});
  }

  const json::object* prop_schema(std::string_view field) const {
    if (props_ == nullptr) return nullptr;
    const auto* p = props_->if_contains(field);
    return p != nullptr && p->is_object() ? &p->as_object() : nullptr;
  }

  std::optional<std::int64_t> schema_int(std::string_view field, std::string_view key) const {
    const auto* ps = prop_schema(field);
    const auto* v = ps != nullptr ? ps->if_contains(key) : nullptr;
    if (v == nullptr) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
    return std::nullopt;
  }

  std::string schema_default_string(std::string_view field) const {
    const auto* ps = prop_schema(field);
    const auto* v = ps != nullptr ? ps->if_contains("default") : nullptr;
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
  }

  // A string field: absent gives nullopt (or an error when required); wrong type or length is an
  // error. Lengths come from the schema so the two never disagree.
  std::optional<std::string> string_field(std::string_view field, bool required) {
    const auto* v = doc_.if_contains(field);
    if (v == nullptr) {
      if (required) error(field, "is required");
      return std::nullopt;
    }
    if (!v->is_string()) {
      error(field, "must be a string");
      return std::nullopt;
    }
    std::string s(v->as_string());
    const auto min_len = schema_int(field, "minLength");
    const auto max_len = schema_int(field, "maxLength");
    if (min_len && static_cast<std::int64_t>(s.size()) < *min_len) {
      error(field, *min_len == 1 ? "must not be empty" : "is shorter than " + std::to_string(*min_len) + " characters");
      return std::nullopt;
    }
    if (max_len && static_cast<std::int64_t>(s.size()) > *max_len) {
      error(field, "is longer than " + std::to_string(*max_len) + " characters");
      return std::nullopt;
    }
    return s;
  }

  // The allowed values of a field: its `enum`, or the `const` of each labelled `oneOf` alternative
  // ({"const":"GB","title":"United Kingdom (GB)"}); empty when the schema lists none.
  static std::vector<std::string> allowed_values(const json::object& field_schema) {
    std::vector<std::string> out;
    if (const auto* e = field_schema.if_contains("enum"); e != nullptr && e->is_array()) {
      for (const auto& item : e->as_array())
        if (item.is_string()) out.emplace_back(item.as_string());
    }
    if (const auto* one = field_schema.if_contains("oneOf"); one != nullptr && one->is_array()) {
      for (const auto& alt : one->as_array()) {
        const auto* c = alt.is_object() ? alt.as_object().if_contains("const") : nullptr;
        if (c != nullptr && c->is_string()) out.emplace_back(c->as_string());
      }
    }
    return out;
  }

  // Enum check against the schema, with its x-aliases mapped to their canonical value.
  std::optional<std::string> enum_field(std::string_view field, bool required) {
    auto s = string_field(field, required);
    if (!s) return std::nullopt;
    const auto* ps = prop_schema(field);
    if (ps == nullptr) return s;
    if (const auto* aliases = ps->if_contains("x-aliases"); aliases != nullptr && aliases->is_object()) {
      if (const auto* canon = aliases->as_object().if_contains(*s); canon != nullptr && canon->is_string()) {
        out_.warnings.push_back("config field '" + std::string(field) + "': '" + *s + "' is accepted as an alias of '" +
                                std::string(canon->as_string()) + "', the code the API uses");
        return std::string(canon->as_string());
      }
    }
    const auto values = allowed_values(*ps);
    if (values.empty()) return s;
    std::string allowed;
    for (const auto& v : values) {
      if (v == *s) return s;
      allowed += (allowed.empty() ? "" : ", ") + v;
    }
    error(field, "'" + *s + "' is not one of: " + allowed);
    return std::nullopt;
  }

  std::optional<double> positive_number(std::string_view field) {
    const auto* v = doc_.if_contains(field);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) {
      error(field, "must be a number");
      return std::nullopt;
    }
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d <= 0.0) {
      error(field, "must be greater than 0");
      return std::nullopt;
    }
    return d;
  }

  const json::object& doc() const { return doc_; }
  const json::object* props() const { return props_; }

 private:
  static const json::object* property_schemas(const json::object& schema) {
    const auto* p = schema.if_contains("properties");
    return p != nullptr && p->is_object() ? &p->as_object() : nullptr;
  }

  const json::object& doc_;
  const json::object* props_;
  ConfigResult& out_;
};

std::string strip_trailing_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// Each reads one group of settings into `c`, reporting problems through `p`.
void read_account(Parser& p, Config& c) {
  if (auto v = p.string_field("app_key", true)) c.app_key = *v;
  if (const auto* secret = p.doc().if_contains(kSecretField)) {
    // Never echo the value: only its shape is described.
    if (!secret->is_string()) {
      p.error(kSecretField, "must be a string");
    } else if (secret->as_string().empty()) {
      p.error(kSecretField, "must not be empty");
    } else if (secret->as_string().size() > 256) {
      p.error(kSecretField, "is longer than 256 characters");
    } else {
      c.app_secret = std::string(secret->as_string());
    }
  } else {
    p.error(kSecretField, "is required");
  }
  if (auto v = p.enum_field("region", true)) c.region = *v;

  if (auto v = p.string_field("service_id", false)) {
    if (v->empty() || v->find_first_not_of("0123456789") != std::string::npos) {
      p.error("service_id", "must be the numeric service id from Partner Center (it is not the app key)");
    } else {
      c.service_id = *v;
    }
  }
  if (auto v = p.string_field("shop_id", false)) c.shop_id = *v;
  if (auto v = p.string_field("shop_cipher", false)) c.shop_cipher = *v;
}

void read_webhook_and_sync(Parser& p, Config& c) {
  if (auto v = p.string_field("webhook_url", false)) {
    if (auto problem = url_rules::webhook_url_problem(*v); !problem.empty()) {
      p.error("webhook_url", problem);
    } else {
      c.webhook_url = *v;
    }
  }

  c.sync_interval = p.schema_default_string("sync_interval");
  if (c.sync_interval.empty()) c.sync_interval = "15m";
  if (auto v = p.enum_field("sync_interval", false)) c.sync_interval = *v;
  if (c.sync_interval == "manual") {
    c.sync_interval_seconds = 0;
  } else {
    // Enum values are "<minutes>m".
    c.sync_interval_seconds = std::stoll(c.sync_interval.substr(0, c.sync_interval.size() - 1)) * 60;
  }

  if (const auto* v = p.doc().if_contains("safety_buffer")) {
    if (!v->is_int64() && !v->is_uint64()) {
      p.error("safety_buffer", "must be an integer");
    } else if (v->is_int64() && v->as_int64() < 0) {
      p.error("safety_buffer", "must not be negative");
    } else {
      c.safety_buffer = v->to_number<std::int64_t>();
    }
  }
  if (const auto* v = p.doc().if_contains("dispatch_due_hours")) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 72) {
      p.error("dispatch_due_hours", "must be an integer from 1 to 72");
    } else {
      c.dispatch_due_hours = v->as_int64();
    }
  }
  if (const auto* v = p.doc().if_contains("integration_log_retention_days")) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 3650) {
      p.error("integration_log_retention_days", "must be a whole number of days from 1 to 3650");
    } else {
      c.integration_log_retention_days = v->as_int64();
    }
  }
}

// Every manifest feature gets its manifest default, then the config's override.
void read_features(Parser& p, Config& c) {
  for (std::size_t i = 0; i < manifest::kFeatureCount; ++i) {
    c.features[manifest::kFeatureIds[i]] = manifest::kFeatureDefaults[i] != 0;
  }
  if (const auto* f = p.doc().if_contains("features")) {
    if (!f->is_object()) {
      p.error("features", "must be an object of feature id to true/false");
    } else {
      for (const auto& [key, value] : f->as_object()) {
        const std::string id(key);
        if (!c.features.contains(id)) {
          p.error("features", "names an unknown feature '" + id + "'");
        } else if (!value.is_bool()) {
          p.error("features", "entry '" + id + "' must be true or false");
        } else {
          c.features[id] = value.as_bool();
        }
      }
    }
  }
}

void read_endpoints(Parser& p, Config& c) {
  struct BaseUrl {
    std::string_view field;
    std::string* target;
  };
  for (const BaseUrl& b : {BaseUrl{"api_base_url", &c.api_base_url}, BaseUrl{"auth_base_url", &c.auth_base_url},
                           BaseUrl{"authorize_base_url", &c.authorize_base_url}}) {
    if (auto v = p.string_field(b.field, false)) {
      if (auto problem = url_rules::base_url_problem(*v); !problem.empty()) {
        p.error(b.field, problem);
      } else {
        *b.target = strip_trailing_slash(*v);
      }
    } else if (!p.doc().contains(b.field)) {
      *b.target = strip_trailing_slash(p.schema_default_string(b.field));
    }
  }
  // The schema's authorize default is the rest-of-world host; US sellers consent elsewhere.
  if (!p.doc().contains("authorize_base_url") && c.region == "US") {
    c.authorize_base_url = std::string(kDefaultUsAuthorizeBaseUrl);
  }

  if (auto v = p.string_field("ca_bundle", false)) {
    if (v->empty()) {
      p.error("ca_bundle", "must not be empty (omit it to use the system store)");
    } else if (std::ifstream probe(*v); !probe.good()) {
      p.error("ca_bundle", "names a file that cannot be read: " + *v);
    } else {
      c.ca_bundle = *v;
    }
  }
}

void read_rate_limits(Parser& p, Config& c) {
  if (const auto* d = p.prop_schema("rate_limit_per_second"); d != nullptr) {
    if (const auto* def = d->if_contains("default"); def != nullptr && def->is_number()) {
      c.rate_limits.per_api_per_second = def->to_number<double>();
    }
  }
  if (auto v = p.positive_number("rate_limit_per_second")) c.rate_limits.per_api_per_second = *v;
  if (auto v = p.positive_number("app_rate_limit_per_second")) c.rate_limits.per_app_per_second = *v;
}

}  // namespace

std::string ConfigResult::summary() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.message;
  }
  return out;
}

ConfigResult parse_config(std::string_view json_text, const json::object& schema) {
  ConfigResult result;
  boost::system::error_code ec;
  json::value doc = json::parse(json_text, ec);
  if (ec) {
    result.malformed = true;
    result.errors.push_back({"", "configuration is not valid JSON: " + ec.message()});
    return result;
  }
  if (!doc.is_object()) {
    result.malformed = true;
    result.errors.push_back({"", "configuration must be a JSON object"});
    return result;
  }
  return parse_config(doc.get_object(), schema);
}

ConfigResult parse_config(const json::object& config, const json::object& schema) {
  ConfigResult result;
  const json::value doc(config);  // the schema checker walks values (a copy, not a parse)
  // The manifest's schema first (it is what the host shows the operator), then our own rules.
  // Schema messages about the secret field are replaced: a validator may quote the value.
  for (auto& issue : check_against_schema(schema, doc)) {
    if (issue.field == kSecretField)
      issue.message = "config field 'app_secret' is invalid (a string of 1 to 256 characters is required)";
    result.errors.push_back({issue.field, issue.message});
  }
  if (!result.errors.empty()) return result;

  Parser p(config, schema, result);
  Config c;
  if (p.props() != nullptr) {
    for (const auto& [key, value] : p.doc()) {
      (void)value;
      if (!p.props()->contains(key)) p.error(key, "is not a known setting");
    }
  }

  read_account(p, c);
  read_webhook_and_sync(p, c);
  read_features(p, c);
  read_endpoints(p, c);
  read_rate_limits(p, c);
  if (const auto* a = p.doc().if_contains("alerts"); a != nullptr && a->is_object())
    c.alerts = read_alert_rules(a->as_object());
  if (const auto* s = p.doc().if_contains("store")) {
    std::vector<StoreConfigError> store_errors;
    c.store = read_store_config(*s, store_errors);
    for (auto& e : store_errors) result.errors.push_back({std::move(e.field), std::move(e.message)});
  }
  if (result.errors.empty()) result.config = std::move(c);
  return result;
}

const json::object& embedded_config_schema() {
  static const json::object schema = [] {
    const json::value m = json::parse(manifest::kManifestJson);
    return m.as_object().at("config_schema").as_object();
  }();
  return schema;
}

}  // namespace ocean::tiktok
