// Manifest validation on arbitrary bytes: JSON parsing, the schema (patterns included: std::regex
// overflowed its stack on long strings, issue 15) and the uniqueness checks. Every refusal must
// name the file; an accepted manifest must have no problems.
#include "json_io.hpp"
#include "manifest.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto document = erp_host::parse_json(text, error);
  if (!document) return 0;
  const auto read = erp_host::check_manifest("fuzz.json", *document);
  for (const auto& problem : read.problems)
    if (problem.rfind("fuzz.json: ", 0) != 0) std::abort();
  if (read.ok != read.problems.empty()) std::abort();
  return 0;
}
