// kill -9 during a finance sync, then resume: the mirror equals the truth, nothing lost or doubled.
// The sync runs in a child process (tiktok_finance_child: the plugin through its C ABI on the same
// data directory) that is SIGKILLed at random moments, so also mid-transaction; the parent's own
// instance then resumes.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "finance_env.hpp"

using namespace finance_test;

namespace {

// Runs the child and SIGKILLs it after `kill_after_ms`; true when it died by the kill.
bool run_child(FinanceEnv& env, FinanceEnv::Account& a, int kill_after_ms) {
  const std::string config = json::serialize(env.config(a.region, true));
  const std::vector<std::string> args{FINANCE_CHILD_PATH, a.data_dir, config, "fin-store-key-0123456789"};
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& s : args) argv.push_back(const_cast<char*>(s.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms));
  ::kill(pid, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) CHECK(WEXITSTATUS(status) == 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("finance sync killed at random moments (also mid-transaction) resumes to exactly the truth") {
  // Many statements of many transactions, and a slow API, so every kill lands inside a long run.
  FinanceEnv env(1, 6000, {"--latency-ms", "40"});
  auto& a = env.account("fin-crash");
  std::mt19937 rng(std::random_device{}());
  int kills = 0, interrupted = 0;
  // Until two kills have landed inside a run (a kill can also land before the run starts).
  for (int round = 0; round < 12 && interrupted < 2; ++round) {
    if (run_child(env, a, std::uniform_int_distribution<int>(200, 1500)(rng))) ++kills;
    // A run left half-done: some cursor still names its run (resumed below).
    ocean::tiktok::finance::FinanceStore fs(env.db_path(a));
    bool open = false;
    for (const char* kind : {"statements", "payments", "withdrawals", "transactions"})
      open = open || !fs.cursor(kind).run_json.empty();
    interrupted += open ? 1 : 0;
  }
  INFO("children killed: " << kills << ", runs left half-done: " << interrupted);
  CHECK(kills > 0);
  CHECK(interrupted > 0);
  env.ok(a, "sync.run", json::object{{"kinds", json::array{"finance"}}});
  require_mirror_equals_truth(env.db_path(a), env.truth(a));
}
