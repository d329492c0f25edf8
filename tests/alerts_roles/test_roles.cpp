// Issue 19, item 1: team roles. The manifest's roles name only capabilities of the capability
// table; erp-host holds a caller that names itself (--operator) to its role on the account.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <set>

#include "capability/router.hpp"
#include "manifest.hpp"
#include "manifest/manifest_data.hpp"
#include "run_cmd.hpp"
#include "test_dirs.hpp"

namespace json = boost::json;
using alerts_test::quoted;
using alerts_test::Ran;

namespace {

json::value manifest_json() { return json::parse(ocean::tiktok::manifest::kManifestJson); }

struct HostScene {
  TempDir dir{"roles"};
  std::filesystem::path config = dir.path() / "host.json";

  explicit HostScene(const json::object& operators) { write(operators); }
  void write(const json::object& operators) {
    const json::object account_config{{"app_key", "roles-app"},
                                      {"app_secret", "roles-secret-0123456789"},
                                      {"region", "GB"},
                                      {"features", json::object{{"affiliate_program", true}}}};
    const json::object host{
        {"data_dir", "data"},
        {"secrets", json::object{{"store_key", "roles-store-key-0123456789"}}},
        {"accounts",
         json::array{json::object{
             {"id", "shop"}, {"plugin", "tiktok_shop"}, {"config", account_config}, {"operators", operators}}}}};
    std::ofstream(config) << json::serialize(host);
  }
  Ran host(const std::string& args) {
    return alerts_test::run_in(dir.path(), quoted(std::string(OCEAN_BIN_DIR) + "/erp-host") + " --plugins " +
                                               quoted(OCEAN_PLUGIN_DIR) + " --config host.json " + args);
  }
};

const json::object kTeam{{"olga", "owner"},
                         {"otto", "operations"},
                         {"cora", "content_manager"},
                         {"cara", "creator_partner"},
                         {"fin", "finance"}};

}  // namespace

TEST_CASE("roles: every capability and feature a manifest role names exists in the capability table") {
  std::set<std::string> features;
  for (const auto& c : ocean::tiktok::capability::capability_table()) features.insert(std::string(c.feature));
  const json::value m = manifest_json();
  std::set<std::string> ids;
  for (const auto& rv : m.at("roles").as_array()) {
    const auto& r = rv.as_object();
    ids.insert(std::string(r.at("id").as_string()));
    if (const auto* caps = r.if_contains("capabilities"))
      for (const auto& c : caps->as_array()) {
        INFO("role " << r.at("id").as_string() << " capability " << c.as_string());
        CHECK(ocean::tiktok::capability::find_capability(std::string(c.as_string())) != nullptr);
      }
    if (const auto* fs = r.if_contains("features"))
      for (const auto& f : fs->as_array()) {
        INFO("role " << r.at("id").as_string() << " feature " << f.as_string());
        CHECK(features.count(std::string(f.as_string())) == 1);
      }
  }
  CHECK(ids == std::set<std::string>{"owner", "operations", "content_manager", "creator_partner", "finance"});
}

TEST_CASE("roles: the Creator Partner role reads affiliate and creator data only") {
  const json::value m = manifest_json();
  for (const auto& rv : m.at("roles").as_array()) {
    if (rv.at("id") != "creator_partner") continue;
    CHECK_FALSE(rv.as_object().contains("features"));
    for (const auto& c : rv.at("capabilities").as_array()) {
      const std::string id(c.as_string());
      INFO(id);
      const bool affiliate_read =
          id.rfind("affiliate.", 0) == 0 && (id.ends_with(".search") || id.ends_with(".summary"));
      CHECK((affiliate_read || id.rfind("analytics.", 0) == 0));
    }
  }
}

TEST_CASE("roles: erp-host refuses a manifest whose role names a capability it does not declare") {
  json::value m = manifest_json();
  auto& roles = m.as_object()["roles"].as_array();
  roles[3].as_object()["capabilities"].as_array().push_back("affiliate.creators.delete");
  roles[1].as_object()["features"].as_array().push_back("teleport");
  const auto read = erp_host::check_manifest("tiktok_shop.json", m);
  CHECK_FALSE(read.ok);
  std::string all;
  for (const auto& p : read.problems) all += p + "\n";
  CHECK(all.find("/roles/3/capabilities/5: role creator_partner names capability affiliate.creators.delete") !=
        std::string::npos);
  CHECK(all.find("/roles/1/features/4: role operations names feature teleport") != std::string::npos);
  // The real manifest passes.
  CHECK(erp_host::check_manifest("tiktok_shop.json", manifest_json()).ok);
}

TEST_CASE("roles: a Creator Partner operator cannot run products.create and can run affiliate.creators.summary") {
  HostScene s(kTeam);
  const Ran denied = s.host("--operator cara invoke shop products.create '{}'");
  INFO(denied.err);
  CHECK(denied.exit_code == 5);
  CHECK(denied.err.find("operator cara (role creator_partner, Creator Partner) may not run products.create on "
                        "account shop") != std::string::npos);

  const Ran allowed = s.host("--operator cara invoke shop affiliate.creators.summary '{}'");
  INFO(allowed.out << allowed.err);
  CHECK(allowed.exit_code == 0);
  CHECK(allowed.out.find("\"count\"") != std::string::npos);

  // Other roles, each held to its own list.
  CHECK(s.host("--operator cora invoke shop finance.statements.search '{}'").exit_code == 5);
  CHECK(s.host("--operator fin invoke shop products.update '{}'").exit_code == 5);
  CHECK(s.host("--operator otto invoke shop affiliate.creators.summary '{}'").exit_code == 5);
  CHECK(s.host("--operator olga invoke shop affiliate.creators.summary '{}'").exit_code == 0);
  // Without --operator the host acts as itself (no role check), as before.
  CHECK(s.host("invoke shop affiliate.creators.summary '{}'").exit_code == 0);
}

TEST_CASE("roles: an unknown operator, an unknown role and a non-admin switching features are refused by name") {
  HostScene s(kTeam);
  const Ran stranger = s.host("--operator mallory invoke shop account.status");
  CHECK(stranger.exit_code == 5);
  CHECK(stranger.err.find("operator mallory has no role on account shop") != std::string::npos);

  const Ran features = s.host("--operator cara features shop promotions=on");
  CHECK(features.exit_code == 5);
  CHECK(features.err.find("may not switch features") != std::string::npos);
  CHECK(s.host("--operator olga features shop promotions=on").exit_code == 0);

  const Ran tick = s.host("--operator olga tick shop");
  CHECK(tick.exit_code == 2);
  CHECK(tick.err.find("--operator only applies to the invoke and features commands") != std::string::npos);

  s.write(json::object{{"ivan", "intern"}});
  const Ran role = s.host("--operator ivan invoke shop account.status");
  CHECK(role.exit_code == 3);
  CHECK(role.err.find("/accounts/0/operators/ivan: role intern is not a role of plugin tiktok_shop") !=
        std::string::npos);

  s.write(json::object{{"bad name", "owner"}});
  const Ran name = s.host("invoke shop account.status");
  CHECK(name.exit_code == 3);
  CHECK(name.err.find("operator name 'bad name'") != std::string::npos);
}
