// kill -9 during catalog.publish, then resume: every product listed exactly once. The publish runs in a
// child process (tiktok_publish_child: the plugin through its C ABI on the same data directory, from a
// products file) that is SIGKILLed a random moment after it has listed more products of its own (so
// inside the run, also between a create and its commit, on any machine speed); the job is then
// resumed by another child and killed again, and finally resumed by this process's own instance.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "publish_env.hpp"

using namespace publish_test;

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t listed(OpsEnv& env, const std::string& job_id) {
  return sql_count(db_path(env),
                   "SELECT COUNT(*) FROM publish_items WHERE job_id = '" + job_id + "' AND state = 'listed'");
}

// Runs the child with `request`; once it has listed `more` products beyond `before`, waits 0-`jitter_ms`
// and SIGKILLs it. True when it died by the kill (false: it finished first).
bool run_child(OpsEnv& env, const json::object& request, const std::string& job_id, std::int64_t more,
               std::mt19937& rng, int jitter_ms) {
  const std::int64_t before = listed(env, job_id);
  const std::vector<std::string> args{PUBLISH_CHILD_PATH, data_dir(env), json::serialize(publisher_config(env)),
                                      kStoreKey, json::serialize(request)};
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
    if (listed(env, job_id) >= before + more) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, jitter_ms)(rng)));
  ::kill(pid, SIGKILL);
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) CHECK(WEXITSTATUS(status) == 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("CAT-PROD-LIST: a catalog.publish killed with SIGKILL mid-run and resumed lists each product exactly once") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);  // connects the account the children open
  const int n = 150;
  const auto file = env.root.path() / "publish-crash.json";
  std::ofstream(file) << json::serialize(batch(env, "PUBKILL", n));
  const std::string job = "crash-job";
  std::mt19937 rng(std::random_device{}());
  const auto seq = env.last_seq();
  int kills = 0;
  if (run_child(env, json::object{{"file", file.string()}, {"job_id", job}}, job, 20, rng, 60)) ++kills;
  const std::int64_t after_first = listed(env, job);
  if (run_child(env, json::object{{"job_id", job}}, job, 25, rng, 60)) ++kills;
  INFO("children killed: " << kills << ", listed after the first kill: " << after_first);
  CHECK(kills >= 1);
  CHECK(after_first < n);
  const auto done = env.ok(inst, "catalog.publish", json::object{{"job_id", job}});
  CHECK(str(done, "state") == "finished");
  CHECK(done.at("resumed") == true);
  CHECK(done.at("counts").at("listed") == n);
  CHECK(done.at("counts").at("failed") == 0);
  require_listed_once(env, "PUBKILL", n);
  // At most once at TikTok: exactly n creates succeeded over all three runs.
  int creates = 0;
  for (const auto& e : env.api_calls_since(seq)) {
    if (str(e, "method") == "POST" && str(e, "path") == "/product/202309/products" && e.at("code") == 0) ++creates;
  }
  CHECK(creates == n);
}

TEST_CASE("catalog.publish: one process runs a job at a time, and a job left by a dead process is taken over") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  env.ok(inst, "catalog.publish", json::object{{"products", batch(env, "PUBLEASE", 2)}, {"job_id", "lease-job"}});
  char name[256] = {};
  REQUIRE(::gethostname(name, sizeof name - 1) == 0);
  std::string host(name);
  for (auto& ch : host)
    if (ch == ':') ch = '_';
  // Reopen the job as if a process were still running it: item 1 pending again, its lease held.
  auto hold = [&](pid_t pid) {
    ocean::tiktok::sqlite::Database db(db_path(env));
    db.exec("UPDATE publish_items SET state = 'pending' WHERE job_id = 'lease-job' AND idx = 1");
    db.exec("UPDATE publish_jobs SET state = 'open', finished_at_ms = 0, owner = '" + host + ":" + std::to_string(pid) +
            ":0a0b', lease_until_ms = " + std::to_string(env.host_of("publish").wall_ms() + 600000) +
            " WHERE job_id = 'lease-job'");
  };
  hold(env.sb.pid());  // a live process of this machine
  const Reply busy = env.call(inst, "catalog.publish", json::object{{"job_id", "lease-job"}});
  CHECK(busy.status == OCEAN_RETRY);
  CHECK(busy.message.find("another process") != std::string::npos);
  const pid_t gone = ::fork();
  REQUIRE(gone >= 0);
  if (gone == 0) ::_exit(0);
  REQUIRE(::waitpid(gone, nullptr, 0) == gone);
  hold(gone);  // a process that has ended
  const auto done = env.ok(inst, "catalog.publish", json::object{{"job_id", "lease-job"}});
  CHECK(str(done, "state") == "finished");
  CHECK(done.at("counts").at("listed") == 2);
  CHECK(done.at("this_run").at("created") == 0);  // item 1's ERP SKUs were already mapped
  require_listed_once(env, "PUBLEASE", 2);
}
