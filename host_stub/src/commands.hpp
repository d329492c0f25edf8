// The erp-host commands. Each builds a Report (data for --json and the text formatter, plus
// the exit code); none prints anything itself, so `serve` and a progress display can reuse them.
#pragma once

#include "cli.hpp"
#include "exit_codes.hpp"
#include "log_file.hpp"
#include "runtime.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace erp_host {

struct CommandContext {
  const Options& options;
  HostRuntime& runtime;
  std::filesystem::path manifest_dir;
  std::filesystem::path plugin_dir;
  std::ostream& out;            // where the report goes; live progress goes there too
  LogFile* log_file = nullptr;  // --log-file, when given (serve reopens it on SIGHUP)
};

struct Report {
  boost::json::object data;  // always has "command"
  ExitCode code = ExitCode::ok;
  std::vector<std::string> errors;  // one line each, for stderr
  void fail(ExitCode c, const std::string& message) {
    code = worse(code, c);
    errors.push_back(message);
  }
};

Report cmd_list(const CommandContext& ctx);
Report cmd_validate(const CommandContext& ctx);
Report cmd_accounts(const CommandContext& ctx);
Report cmd_invoke(const CommandContext& ctx);
Report cmd_features(const CommandContext& ctx);
Report cmd_tick(const CommandContext& ctx);
Report cmd_run(const CommandContext& ctx);
// Runs until SIGINT/SIGTERM or --duration; prints while it runs (serve_command.cpp).
Report cmd_serve(const CommandContext& ctx);
// The nodes sharing the config's accounts on a PostgreSQL store (cluster/cluster_command.cpp).
Report cmd_cluster(const CommandContext& ctx);

}  // namespace erp_host
