#include "log_file.hpp"

#include "exit_codes.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace erp_host {
namespace {
int open_log(const std::filesystem::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}
}  // namespace

LogFile::LogFile(std::filesystem::path path) : path_(std::move(path)) {
  fd_ = open_log(path_);
  if (fd_ < 0)
    throw HostError(ExitCode::usage,
                    "--log-file " + path_.string() + ": cannot open for appending: " + std::strerror(errno));
}

LogFile::~LogFile() {
  if (fd_ >= 0) ::close(fd_);
}

void LogFile::write(const std::string& line) {
  std::lock_guard lock(mutex_);
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

bool LogFile::reopen() {
  std::lock_guard lock(mutex_);
  const int fresh = open_log(path_);
  if (fresh < 0) return false;
  const bool ok = ::dup3(fresh, fd_, O_CLOEXEC) >= 0;  // atomic: a write lands in one file or the other
  ::close(fresh);
  return ok;
}

}  // namespace erp_host
