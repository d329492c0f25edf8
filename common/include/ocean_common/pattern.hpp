// A linear-time matcher for the JSON Schema `pattern` keyword (ECMAScript syntax, unanchored
// search, matched over code points of UTF-8 text).
//
// Why not std::regex: libstdc++'s engine backtracks recursively, so a long string against an
// ordinary pattern such as `^[^/]+$` overflows the stack (a 30,000-character manifest field
// killed erp-host). This matcher compiles the pattern to an NFA and simulates every thread in
// lock step (Pike/Thompson): time O(text x program), memory O(program), no recursion over the
// text. Lookahead groups `(?=...)` / `(?!...)` run as anchored sub-searches, memoised per
// position. The total work of a search has a budget (about a million steps plus 16 per byte of
// text), and a search that exceeds it reports kTooCostly rather than run on: a quadratic
// lookahead, or a pattern with very many live states on a very long text.
//
// Supported: literals, `.`, classes `[...]` / `[^...]` with ranges, escapes \d \D \w \W \s \S
// \uXXXX \xHH \t \n \r \f \v \0 and escaped punctuation, `^` `$` (whole text), groups `(...)`
// `(?:...)`, lookahead, alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (a trailing `?` for
// laziness is accepted; it cannot change whether there is a match). Anything else (backreferences,
// lookbehind, \b, named groups) is refused at compile time, as are patterns over 1,000 bytes, more
// than 32 nested groups or an NFA over 20,000 instructions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::pattern {

enum class Match { kYes, kNo, kTooCostly };

class Pattern {
 public:
  // nullopt when the pattern is invalid or uses something unsupported; `error` says why.
  static std::optional<Pattern> compile(std::string_view source, std::string& error);

  // Unanchored search, as JSON Schema requires: "b" matches "abc".
  Match search(std::string_view text) const;

  struct Program;

 private:
  explicit Pattern(std::shared_ptr<const Program> program) : program_(std::move(program)) {}
  std::shared_ptr<const Program> program_;
};

}  // namespace ocean::pattern
