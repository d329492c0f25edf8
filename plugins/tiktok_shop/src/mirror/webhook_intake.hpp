// Webhook intake: verify, store, acknowledge; nothing else (applying happens on tick). It runs on
// the host's listener threads, concurrently with a sync, so it writes through its OWN store
// connection and never calls the API: TikTok wants an answer within 3 s (reference §7).
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "store/commerce_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {

struct IntakeResult {
  int http_status = 200;       // what the host answers TikTok
  Status status = Status::ok;  // ok; invalid_argument for forged or malformed deliveries
  std::string message;
  bool duplicate = false;
  std::string notification_id;
  int type = 0;
};

// The value of header `name` (case-insensitive) in a raw "Name: value\r\n" block, trimmed.
std::optional<std::string> header_value(std::string_view headers, std::string_view name);

class WebhookIntake {
 public:
  WebhookIntake(store::CommerceStore& inbox, std::string app_key, std::string app_secret);

  IntakeResult handle(std::string_view headers, std::string_view body, std::int64_t received_at_ms);

 private:
  store::CommerceStore& inbox_;
  std::string app_key_;
  std::string app_secret_;
  std::mutex mutex_;  // the intake connection is used by one listener thread at a time
};

}  // namespace ocean::tiktok::mirror
