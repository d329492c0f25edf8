#include "output_queue.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>

namespace erp_host {

OutputQueue::OutputQueue(int fd, std::size_t max_pending_bytes)
    : fd_(fd), max_pending_(max_pending_bytes), writer_([this] { run(); }) {}

OutputQueue::~OutputQueue() {
  stream_.flush();
  const bool drained = drain(2000);
  abandon_ = true;  // a reader that never comes back must not hold the process at exit
  // Nor may a later plain write (erp-host's final report): when the reader fell behind, the
  // descriptor becomes non-blocking, and what does not fit then is lost instead of waited for.
  if (!drained || dropped_ > 0) {
    const int flags = fcntl(fd_, F_GETFL);
    if (flags >= 0) fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  writer_.join();
}

void OutputQueue::write(std::string text) {
  if (text.empty()) return;
  {
    std::lock_guard lock(mutex_);
    if (pending_bytes_ + text.size() > max_pending_) {
      dropped_ += text.size();
      return;
    }
    pending_bytes_ += text.size();
    queue_.push_back(std::move(text));
  }
  cv_.notify_all();
}

bool OutputQueue::drain(int ms) {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return queue_.empty() && !writing_; });
}

void OutputQueue::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping and nothing left
    std::string chunk = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    lock.unlock();
    const bool ok = write_out(chunk);
    lock.lock();
    writing_ = false;
    pending_bytes_ -= chunk.size();
    if (!ok) {  // abandoned or the descriptor is gone: what is left is dropped
      for (const auto& c : queue_) dropped_ += c.size();
      queue_.clear();
      pending_bytes_ = 0;
    }
    cv_.notify_all();
  }
}

// Waits for room with poll and writes at most PIPE_BUF at a time, so the wait stays
// interruptible by abandon_ even on a blocking descriptor whose reader is gone for good.
bool OutputQueue::write_out(const std::string& chunk) {
  std::size_t done = 0;
  while (done < chunk.size()) {
    if (abandon_) return false;
    pollfd p{fd_, POLLOUT, 0};
    const int ready = poll(&p, 1, 100);
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    if (p.revents & (POLLERR | POLLNVAL)) return false;
    const std::size_t size = std::min<std::size_t>(chunk.size() - done, PIPE_BUF);
    const ssize_t n = ::write(fd_, chunk.data() + done, size);
    if (n < 0 && errno != EINTR && errno != EAGAIN) return false;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  return true;
}

OutputQueue::Buffer::int_type OutputQueue::Buffer::overflow(int_type c) {
  if (!traits_type::eq_int_type(c, traits_type::eof())) pending_.push_back(traits_type::to_char_type(c));
  return traits_type::not_eof(c);
}

std::streamsize OutputQueue::Buffer::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  return n;
}

int OutputQueue::Buffer::sync() {
  owner_.write(std::move(pending_));
  pending_.clear();
  return 0;
}

}  // namespace erp_host
