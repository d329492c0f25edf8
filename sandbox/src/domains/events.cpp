// Webhook subscriptions: GET, PUT and DELETE /event/202309/webhooks (reference §7). Subscriptions are
// per (app, shop, event_type); the World delivers events to them through the WebhookSender.
#include <algorithm>
#include <cctype>

#include "../body_fields.hpp"
#include "../world.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

// Every event_type the platform documents for PUT/DELETE /event/202309/webhooks (reference §7 type
// table: the numbered webhook pages, ECOM's constants, the official SDK's event_type enum); anything
// else is refused. Subscribing to a type the sandbox never emits is accepted, as on the platform.
bool is_event_type(const std::string& t) {
  static const char* const all[] = {"ORDER_STATUS_CHANGE",
                                    "REVERSE_STATUS_UPDATE",
                                    "RECIPIENT_ADDRESS_UPDATE",
                                    "PACKAGE_UPDATE",
                                    "PRODUCT_STATUS_CHANGE",
                                    "SELLER_DEAUTHORIZATION",
                                    "UPCOMING_AUTHORIZATION_EXPIRATION",
                                    "CANCELLATION_STATUS_CHANGE",
                                    "RETURN_STATUS_CHANGE",
                                    "NEW_CONVERSATION",
                                    "NEW_MESSAGE",
                                    "PRODUCT_INFORMATION_CHANGE",
                                    "PRODUCT_CREATION",
                                    "PRODUCT_CATEGORY_CHANGE",
                                    "NEW_MESSAGE_LISTENER",
                                    "INVOICE_STATUS_CHANGE",
                                    "PRODUCT_AUDIT_STATUS_CHANGE",
                                    "INVENTORY_STATUS_CHANGE",
                                    "PROMOTION_ACTIVITY_STATUS_CHANGE"};
  return std::any_of(std::begin(all), std::end(all), [&](const char* x) { return t == x; });
}

bool is_ip_literal(const std::string& host) {
  if (!host.empty() && host.front() == '[') return true;  // IPv6
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char ch) {
    return std::isdigit(static_cast<unsigned char>(ch)) || ch == '.';
  });
}

// The platform takes only https://domain[/path] (reference §7): no IP address, no port, <= 255 chars.
void validate_address(const std::string& address) {
  if (address.size() > 255) throw bad_param("address must be at most 255 characters");
  static const std::string scheme = "https://";
  if (address.rfind(scheme, 0) != 0) throw bad_param("address must be an https URL");
  const std::string rest = address.substr(scheme.size());
  const std::string authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string::npos) throw bad_param("address must name a domain");
  if (authority.find(':') != std::string::npos && authority.front() != '[')
    throw bad_param("address must not carry a port");
  if (is_ip_literal(authority)) throw bad_param("address must use a domain name, not an IP address");
  if (authority.find('.') == std::string::npos) throw bad_param("address must use a fully qualified domain name");
  for (char ch : authority) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.')) {
      throw bad_param("address has an invalid domain name");
    }
  }
}

json::value list_webhooks(ApiContext& c) {
  json::array out;
  for (const auto& s : c.the_shop().data.webhooks) {
    if (s.app_key != c.app.key) continue;
    out.push_back(json::object{{"event_type", s.event_type},
                               {"address", s.address},
                               {"create_time", s.create_time},
                               {"update_time", s.update_time}});
  }
  const auto n = out.size();
  return json::object{{"webhooks", std::move(out)}, {"total_count", n}};
}

json::value put_webhook(ApiContext& c) {
  const auto& b = c.body();
  const std::string event_type = fields::req_string(b, "event_type");
  if (!is_event_type(event_type)) throw bad_param("event_type is invalid: " + event_type);
  const std::string address = fields::req_string(b, "address");
  validate_address(address);
  auto& subs = c.the_shop().data.webhooks;
  auto it = std::find_if(subs.begin(), subs.end(), [&](const WebhookSubscription& s) {
    return s.app_key == c.app.key && s.event_type == event_type;
  });
  if (it == subs.end()) {
    subs.push_back(WebhookSubscription{c.app.key, event_type, address, c.now, c.now});
  } else {
    it->address = address;
    it->update_time = c.now;
  }
  return json::object{};
}

json::value delete_webhook(ApiContext& c) {
  const std::string event_type = fields::req_string(c.body(), "event_type");
  if (!is_event_type(event_type)) throw bad_param("event_type is invalid: " + event_type);
  auto& subs = c.the_shop().data.webhooks;
  subs.erase(std::remove_if(
                 subs.begin(), subs.end(),
                 [&](const WebhookSubscription& s) { return s.app_key == c.app.key && s.event_type == event_type; }),
             subs.end());
  return json::object{};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"GET", "/event/202309/webhooks", ShopScope::kRequired, std::nullopt, list_webhooks});
  r.add(ApiRoute{"PUT", "/event/202309/webhooks", ShopScope::kRequired, std::nullopt, put_webhook});
  r.add(ApiRoute{"DELETE", "/event/202309/webhooks", ShopScope::kRequired, std::nullopt, delete_webhook});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"events", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
