// Header-only helper for test suites that need PostgreSQL.
//
//   auto& server = ocean::testing::PgServer::shared();
//   std::string conninfo = server.fresh_database();   // a new, empty database on that server
//
// Under ctest the server is the one the `pg_server` fixture started (tests/CMakeLists.txt): its
// connection string is in the file OCEAN_TEST_PG_CONNINFO_FILE names, so every test case (one process
// each) shares one server and only pays for CREATE DATABASE. Run by hand without that variable, the
// first call starts a private server with scripts/pg-test-server.sh in a temp dir and stops it when
// the process exits.
#pragma once
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include "ocean_common/pg.hpp"

namespace ocean::testing {

class PgServer {
 public:
  static PgServer& shared() {
    static PgServer server;
    return server;
  }

  // The server's maintenance database ("ocean"), as a libpq connection string.
  const std::string& conninfo() const { return conninfo_; }

  // CREATEs a uniquely named database and returns the connection string that points at it.
  std::string fresh_database() {
    static std::atomic<int> counter{0};
    std::random_device random;
    const std::string name =
        "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(random() % 1000000);
    pg::Connection admin(conninfo_);
    admin.exec("CREATE DATABASE " + pg::quote_identifier(name));
    return with_database(conninfo_, name);
  }

  // `conninfo` with its dbname= replaced.
  static std::string with_database(const std::string& conninfo, const std::string& name) {
    const std::size_t at = conninfo.find("dbname=");
    if (at == std::string::npos) return conninfo + " dbname=" + name;
    const std::size_t end = conninfo.find(' ', at);
    return conninfo.substr(0, at) + "dbname=" + name + (end == std::string::npos ? "" : conninfo.substr(end));
  }

  ~PgServer() {
    if (!own_dir_.empty()) run(script() + " stop '" + own_dir_ + "'");
  }
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

 private:
  PgServer() {
    const char* file = std::getenv("OCEAN_TEST_PG_CONNINFO_FILE");
    if (file != nullptr && *file != '\0') {
      std::ifstream in(file);
      std::getline(in, conninfo_);
      if (conninfo_.empty()) throw std::runtime_error(std::string("no connection string in ") + file);
      return;
    }
    char dir_template[] = "/tmp/ocean-pg-test-XXXXXX";
    if (::mkdtemp(dir_template) == nullptr) throw std::runtime_error("mkdtemp failed");
    own_dir_ = dir_template;
    conninfo_ = run(script() + " start '" + own_dir_ + "'");
    if (conninfo_.empty()) throw std::runtime_error("scripts/pg-test-server.sh start printed nothing");
  }

  static std::string script() {
#ifdef OCEAN_SOURCE_DIR
    return std::string(OCEAN_SOURCE_DIR) + "/scripts/pg-test-server.sh";
#else
    return "scripts/pg-test-server.sh";
#endif
  }

  // Runs a shell command and returns its first output line (without the newline).
  static std::string run(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    const int status = ::pclose(pipe);
    if (status != 0) throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command);
    const std::size_t newline = out.find('\n');
    return newline == std::string::npos ? out : out.substr(0, newline);
  }

  std::string conninfo_;
  std::string own_dir_;
};

}  // namespace ocean::testing
