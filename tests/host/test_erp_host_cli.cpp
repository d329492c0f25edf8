// erp-host end to end as a subprocess: help, list (text and --json), validate, config errors,
// every account command, secrets and the documented exit codes.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <sys/stat.h>

namespace fs = std::filesystem;
namespace json = boost::json;
using test_support::PluginDirs;
using test_support::ProcessResult;

namespace {
const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";

ProcessResult host(const std::vector<std::string>& args, const std::string& input = "",
                   const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{kHost};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = test_support::run_process(argv, input, env);
  INFO("erp-host stdout:\n" << r.out << "\nstderr:\n" << r.err);
  return r;
}

json::object parse_object(const std::string& out) {
  auto v = json::parse(out);
  REQUIRE(v.is_object());
  return v.as_object();
}

// Fixture plugins plus a host config with two accounts on two plugins and one broken account.
struct HostSetup {
  PluginDirs dirs;
  fs::path config;
  HostSetup(const std::string& accounts_json = "") {
    dirs.add("alpha");
    dirs.add("beta");
    config = dirs.root() / "host.json";
    test_support::write_file(
        config, R"({"data_dir":"data","default_account":"shop-us","secrets":{"store_key":"config-store-key-0001"},
          "accounts":)" +
                    (accounts_json.empty() ? std::string(R"([
            {"id":"shop-us","plugin":"alpha","config":{"region":"US","api_secret":"sk_live_SUPERSECRET"},
             "features":{"reports":true}},
            {"id":"shop-gb","plugin":"beta","config":{"region":"GB"}}])")
                                           : accounts_json) +
                    "}");
  }
  std::vector<std::string> base() const {
    return {"--manifests",  dirs.manifests().string(), "--plugins", dirs.plugins().string(), "--config",
            config.string()};
  }
  std::vector<std::string> with(std::vector<std::string> extra) const {
    auto args = base();
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
};
}  // namespace

TEST_CASE("erp-host --help documents commands and exit codes - each command has help") {
  auto r = host({"--help"});
  CHECK(r.code == 0);
  for (const char* text : {"list", "validate", "accounts", "invoke", "features", "tick", "run", "Exit codes:",
                           "1  a plugin call failed", "2  usage error", "3  config error", "4  plugin load/manifest"})
    CHECK(r.out.find(text) != std::string::npos);
  for (const char* cmd : {"list", "validate", "accounts", "invoke", "features", "tick", "run"}) {
    auto c = host({cmd, "--help"});
    CHECK(c.code == 0);
    CHECK(c.out.rfind(std::string("Usage: erp-host ") + cmd, 0) == 0);
    CHECK(host({"help", cmd}).out == c.out);
  }
  auto v = host({"--version"});
  CHECK(v.code == 0);
  CHECK(v.out.find("plugin ABI 1.1") != std::string::npos);
  CHECK(host({}).code == 2);
}

