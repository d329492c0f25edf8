// --log-file PATH: log lines appended to a file (mode 0600) instead of stderr. reopen() opens the
// path again onto the same descriptor number (dup2), so whatever writes to fd() (the serve log
// queue) follows a logrotate rename without being told; serve calls it on SIGHUP.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

namespace erp_host {

class LogFile {
 public:
  // Throws HostError(usage) naming the path when it cannot be opened.
  explicit LogFile(std::filesystem::path path);
  ~LogFile();
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  // Writes the whole line (blocking); a failed write loses the line.
  void write(const std::string& line);
  // Opens the path again (a new file after a rename); false (and the old file kept) on failure.
  bool reopen();

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::mutex mutex_;
};

}  // namespace erp_host
