// Command-line parsing for erp-host: global flags anywhere, then a command and its arguments.
#pragma once

#include "log_line.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace erp_host {

struct Options {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> plugins;
  std::optional<std::filesystem::path> manifests;
  std::optional<std::filesystem::path> secrets;
  bool json = false;
  bool help = false;
  bool version = false;
  bool verbose = false;
  std::string command;                            // empty when none was given
  std::vector<std::string> args;                  // positional arguments after the command
  std::optional<std::int64_t> now_ms;             // tick --now MS
  std::optional<std::string> operator_name;       // --operator NAME: the caller, held to its role
  std::int64_t clock_offset_s = 0;                // --clock-offset SECONDS: the host clock runs this far ahead
  LogFormat log_format = LogFormat::text;         // --log-format text|json
  std::optional<std::filesystem::path> log_file;  // --log-file PATH (else stderr)
};

// The commands erp-host knows, in help order.
const std::vector<std::string>& command_names();

// Throws HostError(usage) with a message saying what is wrong.
Options parse_cli(const std::vector<std::string>& argv);

}  // namespace erp_host
