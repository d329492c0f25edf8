// SIGINT/SIGTERM for `erp-host serve`: blocked in every thread started after construction and
// taken by one waiter with sigtimedwait, so no signal handler ever interrupts a plugin call.
// SIGHUP is taken the same way and runs the hangup hook (serve reopens its --log-file there).
#pragma once

#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace erp_host {

class StopSignal {
 public:
  StopSignal();
  ~StopSignal();  // restores the previous signal mask
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  void request();
  bool stop_requested();
  // True when stop was requested before `until`.
  bool wait_until(std::chrono::steady_clock::time_point until);
  // The signal that asked to stop; 0 when none did.
  int signal() const { return signal_.load(); }
  // Runs on the waiter thread for each SIGHUP; an empty function removes it.
  void on_hangup(std::function<void()> hook);

 private:
  sigset_t set_{};
  sigset_t previous_{};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<int> signal_{0};
  std::function<void()> hangup_;  // under mutex_
  std::thread waiter_;
};

}  // namespace erp_host
