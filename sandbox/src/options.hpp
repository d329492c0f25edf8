// Command-line flags of tts-sandbox. `--help` prints usage_text().
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api.hpp"
#include "model.hpp"
#include "settings.hpp"

namespace tts_sandbox {

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t http_port = 0;
  std::uint16_t https_port = 0;
  std::string tls_dir = "tts-sandbox-tls";
  int threads = 2;
  std::vector<App> apps;
  GenParams gen;
  std::optional<std::int64_t> start_time;
  Settings settings;
  WebhookKnobs webhooks;
  bool help = false;
  bool version = false;  // --version: print the project and ABI version, then exit
};

// Parses argv; on a bad flag returns nullopt and writes a one-line reason to `error`.
std::optional<Options> parse_options(int argc, char** argv, std::string& error);
std::string usage_text();
// The app registered when no --app is given, so the sandbox works out of the box.
App default_app();

}  // namespace tts_sandbox
