#include "live_progress.hpp"

#include <string>

#include "json_io.hpp"

namespace erp_host {

LiveProgress::LiveProgress(HostRuntime& runtime, std::ostream& out, bool terminal)
    : runtime_(runtime), display_(out, terminal) {
  runtime_.set_live_listener([this](std::string_view account, std::string_view json) {
    std::string error;
    const auto event = parse_json(json, error);
    if (!event || !is_sync_event(*event)) return false;
    return display_.show(std::string(account), *event);
  });
}

LiveProgress::~LiveProgress() {
  runtime_.set_live_listener({});  // from here on nothing else touches display_
  display_.end_line();
}

}  // namespace erp_host
