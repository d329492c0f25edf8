// Errors that say the fix (issue 17): a missing store key names OCEAN_SECRET_STORE_KEY and
// --secrets; a switched-off feature names the switch that turns it on; a value refused by a schema
// pattern is described, never shown as a regular expression; an unknown command, option, account
// or capability gets a "did you mean". erp-host runs as a child process with the TikTok Shop plugin.
#include <catch2/catch.hpp>

#include "service_env.hpp"

using namespace service_test;

TEST_CASE("an unknown command, option, account or capability gets a did you mean") {
  ServiceEnv env;
  Run r = env.host({"acounts"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown command 'acounts' (did you mean 'accounts'?)") != std::string::npos);
  r = env.host({"--verbse", "list"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown option --verbse (did you mean '--verbose'?)") != std::string::npos);
  r = env.host({"invoke", "tts-su", "account.status"});
  CHECK(r.code == 2);
  CHECK(r.err.find("no account tts-su in host.json (did you mean 'tts-us'?)") != std::string::npos);
  r = env.host({"invoke", "tts-us", "orders.serch"});
  CHECK(r.code == 1);
  CHECK(r.err.find("UNSUPPORTED") != std::string::npos);
  CHECK(r.err.find("plugin tiktok_shop has no capability 'orders.serch' (did you mean 'orders.search'?)") !=
        std::string::npos);
  r = env.host({"invoke", "tts-us", "integration_log.search", R"({"actoin":"sync.run"})"});
  CHECK(r.code == 1);
  CHECK(r.err.find("did you mean 'action'") != std::string::npos);
}

TEST_CASE("a switched-off feature names the switch that turns it on") {
  ServiceEnv env;
  const Run r = env.host({"invoke", "tts-us", "finance.statements.search"});
  CHECK(r.code == 1);
  INFO(r.err);
  CHECK(r.err.find("FEATURE_DISABLED") != std::string::npos);
  CHECK(r.err.find("features.finance = true in the account's configuration") != std::string::npos);  // the plugin
  CHECK(r.err.find("\"features\": {\"finance\": true} in account tts-us of the host config") !=
        std::string::npos);  // the host
}

TEST_CASE("a missing store key names OCEAN_SECRET_STORE_KEY and --secrets") {
  ServiceEnv env({}, false);
  unsetenv("OCEAN_SECRET_STORE_KEY");
  const Run r = env.host({"invoke", "tts-us", "account.status"});
  CHECK(r.code == 1);
  INFO(r.err);
  CHECK(r.err.find("store_key") != std::string::npos);
  CHECK(r.err.find("set OCEAN_SECRET_STORE_KEY in the environment or pass --secrets FILE") != std::string::npos);
}

TEST_CASE("a value refused by a schema pattern is described, not shown as a regular expression") {
  ServiceEnv env;
  std::ofstream(env.config) << R"({"data_dir":"d","accounts":[{"id":"../x","plugin":"tiktok_shop"}]})";
  Run r = env.host({"accounts"});
  CHECK(r.code == 3);
  INFO(r.err);
  CHECK(r.err.find("/accounts/0/id: is not in the expected format: Letters, digits") != std::string::npos);
  CHECK(r.err.find("e.g. \"shop-us\"") != std::string::npos);
  CHECK(r.err.find("^[") == std::string::npos);
  CHECK(r.err.find("]{0,63}$") == std::string::npos);
  // The plugin's own config: the webhook URL's pattern is described as well.
  std::ofstream(env.config) << R"({"data_dir":"d","accounts":[{"id":"a","plugin":"tiktok_shop","config":)"
                               R"({"app_key":"k","app_secret":"s","region":"US","service_id":"12x"}}]})";
  r = env.host({"accounts"});
  CHECK(r.code == 3);
  CHECK(r.err.find("service_id") != std::string::npos);
  CHECK(r.err.find("^[") == std::string::npos);
  // The retention setting is checked and named.
  std::ofstream(env.config)
      << R"({"data_dir":"d","accounts":[{"id":"a","plugin":"tiktok_shop","config":)"
         R"({"app_key":"k","app_secret":"s","region":"US","integration_log_retention_days":0}}]})";
  r = env.host({"accounts"});
  CHECK(r.code == 3);
  CHECK(r.err.find("integration_log_retention_days") != std::string::npos);
}
