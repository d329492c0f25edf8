// ocean::pattern, the linear-time matcher behind the JSON Schema `pattern` keyword: the same
// answers as ECMAScript (std::regex, on short inputs only) for the patterns our schemas use, and
// bounded work on inputs that overflowed std::regex's recursive engine.
#include <catch2/catch.hpp>

#include "ocean_common/pattern.hpp"

#include <random>
#include <regex>
#include <string>
#include <vector>

using ocean::pattern::Match;
using ocean::pattern::Pattern;

namespace {
Pattern compiled(const std::string& source) {
  std::string error;
  auto p = Pattern::compile(source, error);
  INFO(source << ": " << error);
  REQUIRE(p.has_value());
  return *p;
}

Match search(const std::string& source, const std::string& text) { return compiled(source).search(text); }

// Every pattern in plugin_api/schemas, manifests/ and the plugin's config schema, plus a few
// that exercise the rest of the syntax.
const std::vector<std::string> kSchemaPatterns = {
    R"(^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$)",
    R"(^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$)",
    std::string(R"(^(?!\.{1,2}$)[^/\\)") + std::string(1, '\0') + "]+$",
    R"(^[A-Z]{2}$)",
    R"(^[a-z][a-z0-9_]{0,63}$)",
    R"(^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$)",
    R"(^(?!core$)[a-z][a-z0-9_]{0,63}$)",
    R"(^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$)",
    R"(^-?[0-9]+(\.[0-9]+)?$)",
    R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$)",
    R"(^https://)",
    R"(^[0-9]+$)",
    R"(^[A-Z]{3}$)",
    R"(b)",
    R"(a|bc|)",
    R"(^(ab)*c?$)",
    R"(\d+\s\w{2,}\S?)",
    R"((?=a)[a-c]{1,3}(?!x))",
    R"(^(a|b)*?c{2}$)",
};
}  // namespace

TEST_CASE("patterns agree with ECMAScript std::regex on short inputs") {
  // Characters that matter to the patterns above, so random strings often match.
  const std::string alphabet = std::string("09az.AZ-+/\\_ core:Tbcx") + std::string(1, '\0');
  std::mt19937 gen(2026);
  for (const auto& source : kSchemaPatterns) {
    const Pattern mine = compiled(source);
    const std::regex theirs(source, std::regex::ECMAScript);
    for (int n = 0; n < 3000; ++n) {
      std::string text;
      const auto length = gen() % 12;
      for (std::size_t k = 0; k < length; ++k) text.push_back(alphabet[gen() % alphabet.size()]);
      if (n % 7 == 0) text = "core";
      if (n % 11 == 0) text = "1.20.3-rc.1+b5";
      const bool expected = std::regex_search(text, theirs);
      INFO("pattern " << source << " text '" << text << "'");
      CHECK((mine.search(text) == Match::kYes) == expected);
    }
  }
}

TEST_CASE("the library pattern takes a 1 MB name without recursion and refuses . and ..") {
  const std::string library = std::string(R"(^(?!\.{1,2}$)[^/\\)") + std::string(1, '\0') + "]+$";
  CHECK(search(library, std::string(1 << 20, 'a')) == Match::kYes);
  CHECK(search(library, std::string(1 << 20, 'a') + "/") == Match::kNo);
  CHECK(search(library, ".") == Match::kNo);
  CHECK(search(library, "..") == Match::kNo);
  CHECK(search(library, "...") == Match::kYes);
  CHECK(search(library, "lib\xc3\xa9.so") == Match::kYes);  // UTF-8 is matched per code point
}

TEST_CASE("long inputs against every schema pattern finish (the std::regex crash of issue 15)") {
  const std::string long_digits(200000, '1');
  CHECK(search(kSchemaPatterns[0], long_digits + ".2.3") == Match::kYes);
  CHECK(search(kSchemaPatterns[0], long_digits) == Match::kNo);
  CHECK(search(kSchemaPatterns[5], "a" + std::string(300000, 'b') + ".c") == Match::kYes);
  CHECK(search(kSchemaPatterns[6], std::string(50000, 'x')) == Match::kNo);
  CHECK(search(R"((a|aa)*$)", std::string(100000, 'a') + "b") == Match::kYes);  // exponential for backtrackers
  CHECK(search(R"(^(a|aa)*$)", std::string(100000, 'a') + "b") == Match::kNo);
}

TEST_CASE("lookahead work is bounded: a costly search says so instead of running on") {
  // An unanchored lookahead that scans to the end from every position is quadratic.
  const auto result = search(R"((?=[a-z]*0)x)", std::string(200000, 'a'));
  CHECK(result == Match::kTooCostly);
  CHECK(search(R"((?=[a-z]*0)x)", "aax0") == Match::kYes);
}

TEST_CASE("unsupported or oversized patterns are refused at compile time with a reason") {
  for (const std::string bad :
       {"([a", "a)", "*a", "a**", "\\1", "(?<=a)b", "\\b", "[b-a]", "a{2,1}", "x\\", "\\u12", "(?<n>a)"}) {
    std::string error;
    CHECK_FALSE(Pattern::compile(bad, error).has_value());
    CHECK_FALSE(error.empty());
  }
  std::string error;
  CHECK_FALSE(Pattern::compile(std::string(1001, 'a'), error).has_value());
  CHECK_FALSE(Pattern::compile("(a{1000}){1000}", error).has_value());
  CHECK(error.find("instructions") != std::string::npos);
  CHECK_FALSE(Pattern::compile(std::string(40, '(') + "a" + std::string(40, ')'), error).has_value());
  CHECK(error.find("nest") != std::string::npos);
}
