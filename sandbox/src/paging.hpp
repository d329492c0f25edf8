// Keyset page tokens. A token names the last record returned (sort key + id), the sort it belongs to,
// the snapshot time of the first page and the total counted then; it is opaque base64 (with '='
// padding, so clients must percent-encode it). Resuming after the last key instead of at an offset
// means inserts and updates between pages never shift records into or out of the remaining pages.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace tts_sandbox {

struct PageCursor {
  std::string sort;  // e.g. "create_time:DESC"; a token is only valid for the same sort
  std::int64_t key = 0;
  std::string id;
  std::int64_t snapshot = 0;  // sandbox time of the first page
  std::int64_t total = 0;     // total_count computed on the first page
};

std::string encode_page_token(const PageCursor& c);
std::optional<PageCursor> decode_page_token(const std::string& token);

std::string base64_encode(const std::string& raw);
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace tts_sandbox
