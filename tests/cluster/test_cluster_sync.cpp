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

// The lines of `log` about `account` (the last `max` of them), to say why a mirror lags.
std::string lines_about(const std::string& log, const std::string& account, std::size_t max = 12) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < log.size();) {
    const std::size_t nl = log.find('\n', start);
    const std::string line = log.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (line.find("[" + account + "]") != std::string::npos) lines.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  std::string out;
  for (std::size_t i = lines.size() > max ? lines.size() - max : 0; i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
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

  // Strike while n2 and n3 are inside their first syncs (each ticks its accounts one after another).
  REQUIRE(eventually(60, [&] { return syncing(env, "n2"); }));
  // Killed and reaped: the plugin's own per-account sync lease is taken over at once only from a
  // process of this machine that no longer exists (a zombie still does); see RUN_SEVERAL_HOSTS.md.
  const auto owners_at_kill = env.owners();
  REQUIRE(env.node("n2").stop(SIGKILL) == 128 + SIGKILL);
  // n2 died in the middle of its first syncs: some of its accounts were not complete.
  std::size_t unfinished = 0, n2_accounts = 0;
  for (const auto& [account, owner] : owners_at_kill)
    if (owner == "n2" && ++n2_accounts && tc.mirror_orders(db, account).size() < 30) ++unfinished;
  CHECK(unfinished >= 1);
  WARN(unfinished << " of n2's " << n2_accounts << " accounts were not yet synced when it was killed");

  REQUIRE(eventually(60, [&] { return syncing(env, "n3"); }));
  // Paused while waiting for an API answer (slowed down for the moment), so it wakes with a page to
  // commit under a lease it no longer holds.
  tc.admin("POST", "/_sandbox/settings", json::object{{"latency_ms", 2000}});
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  REQUIRE(kill(env.node("n3").pid(), SIGSTOP) == 0);
  tc.admin("POST", "/_sandbox/settings", json::object{{"latency_ms", 150}});
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
  const std::string lagging = why.substr(0, why.find(':'));
  INFO("n1 about " << lagging << ":\n" << lines_about(env.node("n1").stderr_text(), lagging));
  INFO("n3 about " << lagging << ":\n" << lines_about(env.node("n3").stderr_text(), lagging));
  CHECK(equal);
  WARN("mirrors equal to the truth "
       << std::chrono::duration<double>(std::chrono::steady_clock::now() - struck_at).count()
       << " s after the kill and the pause");
  // Reads come from the shared store on any machine: a one-shot erp-host (no lease) reads an order
  // another node synced.
  const auto [first_account, first_shop] = tc.accounts.front();
  const json::object truth = tc.admin("GET", "/_sandbox/truth?shop_id=" + first_shop);
  const std::string order_id(truth.at("orders").at(0).at("id").as_string());
  const Run read = env.host({"--json", "invoke", first_account, "orders.get", R"({"id":")" + order_id + R"("})"});
  INFO(read.out << read.err);
  CHECK(read.code == 0);
  CHECK(read.out.find(order_id) != std::string::npos);

  const std::string n3_log = env.node("n3").stderr_text();
  CHECK(count_of(n3_log, "[cluster] lost ") >= 1);
  INFO(n3_log.substr(n3_log.size() > 4000 ? n3_log.size() - 4000 : 0));
  CHECK(count_of(n3_log, "fenced") >= 1);
  CHECK(env.node("n1").stop() == 0);
  CHECK(env.node("n3").stop() == 0);
}
