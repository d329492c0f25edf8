// The plugin writes nothing outside the directories the host gave it (issue 10, item 5): two
// accounts with their data dirs side by side and the module data dir next to them, all under one
// parent; after connecting, syncing and planning LIVE sessions on both, every file under the parent
// is inside one of the three given directories, and the shared LIVE calendar is in the module dir
// (it used to be written into the parent, assuming erp-host's folder layout).
#include <filesystem>
#include <set>
#include <string>

#include "abi_account.hpp"

using namespace tiktok_abi;

namespace {

std::set<fs::path> files_under(const fs::path& root) {
  std::set<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (!e.is_directory()) out.insert(e.path());
  return out;
}

bool inside(const fs::path& file, const fs::path& dir) {
  const auto rel = file.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

json::array featured_products(const json::object& truth) {
  json::array out;
  for (const auto& p : truth.at("products").as_array())
    if (p.at("status") == "ACTIVATE" && out.size() < 2)
      out.push_back(json::object{{"product_id", p.at("id")}, {"session_price", "0.01"}});
  return out;
}

}  // namespace

TEST_CASE("the plugin writes only inside the account and module data dirs the host gave it") {
  ocean::testing::SandboxProcess sb({"--app", sandbox_app(), "--shops", "1", "--orders", "30", "--products", "6"});
  ocean::testing::HttpClient http(sb.ca_file());
  const auto shop = admin(http, sb, "GET", "/_sandbox/shops").as_object().at("shops").as_array().at(0).as_object();
  const std::string region(shop.at("region").as_string());
  const json::object truth =
      admin(http, sb, "GET", "/_sandbox/truth?shop_id=" + std::string(shop.at("id").as_string())).as_object();

  const fs::path parent = Host::fresh_dir();
  struct Remove {
    fs::path dir;
    ~Remove() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } remove_parent{parent};
  const fs::path module_dir = parent / "module", dir_a = parent / "acct-a", dir_b = parent / "acct-b";
  Host module_host(module_dir);
  Host host_a(dir_a), host_b(dir_b);
  {
    Plugin plugin(module_host.table());
    ocean_instance* a = connected(plugin, host_a, sb, http, region, "acct-a");
    ocean_instance* b = connected(plugin, host_b, sb, http, region, "acct-b");
    for (ocean_instance* i : {a, b}) REQUIRE(plugin.api().set_feature(i, "live_shopping", 13, 1) == OCEAN_OK);
    REQUIRE(plugin.invoke(a, "sync.run", json::object{}).first == OCEAN_OK);
    const std::int64_t t0 = admin(http, sb, "GET", "/_sandbox/clock").at("now").as_int64();
    const json::object window{{"title", "Spring LIVE"},
                              {"start_time", t0 + 1800},
                              {"end_time", t0 + 5400},
                              {"products", featured_products(truth)},
                              {"flash_sale", false}};
    const auto planned = plugin.invoke(a, "live.sessions.plan", window);
    INFO(planned.second);
    REQUIRE(planned.first == OCEAN_OK);
    // The other account sees that window through the shared calendar.
    json::object clash = window;
    clash["title"] = "Other";
    const auto refused = plugin.invoke(b, "live.sessions.plan", clash);
    CHECK(refused.first == OCEAN_INVALID_STATE);
    CHECK(refused.second.find("acct-a") != std::string::npos);
    plugin.api().destroy(a);
    plugin.api().destroy(b);
  }

  const auto files = files_under(parent);
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    INFO(f.string());
    CHECK((inside(f, module_dir) || inside(f, dir_a) || inside(f, dir_b)));
  }
  CHECK(fs::exists(module_dir / "tiktok_shop_live_calendar.db"));
}
