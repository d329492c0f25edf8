#include "store/background_checkpoint.hpp"

#include <sqlite3.h>

namespace ocean::tiktok::sqlite {

BackgroundCheckpoint::BackgroundCheckpoint(Database& writer, int checkpoint_pages, int restart_pages)
    : writer_(writer), own_(writer.path()), checkpoint_pages_(checkpoint_pages), restart_pages_(restart_pages) {
  // No truncating while the WAL cycles through restarts: regrowing the file costs more than it saves.
  writer_.exec("PRAGMA journal_size_limit=-1");
  thread_ = std::thread([this] { loop(); });
  // Last, once nothing else here can throw: the hook points at this object. sqlite3_wal_hook
  // replaces the autocheckpoint hook, so from here on the writer never checkpoints inline; the
  // hook only wakes the thread.
  sqlite3_wal_hook(writer_.handle(), &BackgroundCheckpoint::on_commit, this);
}

BackgroundCheckpoint::~BackgroundCheckpoint() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  restarted_.notify_all();
  thread_.join();
  sqlite3_wal_autocheckpoint(writer_.handle(), kDefaultAutocheckpointPages);  // restores SQLite's hook
  try {
    writer_.exec("PRAGMA journal_size_limit=" + std::to_string(Database::kJournalSizeLimit));
  } catch (...) {  // a destructor must not throw; the limit only gives disk space back sooner
  }
}

std::int64_t BackgroundCheckpoint::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

// SQLite calls this after each commit, with the write lock already released.
int BackgroundCheckpoint::on_commit(void* self, sqlite3*, const char*, int wal_pages) {
  auto* me = static_cast<BackgroundCheckpoint*>(self);
  std::unique_lock lock(me->mutex_);
  if (wal_pages < me->wal_pages_) me->backfilled_ = 0;  // the WAL started over
  me->wal_pages_ = wal_pages;
  if (wal_pages >= me->restart_pages_) {
    // Back-pressure: the writer outran the copying. It waits here, outside any transaction, for
    // the RESTART checkpoint, so its next transaction starts the WAL over.
    const std::int64_t target = me->restarts_ + 1;
    me->wake_.notify_all();
    me->restarted_.wait(lock, [&] { return me->stop_ || me->restarts_ >= target; });
  } else if (me->wal_pages_ - me->backfilled_ >= me->checkpoint_pages_) {
    me->wake_.notify_all();
  }
  return SQLITE_OK;
}

void BackgroundCheckpoint::loop() {
  for (;;) {
    bool stopping = false;
    bool restart = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] {
        return stop_ || wal_pages_ - backfilled_ >= checkpoint_pages_ || wal_pages_ >= restart_pages_;
      });
      stopping = stop_;
      restart = wal_pages_ >= restart_pages_;
    }
    // Errors are not fatal here: a checkpoint that cannot run (busy, I/O) leaves the data safe in
    // the WAL, and the next one, or SQLite's own once this object is gone, picks it up.
    int log = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(
        own_.handle(), nullptr, restart ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    {
      std::lock_guard lock(mutex_);
      if (rc == SQLITE_OK) ++checkpoints_;
      if (restart) {
        // Releases the waiting writer whatever the outcome. On success its next transaction
        // starts the file over; on failure its next commit reports the size again and waits for
        // another try, so a failing restart is retried once per commit, never in a spin.
        ++restarts_;
        wal_pages_ = 0;
        backfilled_ = 0;
      } else if (copied > backfilled_ && copied <= wal_pages_) {
        backfilled_ = copied;
      } else if (rc != SQLITE_OK) {
        backfilled_ = wal_pages_;  // do not spin on a failing checkpoint; retry once the WAL grows
      }
    }
    restarted_.notify_all();
    if (stopping) return;
  }
}

}  // namespace ocean::tiktok::sqlite
