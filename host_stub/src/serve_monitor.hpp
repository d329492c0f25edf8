// Health and metrics for `erp-host serve`: GET /healthz (the process answers), GET /readyz (every
// account started and its token valid; JSON per account; 503 otherwise) and GET /metrics
// (Prometheus text, names prefixed ocean_).
//
// How the host learns what the plugins know, without touching the ABI: two core capabilities,
// health.read (health.v1: ready, link_state, token_valid, access_token_expires_in_seconds, reason)
// and metrics.read (metrics.v1: counter and gauge families), declared in the plugin's manifest and
// invoked like any other capability. They are invoked on the tick thread before the first tick and
// right after each round of ticks (invoke and tick are never concurrent on one instance, as the ABI
// requires), and the HTTP threads answer from that snapshot; so /metrics is at most one tick
// interval old and a scrape never waits on a plugin. A plugin without these capabilities is ready once started and adds
// no metrics of its own. Thread-safety: refresh() on the tick thread; the answers and count_webhook() on any thread.
#pragma once

#include "serve_http.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace erp_host {

class AccountSession;

class ServeMonitor {
 public:
  ServeMonitor();
  // Asks every account for health.read and metrics.read. `refused` are accounts that could not be
  // opened at all (never ready).
  void refresh(const std::vector<AccountSession*>& accounts, const std::vector<std::string>& refused);
  // One webhook request answered with `status` for `account` ("" when no such account).
  void count_webhook(const std::string& account, int status);
  // Host-wide families computed at each scrape, on the HTTP thread (e.g. the cluster's leases).
  void add_families(std::function<boost::json::array()> source) { extra_ = std::move(source); }

  HttpAnswer healthz() const;
  HttpAnswer readyz() const;
  HttpAnswer metrics() const;

 private:
  struct AccountView {
    std::string id, plugin, state;
    bool started = false;
    boost::json::object health;  // health.read's answer, or what the host knows
    bool ready = false;
    boost::json::array families;  // metrics.read's families
  };
  static AccountView observe(AccountSession& a);

  std::chrono::steady_clock::time_point started_at_;
  mutable std::mutex mutex_;
  bool observed_ = false;
  std::vector<AccountView> views_;
  std::map<std::pair<std::string, int>, std::uint64_t> webhooks_;  // (account, HTTP status)
  std::function<boost::json::array()> extra_;                      // set before serving
};

}  // namespace erp_host
