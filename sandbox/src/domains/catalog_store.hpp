// Per-shop catalogue state kept beside the core Product map: uploaded images (uploads carry no shop_cipher,
// so an upload is registered in every shop of the uploading token), prerequisite failures set by the admin
// surface, create idempotency keys, and the audit queue the sandbox clock drains.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "../model.hpp"

namespace tts_sandbox::catalog {

struct UploadedImage {
  std::string uri;
  std::string use_case;
  int width = 0;
  int height = 0;
  bool white_background = false;  // optimize turns an image into a white-background copy
  std::string optimized_uri;      // set once WHITE_BACKGROUND optimisation produced a copy
};

struct CatalogStore : Extension {
  std::map<std::string, UploadedImage> images;            // uri -> image
  std::map<std::string, std::string> failing_checks;      // prerequisite check_item -> fail reason
  std::map<std::string, std::string> idempotency;         // create idempotency_key -> product id
  std::set<std::pair<std::int64_t, std::string>> audits;  // (due time, product id)
};

inline CatalogStore& store(Shop& shop) { return shop.data.extension<CatalogStore>("catalog"); }

}  // namespace tts_sandbox::catalog
