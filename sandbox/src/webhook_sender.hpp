// Background delivery of webhooks (reference §7) over libcurl: POST with Content-Type application/json
// and Authorization = webhook signature; non-200 answers are retried at +2 min, +30 min, +3 h, +12 h
// (times --webhook-time-factor), then given up. Drop / duplicate / reorder switches are seeded.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rng.hpp"
#include "settings.hpp"

namespace tts_sandbox {

struct WebhookDelivery {
  std::string url;  // as subscribed (redirects are applied when sending)
  std::string app_key;
  std::string notification_id;
  std::string body;
  std::string signature;
  int attempt = 0;  // 0 = first try
};

struct DeliveryRecord {
  std::string notification_id;
  std::string url;  // after redirects
  int attempt = 0;
  long http_status = 0;  // 0 when no answer arrived
  std::string outcome;   // delivered, failed, gave_up, dropped, duplicated, held
};

class WebhookSender {
 public:
  explicit WebhookSender(std::uint64_t seed);
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  void start();
  void stop();
  void enqueue(WebhookDelivery d);
  void set_knobs(WebhookKnobs k);
  WebhookKnobs knobs() const;
  std::vector<DeliveryRecord> records() const;
  void clear_records();

 private:
  using Clock = std::chrono::steady_clock;
  void loop();
  long post(const std::string& url, const WebhookDelivery& d) const;
  std::string redirect(const std::string& url) const;
  void record(const WebhookDelivery& d, const std::string& url, long status, const char* outcome);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<Clock::time_point, WebhookDelivery> due_;
  std::vector<DeliveryRecord> records_;
  WebhookKnobs knobs_;
  Rng rng_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tts_sandbox
