// How erp-host shows an alert.raised event (data: plugin_api/schemas/alert.v1.json) in text mode:
// one line a person can act on, instead of the bare event type.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace erp_host {

// "alert [ACCOUNT] CRITICAL live_session: MESSAGE -- do: SUGGESTED ACTION", or nullopt when
// `event` is not an alert.raised event.
std::optional<std::string> alert_line(const std::string& account, const boost::json::value& event);

}  // namespace erp_host
