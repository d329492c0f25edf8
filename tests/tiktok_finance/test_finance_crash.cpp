// kill -9 during a finance sync, then resume: the mirror equals the truth, nothing lost or doubled.
// The sync runs in a child process (tiktok_finance_child: the plugin through its C ABI on the same
// data directory) that is SIGKILLed a random moment after it has committed a page of its own (so
// inside the run, also mid-transaction, on any machine speed); the parent's own instance resumes.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "finance_env.hpp"

using namespace finance_test;

namespace {

using Clock = std::chrono::steady_clock;

// Runs the child; once it has committed at least one page of transactions of its own (the cursor
// moved), waits 0-`jitter_ms` more and SIGKILLs it, so the kill lands inside the run however fast or
// slow the machine is (also under sanitizers). True when it died by the kill.
bool run_child(FinanceEnv& env, FinanceEnv::Account& a, std::mt19937& rng, int jitter_ms) {
  const std::string config = json::serialize(env.config(a.region, true));
  const std::vector<std::string> args{FINANCE_CHILD_PATH, a.data_dir, config, "fin-store-key-0123456789"};
  ocean::tiktok::finance::FinanceStore fs(env.db_path(a));
  const auto before = fs.cursor("transactions");
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& s : args) argv.push_back(const_cast<char*>(s.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {  // finished before any kill
      CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
      return false;
    }
    const auto c = fs.cursor("transactions");
    if (c.run_pages != before.run_pages || c.run_json != before.run_json) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, jitter_ms)(rng)));
  ::kill(pid, SIGKILL);
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) CHECK(WEXITSTATUS(status) == 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("finance sync killed at random moments (also mid-transaction) resumes to exactly the truth") {
  // Many statements of many transactions, and a slow API, so every kill lands inside a long run.
  FinanceEnv env(1, 6000, {"--latency-ms", "20"});
  auto& a = env.account("fin-crash");
  std::mt19937 rng(std::random_device{}());
  int kills = 0, interrupted = 0;
  for (int round = 0; round < 6; ++round) {
    if (run_child(env, a, rng, round * 60)) ++kills;
    // A run left half-done: statements whose transactions are still to read, or a cursor that still
    // names its run (both resumed below).
    ocean::tiktok::finance::FinanceStore fs(env.db_path(a));
    bool open = !fs.statements_without_transactions().empty();
    for (const char* kind : {"statements", "payments", "withdrawals", "transactions"})
      open = open || !fs.cursor(kind).run_json.empty();
    interrupted += open ? 1 : 0;
  }
  INFO("children killed: " << kills << ", runs left half-done: " << interrupted);
  CHECK(kills > 0);
  CHECK(interrupted > 0);
  env.ok(a, "sync.run", json::object{{"kinds", json::array{"orders", "finance"}}});
  const auto truth = env.truth(a);
  require_mirror_equals_truth(env.db_path(a), truth);
  // Thousands of settled orders: every statement balances, every order matches its mirrored lines.
  const auto rec = env.ok(a, "finance.reconcile", json::object{{"as_of", env.now()}});
  std::size_t orders = 0;
  for (const auto& s : rec.at("statements").as_array()) {
    CHECK(s.at("difference") == "0.00");
    orders += s.at("orders").as_array().size();
  }
  CHECK(orders > 2000);
  INFO(json::serialize(rec.at("mismatches")));
  CHECK(rec.at("mismatches").as_array().empty());
}
