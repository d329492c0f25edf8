// The alerts room of one started account: evaluates the config's alert rules (config/alert_rules.hpp)
// from tick, at most once a minute of the host's clock, and emits each condition found once as an
// alert.raised event whose data is an alert.v1 object (plugin_api/schemas/alert.v1.json): severity,
// message, suggested action. Built by the glue after the other rooms; it reads them, never the reverse.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "alerts/rules.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::alerts {

class AlertRoom {
 public:
  static constexpr std::int64_t kEveryMs = 60'000;

  AlertRoom(ShopAccount& account, Host& host, std::string account_id, mirror::Mirror* mirror, ops::OpsContext* ops,
            const capability::Rooms* rooms, std::function<bool(const std::string&)> feature_on);
  ~AlertRoom();
  AlertRoom(const AlertRoom&) = delete;
  AlertRoom& operator=(const AlertRoom&) = delete;

  // Runs the rules when a minute has passed since the last run (the first tick always runs them).
  void on_tick(std::int64_t now_ms);

 private:
  void raise(const Alert& a, std::int64_t now_ms);
  void run_rule(const char* name, void (*rule)(AlertContext&), AlertContext& c);

  ShopAccount& account_;
  Host& host_;
  std::string account_id_;
  mirror::Mirror* mirror_;
  ops::OpsContext* ops_;
  const capability::Rooms* rooms_;
  std::function<bool(const std::string&)> feature_on_;
  std::unique_ptr<AlertStore> store_;
  std::unique_ptr<store::OrderNotes> notes_;
  std::int64_t last_run_ms_ = -1;
  std::map<std::string, std::string> last_error_;  // rule -> its last failure, logged once per change
};

}  // namespace ocean::tiktok::alerts
