// Output that never blocks the thread writing it. `erp-host serve` prints events and progress
// from its tick loop; when nothing reads its stdout (a full pipe), a plain write blocked the
// loop and webhooks stopped being applied (issue 15). Text goes instead to a bounded queue that
// a thread of its own writes to the descriptor; what does not fit is dropped and counted.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <thread>

namespace erp_host {

class OutputQueue {
 public:
  // Writes to `fd` (not owned). At most `max_pending_bytes` wait in the queue.
  OutputQueue(int fd, std::size_t max_pending_bytes);
  // Gives the writer 2 s to write what is queued, then abandons the rest. When output was
  // dropped or could not be drained, the descriptor is left non-blocking, so no later write of
  // this process (the final report) can hang on a reader that is gone.
  ~OutputQueue();
  OutputQueue(const OutputQueue&) = delete;
  OutputQueue& operator=(const OutputQueue&) = delete;

  // Queues `text` whole, or drops it whole when it does not fit. Never waits for the descriptor.
  void write(std::string text);
  // An ostream over write(): each flush queues what was written since the last one.
  std::ostream& stream() { return stream_; }
  std::uint64_t dropped_bytes() const { return dropped_.load(); }
  // Waits until the queue is empty or `ms` passed; true when everything was written.
  bool drain(int ms);

 private:
  class Buffer : public std::streambuf {
   public:
    explicit Buffer(OutputQueue& owner) : owner_(owner) {}

   protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

   private:
    OutputQueue& owner_;
    std::string pending_;
  };

  void run();
  bool write_out(const std::string& chunk);

  int fd_;
  std::size_t max_pending_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  std::size_t pending_bytes_ = 0;
  bool writing_ = false;  // the writer holds a chunk it took off the queue
  bool stopping_ = false;
  std::atomic<bool> abandon_{false};
  std::atomic<std::uint64_t> dropped_{0};
  Buffer buffer_{*this};
  std::ostream stream_{&buffer_};
  std::thread writer_;
};

}  // namespace erp_host