TEST_CASE("usage errors exit 2 with a message") {
  HostSetup s;
  auto r = host({"frobnicate"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(host({"list", "--colour"}).code == 2);
  CHECK(host({"accounts"}).err.find("accounts needs --config FILE") != std::string::npos);
  CHECK(host(s.with({"invoke", "shop-us", "echo.ping", "{not json"})).code == 2);
  CHECK(host(s.with({"invoke", "shop-us", "echo.ping", "[1]"})).err.find("request must be a JSON object") !=
        std::string::npos);
  r = host(s.with({"invoke", "shop-xx", "echo.ping"}));
  CHECK(r.code == 2);
  CHECK(r.err.find("no account shop-xx in host.json (accounts: shop-us, shop-gb)") != std::string::npos);
  CHECK(host(s.with({"features", "shop-us", "reports=maybe"})).code == 2);
  CHECK(host(s.with({"features", "shop-us", "nope=on"})).err.find("plugin alpha has no feature nope") !=
        std::string::npos);
  CHECK(host(s.with({"tick", "shop-us", "--now", "soon"})).code == 2);
  CHECK(host({"list", "--now", "5"}).code == 2);
}

TEST_CASE("list shows plugins with capabilities grouped by feature, and refusals") {
  HostSetup s;
  auto bad = s.dirs.manifest("beta.json");
  bad.at_pointer("/version") = "one";
  s.dirs.write_manifest("beta.json", bad);
  auto r = host({"list", "--manifests", s.dirs.manifests().string(), "--plugins", s.dirs.plugins().string()});
  CHECK(r.code == 0);
  CHECK(r.out.find("alpha 1.2.3  Alpha Fixture by Ocean Tests  [loaded, ABI 1.0, libfixture_alpha.so]") !=
        std::string::npos);
  CHECK(r.out.find("core (always on)                  echo.ping, secret.check") != std::string::npos);
  CHECK(r.out.find("reports (default off)             reports.daily") != std::string::npos);
  CHECK(r.out.find("labels (default on)               labels.print") != std::string::npos);
  CHECK(r.out.find("refused:\n  beta.json: /version: must match the pattern") != std::string::npos);

  r = host({"list", "--json", "--manifests", s.dirs.manifests().string(), "--plugins", s.dirs.plugins().string()});
  CHECK(r.code == 0);
  const auto o = parse_object(r.out);
  CHECK(o.at("ok") == true);
  CHECK(o.at("exit_code") == 0);
  const auto& plugins = o.at("plugins").as_array();
  REQUIRE(plugins.size() == 2);
  const auto& alpha = plugins[0].as_object();
  CHECK(alpha.at("id") == "alpha");
  CHECK(alpha.at("status") == "loaded");
  CHECK(alpha.at("negotiated_abi") == "1.0");
  CHECK(alpha.at("features").at_pointer("/0/id") == "reports");
  CHECK(alpha.at("features").at_pointer("/0/default") == false);
  CHECK(alpha.at("features").at_pointer("/1/capabilities/0") == "labels.print");
  const auto& beta = plugins[1].as_object();
  CHECK(beta.at("status") == "refused");
  CHECK(beta.at("problems").at(0).as_string().starts_with("beta.json: /version: must match the pattern"));
}

TEST_CASE("list exits 4 when nothing is usable - validate exits 4 on any bad manifest") {
  PluginDirs dirs;
  auto r = host({"list", "--manifests", dirs.manifests().string(), "--plugins", dirs.plugins().string()});
  CHECK(r.code == 4);
  CHECK(r.err.find("no usable plugin") != std::string::npos);

  dirs.add("alpha");
  r = host({"validate", "--manifests", dirs.manifests().string()});
  CHECK(r.code == 0);
  CHECK(r.out == "ok      alpha.json (alpha 1.2.3, ABI 1.0)\n");
  test_support::write_file(dirs.manifests() / "x.json", R"({"id":"x"})");
  r = host({"validate", "--json", "--manifests", dirs.manifests().string()});
  CHECK(r.code == 4);
  const auto o = parse_object(r.out);
  CHECK(o.at("exit_code") == 4);
  CHECK(o.at("plugins").at_pointer("/1/problems/0") == "x.json: /manifest_version: is required");
}

TEST_CASE("the shipped manifests pass validate and list finds the built stubs") {
  auto r = host({"validate"});
  CHECK(r.code == 0);
  for (const char* m : {"shopee.json", "tiktok_shop.json", "tokopedia.json"}) CHECK(r.out.find(m) != std::string::npos);
  r = host({"list", "--json"});
  const auto o = parse_object(r.out);
  for (const auto& p : o.at("plugins").as_array()) {
    const auto& po = p.as_object();
    if (!po.contains("id") || !fs::exists(fs::path(OCEAN_PLUGIN_DIR) / std::string(po.at("library").as_string())))
      continue;
    INFO(json::serialize(po));
    CHECK(po.at("status") == "loaded");
  }
}

TEST_CASE("config errors exit 3 and name the field") {
  HostSetup s;
  auto write = [&](const std::string& text) { test_support::write_file(s.config, text); };
  write(R"({"data_dir":"d","accounts":[{"id":"a","plugin":"alpha","config":{"region":"FR"}}]})");
  auto r = host(s.with({"accounts"}));
  CHECK(r.code == 3);
  CHECK(r.err.find("host.json: /accounts/0/config/region: must be one of US, GB") != std::string::npos);

  write(R"({"data_dir":"d","accounts":[{"id":"a","plugin":"alpha","config":{"region":"US","api_secret":"short"}}]})");
  r = host(s.with({"accounts"}));
  CHECK(r.code == 3);
  CHECK(r.err.find("/accounts/0/config/api_secret: must be at least 8 characters long") != std::string::npos);
  CHECK(r.err.find("\"short\"") == std::string::npos);  // the message never echoes the value

  write(R"({"data_dir":"d","accounts":[{"id":"a","plugin":"alpha","confg":{}}]})");
  r = host(s.with({"run"}));
  CHECK(r.code == 3);
  CHECK(r.err.find("/accounts/0/confg: is not an allowed property") != std::string::npos);

  write(R"({"data_dir":"d","default_account":"zz","accounts":[{"id":"a","plugin":"alpha"}]})");
  CHECK(host(s.with({"accounts"})).err.find("/default_account: no account zz") != std::string::npos);

  write(R"({"data_dir":"d","accounts":[{"id":"a","plugin":"alpha"},{"id":"a","plugin":"beta"}]})");
  CHECK(host(s.with({"accounts"})).err.find("/accounts/1/id: account a is already defined at /accounts/0") !=
        std::string::npos);

  write(R"({"data_dir":"d","accounts":[{"id":"a","plugin":"omega"}]})");
  r = host(s.with({"accounts", "--json"}));
  CHECK(r.code == 3);
  CHECK(parse_object(r.out).at("errors").at(0).as_string().ends_with(
      "/accounts/0/plugin: no plugin omega among the manifests in " + s.dirs.manifests().string()));

  write(
      R"({"data_dir":"d","accounts":[{"id":"a","plugin":"alpha","config":{"region":"US"},"features":{"ghost":true}}]})");
  CHECK(host(s.with({"accounts"})).err.find("/accounts/0/features/ghost: plugin alpha has no feature ghost") !=
        std::string::npos);

  write("{\"data_dir\": \"d\",\n \"accounts\": [}");
  r = host(s.with({"accounts"}));
  CHECK(r.code == 3);
  CHECK(r.err.find("host.json: not valid JSON: line 2") != std::string::npos);

  r = host({"accounts", "--config", (s.dirs.root() / "missing.json").string()});
  CHECK(r.code == 3);
  CHECK(r.err.find("missing.json: cannot read the file") != std::string::npos);
}

TEST_CASE("an account whose plugin is refused exits 4 - the other accounts still run") {
  HostSetup s;
  fs::remove(s.dirs.plugins() / "libfixture_beta.so");
  auto r = host(s.with({"run", "--json"}));
  CHECK(r.code == 4);
  const auto o = parse_object(r.out);
  CHECK(o.at("accounts").at_pointer("/0/state") == "started");
  CHECK(o.at("accounts").at_pointer("/0/final_state") == "stopped");
  CHECK(o.at("accounts").at_pointer("/1/state") == "refused");
  CHECK(o.at("accounts").at_pointer("/1/error/message").as_string().find("plugin beta is not usable") !=
        std::string::npos);
  CHECK(host(s.with({"invoke", "shop-gb", "echo.ping"})).code == 4);
}

TEST_CASE("accounts and run drive every account with its own data dir and features") {
  HostSetup s;
  auto r = host(s.with({"accounts", "--json"}));
  CHECK(r.code == 0);
  auto o = parse_object(r.out);
  const auto& accounts = o.at("accounts").as_array();
  REQUIRE(accounts.size() == 2);
  CHECK(accounts[0].at("state") == "configured");
  CHECK(accounts[0].at("features").at("reports") == true);
  CHECK(accounts[1].at("features").at("reports") == false);
  CHECK(accounts[1].at("data_dir").as_string() == (s.dirs.root() / "data" / "shop-gb").string());

  r = host(s.with({"run"}));
  CHECK(r.code == 0);
  CHECK(r.out.find("shop-us  plugin alpha  state started -> stopped") != std::string::npos);
  CHECK(r.out.find("shop-gb  plugin beta  state started -> stopped") != std::string::npos);
  CHECK(test_support::read_file(s.dirs.root() / "data/shop-us/started.txt") == "shop-us");
  CHECK(test_support::read_file(s.dirs.root() / "data/shop-gb/started.txt") == "shop-gb");
  struct stat st {};
  REQUIRE(stat((s.dirs.root() / "data/shop-us").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("features a plugin's own config switches are read back from the plugin - the host's override wins") {
  // The TikTok plugin takes a "features" object in its config; erp-host no longer re-derives that
  // rule but asks the plugin (ABI 1.1 get_feature) what it runs with.
  test_support::TempDir dir;
  const fs::path config = dir.path() / "host.json";
  test_support::write_file(config, R"({"data_dir":"data","accounts":[{"id":"tt","plugin":"tiktok_shop",
      "config":{"app_key":"k","app_secret":"s-0123456789","region":"US",
                "features":{"finance":true,"order_fulfillment":false,"promotions":false}},
      "features":{"promotions":true}}]})");
  auto r = host({"--config", config.string(), "accounts", "--json"});
  REQUIRE(r.code == 0);
  const json::object answer = parse_object(r.out);
  const auto& features = answer.at("accounts").as_array().at(0).at("features");
  CHECK(features.at("finance") == true);             // default off, on in the plugin's config
  CHECK(features.at("order_fulfillment") == false);  // default on, off in the plugin's config
  CHECK(features.at("promotions") == true);          // off in the plugin's config, on by the host
  CHECK(features.at("product_catalog") == true);     // the manifest's default
}

TEST_CASE("a plugin call failing exits 1 with the status name and message") {
  HostSetup s(R"([{"id":"shop-us","plugin":"alpha","config":{"region":"US","reject":true}}])");
  auto r = host(s.with({"accounts"}));
  CHECK(r.code == 1);
  CHECK(r.err.find("account shop-us: configure failed: INVALID_CONFIG: /reject: the fixture refuses this field") !=
        std::string::npos);
  HostSetup ok;
  r = host(ok.with({"invoke", "shop-gb", "reports.daily"}));
  CHECK(r.code == 1);
  CHECK(r.err.find("shop-gb: reports.daily failed: FEATURE_DISABLED: its feature is switched off") !=
        std::string::npos);
  r = host(ok.with({"invoke", "shop-gb", "orders.search", "--json"}));
  CHECK(r.code == 1);
  const auto o = parse_object(r.out);
  CHECK(o.at("result").at("status") == "UNSUPPORTED");
  CHECK(o.at("result").at("message") == "the fixture does not declare this capability");
}

TEST_CASE("invoke takes inline JSON, @file and stdin - the default account - events are reported") {
  HostSetup s;
  auto r = host(s.with({"invoke", "echo.ping", R"({"n":1})"}));
  CHECK(r.code == 0);
  CHECK(r.out ==
        "{\"schema\":\"echo.v1\",\"plugin\":\"alpha\",\"account\":\"shop-us\",\"request\":{\"n\":1}}\n"
        "event [shop-us] {\"schema\":\"event.v1\",\"type\":\"fixture.pinged\"}\n");

  test_support::write_file(s.dirs.root() / "req.json", R"({"from":"file"})");
  r = host(s.with({"invoke", "shop-gb", "echo.ping", "@" + (s.dirs.root() / "req.json").string(), "--json"}));
  CHECK(r.code == 0);
  auto o = parse_object(r.out);
  CHECK(o.at("account") == "shop-gb");
  CHECK(o.at("response").at("request").at("from") == "file");
  CHECK(o.at("events").at_pointer("/0/account") == "shop-gb");
  CHECK(o.at("events").at_pointer("/0/event/type") == "fixture.pinged");

  r = host(s.with({"invoke", "-", "echo.ping", "-", "--json"}), R"({"from":"stdin"})");
  CHECK(r.code == 0);
  o = parse_object(r.out);
  CHECK(o.at("account") == "shop-us");
  CHECK(o.at("response").at("request").at("from") == "stdin");
}

TEST_CASE("features switches apply and are reported") {
  HostSetup s;
  auto r = host(s.with({"features", "shop-gb", "reports=on", "labels=off", "--json"}));
  CHECK(r.code == 0);
  const auto o = parse_object(r.out);
  CHECK(o.at("account").at("features").at("reports") == true);
  CHECK(o.at("account").at("features").at("labels") == false);
  r = host(s.with({"features", "shop-us"}));
  CHECK(r.out.find("features: labels=on reports=on") != std::string::npos);
}

TEST_CASE("tick passes --now and reports the events") {
  HostSetup s;
  auto r = host(s.with({"tick", "shop-gb", "--now", "1700000000123", "--json"}));
  CHECK(r.code == 0);
  const auto o = parse_object(r.out);
  CHECK(o.at("result").at("status") == "OK");
  CHECK(o.at("events").at_pointer("/0/event/now_ms") == 1700000000123);
  r = host(s.with({"tick", "--now", "5"}));
  CHECK(r.out ==
        "shop-us: tick at 5: OK\nevent [shop-us] {\"schema\":\"event.v1\",\"type\":\"fixture.tick\",\"now_ms\":5}\n");
}

TEST_CASE("secrets: environment over secrets file over config - files readable by others are refused") {
  HostSetup s;
  auto length = [&](const ProcessResult& r) { return parse_object(r.out).at("response").at("length").as_int64(); };
  auto r = host(s.with({"invoke", "secret.check", "--json"}));
  CHECK(length(r) == 21);  // "config-store-key-0001"

  const auto file = s.dirs.root() / "secrets.json";
  test_support::write_file(file, R"({"store_key":"file-key-0123456789abcdef"})");
  chmod(file.c_str(), 0644);
  r = host(s.with({"invoke", "secret.check", "--secrets", file.string()}));
  CHECK(r.code == 3);
  CHECK(r.err.find("is readable by other users") != std::string::npos);
  CHECK(r.err.find("file-key") == std::string::npos);
  chmod(file.c_str(), 0600);
  r = host(s.with({"invoke", "secret.check", "--json", "--secrets", file.string()}));
  CHECK(length(r) == 25);
  r = host(s.with({"invoke", "secret.check", "--json", "--secrets", file.string()}), "",
           {"OCEAN_SECRET_STORE_KEY=env-key"});
  CHECK(length(r) == 7);

  test_support::write_file(file, R"({"store_key":5})");
  r = host(s.with({"invoke", "secret.check", "--secrets", file.string()}));
  CHECK(r.code == 3);
  CHECK(r.err.find("/store_key: must be a string") != std::string::npos);
}

TEST_CASE("x-secret config values and secrets never reach the output or logs") {
  HostSetup s;
  // -v shows the fixture's careless debug line that contains the raw config.
  auto r = host(s.with({"run", "-v"}));
  CHECK(r.code == 0);
  CHECK(r.err.find("configured with") != std::string::npos);
  CHECK(r.err.find("\"api_secret\":\"***\"") != std::string::npos);
  CHECK(r.err.find("SUPERSECRET") == std::string::npos);
  CHECK(r.out.find("SUPERSECRET") == std::string::npos);
  r = host(s.with({"accounts", "--json"}));
  CHECK(r.out.find("SUPERSECRET") == std::string::npos);
  CHECK(r.out.find("config-store-key") == std::string::npos);
}
