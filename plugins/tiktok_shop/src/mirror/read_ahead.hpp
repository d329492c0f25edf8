// Fetches the pages of one listing on a thread of its own, a few pages ahead of the consumer.
//
// Why: a sync's writer (SQLite) and its reader (HTTP, TLS, JSON) each take milliseconds per
// page; run one after the other they add up, run side by side the slower one sets the pace. Each
// page's token comes from the page before, so the reader is one thread walking the chain; the
// bounded queue keeps memory flat when the writer is the slower side.
//
// Owned by the call that creates it: the destructor stops the thread (after the fetch in flight,
// which the transport's timeouts bound), so no thread outlives the sync that started it.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace ocean::tiktok::mirror {

// Page must have a `next_page_token` string ("" on the last page).
template <typename Page>
class ReadAhead {
 public:
  using Fetch = std::function<Page(const std::string& page_token)>;

  // Starts fetching at `first_token`, which must not be empty.
  ReadAhead(Fetch fetch, std::string first_token, std::size_t depth)
      : fetch_(std::move(fetch)), depth_(depth == 0 ? 1 : depth) {
    thread_ = std::thread([this, token = std::move(first_token)]() mutable { run(std::move(token)); });
  }

  ~ReadAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // A page (or the reader's failure) is waiting, so next() will not block.
  bool ready() {
    std::lock_guard lock(mutex_);
    return !queue_.empty() || error_;
  }

  // The next page in order; blocks until it is there. Rethrows what the fetch threw, once the
  // pages fetched before the failure have been handed out.
  Page next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !queue_.empty() || error_ || done_; });
    if (queue_.empty()) {
      if (error_) std::rethrow_exception(error_);
      throw std::logic_error("ReadAhead::next called after the last page");
    }
    // Move-construct out of the queue: assigning would copy JSON held on another arena.
    std::optional<Page> page;
    page.emplace(std::move(queue_.front()));
    queue_.pop_front();
    lock.unlock();
    changed_.notify_all();
    return std::move(*page);
  }

 private:
  void run(std::string token) {
    try {
      while (!token.empty()) {
        {
          std::lock_guard lock(mutex_);
          if (stop_) return;
        }
        Page page = fetch_(token);
        token = page.next_page_token;
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stop_ || queue_.size() < depth_; });
        if (stop_) return;
        queue_.push_back(std::move(page));
        lock.unlock();
        changed_.notify_all();
      }
      std::lock_guard lock(mutex_);
      done_ = true;
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
    }
    changed_.notify_all();
  }

  Fetch fetch_;
  const std::size_t depth_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Page> queue_;
  std::exception_ptr error_;
  bool done_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace ocean::tiktok::mirror
