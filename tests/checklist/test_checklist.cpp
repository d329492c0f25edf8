// docs/TIKTOK_CHECKLIST.md against the test sources: the doc lists all 37 required use-case ids of
// TikTok's ERP/OMS checklists; each one it marks "tested" names a TEST_CASE that starts with
// "<ID>:" somewhere under tests/, and every TEST_CASE named that way is in the doc. So the doc cannot
// claim a test that does not exist, and a new checklist test cannot go unrecorded.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <cctype>
#include <string_view>
#include <vector>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The 37 ids TikTok marks "Required" across the ERP and OMS lists (reference §4).
const std::set<std::string> kRequired = {
    "SHOP-CONN-SINGLE",    "SHOP-DISCON-SINGLE", "SHOP-MAN-MULTI",     "SHOP-MAN-WHOOK",       "SHOP-MAN-CARRIER",
    "CAT-MAP-PROD",        "CAT-PRE-PREREQ",     "CAT-PRE-CERT",       "CAT-PRE-BRANDS",       "CAT-PRE-SIZE",
    "CAT-PRE-PKG",         "CAT-PRE-ATTRIBUTE",  "CAT-PRE-CAMPAIGN",   "CAT-PRE-WAREHOUSE",    "CAT-PRE-HAZMAT",
    "CAT-PRE-CATEGORY",    "CAT-PROD-LIST",      "CAT-NFOQUAL-SEOKEY", "CAT-NFOQUAL-WHTBGIMG", "CAT-NFOQUAL-AUTOWHTBG",
    "CAT-POST-SEARCH",     "CAT-POST-INVENTORY", "CAT-POST-PRICE",     "CAT-POST-INFO",        "ORD-SYNC-IMPORT",
    "ORD-SYNC-UPDATE",     "ORD-SYNC-WHOOK",     "ORD-3PL-FULFILL",    "ORD-3PL-UPDATE",       "ORD-SPLIT-API",
    "ORD-SYNC-SAMPLE",     "ORD-SYNC-ONHOLD",    "ORD-SYNC-GIFT",      "FIN-GET-PAYMENT",      "FIN-GET-STATEMENT",
    "FIN-TXGET-STATEMENT", "FIN-TXGET-ORDER"};

// A checklist id: SHOP-, CAT-, ORD-, FIN- or RET- and upper-case words or digits joined by '-'.
bool is_id(std::string_view w) {
  static const std::string_view prefixes[] = {"SHOP-", "CAT-", "ORD-", "FIN-", "RET-"};
  bool prefixed = false;
  for (auto p : prefixes) prefixed = prefixed || w.substr(0, p.size()) == p;
  if (!prefixed || w.back() == '-') return false;
  for (char c : w) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// The words of `text` split at anything but letters, digits and '-'.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

// Doc rows: "| `ID` | ... | tested | ..." or "| `ID` | ... | not yet | ...".
std::map<std::string, bool> doc_rows() {
  std::istringstream doc(read_file(fs::path(OCEAN_SOURCE_DIR) / "docs" / "TIKTOK_CHECKLIST.md"));
  std::map<std::string, bool> rows;
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const auto cells = words(line);
    if (cells.empty() || !is_id(cells.front())) continue;
    const bool tested = line.find("| tested |") != std::string::npos;
    const bool not_yet = line.find("| not yet |") != std::string::npos;
    if (tested || not_yet) rows[cells.front()] = tested;
  }
  return rows;
}

// Spelt in two pieces so tests/CMakeLists.txt's check for ';' in test names does not take this for one.
const std::string kMarker = std::string("TEST_CASE") + "(";

// Ids named before the first ':' of a TEST_CASE name ("ORD-SYNC-ONHOLD: ...", "CAT-PRE-CATEGORY and
// CAT-PRE-ATTRIBUTE: ...") in any test source.
std::set<std::string> tested_ids() {
  std::set<std::string> ids;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(OCEAN_SOURCE_DIR) / "tests")) {
    if (!e.is_regular_file() || (e.path().extension() != ".cpp" && e.path().extension() != ".hpp")) continue;
    const std::string text = read_file(e.path());
    for (auto at = text.find(kMarker); at != std::string::npos; at = text.find(kMarker, at + 1)) {
      const auto open = text.find_first_not_of(" \t\r\n", at + kMarker.size());
      if (open == std::string::npos || text[open] != '"') continue;
      const auto end = text.find_first_of(":\"", open + 1);
      if (end == std::string::npos || text[end] != ':') continue;
      for (const auto& w : words(std::string_view(text).substr(open + 1, end - open - 1))) {
        if (is_id(w)) ids.insert(w);
      }
    }
  }
  return ids;
}

}  // namespace

TEST_CASE("the checklist doc lists every required use case, and each one it calls tested has its test") {
  const auto rows = doc_rows();
  const auto tests = tested_ids();
  for (const auto& id : kRequired) {
    INFO(id);
    REQUIRE(rows.count(id) == 1);
    if (rows.at(id)) CHECK(tests.count(id) == 1);
  }
  for (const auto& id : tests) {
    INFO("a test is named after " << id << ", which the doc does not list as tested");
    CHECK((rows.count(id) == 1 && rows.at(id)));
  }
}
