#include "mirror/webhook_intake.hpp"

#include <boost/json/parse.hpp>

#include <cctype>
#include <optional>

#include "ocean_common/crypto.hpp"
#include "ocean_common/tts_sign.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

IntakeResult refuse(int http, std::string message) {
  IntakeResult r;
  r.http_status = http;
  r.status = Status::invalid_argument;
  r.message = std::move(message);
  return r;
}

}  // namespace

std::optional<std::string> header_value(std::string_view headers, std::string_view name) {
  while (!headers.empty()) {
    const auto eol = headers.find('\n');
    std::string_view line = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (iequals(trim(line.substr(0, colon)), name)) return std::string(trim(line.substr(colon + 1)));
  }
  return std::nullopt;
}

WebhookIntake::WebhookIntake(store::CommerceStore& inbox, std::string app_key, std::string app_secret)
    : inbox_(inbox), app_key_(std::move(app_key)), app_secret_(std::move(app_secret)) {}

IntakeResult WebhookIntake::handle(std::string_view headers, std::string_view body, std::int64_t received_at_ms) {
  // 1. The signature, over the exact bytes, before anything reads them.
  const auto auth = header_value(headers, "Authorization");
  if (!auth || auth->empty()) return refuse(401, "webhook refused: no Authorization header");
  const std::string expected = tts::webhook_signature(app_key_, app_secret_, body);
  if (!crypto::constant_time_equals(expected, *auth)) {
    return refuse(401, "webhook refused: the Authorization signature does not match this app");
  }
  // 2. The shape: what dedup and applying need. A bad body is refused whole, nothing stored.
  boost::system::error_code ec;
  const json::value v = json::parse(body, ec);
  if (ec) return refuse(400, "webhook body is not valid JSON: " + ec.message());
  if (!v.is_object()) return refuse(400, "webhook body is not a JSON object");
  const auto& o = v.as_object();
  const auto* type = o.if_contains("type");
  if (type == nullptr || !type->is_int64() || type->as_int64() <= 0 || type->as_int64() > 1000) {
    return refuse(400, "webhook field type is missing or not a positive integer");
  }
  const auto* nid = o.if_contains("tts_notification_id");
  if (nid == nullptr || !nid->is_string() || nid->as_string().empty()) {
    return refuse(400, "webhook field tts_notification_id is missing or empty");
  }
  const auto* data = o.if_contains("data");
  if (data == nullptr || !data->is_object()) return refuse(400, "webhook field data is missing or not an object");
  std::string shop_id;
  if (const auto* s = o.if_contains("shop_id"); s != nullptr) {
    if (!s->is_string()) return refuse(400, "webhook field shop_id is not a string");
    shop_id = std::string(s->as_string());
  }
  std::int64_t timestamp = 0;
  if (const auto* t = o.if_contains("timestamp"); t != nullptr && t->is_int64()) timestamp = t->as_int64();

  // 3. Store once; a repeat is acknowledged (TikTok stops retrying) but not stored again.
  IntakeResult r;
  r.notification_id = std::string(nid->as_string());
  r.type = static_cast<int>(type->as_int64());
  bool inserted = false;
  {
    std::lock_guard lock(mutex_);
    inserted = inbox_.inbox_insert(r.notification_id, r.type, shop_id, timestamp, body, received_at_ms);
  }
  r.duplicate = !inserted;
  r.message = inserted ? "stored" : "duplicate notification acknowledged";
  return r;
}

}  // namespace ocean::tiktok::mirror
