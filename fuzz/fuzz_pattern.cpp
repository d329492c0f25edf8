// The JSON Schema pattern matcher on hostile input: the first line is the pattern, the rest the
// text. Compiling refuses what it cannot take; searching must finish within its budget.
#include "ocean_common/pattern.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const auto source = input.substr(0, newline);
  const auto text = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  std::string error;
  if (const auto p = ocean::pattern::Pattern::compile(source, error)) p->search(text);
  return 0;
}
