// Webhook intake on arbitrary bodies: most inputs are signed with the app's key (so the shape
// checks behind the signature are reached), the rest are not. Deliveries land in a real SQLite
// inbox in a temporary directory. Every answer is 200, 400 or 401, never a crash.
#include "mirror/webhook_intake.hpp"
#include "store/commerce_sqlite.hpp"

#include "ocean_common/tts_sign.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

using namespace ocean::tiktok;

namespace {
constexpr const char* kKey = "fuzz_app_key";
constexpr const char* kSecret = "fuzz-app-secret-0123456789abcdef";

mirror::WebhookIntake& intake() {
  static auto* store = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "ocean-fuzz-webhook-XXXXXX").string();
    if (!mkdtemp(dir.data())) std::abort();
    return new store::CommerceSqliteStore(dir + "/inbox.db");
  }();
  static auto* instance = new mirror::WebhookIntake(*store, kKey, kSecret);
  return *instance;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool sign = data[0] % 8 != 0;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string headers = "Content-Type: application/json\r\nAuthorization: " +
                              (sign ? ocean::tts::webhook_signature(kKey, kSecret, body) : std::string(64, '0')) +
                              "\r\n";
  const auto result = intake().handle(headers, body, 1700000000000);
  if (result.http_status != 200 && result.http_status != 400 && result.http_status != 401) std::abort();
  return 0;
}
