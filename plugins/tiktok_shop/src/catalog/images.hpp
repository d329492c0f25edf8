// Images for a listing (reference addendum §2.8): TikTok takes only images it hosts, so a local file or
// an https URL is uploaded first (multipart/form-data, signed without the body, no shop_cipher) and its
// uri used; a uri from an earlier upload is passed through. Optionally the first image is given a white
// background through POST /product/202404/images/optimize (CAT-NFOQUAL-AUTOWHTBG / -WHTBGIMG).
#pragma once
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "catalog/catalog_context.hpp"

namespace ocean::tiktok::catalog {

// Uploads bytes as `use_case` and returns the answer's data {uri, url, width, height, use_case}.
boost::json::object upload_bytes(CatalogContext& c, const std::string& bytes, const std::string& file_name,
                                 const std::string& use_case);
// A local path, an https URL or a uri -> a TikTok uri (uploading when needed).
std::string resolve_image(CatalogContext& c, const std::string& image, const std::string& use_case);
// TikTok's main_images array for the listing's images; `white_first` optimises the first one.
boost::json::array main_images(CatalogContext& c, const std::vector<std::string>& images, bool white_first);
// The white-background copies of `uris`: the optimize answer's images[].
boost::json::array optimize(CatalogContext& c, const std::vector<std::string>& uris);

}  // namespace ocean::tiktok::catalog
