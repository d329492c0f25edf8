// The capability router: ONE table from capability id to (feature, handler, request fields, help)
// in table.cpp, and the one place where a capability call's failure becomes a status.
//
// To add a capability: write its handler in its room (a function taking the room and a
// capability::Request), add one row to table.cpp, and add the id to manifests/tiktok_shop.json
// under its feature. Tests check that the table and the manifest list the same capabilities.
// Feature gating (FEATURE_DISABLED) happens in the SDK, before a call gets here.
// Thread-safety: the table is immutable; invoke() may be called from any thread, with the rooms'
// own rules (rooms.hpp) applying to the handlers.
#pragma once
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "capability/outcome.hpp"
#include "capability/request.hpp"
#include "capability/rooms.hpp"

namespace ocean::tiktok::capability {

using Handler = boost::json::object (*)(const Rooms& rooms, const Request& request);

struct Capability {
  std::string_view id;                   // the manifest's id, e.g. "orders.search"
  std::string_view feature;              // the manifest feature it belongs to; "core" = always on
  Handler handler;                       // reads the request, does the work, answers an object
  std::vector<std::string_view> fields;  // the request's top-level fields; anything else is refused
  std::string_view help;                 // one line for humans
};

// Every capability this plugin implements, in the manifest's order.
const std::vector<Capability>& capability_table();
const Capability* find_capability(std::string_view id);

// Runs one capability: parses the request, refuses unknown fields, calls the handler. Throws
// Failure (UNSUPPORTED for an id the table does not have).
std::string run_capability(const Rooms& rooms, std::string_view id, std::string_view request_json);

// The same, with any failure returned as an Outcome (message redacted); `response` is the answer
// text on success.
Outcome invoke(const Rooms& rooms, Logger& log, std::string_view id, std::string_view request_json,
               std::string& response);

}  // namespace ocean::tiktok::capability
