#include "tiktok_api/webhook_subscriptions.hpp"

#include <boost/json.hpp>

#include "util/status.hpp"

namespace ocean::tiktok::tiktok_api {

const std::vector<std::string>& subscribed_event_types() {
  static const std::vector<std::string> types{
      "ORDER_STATUS_CHANGE", "RECIPIENT_ADDRESS_UPDATE", "PACKAGE_UPDATE", "PRODUCT_STATUS_CHANGE",
      "SELLER_DEAUTHORIZATION", "UPCOMING_AUTHORIZATION_EXPIRATION", "CANCELLATION_STATUS_CHANGE",
      "RETURN_STATUS_CHANGE",
      // The listing path follows audits and changes through these (issue 11).
      "PRODUCT_INFORMATION_CHANGE", "PRODUCT_CREATION", "PRODUCT_AUDIT_STATUS_CHANGE",
      // Promotion activities starting, expiring or deactivated (webhook 39, issue 14).
      "PROMOTION_ACTIVITY_STATUS_CHANGE"};
  return types;
}

SubscriptionReport subscribe_webhooks(ApiClient& client, const std::string& shop_cipher, const std::string& address) {
  SubscriptionReport report;
  for (const auto& type : subscribed_event_types()) {
    ApiCall call;
    call.method = "PUT";
    call.path = "/event/202309/webhooks";
    call.body = boost::json::serialize(boost::json::object{{"event_type", type}, {"address", address}});
    call.shop_cipher = shop_cipher;
    call.idempotent = true;  // the platform keeps one address per event type: repeating is harmless
    try {
      client.call(call);
      report.subscribed.push_back(type);
    } catch (const Failure& f) {
      if (report.error.empty()) report.error = type + ": " + f.what();
    }
  }
  return report;
}

}  // namespace ocean::tiktok::tiktok_api
