// Header-only helper for test suites: runs tts-sandbox as a subprocess on OS-chosen ports with TLS in a
// private temp dir, reads its one JSON startup line, and on destruction stops it (SIGTERM, then SIGKILL
// after 10 s), reaps it and removes the temp dir, so no zombie and no directory is left behind.
//
//   ocean::testing::SandboxProcess sb({"--shops", "3", "--app", "key:secret"});
//   sb.http_base();   // "http://127.0.0.1:PORT"
//   sb.https_base();  // "https://127.0.0.1:PORT" (verify with sb.ca_file())
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ocean::testing {

class SandboxProcess {
 public:
#ifdef OCEAN_BIN_DIR
  static std::string default_binary() { return std::string(OCEAN_BIN_DIR) + "/tts-sandbox"; }
#else
  static std::string default_binary() { return "tts-sandbox"; }
#endif

  explicit SandboxProcess(const std::vector<std::string>& extra_args = {}, std::string binary = default_binary()) {
    char dir_template[] = "/tmp/tts-sandbox-test-XXXXXX";
    if (mkdtemp(dir_template) == nullptr) throw std::runtime_error("mkdtemp failed");
    temp_dir_ = dir_template;
    try {
      start(extra_args, binary);
    } catch (...) {
      stop();
      throw;
    }
  }
  ~SandboxProcess() { stop(); }
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  const std::string& http_base() const { return http_base_; }
  const std::string& https_base() const { return https_base_; }
  const std::string& ca_file() const { return ca_file_; }
  const std::string& temp_dir() const { return temp_dir_; }
  std::uint16_t http_port() const { return http_port_; }
  std::uint16_t https_port() const { return https_port_; }
  pid_t pid() const { return pid_; }

  // Stops the process now (idempotent); the destructor calls it too.
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      exit_status_ = status;
      pid_ = -1;
    }
    if (stdout_fd_ >= 0) {
      ::close(stdout_fd_);
      stdout_fd_ = -1;
    }
    if (!temp_dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(temp_dir_, ec);
      temp_dir_.clear();
    }
  }
  // Raw wait status of the stopped process (valid after stop()).
  int exit_status() const { return exit_status_; }

 private:
  void start(const std::vector<std::string>& extra_args, const std::string& binary) {
    std::vector<std::string> args{binary, "--http-port", "0", "--https-port", "0", "--tls-dir", temp_dir_ + "/tls"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    stdout_fd_ = fds[0];
    const std::string line = read_line(std::chrono::seconds(60));
    boost::system::error_code ec;
    const auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) throw std::runtime_error("tts-sandbox startup line is not JSON: " + line);
    const auto& o = v.as_object();
    http_port_ = static_cast<std::uint16_t>(o.at("http_port").to_number<int>());
    https_port_ = static_cast<std::uint16_t>(o.at("https_port").to_number<int>());
    ca_file_ = std::string(o.at("ca_file").as_string());
    http_base_ = "http://127.0.0.1:" + std::to_string(http_port_);
    https_base_ = "https://127.0.0.1:" + std::to_string(https_port_);
  }

  std::string read_line(std::chrono::seconds timeout) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error("tts-sandbox did not print its startup line in time");
      pollfd p{stdout_fd_, POLLIN, 0};
      const int r = ::poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) continue;
      char c = 0;
      const ssize_t n = ::read(stdout_fd_, &c, 1);
      if (n <= 0) throw std::runtime_error("tts-sandbox exited before printing its startup line (got: " + out + ")");
      if (c == '\n') return out;
      out.push_back(c);
    }
  }

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int exit_status_ = 0;
  std::string temp_dir_;
  std::string http_base_, https_base_, ca_file_;
  std::uint16_t http_port_ = 0, https_port_ = 0;
};

}  // namespace ocean::testing
