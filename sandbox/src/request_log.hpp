// A bounded log of answered requests for tests and the demo (admin: GET /_sandbox/requests).
// It never holds query strings, headers or bodies, so no token or signature ends up in it.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace tts_sandbox {

struct LogEntry {
  std::uint64_t seq = 0;
  std::int64_t time = 0;  // sandbox time
  std::string method;
  std::string path;
  int http_status = 0;
  int code = 0;
  std::string app_key;
  std::string shop_id;
};

class RequestLog {
 public:
  void add(LogEntry e) {
    std::lock_guard lock(mutex_);
    e.seq = ++seq_;
    entries_.push_back(std::move(e));
    if (entries_.size() > kMax) entries_.pop_front();
  }
  std::vector<LogEntry> since(std::uint64_t seq) const {
    std::lock_guard lock(mutex_);
    std::vector<LogEntry> out;
    for (const auto& e : entries_)
      if (e.seq > seq) out.push_back(e);
    return out;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

 private:
  static constexpr std::size_t kMax = 20000;
  mutable std::mutex mutex_;
  std::deque<LogEntry> entries_;
  std::uint64_t seq_ = 0;
};

}  // namespace tts_sandbox
