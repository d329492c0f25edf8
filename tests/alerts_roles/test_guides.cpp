// Issue 19, items 3-5: the guides' shell blocks run as written against tts-sandbox, and the docs'
// capability tables agree with the manifest both ways.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "run_cmd.hpp"
#include "support/sandbox_process.hpp"
#include "test_dirs.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using alerts_test::quoted;

namespace {

const fs::path kDocs = fs::path(OCEAN_SOURCE_DIR) / "docs";

std::vector<std::string> lines_of(const fs::path& file) {
  std::istringstream in(alerts_test::slurp(file));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The ```sh blocks of a markdown file, in order.
std::vector<std::string> sh_blocks(const fs::path& file) {
  std::vector<std::string> blocks;
  std::string current;
  bool inside = false;
  for (const auto& line : lines_of(file)) {
    if (!inside && line == "```sh") {
      inside = true;
      current.clear();
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      blocks.push_back(current);
    } else if (inside) {
      current += line + "\n";
    }
  }
  return blocks;
}

// Runs every sh block of `guide`, in one bash with -euo pipefail, in a fresh directory, with the
// built binaries first on PATH and TTS / TTS_CA naming a sandbox started here.
void run_guide(const std::string& guide, const std::vector<std::string>& sandbox_args) {
  const auto blocks = sh_blocks(kDocs / guide);
  REQUIRE(blocks.size() >= 3);
  ocean::testing::SandboxProcess sandbox(sandbox_args);
  TempDir dir("guide");
  std::string script = "set -euo pipefail\nexport PATH=" + quoted(OCEAN_BIN_DIR) +
                       ":\"$PATH\"\nexport TTS=" + quoted(sandbox.https_base()) +
                       " TTS_CA=" + quoted(sandbox.ca_file()) + "\n";
  for (std::size_t i = 0; i < blocks.size(); ++i)
    script += "echo '--- block " + std::to_string(i + 1) + "' >&2\n" + blocks[i];
  std::ofstream(dir.path() / "guide.sh") << script;
  const auto ran = alerts_test::run_in(dir.path(), "bash guide.sh");
  INFO(guide << " (" << blocks.size() << " sh blocks)\n--- stdout\n" << ran.out << "\n--- stderr\n" << ran.err);
  CHECK(ran.exit_code == 0);
}

// a.b (lower-case segments), but not a schema name such as order.v1.
bool capability_shaped(const std::string& s) {
  if (s.empty() || s.find('.') == std::string::npos || s.front() == '.' || s.back() == '.') return false;
  if (const auto last = s.substr(s.rfind('.') + 1);
      last.size() > 1 && last[0] == 'v' && last.find_first_not_of("0123456789", 1) == std::string::npos)
    return false;
  bool segment_start = true;
  for (const char ch : s) {
    if (ch == '.') {
      if (segment_start) return false;
      segment_start = true;
      continue;
    }
    const bool lower = ch >= 'a' && ch <= 'z', digit = ch >= '0' && ch <= '9';
    if (segment_start ? !lower : !(lower || digit || ch == '_')) return false;
    segment_start = false;
  }
  return true;
}

// Backticked ids of the shape a.b in the rows of every table whose header names a capability column.
std::map<std::string, std::string> documented_capabilities() {
  std::map<std::string, std::string> where;  // id -> file:line
  for (const auto& entry : fs::directory_iterator(kDocs)) {
    if (entry.path().extension() != ".md") continue;
    const auto lines = lines_of(entry.path());
    bool in_table = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      if (l.rfind("|", 0) != 0) {
        in_table = false;
        continue;
      }
      if (!in_table && i + 1 < lines.size() && lines[i + 1].rfind("|-", 0) == 0) {
        std::string header = l;
        for (auto& ch : header) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        in_table = header.find("| capabilit") != std::string::npos;
        continue;
      }
      if (!in_table) continue;
      for (std::size_t a = l.find('`'); a != std::string::npos; a = l.find('`', a + 1)) {
        const std::size_t b = l.find('`', a + 1);
        if (b == std::string::npos) break;
        const std::string id = l.substr(a + 1, b - a - 1);
        if (capability_shaped(id)) where.emplace(id, entry.path().filename().string() + ":" + std::to_string(i + 1));
        a = b;
      }
    }
  }
  return where;
}

std::set<std::string> manifest_capabilities() {
  const json::value m = json::parse(alerts_test::slurp(fs::path(OCEAN_SOURCE_DIR) / "manifests/tiktok_shop.json"));
  std::set<std::string> out;
  for (const auto& c : m.at("core_capabilities").as_array()) out.insert(std::string(c.as_string()));
  for (const auto& f : m.at("features").as_array())
    for (const auto& c : f.at("capabilities").as_array()) out.insert(std::string(c.as_string()));
  return out;
}

}  // namespace

TEST_CASE("guides: every sh block of docs/TIKTOK_SHOP_INTEGRATION.md runs as written against tts-sandbox") {
  run_guide("TIKTOK_SHOP_INTEGRATION.md", {"--shops", "1", "--products", "6", "--orders", "30", "--seed", "19"});
}

TEST_CASE("guides: every sh block of docs/TIKTOK_SHOP_MULTI_ACCOUNT.md runs as written against tts-sandbox") {
  run_guide("TIKTOK_SHOP_MULTI_ACCOUNT.md", {"--shops", "2", "--products", "10", "--orders", "40", "--seed", "19"});
}

TEST_CASE("docs: the capability tables of docs/ and the manifest name the same capabilities") {
  const auto documented = documented_capabilities();
  const auto manifest = manifest_capabilities();
  REQUIRE(manifest.size() > 50);
  for (const auto& id : manifest) {
    INFO("capability " << id << " of manifests/tiktok_shop.json");
    CHECK(documented.count(id) == 1);
  }
  for (const auto& [id, at] : documented) {
    INFO("capability " << id << " documented at " << at);
    CHECK(manifest.count(id) == 1);
  }
}

TEST_CASE("docs: the schemas the docs name exist in plugin_api/schemas") {
  for (const char* doc : {"OPERATIONS.md", "TIKTOK_SHOP_INTEGRATION.md", "TIKTOK_SHOP_MULTI_ACCOUNT.md"}) {
    const std::string text = alerts_test::slurp(kDocs / doc);
    for (std::size_t a = text.find('`'); a != std::string::npos; a = text.find('`', a + 1)) {
      const std::size_t b = text.find('`', a + 1);
      if (b == std::string::npos) break;
      const std::string token = text.substr(a + 1, b - a - 1);
      a = b;
      // "x.v1" names a neutral schema: plugin_api/schemas/x.v1.json must exist.
      const auto dot = token.rfind(".v");
      if (dot == std::string::npos || dot + 2 >= token.size() || token.find_first_of(" /{\"") != std::string::npos)
        continue;
      if (token.find_first_not_of("0123456789", dot + 2) != std::string::npos) continue;
      if (token == "event.v1" || token.rfind("account_", 0) == 0 || token.rfind("webhook_result", 0) == 0) continue;
      INFO(doc << " names " << token);
      CHECK(fs::exists(fs::path(OCEAN_SOURCE_DIR) / "plugin_api/schemas" / (token + ".json")));
    }
  }
}
