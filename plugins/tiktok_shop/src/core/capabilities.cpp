#include "core/capabilities.hpp"

#include "util/status.hpp"

namespace ocean::tiktok {

void CapabilityTable::add(std::string id, CapabilityHandler handler) { handlers_[std::move(id)] = std::move(handler); }

bool CapabilityTable::implemented(std::string_view id) const { return handlers_.find(id) != handlers_.end(); }

boost::json::object CapabilityTable::run(std::string_view id, const boost::json::object& request) const {
  const auto it = handlers_.find(id);
  if (it == handlers_.end()) {
    throw Failure(Status::unsupported, "capability " + std::string(id) + " is not implemented yet");
  }
  return it->second(request);
}

}  // namespace ocean::tiktok
