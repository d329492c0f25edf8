// Host config validation on arbitrary bytes, then every account's plugin config against the
// TikTok Shop manifest's config_schema (what bind_account checks). Refusals are HostErrors that
// name the config file; nothing else may escape.
#include "exit_codes.hpp"
#include "host_config.hpp"
#include "manifest.hpp"

#include "ocean_common/json_schema.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
const ocean::json_schema::Validator& plugin_config_validator() {
  static const ocean::json_schema::Validator validator = [] {
    const auto read = erp_host::read_manifest(std::string(OCEAN_MANIFEST_DIR) + "/tiktok_shop.json");
    if (!read.ok) std::abort();
    return ocean::json_schema::Validator(read.manifest.config_schema);
  }();
  return validator;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& validator = plugin_config_validator();
  try {
    const auto config = erp_host::parse_host_config(text, "/nonexistent/fuzz/host.json");
    for (const auto& account : config.accounts)
      for (const auto& e : validator.validate(account.config))
        if (e.message.empty()) std::abort();
  } catch (const erp_host::HostError& e) {
    if (std::string(e.what()).rfind("config /nonexistent/fuzz/host.json: ", 0) != 0) std::abort();
  }
  return 0;
}
