// An account config field the manifest marks secret may hold {"secret": NAME}: erp-host resolves
// it from the environment or the --secrets FILE when it binds the account, masks the value in
// logs, and refuses a missing secret, a malformed reference or one on a field that is not secret,
// each naming the field (exit 3) and never printing a value.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using test_support::PluginDirs;
using test_support::ProcessResult;

namespace {
const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";
const std::string kSecret = "sk_live_REFERENCED_0123";

// The alpha fixture plugin logs its raw config at debug level (-v): the resolved value reaches it.
struct RefSetup {
  PluginDirs dirs;
  fs::path config;
  explicit RefSetup(const std::string& api_secret_json, const std::string& extra = "") {
    dirs.add("alpha");
    config = dirs.root() / "host.json";
    test_support::write_file(config, R"({"data_dir":"data","secrets":{"store_key":"config-store-key-0001"},
        "accounts":[{"id":"shop-us","plugin":"alpha","config":{"region":"US","api_secret":)" +
                                         api_secret_json + extra + "}}]}");
  }
  ProcessResult run(std::vector<std::string> extra, const std::vector<std::string>& env = {}) const {
    std::vector<std::string> argv{kHost,          "--manifests",           dirs.manifests().string(),
                                  "--plugins",    dirs.plugins().string(), "--config",
                                  config.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = test_support::run_process(argv, "", env);
    INFO("erp-host stdout:\n" << r.out << "\nstderr:\n" << r.err);
    return r;
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("secret reference - resolved from the environment, masked in the logs") {
  RefSetup s(R"({"secret":"alpha_api"})");
  const auto r = s.run({"run", "-v"}, {"OCEAN_SECRET_ALPHA_API=" + kSecret});
  CHECK(r.code == 0);
  CHECK(has(r.err, "configured with"));
  CHECK(has(r.err, "\"api_secret\":\"***\""));  // the plugin got a string, not the reference
  CHECK_FALSE(has(r.err + r.out, kSecret));
}

TEST_CASE("secret reference - resolved from the --secrets file") {
  RefSetup s(R"({"secret":"alpha_api"})");
  const fs::path file = s.dirs.root() / "secrets.json";
  test_support::write_file(file, R"({"alpha_api":")" + kSecret + "\"}");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  const auto r = s.run({"--secrets", file.string(), "run", "-v"});
  CHECK(r.code == 0);
  CHECK(has(r.err, "\"api_secret\":\"***\""));
  CHECK_FALSE(has(r.err + r.out, kSecret));
}

TEST_CASE("secret reference - a missing secret exits 3 naming the field, the secret and the fix") {
  RefSetup s(R"({"secret":"alpha_api"})");
  const auto r = s.run({"run"});
  CHECK(r.code == 3);
  CHECK(has(r.err, "/accounts/0/config/api_secret"));
  CHECK(has(r.err, "'alpha_api'"));
  CHECK(has(r.err, "OCEAN_SECRET_ALPHA_API"));
  CHECK(has(r.err, "--secrets FILE"));
}

TEST_CASE("secret reference - on a field the manifest does not mark secret it is refused naming the field") {
  RefSetup s(R"("sk_live_plain_0123")", R"(,"note":{"secret":"alpha_api"})");
  const auto r = s.run({"run"}, {"OCEAN_SECRET_ALPHA_API=" + kSecret});
  CHECK(r.code == 3);
  CHECK(has(r.err, "/accounts/0/config/note: only fields the plugin manifest marks secret"));
  CHECK_FALSE(has(r.err + r.out, kSecret));
}

TEST_CASE("secret reference - malformed references are refused naming the field") {
  for (const char* ref :
       {R"({"secret":5})", R"({"secret":"alpha_api","from":"env"})", R"({"secret":"bad-name"})", R"({"secret":""})"}) {
    RefSetup s(ref);
    const auto r = s.run({"run"}, {"OCEAN_SECRET_ALPHA_API=" + kSecret});
    INFO(ref);
    CHECK(r.code == 3);
    CHECK(has(r.err, "/accounts/0/config/api_secret: a secret reference is {\"secret\": \"NAME\"}"));
  }
  RefSetup extra(R"({"secret":"alpha_api","from":"env"})");
  CHECK(has(extra.run({"run"}).err, "unknown member 'from'"));
}
