// The cluster end to end with the TikTok Shop plugin on PostgreSQL (issue 16, item 5): three
// erp-host serve nodes, twelve shops of tts-sandbox. While the first syncs run, one node is killed
// (kill -9) and another paused (SIGSTOP) past its lease; the survivor takes every account over and
// finishes the interrupted syncs, the paused node's commits are refused by the fence once it
// wakes (SIGCONT), and every mirror ends equal to the sandbox's truth: no order lost or doubled.
#include <catch2/catch.hpp>

#include "tiktok_cluster.hpp"

#include <signal.h>

using namespace cluster_test;

namespace {
// "progress [shop-3] ..." (or a sync event) on the node's stdout: it is inside a sync.
bool syncing(ClusterEnv& env, const std::string& node) {
  const std::string out = env.node(node).stdout_text();
  return out.find("progress [") != std::string::npos || out.find("sync.progress") != std::string::npos;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE(
    "three nodes and twelve shops: kill -9 and SIGSTOP during the syncs end with every mirror equal to the truth") {
  TikTokCluster tc(12, 30, 150, 6, 2);
  ClusterEnv& env = *tc.env;
  ocean::pg::Connection db(env.conninfo);
  const std::string n1_url = env.start("n1").wait_listening();
  env.start("n2").wait_listening();
  env.start("n3").wait_listening();
  tc.webhooks_to(n1_url);  // any node takes any account's webhooks; n1 survives

  // Strike while n2 and n3 are inside their first syncs.
  REQUIRE(eventually(60, [&] { return syncing(env, "n2") && syncing(env, "n3"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  REQUIRE(kill(env.node("n2").pid(), SIGKILL) == 0);
  REQUIRE(kill(env.node("n3").pid(), SIGSTOP) == 0);
  const auto struck_at = std::chrono::steady_clock::now();

  // n1 alone owns every account within the lease (+ a renewal), and new orders arrive meanwhile.
  REQUIRE(eventually(30, [&] { return env.shares() == std::map<std::string, int>{{"n1", 12}}; }));
  WARN(
      "n1 owned all 12 accounts " << std::chrono::duration<double>(std::chrono::steady_clock::now() - struck_at).count()
                                  << " s after the kill and the pause");
  for (const auto& [account, shop] : tc.accounts)
    tc.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop}, {"count", 2}});

  // The paused node wakes: what it was writing is refused by the fence, and it says so.
  REQUIRE(kill(env.node("n3").pid(), SIGCONT) == 0);
  REQUIRE(eventually(60, [&] { return env.node("n3").stderr_text().find("fenced") != std::string::npos; }));

  // Every mirror equal to the truth within a minute: nothing lost, nothing doubled.
  std::string why;
  const bool equal = eventually(90, [&] {
    why.clear();
    return tc.differing(db, why).empty();
  });
  INFO(why);
  CHECK(equal);
  WARN("mirrors equal to the truth "
       << std::chrono::duration<double>(std::chrono::steady_clock::now() - struck_at).count()
       << " s after the kill and the pause");
  const std::string n3_log = env.node("n3").stderr_text();
  CHECK(count_of(n3_log, "[cluster] lost ") >= 1);
  INFO(n3_log.substr(n3_log.size() > 4000 ? n3_log.size() - 4000 : 0));
  CHECK(count_of(n3_log, "fenced") >= 1);
  CHECK(env.node("n1").stop() == 0);
  CHECK(env.node("n3").stop() == 0);
}
