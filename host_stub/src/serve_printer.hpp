// What `erp-host serve` prints while it runs: the listening line, then the events plugins emit
// (JSON lines with --json; otherwise progress through ProgressDisplay and one line per other
// event). Everything goes through an OutputQueue, so an unread stdout never blocks the caller;
// dropped output is reported on the log at most every 10 s.
#pragma once

#include "output_queue.hpp"
#include "progress.hpp"
#include "runtime.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace erp_host {

class ServePrinter {
 public:
  ServePrinter(HostRuntime& runtime, bool json_mode, OutputQueue& out);

  void line(const std::string& text);
  // Prints the events collected since the last call. Output from several threads stays whole.
  void pump();

 private:
  void note_dropped();

  HostRuntime& runtime_;
  bool json_mode_;
  OutputQueue& queue_;
  std::mutex mutex_;
  ProgressDisplay progress_;
  std::uint64_t dropped_noted_ = 0;
  std::chrono::steady_clock::time_point last_note_{};
};

}  // namespace erp_host
