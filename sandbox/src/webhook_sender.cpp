#include "webhook_sender.hpp"

#include <curl/curl.h>

#include <array>
#include <chrono>

namespace tts_sandbox {

namespace {
// Reference §7: after a failure, retries at +2 min, +30 min, +3 h, +12 h, then TikTok stops.
constexpr std::array<double, 4> kRetryDelaysSeconds{120.0, 1800.0, 10800.0, 43200.0};

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }
}  // namespace

WebhookSender::WebhookSender(std::uint64_t seed) : rng_(seed, "webhooks") {}

WebhookSender::~WebhookSender() { stop(); }

void WebhookSender::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void WebhookSender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WebhookSender::set_knobs(WebhookKnobs k) {
  std::lock_guard lock(mutex_);
  knobs_ = std::move(k);
}

WebhookKnobs WebhookSender::knobs() const {
  std::lock_guard lock(mutex_);
  return knobs_;
}

std::vector<DeliveryRecord> WebhookSender::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

void WebhookSender::clear_records() {
  std::lock_guard lock(mutex_);
  records_.clear();
  due_.clear();
}

void WebhookSender::record(const WebhookDelivery& d, const std::string& url, long status, const char* outcome) {
  // Caller holds mutex_.
  if (records_.size() > 20000) records_.erase(records_.begin(), records_.begin() + 10000);
  records_.push_back(DeliveryRecord{d.notification_id, url, d.attempt, status, outcome});
}

void WebhookSender::enqueue(WebhookDelivery d) {
  {
    std::lock_guard lock(mutex_);
    auto when = Clock::now();
    if (rng_.chance(knobs_.drop)) {
      record(d, redirect(d.url), 0, "dropped");
      return;
    }
    if (rng_.chance(knobs_.reorder)) {
      // Held back long enough that deliveries queued right after it go first.
      when += std::chrono::milliseconds(300);
      record(d, redirect(d.url), 0, "held");
    }
    if (rng_.chance(knobs_.duplicate)) {
      record(d, redirect(d.url), 0, "duplicated");
      due_.emplace(when, d);
    }
    due_.emplace(when, std::move(d));
  }
  wake_.notify_all();
}

std::string WebhookSender::redirect(const std::string& url) const {
  for (const auto& [from, to] : knobs_.redirects) {
    if (url.rfind(from, 0) == 0) return to + url.substr(from.size());
  }
  return url;
}

long WebhookSender::post(const std::string& url, const WebhookDelivery& d) const {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return 0;
  struct curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  const std::string auth = "Authorization: " + d.signature;
  headers = curl_slist_append(headers, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, d.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(d.body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // The receiver must answer within 3 s (reference §7); anything slower counts as a failure.
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 3000L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

void WebhookSender::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (due_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const auto next = due_.begin()->first;
    if (Clock::now() < next) {
      wake_.wait_until(lock, next);
      continue;
    }
    WebhookDelivery d = std::move(due_.begin()->second);
    due_.erase(due_.begin());
    const std::string url = redirect(d.url);
    const double factor = knobs_.time_factor;
    lock.unlock();
    const long status = post(url, d);
    lock.lock();
    if (status == 200) {
      record(d, url, status, "delivered");
      continue;
    }
    if (d.attempt >= static_cast<int>(kRetryDelaysSeconds.size())) {
      record(d, url, status, "gave_up");
      continue;
    }
    record(d, url, status, "failed");
    const auto delay = std::chrono::duration<double>(kRetryDelaysSeconds[static_cast<std::size_t>(d.attempt)] * factor);
    ++d.attempt;
    due_.emplace(Clock::now() + std::chrono::duration_cast<Clock::duration>(delay), std::move(d));
  }
}

}  // namespace tts_sandbox
