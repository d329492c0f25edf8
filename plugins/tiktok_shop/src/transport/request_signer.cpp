#include "transport/request_signer.hpp"

#include "ocean_common/tts_sign.hpp"

namespace ocean::tiktok {

url::QueryParams sign_query(const SigningKeys& keys, const UnsignedRequest& req, std::int64_t timestamp_s) {
  url::QueryParams q;
  q.reserve(req.query.size() + 4);
  q.emplace_back("app_key", std::string(keys.app_key));
  q.emplace_back("timestamp", std::to_string(timestamp_s));
  if (!req.shop_cipher.empty()) q.emplace_back("shop_cipher", std::string(req.shop_cipher));
  for (const auto& [k, v] : req.query) {
    // Servers disagree on whether an empty value is signed (reference §1.1); never sending one
    // sidesteps the question. Our own common keys cannot be overridden by an endpoint.
    if (v.empty() || k == "sign" || k == "app_key" || k == "timestamp" || k == "shop_cipher" || k == "access_token") {
      continue;
    }
    q.emplace_back(k, v);
  }
  const tts::SignInput in{req.path, &q, req.body, !req.multipart};
  q.emplace_back("sign", tts::sign_request(keys.app_secret, in));
  return q;
}

bool path_takes_shop_cipher(std::string_view method, std::string_view path) {
  auto starts = [&](std::string_view prefix) { return path.substr(0, prefix.size()) == prefix; };
  if (starts("/authorization/") || starts("/seller/")) return false;
  if (starts("/product/")) {
    // "/product/{version}/<rest>"
    const auto after_version = path.find('/', 9);
    if (after_version != std::string_view::npos) {
      const std::string_view rest = path.substr(after_version + 1);
      auto rest_starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
      if (rest_starts("global_products") || rest_starts("compliance") || rest == "images/upload" ||
          rest == "files/upload" || (rest == "brands" && method == "POST")) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace ocean::tiktok
