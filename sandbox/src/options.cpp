#include "options.hpp"

#include <cstdlib>

namespace tts_sandbox {
namespace {

bool to_int(const std::string& s, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

bool to_fraction(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (*end != '\0' || !(v >= 0.0) || v > 1.0) return false;
  out = v;
  return true;
}

// KEY:SECRET[:SERVICE_ID[:REDIRECT_URL]]; the redirect URL keeps its own colons.
bool parse_app(const std::string& s, App& app, std::string& error) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    const auto colon = s.find(':', start);
    if (colon == std::string::npos) break;
    parts.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(s.substr(start));
  if (parts.size() < 2 || parts[0].empty() || parts[1].empty()) {
    error = "--app needs KEY:SECRET[:SERVICE_ID[:REDIRECT_URL]]";
    return false;
  }
  app.key = parts[0];
  app.secret = parts[1];
  app.service_id = parts.size() > 2 && !parts[2].empty() ? parts[2] : "";
  app.redirect_url = parts.size() > 3 ? parts[3] : "https://erp.example.com/oauth/callback";
  if (!app.service_id.empty() && app.service_id.find_first_not_of("0123456789") != std::string::npos) {
    error = "--app: SERVICE_ID must be numeric (it is not the app key)";
    return false;
  }
  return true;
}

}  // namespace

App default_app() {
  return App{"sandbox_app_key", "sandbox_app_secret", "7000000000000000001", "https://erp.example.com/oauth/callback"};
}

std::string usage_text() {
  return R"(tts-sandbox: a local emulator of the TikTok Shop Partner API (202309) for tests and demos.

Usage: tts-sandbox [flags]

At startup it prints ONE JSON line on stdout, then serves until SIGINT/SIGTERM:
  {"http_port":N,"https_port":M,"ca_file":"...","base_http":"http://127.0.0.1:N","base_https":"https://127.0.0.1:M"}

Listeners
  --host ADDR               address to bind (default 127.0.0.1)
  --http-port N             plain HTTP port (default 0: the OS picks)
  --https-port N            HTTPS port (default 0: the OS picks)
  --tls-dir DIR             where the test CA (ca.pem) and server certificate live; created when missing,
                            reused when present (default ./tts-sandbox-tls). Clients trust DIR/ca.pem.
  --threads N               I/O threads (default 2)

Apps
  --app KEY:SECRET[:SERVICE_ID[:REDIRECT_URL]]
                            register an app (repeatable). SERVICE_ID is the numeric id of the consent
                            URL (default derived from the key); REDIRECT_URL receives ?code=&state=
                            (default https://erp.example.com/oauth/callback). Without any --app, the
                            app sandbox_app_key:sandbox_app_secret:7000000000000000001 is registered.

Data (deterministic)
  --seed N                  generator seed (default 1)
  --shops N                 shops, cycling through the 16 real regions and their currencies (default 2)
  --products N              products per shop (default 20)
  --orders N                orders per shop, created over the 30 days before the start time (default 100)
  --start-time UNIX         initial sandbox clock (default: real time); with --seed makes runs repeatable

Tokens
  --access-token-ttl SECS   access token life (default 604800 = 7 days; may be a few seconds)
  --refresh-token-ttl SECS  refresh token life (default 31536000)

Limits and faults (all changeable at run time: POST /_sandbox/settings)
  --rate-limit N/s|N/min    per (app, shop, API path) token bucket (default 50/s); excess: HTTP 429, 36009002
  --fault-5xx FRACTION      fraction of open-API calls answered HTTP 500/503 with 36009003 (default 0)
  --latency-ms N            delay added to every open-API and auth answer (default 0)
  --drop-connections FRACTION
                            fraction of open-API calls whose connection is closed unanswered (default 0)

Webhooks
  --webhook-time-factor F   multiplies the retry delays +2 min, +30 min, +3 h, +12 h (default 1)
  --webhook-drop FRACTION   deliveries silently lost (default 0)
  --webhook-duplicate FRACTION
                            deliveries sent twice (default 0)
  --webhook-reorder FRACTION
                            deliveries held back so later ones overtake them (default 0)
  --webhook-redirect FROM=TO
                            TEST STAND-IN FOR DNS: a subscribed address starting with FROM is delivered
                            to TO instead, e.g. https://erp.example.com=http://127.0.0.1:8080
                            (repeatable). Subscriptions must still be https://domain without port.

  --help                    this text
  --version                 the project version and the plugin ABI version

Admin surface (no signing; tests and demos only) under /_sandbox/: see sandbox/README.md.
)";
}

namespace {

enum class Flag { kUnknown, kApplied, kRefused };

Flag refuse(std::string& error, const std::string& flag, const std::string& v, const std::string& why) {
  error = flag + " " + v + ": " + why;
  return Flag::kRefused;
}

// Listeners, apps and generated data.
Flag setup_flag(Options& o, const std::string& flag, const std::string& v, std::string& error) {
  std::int64_t n = 0;
  if (flag == "--host") {
    o.host = v;
  } else if (flag == "--http-port" || flag == "--https-port") {
    if (!to_int(v, 0, 65535, n)) return refuse(error, flag, v, "expected a port 0-65535");
    (flag == "--http-port" ? o.http_port : o.https_port) = static_cast<std::uint16_t>(n);
  } else if (flag == "--tls-dir") {
    o.tls_dir = v;
  } else if (flag == "--threads") {
    if (!to_int(v, 1, 64, n)) return refuse(error, flag, v, "expected 1-64");
    o.threads = static_cast<int>(n);
  } else if (flag == "--app") {
    App a;
    if (!parse_app(v, a, error)) return Flag::kRefused;
    o.apps.push_back(std::move(a));
  } else if (flag == "--seed") {
    if (!to_int(v, 0, INT64_MAX, n)) return refuse(error, flag, v, "expected a non-negative integer");
    o.gen.seed = static_cast<std::uint64_t>(n);
  } else if (flag == "--shops") {
    if (!to_int(v, 0, 1000, n)) return refuse(error, flag, v, "expected 0-1000");
    o.gen.shops = static_cast<int>(n);
  } else if (flag == "--products") {
    if (!to_int(v, 0, 100000, n)) return refuse(error, flag, v, "expected 0-100000");
    o.gen.products = static_cast<int>(n);
  } else if (flag == "--orders") {
    if (!to_int(v, 0, 1000000, n)) return refuse(error, flag, v, "expected 0-1000000");
    o.gen.orders = static_cast<int>(n);
  } else if (flag == "--start-time") {
    if (!to_int(v, 0, 4102444800, n)) return refuse(error, flag, v, "expected Unix seconds");
    o.start_time = n;
    o.gen.base_time = n;
  } else {
    return Flag::kUnknown;
  }
  return Flag::kApplied;
}

// Token lifetimes, limits and faults.
Flag behaviour_flag(Options& o, const std::string& flag, const std::string& v, std::string& error) {
  std::int64_t n = 0;
  double f = 0;
  if (flag == "--access-token-ttl") {
    if (!to_int(v, 1, 10LL * 365 * 86400, n)) return refuse(error, flag, v, "expected seconds >= 1");
    o.settings.access_token_ttl = n;
  } else if (flag == "--refresh-token-ttl") {
    if (!to_int(v, 1, 100LL * 365 * 86400, n)) return refuse(error, flag, v, "expected seconds >= 1");
    o.settings.refresh_token_ttl = n;
  } else if (flag == "--rate-limit") {
    if (!parse_rate_limit(v, o.settings.rate_limit)) return refuse(error, flag, v, "expected N/s or N/min");
  } else if (flag == "--fault-5xx") {
    if (!to_fraction(v, f)) return refuse(error, flag, v, "expected a fraction 0-1");
    o.settings.faults.fault_5xx = f;
  } else if (flag == "--latency-ms") {
    if (!to_int(v, 0, 60000, n)) return refuse(error, flag, v, "expected 0-60000");
    o.settings.faults.latency_ms = static_cast<int>(n);
  } else if (flag == "--drop-connections") {
    if (!to_fraction(v, f)) return refuse(error, flag, v, "expected a fraction 0-1");
    o.settings.faults.drop_connections = f;
  } else {
    return Flag::kUnknown;
  }
  return Flag::kApplied;
}

// Webhook delivery knobs.
Flag webhook_flag(Options& o, const std::string& flag, const std::string& v, std::string& error) {
  if (flag == "--webhook-time-factor") {
    char* end = nullptr;
    const double f = std::strtod(v.c_str(), &end);
    if (*end != '\0' || !(f > 0) || f > 1000) return refuse(error, flag, v, "expected a positive factor");
    o.webhooks.time_factor = f;
  } else if (flag == "--webhook-drop") {
    if (!to_fraction(v, o.webhooks.drop)) return refuse(error, flag, v, "expected a fraction 0-1");
  } else if (flag == "--webhook-duplicate") {
    if (!to_fraction(v, o.webhooks.duplicate)) return refuse(error, flag, v, "expected a fraction 0-1");
  } else if (flag == "--webhook-reorder") {
    if (!to_fraction(v, o.webhooks.reorder)) return refuse(error, flag, v, "expected a fraction 0-1");
  } else if (flag == "--webhook-redirect") {
    const auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) return refuse(error, flag, v, "expected FROM=TO");
    o.webhooks.redirects.emplace_back(v.substr(0, eq), v.substr(eq + 1));
  } else {
    return Flag::kUnknown;
  }
  return Flag::kApplied;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
  Options o;
  o.webhooks.time_factor = 1.0;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      continue;
    }
    if (flag == "--version") {
      o.version = true;
      continue;
    }
    if (i + 1 >= argc) {
      error = "unknown flag or missing value: " + flag;
      return std::nullopt;
    }
    const std::string v = argv[++i];
    Flag result = setup_flag(o, flag, v, error);
    if (result == Flag::kUnknown) result = behaviour_flag(o, flag, v, error);
    if (result == Flag::kUnknown) result = webhook_flag(o, flag, v, error);
    if (result == Flag::kRefused) return std::nullopt;
    if (result == Flag::kUnknown) {
      error = "unknown flag: " + flag + " (see --help)";
      return std::nullopt;
    }
  }
  if (o.apps.empty()) o.apps.push_back(default_app());
  for (auto& a : o.apps) {
    // A numeric service id derived from the key when none was given; stable across runs.
    if (a.service_id.empty())
      a.service_id = std::to_string(7000000000000000000ULL + Rng::hash(a.key) % 1000000000000ULL);
  }
  return o;
}

}  // namespace tts_sandbox
