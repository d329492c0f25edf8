// account.disconnect names the shop it ends: DELETE /authorization/202403/shops carries the
// account's shop_cipher, which the official SDK marks required (issue 13). The sandbox's request
// log shows which shop a call named, so the test reads it there.
#include <string>

#include "abi_account.hpp"

using namespace tiktok_abi;

TEST_CASE("account.disconnect sends the shop's cipher to DELETE /authorization/202403/shops") {
  ocean::testing::SandboxProcess sb({"--app", sandbox_app(), "--shops", "1", "--orders", "5", "--products", "2"});
  ocean::testing::HttpClient http(sb.ca_file());
  const auto shop = admin(http, sb, "GET", "/_sandbox/shops").as_object().at("shops").as_array().at(0).as_object();
  Plugin plugin;
  Host host;
  ocean_instance* inst = connected(plugin, host, sb, http, std::string(shop.at("region").as_string()));

  const auto [status, answer] = plugin.invoke(inst, "account.disconnect", json::object{});
  INFO(answer);
  REQUIRE(status == OCEAN_OK);
  CHECK(json::parse(answer).at("remote").at("ok") == true);

  int deletes = 0;
  const json::value log = admin(http, sb, "GET", "/_sandbox/requests");
  for (const auto& entry : log.at("requests").as_array()) {
    const auto& e = entry.as_object();
    if (e.at("path") != "/authorization/202403/shops") continue;
    ++deletes;
    CHECK(e.at("method") == "DELETE");
    CHECK(e.at("code") == 0);
    CHECK(e.at("shop_id") == shop.at("id"));  // resolved from the shop_cipher the plugin sent
  }
  CHECK(deletes == 1);
  plugin.api().destroy(inst);
}
