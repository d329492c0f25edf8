// erp-host serve nodes on one PostgreSQL database, for the tests: every node gets the same store,
// lease timing and accounts; each its own config copy and data_dir (<dir>/<node>/data), so what
// the serve probe plugin records there (its tick count per account) says which node ticked what.
#pragma once

#include "host_serve/serve_process.hpp"
#include "support/pg_server.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace cluster_test {
namespace fs = std::filesystem;
namespace json = boost::json;

inline const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";

struct Run {
  int code = -1;
  std::string out, err;
};

class ClusterEnv {
 public:
  std::string conninfo;
  fs::path dir;
  json::object base;  // the config every node shares (but data_dir)

  ClusterEnv(json::array accounts, int lease_seconds, int renew_seconds, std::string plugin_dir, std::string manifests)
      : conninfo(ocean::testing::PgServer::shared().fresh_database()),
        plugin_dir_(std::move(plugin_dir)),
        manifests_(std::move(manifests)) {
    std::string pattern = (fs::temp_directory_path() / "ocean-cluster-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
    base = json::object{{"data_dir", "data"},
                        {"store", json::object{{"postgresql", conninfo}}},
                        {"cluster", json::object{{"lease_seconds", lease_seconds}, {"renew_seconds", renew_seconds}}},
                        {"accounts", std::move(accounts)}};
  }
  ~ClusterEnv() {
    nodes_.clear();  // SIGKILLs what still runs
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  ClusterEnv(const ClusterEnv&) = delete;
  ClusterEnv& operator=(const ClusterEnv&) = delete;

  // <dir>/<name>/host.json (data_dir <dir>/<name>/data).
  fs::path config_of(const std::string& name) {
    const fs::path home = dir / name;
    fs::create_directories(home);
    json::object cfg = base;
    cfg["data_dir"] = (home / "data").string();
    std::ofstream(home / "host.json") << json::serialize(cfg);
    return home / "host.json";
  }

  std::vector<std::string> args(const std::string& name, const std::vector<std::string>& rest) {
    std::vector<std::string> a{kHost, "--plugins", plugin_dir_, "--config", config_of(name).string()};
    if (!manifests_.empty()) a.insert(a.end(), {"--manifests", manifests_});
    a.insert(a.end(), rest.begin(), rest.end());
    return a;
  }

  // `erp-host serve --node-id NAME` (+ `extra`), its output in <dir>/<name>.
  serve_test::ServeProcess& start(const std::string& name, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> rest{"serve", "--node-id", name, "--tick-interval", "200"};
    rest.insert(rest.end(), extra.begin(), extra.end());
    auto a = args(name, rest);
    auto& p = nodes_[name] = std::make_unique<serve_test::ServeProcess>(a, dir / name);
    return *p;
  }
  serve_test::ServeProcess& node(const std::string& name) { return *nodes_.at(name); }

  // erp-host with these arguments (after the shared ones), to completion.
  Run host(const std::vector<std::string>& rest, const std::string& as = "admin") {
    const fs::path io = dir / (as + "-run" + std::to_string(++runs_));
    fs::create_directories(io);
    serve_test::ServeProcess p(args(as, rest), io);
    Run r;
    r.code = p.wait_exit(300);
    r.out = p.stdout_text();
    r.err = p.stderr_text();
    return r;
  }

  // `erp-host --json cluster`.
  json::object cluster() {
    const Run r = host({"--json", "cluster"});
    if (r.code != 0) throw std::runtime_error("erp-host cluster: " + r.out + r.err);
    return json::parse(r.out).as_object();
  }

  // account -> owner node, for the accounts whose lease runs.
  std::map<std::string, std::string> owners() {
    std::map<std::string, std::string> out;
    const json::value c = cluster();
    for (const auto& a : c.at("accounts").as_array())
      if (a.at("state") == "owned") out[std::string(a.at("id").as_string())] = std::string(a.at("owner").as_string());
    return out;
  }

  // How many accounts each node owns.
  std::map<std::string, int> shares() {
    std::map<std::string, int> out;
    for (const auto& [account, owner] : owners()) ++out[owner];
    return out;
  }

 private:
  std::string plugin_dir_, manifests_;
  std::map<std::string, std::unique_ptr<serve_test::ServeProcess>> nodes_;
  int runs_ = 0;
};

// Polls `done` every 200 ms for up to `seconds`; true once it holds.
inline bool eventually(int seconds, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return done();
}

}  // namespace cluster_test
