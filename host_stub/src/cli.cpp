#include "cli.hpp"

#include "exit_codes.hpp"

#include <algorithm>
#include <charconv>

namespace erp_host {

const std::vector<std::string>& command_names() {
  static const std::vector<std::string> names = {"list",     "validate", "accounts", "invoke",
                                                 "features", "tick",     "run",      "serve"};
  return names;
}

namespace {
bool is_command(const std::string& s) {
  const auto& names = command_names();
  return std::find(names.begin(), names.end(), s) != names.end();
}

std::int64_t parse_ms(const std::string& flag, const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0)
    throw HostError(ExitCode::usage, flag + " needs a non-negative integer (milliseconds since the epoch)");
  return value;
}
}  // namespace

Options parse_cli(const std::vector<std::string>& argv) {
  Options o;
  bool only_positionals = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    // "-" (stdin) and JSON text are arguments, not flags.
    if (only_positionals || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      if (o.command.empty()) {
        if (arg == "help") {
          o.help = true;
          continue;
        }
        if (!is_command(arg)) throw HostError(ExitCode::usage, "unknown command '" + arg + "'");
        o.command = arg;
      } else {
        o.args.push_back(arg);
      }
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (const auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= argv.size()) throw HostError(ExitCode::usage, name + " needs a value");
      return argv[++i];
    };
    auto no_value = [&] {
      if (inline_value) throw HostError(ExitCode::usage, name + " takes no value");
    };
    if (name == "--config")
      o.config = value();
    else if (name == "--plugins")
      o.plugins = value();
    else if (name == "--manifests")
      o.manifests = value();
    else if (name == "--secrets")
      o.secrets = value();
    else if (name == "--now")
      o.now_ms = parse_ms(name, value());
    else if (name == "--json")
      no_value(), o.json = true;
    else if (name == "--help" || name == "-h")
      no_value(), o.help = true;
    else if (name == "--version")
      no_value(), o.version = true;
    else if (name == "--verbose" || name == "-v")
      no_value(), o.verbose = true;
    // serve's own flags travel as "--flag value" pairs in args; serve_command.cpp checks them.
    else if (o.command == "serve" && (name == "--listen" || name == "--tick-interval" || name == "--duration")) {
      const std::string v = value();
      o.args.push_back(name);
      o.args.push_back(v);
    } else
      throw HostError(ExitCode::usage, "unknown option " + name);
  }
  if (o.now_ms && o.command != "tick" && !o.help)
    throw HostError(ExitCode::usage, "--now only applies to the tick command");
  return o;
}

}  // namespace erp_host
