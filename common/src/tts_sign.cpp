#include "ocean_common/tts_sign.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "ocean_common/crypto.hpp"

namespace ocean::tts {

std::string string_to_sign(const SignInput& in) {
  std::vector<const std::pair<std::string, std::string>*> params;
  if (in.query != nullptr) {
    params.reserve(in.query->size());
    for (const auto& p : *in.query) {
      if (p.first == "sign" || p.first == "access_token") continue;
      params.push_back(&p);
    }
  }
  // Stable sort by key bytes keeps the first occurrence of a repeated key first.
  std::stable_sort(params.begin(), params.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out(in.path);
  const std::string* previous_key = nullptr;
  for (const auto* p : params) {
    if (previous_key != nullptr && *previous_key == p->first) continue;
    out += p->first;
    out += p->second;
    previous_key = &p->first;
  }
  if (in.body_signed) out += in.body;
  return out;
}

std::string sign_request(std::string_view app_secret, const SignInput& in) {
  std::string wrapped(app_secret);
  wrapped += string_to_sign(in);
  wrapped += app_secret;
  return crypto::hmac_sha256_hex(app_secret, wrapped);
}

bool is_multipart(std::string_view content_type) {
  const auto semi = content_type.find(';');
  std::string_view media = content_type.substr(0, semi);
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.front()))) media.remove_prefix(1);
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.back()))) media.remove_suffix(1);
  static constexpr std::string_view want = "multipart/form-data";
  if (media.size() != want.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != want[i]) return false;
  }
  return true;
}

std::string webhook_signature(std::string_view app_key, std::string_view app_secret, std::string_view raw_body) {
  std::string message(app_key);
  message += raw_body;
  return crypto::hmac_sha256_hex(app_secret, message);
}

}  // namespace ocean::tts
