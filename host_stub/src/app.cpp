#include "app.hpp"

#include "commands.hpp"
#include "help.hpp"
#include "json_io.hpp"
#include "output.hpp"

#include <boost/json.hpp>

#include <functional>
#include <memory>
#include <map>

namespace erp_host {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {
fs::path exe_dir() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

// Installed (cmake --install, the .deb): the GNUInstallDirs layout relative to bin/, e.g.
// <prefix>/bin/../share/ocean/manifests and <prefix>/bin/../lib/ocean/plugins. The relative paths are
// baked in at configure time, so the prefix can move (DESTDIR, a relocated tree).
fs::path installed(const char* relative_to_bindir) { return (exe_dir() / relative_to_bindir).lexically_normal(); }

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// The installed layout; else <exe dir>/../manifests; else the source tree's (baked at build time).
fs::path default_manifest_dir() {
  if (const auto ours = installed(OCEAN_INSTALLED_MANIFEST_DIR); is_dir(ours)) return ours;
  if (const auto beside = (exe_dir() / ".." / "manifests").lexically_normal(); is_dir(beside)) return beside;
  return OCEAN_DEFAULT_MANIFEST_DIR;
}

// The installed layout; else <exe dir>/../plugins (the build tree).
fs::path default_plugin_dir() {
  if (const auto ours = installed(OCEAN_INSTALLED_PLUGIN_DIR); is_dir(ours)) return ours;
  return (exe_dir() / ".." / "plugins").lexically_normal();
}

void attach_events(Report& report, HostRuntime& runtime) {
  json::array events;
  for (auto& e : runtime.take_events()) {
    if (e.shown_live) continue;  // printed while the call ran
    std::string error;
    auto parsed = parse_json(e.json, error);
    events.push_back(
        json::object{{"account", e.account}, {"event", parsed ? std::move(*parsed) : json::value(e.json)}});
  }
  report.data["events"] = std::move(events);
}

int fail(const HostError& e, bool json_mode, std::ostream& out, std::ostream& err) {
  err << "erp-host: error: " << e.what() << "\n";
  if (e.code() == ExitCode::usage && !json_mode) err << "(see erp-host --help)\n";
  if (json_mode)
    out << json::serialize(
               json::object{{"ok", false}, {"exit_code", to_int(e.code())}, {"errors", json::array{e.what()}}})
        << "\n";
  return to_int(e.code());
}
}  // namespace

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Options options;
  try {
    options = parse_cli(args);
  } catch (const HostError& e) {
    bool json_mode = false;
    for (const auto& a : args) json_mode = json_mode || a == "--json";
    return fail(e, json_mode, out, err);
  }
  if (options.version) {
    out << version_text();
    return 0;
  }
  if (options.help || options.command.empty()) {
    const auto specific = options.command.empty() && !options.args.empty() ? command_help(options.args[0])
                                                                           : command_help(options.command);
    out << (specific ? *specific : general_help());
    return options.help || options.version ? 0 : to_int(ExitCode::usage);
  }

  static const std::map<std::string, std::function<Report(const CommandContext&)>> commands = {
      {"list", cmd_list},     {"validate", cmd_validate}, {"accounts", cmd_accounts},
      {"invoke", cmd_invoke}, {"features", cmd_features}, {"tick", cmd_tick},
      {"run", cmd_run},       {"serve", cmd_serve},       {"cluster", cmd_cluster}};
  // The runtime outlives every plugin a command loads: plugins hold its services.
  std::unique_ptr<LogFile> log_file;  // outlives the runtime that writes to it
  try {
    if (options.log_file) log_file = std::make_unique<LogFile>(*options.log_file);
  } catch (const HostError& e) {
    return fail(e, options.json, out, err);
  }
  HostRuntime runtime(options.verbose ? OCEAN_LOG_TRACE : OCEAN_LOG_INFO);
  runtime.set_clock_offset_ms(options.clock_offset_s * 1000);
  runtime.set_log_format(options.log_format);
  if (log_file) runtime.set_log_sink([file = log_file.get()](std::string line) { file->write(line); });
  try {
    const CommandContext ctx{options,
                             runtime,
                             options.manifests ? *options.manifests : default_manifest_dir(),
                             options.plugins ? *options.plugins : default_plugin_dir(),
                             out,
                             log_file.get()};
    Report report = commands.at(options.command)(ctx);
    attach_events(report, runtime);
    print_report(report, options.json, out, err);
    return to_int(report.code);
  } catch (const HostError& e) {
    return fail(e, options.json, out, err);
  }
}

}  // namespace erp_host
