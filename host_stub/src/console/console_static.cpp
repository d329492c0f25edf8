#include "console/console_static.hpp"

#include "console/console_http.hpp"
#include "exit_codes.hpp"

#include <fstream>
#include <sstream>

namespace erp_host::console {
namespace fs = std::filesystem;

namespace {
std::optional<std::string> type_of(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  return std::nullopt;
}
}  // namespace

fs::path find_console_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = (exe.parent_path() / OCEAN_INSTALLED_CONSOLE_DIR).lexically_normal();
    if (fs::is_regular_file(installed / "index.html", ec)) return installed;
  }
  return OCEAN_CONSOLE_SOURCE_DIR;
}

ConsoleStatic::ConsoleStatic(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto type = type_of(entry.path());
    if (!type || !entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files_[entry.path().filename().string()] = File{*type, text.str()};
  }
  if (!files_.count("index.html"))
    throw HostError(ExitCode::config, "serve --console: no console files (index.html) in " + dir.string());
}

std::optional<HttpAnswer> ConsoleStatic::get(const std::string& name) const {
  const auto it = files_.find(name);
  if (it == files_.end()) return std::nullopt;
  HttpAnswer a(200, it->second.body, it->second.type);
  return secured(a);
}

}  // namespace erp_host::console
