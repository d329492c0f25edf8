// `erp-host serve` as a child process for the tests: stdout and stderr go to files, the
// listening line is awaited (generously: the machine may be busy), and the process is stopped
// with a signal and reaped.
#pragma once

#include <boost/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace serve_test {
namespace fs = std::filesystem;

inline std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const fs::path& io_dir)
      : out_(io_dir / "serve.out"), err_(io_dir / "serve.err") {
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      const int in = open("/dev/null", O_RDONLY);
      const int out = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (in < 0 || out < 0 || err < 0) _exit(126);
      dup2(in, 0);
      dup2(out, 1);
      dup2(err, 2);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && code_ < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // The URL from the first stdout line ("listening on URL" or {"listening":URL}); throws when
  // the process exits or says nothing for 120 s.
  std::string wait_listening() {
    for (int i = 0; i < 1200; ++i) {
      const std::string out = stdout_text();
      const auto nl = out.find('\n');
      if (nl != std::string::npos) {
        const std::string line = out.substr(0, nl);
        if (line.rfind("listening on ", 0) == 0) return line.substr(13);
        return std::string(boost::json::parse(line).as_object().at("listening").as_string());
      }
      if (exited()) throw std::runtime_error("erp-host serve exited early:\n" + out + "\n" + stderr_text());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("erp-host serve printed no listening line");
  }

  // Sends `sig` and waits (up to 120 s) for the exit code; -1 when it did not exit.
  int stop(int sig = SIGTERM) {
    if (code_ >= 0) return code_;
    kill(pid_, sig);
    return wait_exit(120);
  }

  int wait_exit(int seconds) {
    for (int i = 0; i < seconds * 10 && code_ < 0; ++i) {
      if (exited()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return code_;
  }

  pid_t pid() const { return pid_; }  // for signals other than the stopping one (SIGHUP)
  std::string stdout_text() const { return slurp(out_); }
  std::string stderr_text() const { return slurp(err_); }

 private:
  bool exited() {
    if (code_ >= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }

  fs::path out_;
  fs::path err_;
  pid_t pid_ = -1;
  int code_ = -1;
};

// Waits (up to 120 s) for a file to appear; false when it does not.
inline bool wait_for_file(const fs::path& file) {
  for (int i = 0; i < 1200; ++i) {
    if (fs::exists(file)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace serve_test
