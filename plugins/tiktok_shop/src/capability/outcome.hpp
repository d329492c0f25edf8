// The plugin's one error model. Below the router everything reports failure one way: it throws
// Failure (util/status.hpp) with a Status and a message. guarded() is the one place a Failure (or
// any other exception) becomes a returned Outcome; the glue turns an Outcome into an ABI status.
// Thread-safety: guarded() may be called from any thread; it touches only the Logger (locked).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "util/logger.hpp"
#include "util/status.hpp"

namespace ocean::tiktok {

struct Outcome {
  Status status = Status::ok;
  std::string message;  // never contains a secret (passed through Logger::redact)
  std::int64_t retry_after_ms = 0;
  bool ok() const { return status == Status::ok; }
};

// Runs `body`; a Failure keeps its status, anything else is INTERNAL. Messages are redacted.
Outcome guarded(Logger& log, const std::function<void()>& body);

}  // namespace ocean::tiktok
