// ocean/sdk/outcome.hpp: how the glue reports the outcome of one entry-point call. Part of the
// plugin SDK (included by ocean/sdk/glue.hpp); plugin authors never use it directly.
//
// Two channels, as ocean_plugin.h rules:
//   - every instance call except handle_webhook records its outcome in the instance's ErrorSlot,
//     which `last_error` reads;
//   - handle_webhook never touches the slot (it may run beside invoke/tick, whose caller must read
//     its own outcome there); it reports through its status and the webhook_result.v1 in `*out`,
//     which write_webhook_failure fills when the call failed without an answer of its own.
// Everything here works without allocating (except the one malloc of an output buffer, which may
// fail harmlessly), because it runs inside catch (std::bad_alloc).
#ifndef OCEAN_SDK_OUTCOME_HPP
#define OCEAN_SDK_OUTCOME_HPP

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <mutex>
#include <string_view>

#include "ocean/ocean_plugin.h"

namespace ocean::sdk::detail {

// A status, a retry-after and a message of at most kCapacity - 1 bytes, cut on a UTF-8 boundary.
class CallOutcome {
 public:
  static constexpr std::size_t kCapacity = 1024;

  CallOutcome() noexcept = default;
  CallOutcome(ocean_status_t status, std::int64_t retry_after_ms,
              std::initializer_list<std::string_view> parts) noexcept {
    status_ = status;
    retry_after_ms_ = retry_after_ms > 0 ? retry_after_ms : 0;
    std::size_t used = 0;
    for (std::string_view part : parts) {
      const std::size_t n = std::min(part.size(), kCapacity - 1 - used);
      std::memcpy(message_ + used, part.data(), n);
      used += n;
    }
    if (used == kCapacity - 1) used = without_partial_tail(used);
    message_[used] = '\0';
  }

  ocean_status_t status() const noexcept { return status_; }
  std::int64_t retry_after_ms() const noexcept { return retry_after_ms_; }
  const char* message() const noexcept { return message_; }

 private:
  // Never cut a UTF-8 sequence in half: drops a trailing partial sequence.
  std::size_t without_partial_tail(std::size_t used) const noexcept {
    std::size_t start = used;
    while (start > 0 && (static_cast<unsigned char>(message_[start - 1]) & 0xC0u) == 0x80u) --start;
    if (start > 0 && (static_cast<unsigned char>(message_[start - 1]) & 0x80u) != 0) {
      const unsigned char lead = static_cast<unsigned char>(message_[start - 1]);
      const std::size_t want = (lead & 0xE0u) == 0xC0u ? 2 : (lead & 0xF0u) == 0xE0u ? 3 : 4;
      if (used - (start - 1) < want) return start - 1;
    }
    return used;
  }

  ocean_status_t status_ = OCEAN_OK;
  std::int64_t retry_after_ms_ = 0;
  char message_[kCapacity] = {};
};

// The last_error of one instance. The mutex is there because a host may read last_error on
// another thread than the one that made the call (the ABI only asks that the two be serialized).
class ErrorSlot {
 public:
  void record(const CallOutcome& outcome) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    current_ = outcome;
  }
  void record(ocean_status_t status, std::int64_t retry_after_ms,
              std::initializer_list<std::string_view> parts) noexcept {
    record(CallOutcome(status, retry_after_ms, parts));
  }

  // Copies the error into `out` and into a buffer that only this call writes, so the returned
  // message stays intact while the next call records a new outcome.
  void report(ocean_error_info_v1& out) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    std::memcpy(reported_, current_.message(), sizeof(reported_));
    out.struct_size = sizeof(ocean_error_info_v1);
    out.status = current_.status();
    out.retry_after_ms = current_.retry_after_ms();
    out.message = reported_;
  }

 private:
  std::mutex mutex_;
  CallOutcome current_;
  char reported_[CallOutcome::kCapacity] = {};
};

// What the host should answer the marketplace for a webhook that failed without the plugin
// saying so itself: try again later for transient and state errors, 400 for a bad delivery.
inline int webhook_http_status(ocean_status_t status) noexcept {
  switch (status) {
    case OCEAN_OK: return 200;
    case OCEAN_RETRY:
    case OCEAN_RATE_LIMITED:
    case OCEAN_INVALID_STATE: return 503;
    case OCEAN_INVALID_ARGUMENT: return 400;
    case OCEAN_UNSUPPORTED:
    case OCEAN_NOT_FOUND: return 404;
    default: return 500;
  }
}

// Appends `text` as the inside of a JSON string: quotes, backslashes and control characters
// escaped, bytes that are not valid UTF-8 replaced by '?', so the answer always parses.
inline std::size_t append_json_text(char* out, std::size_t used, std::size_t capacity, std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (c >= 0x80u) {
      length = (c & 0xE0u) == 0xC0u ? 2 : (c & 0xF0u) == 0xE0u ? 3 : (c & 0xF8u) == 0xF0u ? 4 : 0;
      for (std::size_t k = 1; length != 0 && k < length; ++k)
        if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0u) != 0x80u) length = 0;
    }
    char escaped[8];
    std::string_view piece;
    if (length == 0) {
      piece = "?";
      length = 1;
    } else if (c == '"' || c == '\\') {
      escaped[0] = '\\';
      escaped[1] = static_cast<char>(c);
      piece = std::string_view(escaped, 2);
    } else if (c < 0x20u) {
      static const char kHex[] = "0123456789abcdef";
      std::memcpy(escaped, "\\u00", 4);
      escaped[4] = kHex[c >> 4];
      escaped[5] = kHex[c & 0xFu];
      piece = std::string_view(escaped, 6);
    } else {
      piece = text.substr(i, length);
    }
    if (used + piece.size() >= capacity) break;
    std::memcpy(out + used, piece.data(), piece.size());
    used += piece.size();
    i += length;
  }
  return used;
}

// Fills `*out` (still empty) with {"schema":"webhook_result.v1","http_status":N,"accepted":false,
// "status":"NAME","message":"..."}. Leaves it empty when memory is short: the status still tells.
inline void write_webhook_failure(ocean_buffer* out, const CallOutcome& outcome) noexcept {
  if (out == nullptr || out->data != nullptr) return;
  char text[CallOutcome::kCapacity * 6 + 160];
  int head = std::snprintf(text, sizeof(text),
                           "{\"schema\":\"webhook_result.v1\",\"http_status\":%d,\"accepted\":false,"
                           "\"status\":\"%s\",\"message\":\"",
                           webhook_http_status(outcome.status()), ocean_status_name(outcome.status()));
  if (head < 0) return;
  std::size_t used = append_json_text(text, static_cast<std::size_t>(head), sizeof(text) - 3, outcome.message());
  text[used++] = '"';
  text[used++] = '}';
  char* data = static_cast<char*>(std::malloc(used + 1));
  if (data == nullptr) return;
  std::memcpy(data, text, used);
  data[used] = '\0';
  out->data = data;
  out->size = used;
}

}  // namespace ocean::sdk::detail

#endif  // OCEAN_SDK_OUTCOME_HPP
