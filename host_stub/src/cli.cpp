#include "cli.hpp"

#include "exit_codes.hpp"
#include "suggest.hpp"

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

namespace {
// serve's own flags travel as "--flag value" pairs in args; serve_command.cpp checks them.
bool is_serve_flag(const std::string& name) {
  return name == "--listen" || name == "--tick-interval" || name == "--duration" || name == "--max-connections";
}

std::int64_t parse_offset(const std::string& text) {
  constexpr std::int64_t kTenYears = 10LL * 366 * 24 * 3600;
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < -kTenYears || value > kTenYears)
    throw HostError(ExitCode::usage, "--clock-offset needs whole seconds (negative: behind), at most ten years");
  return value;
}

std::vector<std::string> known_flags() {
  return {"--config", "--plugins",       "--manifests", "--secrets",        "--now",        "--clock-offset",
          "--json",   "--help",          "--version",   "--verbose",        "--log-format", "--log-file",
          "--listen", "--tick-interval", "--duration",  "--max-connections"};
}

LogFormat parse_log_format(const std::string& text) {
  if (text == "text") return LogFormat::text;
  if (text == "json") return LogFormat::json;
  throw HostError(ExitCode::usage, "--log-format is text or json, got '" + text + "'");
}

// One flag; `value` takes its argument, `no_value` checks it has none.
template <typename Value, typename NoValue>
void apply_flag(Options& o, const std::string& name, Value value, NoValue no_value) {
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
  else if (name == "--operator")
    o.operator_name = value();
  else if (name == "--clock-offset")
    o.clock_offset_s = parse_offset(value());
  else if (name == "--log-format")
    o.log_format = parse_log_format(value());
  else if (name == "--log-file")
    o.log_file = value();
  else if (name == "--json")
    no_value(), o.json = true;
  else if (name == "--help" || name == "-h")
    no_value(), o.help = true;
  else if (name == "--version")
    no_value(), o.version = true;
  else if (name == "--verbose" || name == "-v")
    no_value(), o.verbose = true;
  else if (o.command == "serve" && name == "--console") {
    no_value();  // serve_command.cpp reads "--console on" like its other pairs
    o.args.push_back(name);
    o.args.push_back("on");
  } else if (o.command == "serve" && is_serve_flag(name)) {
    const std::string v = value();
    o.args.push_back(name);
    o.args.push_back(v);
  } else
    throw HostError(ExitCode::usage, "unknown option " + name + did_you_mean(name, known_flags()));
}

// A positional argument: the command first, then its arguments.
void apply_positional(Options& o, const std::string& arg) {
  if (!o.command.empty()) return o.args.push_back(arg);
  if (arg == "help") {
    o.help = true;
    return;
  }
  if (!is_command(arg))
    throw HostError(ExitCode::usage, "unknown command '" + arg + "'" + did_you_mean(arg, command_names()));
  o.command = arg;
}
}  // namespace

Options parse_cli(const std::vector<std::string>& argv) {
  Options o;
  bool only_positionals = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    // "-" (stdin) and JSON text are arguments, not flags.
    if (only_positionals || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      apply_positional(o, arg);
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
    apply_flag(o, name, value, no_value);
  }
  if (o.now_ms && o.command != "tick" && !o.help)
    throw HostError(ExitCode::usage, "--now only applies to the tick command");
  if (o.operator_name && o.command != "invoke" && o.command != "features" && !o.help)
    throw HostError(ExitCode::usage, "--operator only applies to the invoke and features commands");
  return o;
}

}  // namespace erp_host
