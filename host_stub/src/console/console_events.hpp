// The events plugins emit (sync.progress, sync.finished, account.*), kept in a short ring for the
// console's server-sent event streams. push() is called by the runtime's live listener on the
// plugin's thread, so it only copies and wakes; readers wait on their own threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace erp_host::console {

struct ConsoleEvent {
  std::uint64_t seq = 0;  // 1, 2, ... in arrival order
  std::string account;
  std::string json;  // as the plugin emitted it
};

class ConsoleEvents {
 public:
  static constexpr std::size_t kKept = 512;

  void push(std::string_view account, std::string_view json);
  // Events after `after_seq`, waiting up to `wait` for one when there are none yet.
  std::vector<ConsoleEvent> after(std::uint64_t after_seq, std::chrono::milliseconds wait);
  std::uint64_t last_seq();

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<ConsoleEvent> ring_;
  std::uint64_t last_ = 0;
};

// One server-sent event: "id: SEQ\nevent: TYPE\ndata: {...}\n\n" with the account added to the
// data object ({"account": ..., "event": <the plugin's event>}).
std::string sse_frame(const ConsoleEvent& e);

}  // namespace erp_host::console
