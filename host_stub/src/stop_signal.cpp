#include "stop_signal.hpp"

#include <pthread.h>

namespace erp_host {

StopSignal::StopSignal() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  waiter_ = std::thread([this] {
    const timespec step{0, 200 * 1000 * 1000};
    while (!stop_requested()) {
      const int sig = sigtimedwait(&set_, nullptr, &step);
      if (sig == SIGINT || sig == SIGTERM) {
        signal_ = sig;
        request();
      } else if (sig == SIGHUP) {
        std::function<void()> hook;
        {
          std::lock_guard lock(mutex_);
          hook = hangup_;
        }
        if (hook) hook();
      }
    }
  });
}

StopSignal::~StopSignal() {
  request();
  waiter_.join();
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void StopSignal::on_hangup(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  hangup_ = std::move(hook);
}

void StopSignal::request() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
}

bool StopSignal::stop_requested() {
  std::lock_guard lock(mutex_);
  return stop_;
}

bool StopSignal::wait_until(std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mutex_);
  return cv_.wait_until(lock, until, [this] { return stop_; });
}

}  // namespace erp_host
