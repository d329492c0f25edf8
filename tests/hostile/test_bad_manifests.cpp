// Issue 15, item 1: a manifest with a huge string, or a huge manifest, is refused naming the file
// and the field while the plugins beside it load; erp-host itself never crashes on one (it used
// to overflow the stack inside std::regex and die with SIGSEGV, taking every plugin down).
#include <catch2/catch.hpp>

#include "discovery.hpp"
#include "manifest.hpp"
#include "host/test_support.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using erp_host::Registry;
using erp_host::Stage;
using test_support::PluginDirs;

namespace {
std::string problems_of(const Registry& reg, const std::string& file) {
  for (const auto& e : reg.entries)
    if (e.manifest_file.filename() == file) {
      std::string out;
      for (const auto& p : e.problems) out += p + "\n";
      return out;
    }
  FAIL("no entry for " << file);
  return {};
}

// alpha stays healthy; beta.json gets `value` at `pointer`.
struct Scene {
  PluginDirs dirs;
  erp_host::HostRuntime runtime;
  Scene(const std::string& pointer, json::value value) {
    dirs.add("alpha");
    dirs.add("beta");
    auto beta = dirs.manifest("beta.json");
    beta.at_pointer(pointer) = std::move(value);
    dirs.write_manifest("beta.json", beta);
  }
  Registry discover() { return erp_host::discover({dirs.manifests(), dirs.plugins(), true, std::nullopt}, runtime); }
};

void check_refused(const std::string& pointer, std::size_t length, const std::string& expected) {
  Scene scene(pointer, json::string(std::string(length, 'a')));
  const auto reg = scene.discover();
  CHECK(reg.find("alpha")->stage == Stage::loaded);
  const auto text = problems_of(reg, "beta.json");
  INFO(text.substr(0, 300));
  CHECK(text == "beta.json: " + pointer + ": " + expected + "\n");
}
}  // namespace

TEST_CASE("a 30,000-character library name is refused by file and field, the others load") {
  check_refused("/library", 30000, "must be at most 255 characters long");
}

TEST_CASE("a 50,000-character version is refused by file and field, the others load") {
  check_refused("/version", 50000, "must be at most 64 characters long");
}

TEST_CASE("a 50,000-character capability id is refused by file and field, the others load") {
  check_refused("/core_capabilities/0", 50000, "must be at most 128 characters long");
  check_refused("/features/0/id", 50000, "must be at most 64 characters long");
}

TEST_CASE("a 1 MB string in a field without a length bound is refused for the manifest's size") {
  Scene scene("/description", json::string(std::string(1 << 20, 'x')));
  const auto reg = scene.discover();
  CHECK(reg.find("alpha")->stage == Stage::loaded);
  CHECK(problems_of(reg, "beta.json") == "beta.json: is larger than " + std::to_string(erp_host::kMaxManifestBytes) +
                                             " bytes; refused without parsing\n");
}

TEST_CASE("a string just under the size limit goes through every pattern in bounded time") {
  // 200,000 characters inside the limit: every pattern-bearing field at once.
  PluginDirs dirs;
  dirs.add("alpha");
  dirs.add("beta");
  auto beta = dirs.manifest("beta.json");
  const std::string big(40000, '1');
  beta.at_pointer("/version") = json::string(big + ".0.0");
  beta.at_pointer("/abi_version") = json::string(big + ".0");
  beta.at_pointer("/library") = json::string(big);
  beta.at_pointer("/marketplace") = json::string("a" + big);
  beta.at_pointer("/regions") = json::array{json::string(std::string(30000, 'A'))};
  dirs.write_manifest("beta.json", beta);
  erp_host::HostRuntime runtime;
  const auto reg = erp_host::discover({dirs.manifests(), dirs.plugins(), true, std::nullopt}, runtime);
  CHECK(reg.find("alpha")->stage == Stage::loaded);
  const auto text = problems_of(reg, "beta.json");
  CHECK(text.find("beta.json: /version: must be at most 64 characters long") != std::string::npos);
  CHECK(text.find("beta.json: /abi_version: must be at most 19 characters long") != std::string::npos);
  CHECK(text.find("beta.json: /library: must be at most 255 characters long") != std::string::npos);
  CHECK(text.find("beta.json: /marketplace: must be at most 64 characters long") != std::string::npos);
  CHECK(text.find("beta.json: /regions/0: must be at most 2 characters long") != std::string::npos);
}

TEST_CASE("a 100 MB manifest is refused unread, the others load") {
  PluginDirs dirs;
  dirs.add("alpha");
  {
    std::ofstream out(dirs.manifests() / "huge.json", std::ios::binary);
    const std::string chunk(1 << 20, ' ');
    out << "{\"id\":\"huge\",\"description\":\"";
    for (int i = 0; i < 100; ++i) out << chunk;
    out << "\"}";
  }
  erp_host::HostRuntime runtime;
  const auto reg = erp_host::discover({dirs.manifests(), dirs.plugins(), true, std::nullopt}, runtime);
  CHECK(reg.find("alpha")->stage == Stage::loaded);
  CHECK(problems_of(reg, "huge.json").find("huge.json: is larger than ") == 0);
}

TEST_CASE("erp-host validate and list survive the manifest that crashed them") {
  Scene scene("/library", json::string(std::string(30000, 'a')));
  const std::string bin = std::string(OCEAN_BIN_DIR) + "/erp-host";
  for (const char* command : {"validate", "list"}) {
    const auto r = test_support::run_process(
        {bin, "--manifests", scene.dirs.manifests().string(), "--plugins", scene.dirs.plugins().string(), command});
    INFO(command << " exit " << r.code << "\n" << r.err.substr(0, 500));
    CHECK(r.code < 128);  // not killed by a signal
    CHECK((r.out + r.err).find("beta.json: /library: must be at most 255 characters long") != std::string::npos);
    CHECK((r.out + r.err).find("alpha") != std::string::npos);
  }
}
