// Capability dispatch: id -> handler(request object) -> response object. Only capabilities
// with a real implementation are registered; every other capability the manifest declares
// answers UNSUPPORTED "not implemented yet" (never fake data).
//
// To add one: write the handler next to its domain (e.g. in an orders service) and register it
// in ShopAccount::register_capabilities() with the manifest's id.
#pragma once
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace ocean::tiktok {

using CapabilityHandler = std::function<boost::json::object(const boost::json::object& request)>;

class CapabilityTable {
 public:
  void add(std::string id, CapabilityHandler handler);
  bool implemented(std::string_view id) const;
  // Throws Failure: UNSUPPORTED "not implemented yet" for an unregistered id.
  boost::json::object run(std::string_view id, const boost::json::object& request) const;

 private:
  std::map<std::string, CapabilityHandler, std::less<>> handlers_;
};

}  // namespace ocean::tiktok
