// Knobs that the command line sets and the admin surface changes at run time.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tts_sandbox {

struct RateLimit {
  double per_second = 50.0;  // the documented default: 50 QPS per API per (app, shop)
  double burst = 50.0;       // bucket capacity
};

struct Faults {
  double fault_5xx = 0.0;         // fraction of open-API calls answered 500/503 with 36009003
  int latency_ms = 0;             // added to every open-API and auth answer
  double drop_connections = 0.0;  // fraction of calls whose connection is closed without an answer
  // The next `corrupt_answers` successful open-API answers (to `corrupt_path`, or to any path when
  // it is empty) are broken as `corrupt_mode` says (corrupt_answer.hpp), so clients can be tested
  // on what a proxy or a server bug might hand them.
  int corrupt_answers = 0;
  int corrupt_skip = 0;  // matching answers let through untouched first (to break page 3, skip 2)
  std::string corrupt_mode = "not_json";
  std::string corrupt_path;
};

struct WebhookKnobs {
  double time_factor = 1.0;  // retry delays (+2 min, +30 min, +3 h, +12 h) are multiplied by this
  double drop = 0.0;         // fraction of deliveries silently lost
  double duplicate = 0.0;    // fraction delivered twice
  double reorder = 0.0;      // fraction held back so a later one overtakes them
  // Prefix rewrites standing in for DNS in tests: "https://erp.example.com" -> "http://127.0.0.1:PORT".
  std::vector<std::pair<std::string, std::string>> redirects;
};

struct Settings {
  RateLimit rate_limit;
  Faults faults;
  std::int64_t access_token_ttl = 7 * 24 * 3600;  // seconds; the real default is 7 days
  std::int64_t refresh_token_ttl = 365 * 24 * 3600;
};

// Parses "50/s", "600/min" or "10/m". Returns false on anything else.
bool parse_rate_limit(const std::string& text, RateLimit& out);

}  // namespace tts_sandbox
