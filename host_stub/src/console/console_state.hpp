// What the console's route files share (internal to host_stub/src/console).
#pragma once

#include "console/console.hpp"
#include "console/console_auth.hpp"
#include "console/console_events.hpp"
#include "console/console_static.hpp"

#include <boost/json/object.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace erp_host::console {

struct PendingAuthorization {
  std::string account;
  std::chrono::steady_clock::time_point expires;
};

struct ConsoleState {
  ConsoleState(ConsoleDeps d, std::string token, const std::filesystem::path& dir)
      : deps(std::move(d)), auth(std::move(token)), files(dir) {}

  ConsoleDeps deps;
  ConsoleAuth auth;
  ConsoleEvents events;
  ConsoleStatic files;
  // Accepted Host header values: set once the listener has bound, read by its threads.
  std::mutex hosts_mutex;
  std::set<std::string> hosts;
  bool host_allowed(const std::string& host) {
    std::lock_guard lock(hosts_mutex);
    return hosts.count(host) > 0;
  }

  std::mutex mutex;                                   // guards the members below
  std::map<std::string, PendingAuthorization> oauth;  // OAuth state -> the account it is for
  std::map<std::string, std::thread> sync_workers;    // account -> its running "Sync now"
  std::set<std::string> syncing;                      // accounts whose worker has not finished
  std::atomic<bool> stopping{false};
};

// A request body: a JSON object with only `allowed` members. On failure `error` says why, naming
// the field, and `field` is set to it.
std::optional<boost::json::object> read_body(const std::string& body, std::initializer_list<const char*> allowed,
                                             std::string& error, std::string& field);

// Routes (one file each).
HttpAnswer plugins_answer(ConsoleState& s);
HttpAnswer accounts_answer(ConsoleState& s);
HttpAnswer form_answer(ConsoleState& s, const std::string& account);
HttpAnswer call_answer(ConsoleState& s, const std::string& account, const std::string& capability,
                       const std::string& body);
HttpAnswer save_config_answer(ConsoleState& s, const std::string& account, const std::string& body);
HttpAnswer authorize_answer(ConsoleState& s, const std::string& account);
HttpAnswer oauth_callback_answer(ConsoleState& s, const std::string& target);
HttpAnswer sync_answer(ConsoleState& s, const std::string& account, const std::string& body);
HttpAnswer events_answer(ConsoleState& s, const HttpRequest& req);

// The account's "config" as the host config file has it now (a save changes the file; `deps.config`
// is what serve started with). nullopt when the file has no such account.
std::optional<boost::json::object> saved_account_config(ConsoleState& s, const std::string& account);

// Invokes `capability` on the account's session; the answer (or the error) as JSON, secrets masked.
// `status` gets the HTTP status to answer with.
boost::json::value invoke_json(ConsoleState& s, const std::string& account, const std::string& capability,
                               const std::string& request, int& status);

}  // namespace erp_host::console
