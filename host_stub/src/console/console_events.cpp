#include "console/console_events.hpp"

#include <boost/json.hpp>

namespace erp_host::console {
namespace json = boost::json;

void ConsoleEvents::push(std::string_view account, std::string_view text) {
  {
    std::lock_guard lock(mutex_);
    ring_.push_back(ConsoleEvent{++last_, std::string(account), std::string(text)});
    while (ring_.size() > kKept) ring_.pop_front();
  }
  arrived_.notify_all();
}

std::vector<ConsoleEvent> ConsoleEvents::after(std::uint64_t after_seq, std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, wait, [&] { return last_ > after_seq; });
  std::vector<ConsoleEvent> out;
  for (const auto& e : ring_)
    if (e.seq > after_seq) out.push_back(e);
  return out;
}

std::uint64_t ConsoleEvents::last_seq() {
  std::lock_guard lock(mutex_);
  return last_;
}

std::string sse_frame(const ConsoleEvent& e) {
  std::string type = "event";
  json::value event;
  boost::system::error_code ec;
  event = json::parse(e.json, ec);
  if (ec) return {};  // a plugin event that is not JSON is not passed on
  if (const auto* o = event.if_object())
    if (const auto* t = o->if_contains("type"); t && t->is_string()) type = std::string(t->get_string());
  // The event name is a header line: keep it to characters that cannot break the framing.
  for (char& c : type)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) c = '_';
  const json::object data{{"account", e.account}, {"event", std::move(event)}};
  return "id: " + std::to_string(e.seq) + "\nevent: " + type + "\ndata: " + json::serialize(data) + "\n\n";
}

}  // namespace erp_host::console
