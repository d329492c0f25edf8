// The console's page: hand-written HTML, CSS and JavaScript files installed with erp-host
// (<datadir>/ocean/console, found relative to the executable; the source tree's copy otherwise).
// They are read once at start-up and served from memory; nothing is fetched from the network.
#pragma once

#include "serve_http.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace erp_host::console {

// The installed directory when it exists, else the source tree's host_stub/console_www.
std::filesystem::path find_console_dir();

class ConsoleStatic {
 public:
  // Throws HostError(config) when `dir` has no index.html.
  explicit ConsoleStatic(const std::filesystem::path& dir);
  // "index.html", "console.js", ...; nullopt for a name that is not one of the files.
  std::optional<HttpAnswer> get(const std::string& name) const;

 private:
  struct File {
    std::string type;
    std::string body;
  };
  std::map<std::string, File> files_;
};

}  // namespace erp_host::console
