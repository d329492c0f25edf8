// The alert rules, one function each (rule_live.cpp, rule_affiliate.cpp, rule_health.cpp). Each reads
// what it watches and calls raise() for every condition it finds; raise() emits an alert once per
// (rule, subject, occurrence). A rule throws Failure when its data cannot be read; the room logs it
// and the other rules still run.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "config/alert_rules.hpp"

namespace ocean::tiktok {
class ShopAccount;
namespace mirror {
class Mirror;
}
namespace ops {
struct OpsContext;
}
namespace capability {
struct Rooms;
}
namespace store {
class OrderNotes;
}
}  // namespace ocean::tiktok

namespace ocean::tiktok::alerts {

class AlertStore;

struct Alert {
  std::string rule;      // the config's rule name: live_session, affiliate_gmv_drop, ...
  std::string severity;  // info, warning, critical
  std::string subject_type;
  std::string subject_id;
  std::string occurrence;  // with rule and subject: raised once
  std::string message;
  std::string suggested_action;
  boost::json::object details;
};

// What the rules are lent for one evaluation.
struct AlertContext {
  const AlertRules& rules;
  std::int64_t now_s = 0;
  ShopAccount& account;
  mirror::Mirror* mirror;          // null when the mirror could not be opened
  ops::OpsContext* ops;            // null when the operations room could not be opened
  const capability::Rooms* rooms;  // to run capabilities (affiliate.orders.search) as a host would
  store::OrderNotes& notes;
  AlertStore& raised;
  std::function<bool(const std::string&)> feature_on;
  std::function<void(const Alert&)> raise;
};

void live_session_rule(AlertContext& c);
void affiliate_gmv_rule(AlertContext& c);
void token_expiry_rule(AlertContext& c);
void dispatch_deadline_rule(AlertContext& c);
void sync_failures_rule(AlertContext& c);
void webhook_backlog_rule(AlertContext& c);

}  // namespace ocean::tiktok::alerts
