// `erp-host serve` as a child process for the hostile-client tests, with what those need beyond
// tests/host_serve/serve_process.hpp: stdout on a pipe the test may stop reading, a descriptor
// limit for the child, and raw sockets that behave like a hostile (or merely slow) client.
#pragma once

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hostile {
namespace fs = std::filesystem;

inline const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";

inline std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ocean-hostile-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Lets this test process hold many sockets at once.
inline void raise_descriptor_limit() {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = r.rlim_max;
  setrlimit(RLIMIT_NOFILE, &r);
}

struct ChildOptions {
  bool stdout_pipe = false;    // else a file, read with stdout_text()
  rlim_t max_descriptors = 0;  // 0: inherited
};

class ServeChild {
 public:
  ServeChild(const std::vector<std::string>& args, const fs::path& dir, ChildOptions options = {})
      : out_(dir / "serve.out"), err_(dir / "serve.err") {
    int pipe_fds[2] = {-1, -1};
    if (options.stdout_pipe && pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    environment_ = child_environment(dir, options);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) exec_child(args, options, pipe_fds);
    if (options.stdout_pipe) {
      close(pipe_fds[1]);
      pipe_ = pipe_fds[0];
    }
  }
  ~ServeChild() {
    if (pid_ > 0 && code_ < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (pipe_ >= 0) close(pipe_);
  }
  ServeChild(const ServeChild&) = delete;
  ServeChild& operator=(const ServeChild&) = delete;

  // The port from the first stdout line ("listening on http://127.0.0.1:PORT"); with a pipe,
  // only that line is read and the rest is left unread.
  int wait_port() {
    std::string first;
    for (int i = 0; i < 1200 && first.find('\n') == std::string::npos; ++i) {
      if (pipe_ >= 0) {
        pollfd p{pipe_, POLLIN, 0};
        char c = 0;
        if (poll(&p, 1, 100) > 0 && read(pipe_, &c, 1) == 1) first.push_back(c);
      } else {
        first = slurp(out_);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (exited()) throw std::runtime_error("erp-host serve exited early:\n" + first + "\n" + slurp(err_));
    }
    first = first.substr(0, first.find('\n'));
    const auto colon = first.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("no listening line: " + first);
    return std::atoi(first.c_str() + colon + 1);
  }

  int stop(int sig = SIGTERM) {
    if (code_ >= 0) return code_;
    kill(pid_, sig);
    for (int i = 0; i < 1200 && !exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return code_;
  }

  bool exited() {
    if (code_ >= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }
  pid_t pid() const { return pid_; }
  std::string stdout_text() const { return slurp(out_); }
  std::string stderr_text() const { return slurp(err_); }

  // Resident memory of the child in KiB (VmRSS), 0 when unknown.
  long resident_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    for (std::string line; std::getline(status, line);)
      if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
  }

 private:
  [[noreturn]] void exec_child(const std::vector<std::string>& args, const ChildOptions& options, int pipe_fds[2]) {
    const int in = open("/dev/null", O_RDONLY);
    const int out = options.stdout_pipe ? pipe_fds[1] : open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (options.stdout_pipe) close(pipe_fds[0]);
    if (options.max_descriptors > 0) {
      rlimit r{options.max_descriptors, options.max_descriptors};
      setrlimit(RLIMIT_NOFILE, &r);
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : environment_) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }

  // This process's environment for the child, prepared before fork(). UBSan's vptr check reads an
  // object's vtable only after probing that the memory is readable, and the probe writes it through a
  // pipe(): in a process with no descriptor left the pipe fails, so a not-yet-cached virtual call is
  // reported as "invalid vptr" (a false report that ends the sanitizer build's child). A child
  // starved of descriptors on purpose runs with that one check suppressed; every other sanitizer
  // check stays on. Outside the sanitizer build nobody reads UBSAN_OPTIONS.
  static std::vector<std::string> child_environment(const fs::path& dir, const ChildOptions& options) {
    std::vector<std::string> env;
    std::string ubsan;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry(*e);
      if (entry.rfind("UBSAN_OPTIONS=", 0) == 0)
        ubsan = entry.substr(14);
      else
        env.push_back(entry);
    }
    if (options.max_descriptors > 0) {
      const fs::path suppressions = dir / "ubsan-starved.supp";
      std::ofstream(suppressions) << "vptr:*\n";  // "vptr" is the check's flag name (by location)
      ubsan += (ubsan.empty() ? "" : ":") + std::string("suppressions=") + suppressions.string();
    }
    if (!ubsan.empty()) env.push_back("UBSAN_OPTIONS=" + ubsan);
    return env;
  }

  std::vector<std::string> environment_;
  fs::path out_;
  fs::path err_;
  pid_t pid_ = -1;
  int pipe_ = -1;
  int code_ = -1;
};

// A connected loopback socket; -1 when the connection failed.
inline int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

inline bool send_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// What the server sends until it closes or `seconds` pass without a byte (up to 64 KiB).
inline std::string read_until_close(int fd, int seconds) {
  timeval timeout{seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0 && answer.size() < 65536;)
    answer.append(buf, static_cast<std::size_t>(n));
  return answer;
}

// True when the server closed the connection within `seconds` (EOF or reset, nothing else).
inline bool closed_by_server(int fd, int seconds) {
  timeval timeout{seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char buf[256];
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

inline std::string webhook_request(const std::string& body, const std::string& extra_headers = "") {
  return "POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// One valid webhook on a fresh connection; the status line of the answer ("" when none came
// within `seconds`).
inline std::string deliver(int port, int seconds = 30, const std::string& extra_headers = "") {
  const int fd = connect_to(port);
  if (fd < 0) return "";
  std::string answer;
  if (send_all(fd, webhook_request(R"({"hello":"world"})", extra_headers))) answer = read_until_close(fd, seconds);
  close(fd);
  return answer.substr(0, answer.find("\r\n"));
}

// The probe's <data>/ticks: "count now_ms"; {0, 0} before the first tick.
inline std::pair<long, long long> probe_ticks(const fs::path& data) {
  std::istringstream in(slurp(data / "ticks"));
  long count = 0;
  long long now = 0;
  in >> count >> now;
  return {count, now};
}

// One probe account "shop" under a fresh directory.
struct ProbeHost {
  TempDir dir;
  fs::path config = dir.path() / "host.json";
  fs::path data = dir.path() / "data" / "shop";
  ProbeHost() {
    std::ofstream(config)
        << R"({"data_dir":")" << (dir.path() / "data").string()
        << R"(","default_account":"shop","accounts":[{"id":"shop","plugin":"serveprobe","config":{}}]})";
    fs::create_directories(data);
  }
  std::vector<std::string> args(const std::vector<std::string>& before, const std::vector<std::string>& serve) const {
    std::vector<std::string> a{kHost,      "--manifests",  OCEAN_SERVE_MANIFEST_DIR, "--plugins", OCEAN_SERVE_PROBE_DIR,
                               "--config", config.string()};
    a.insert(a.end(), before.begin(), before.end());
    a.push_back("serve");
    a.insert(a.end(), serve.begin(), serve.end());
    return a;
  }
};

}  // namespace hostile
