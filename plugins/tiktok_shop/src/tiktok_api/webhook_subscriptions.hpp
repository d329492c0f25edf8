// Event domain of the open API (reference §7): subscribing the shop's webhook address, so the
// platform pushes what the plugin applies (orders, packages, products, returns, cancellations,
// authorization changes). Polling stays the backstop for anything missed.
#pragma once
#include <string>
#include <vector>

#include "transport/api_client.hpp"

namespace ocean::tiktok::tiktok_api {

// The event types the plugin acts on.
const std::vector<std::string>& subscribed_event_types();

struct SubscriptionReport {
  std::vector<std::string> subscribed;
  std::string error;  // first failure ("" when every type was subscribed)
};

// PUT /event/202309/webhooks {event_type, address} for each type (an upsert, so repeating it is
// safe). Never throws: the connection stands even when subscribing fails, and the report says why.
SubscriptionReport subscribe_webhooks(ApiClient& client, const std::string& shop_cipher, const std::string& address);

}  // namespace ocean::tiktok::tiktok_api
