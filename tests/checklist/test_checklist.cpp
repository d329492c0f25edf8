// docs/TIKTOK_CHECKLIST.md against the test sources: the doc lists all 37 required use-case ids of
// TikTok's ERP/OMS checklists; each one it marks "tested" names a TEST_CASE that starts with
// "<ID>:" somewhere under tests/, and every TEST_CASE named that way is in the doc. So the doc cannot
// claim a test that does not exist, and a new checklist test cannot go unrecorded.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
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

// Doc rows: "| ID | ... | tested | ..." or "| ID | ... | not yet | ...".
std::map<std::string, bool> doc_rows() {
  const std::string doc = read_file(fs::path(OCEAN_SOURCE_DIR) / "docs" / "TIKTOK_CHECKLIST.md");
  std::map<std::string, bool> rows;
  const std::regex row(R"(\|\s*`?([A-Z]+(?:-[A-Z0-9]+)+)`?\s*\|[^\n]*\|\s*(tested|not yet)\s*\|)");
  for (std::sregex_iterator it(doc.begin(), doc.end(), row), end; it != end; ++it) {
    rows[(*it)[1].str()] = (*it)[2].str() == "tested";
  }
  return rows;
}

// Ids named before the first ':' of a TEST_CASE name ("ORD-SYNC-ONHOLD: ...", "CAT-PRE-CATEGORY and
// CAT-PRE-ATTRIBUTE: ...") in any test source.
std::set<std::string> tested_ids() {
  std::set<std::string> ids;
  const std::regex name(R"(TEST_CASE\(\s*"([^":]*):)");
  const std::regex id(R"(\b(?:SHOP|CAT|ORD|FIN|RET)(?:-[A-Z0-9]+)+\b)");
  for (const auto& e : fs::recursive_directory_iterator(fs::path(OCEAN_SOURCE_DIR) / "tests")) {
    if (!e.is_regular_file() || (e.path().extension() != ".cpp" && e.path().extension() != ".hpp")) continue;
    const std::string text = read_file(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it) {
      const std::string head = (*it)[1].str();
      for (std::sregex_iterator i(head.begin(), head.end(), id), e2; i != e2; ++i) ids.insert(i->str());
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
