#include "serve_printer.hpp"

#include "alert_text.hpp"
#include "json_io.hpp"

#include "ocean/ocean_plugin.h"

#include <boost/json.hpp>

#include <unistd.h>

namespace erp_host {
namespace json = boost::json;

ServePrinter::ServePrinter(HostRuntime& runtime, bool json_mode, OutputQueue& out)
    : runtime_(runtime), json_mode_(json_mode), queue_(out), progress_(out.stream(), isatty(STDOUT_FILENO) == 1) {}

void ServePrinter::line(const std::string& text) {
  std::lock_guard lock(mutex_);
  progress_.end_line();
  queue_.stream() << text << "\n" << std::flush;
}

void ServePrinter::pump() {
  std::lock_guard lock(mutex_);
  auto& out = queue_.stream();
  for (auto& e : runtime_.take_events()) {
    std::string error;
    auto parsed = parse_json(e.json, error);
    json::value event = parsed ? std::move(*parsed) : json::value(e.json);
    if (json_mode_) {
      out << json::serialize(json::object{{"account", e.account}, {"event", std::move(event)}}) << "\n";
    } else if (const auto alert = alert_line(e.account, event)) {
      progress_.end_line();
      out << *alert << "\n";
    } else if (!progress_.show(e.account, event)) {
      progress_.end_line();
      const auto* type = event.is_object() ? event.get_object().if_contains("type") : nullptr;
      out << "event [" << e.account << "] "
          << (type && type->is_string() ? std::string(type->get_string()) : json::serialize(event)) << "\n";
    }
  }
  out << std::flush;
  note_dropped();
}

void ServePrinter::note_dropped() {
  const auto dropped = queue_.dropped_bytes();
  const auto now = std::chrono::steady_clock::now();
  if (dropped == dropped_noted_ || now - last_note_ < std::chrono::seconds(10)) return;
  runtime_.log(OCEAN_LOG_WARN, "",
               "stdout is not being read: " + std::to_string(dropped) + " bytes of output dropped so far");
  dropped_noted_ = dropped;
  last_note_ = now;
}

}  // namespace erp_host
