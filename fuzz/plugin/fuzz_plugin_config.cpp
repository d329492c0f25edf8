// The TikTok Shop plugin's config on arbitrary bytes: parsed and validated once against its
// embedded schema. Either a config comes out or errors that say why; nothing else.
#include "config/config.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = ocean::tiktok::parse_config(text, ocean::tiktok::embedded_config_schema());
  (void)result;
  return 0;
}
