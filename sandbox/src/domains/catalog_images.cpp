// Upload Product Image (multipart, no shop_cipher, body never signed) and Optimize Images (white
// background), reference addendum §2.8 and §2.0. The sandbox reads the real form fields (`data`,
// `use_case`), sniffs the format and the pixel size from the file header (JPEG, PNG, WEBP, BMP; HEIC is
// accepted without a size check) and applies the documented limits with the documented codes. Whether an
// upload already has a white background is a stable function of its bytes (about one in three).
#include <algorithm>
#include <optional>

#include "../body_fields.hpp"
#include "ocean_common/tts_sign.hpp"
#include "../world.hpp"
#include "catalog_store.hpp"
#include "domain_support.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using catalog::UploadedImage;

struct FormPart {
  std::string name;
  std::string filename;
  std::string content;
};

ApiError upload_error(int code, const std::string& message) { return ApiError{code, 400, message}; }

std::string boundary_of(const std::string& content_type) {
  const auto pos = content_type.find("boundary=");
  if (pos == std::string::npos) return "";
  std::string b = content_type.substr(pos + 9);
  b = b.substr(0, b.find(';'));
  if (b.size() >= 2 && b.front() == '"' && b.back() == '"') b = b.substr(1, b.size() - 2);
  return b;
}

std::string disposition_value(const std::string& headers, const std::string& key) {
  const std::string needle = key + "=\"";
  const auto pos = headers.find(needle);
  if (pos == std::string::npos) return "";
  const auto end = headers.find('"', pos + needle.size());
  return end == std::string::npos ? "" : headers.substr(pos + needle.size(), end - pos - needle.size());
}

// Splits a multipart/form-data body into its parts; a malformed body is 36009004.
std::vector<FormPart> parse_form(const std::string& body, const std::string& boundary) {
  if (boundary.empty()) throw bad_param("Content-Type multipart/form-data needs a boundary");
  const std::string delim = "--" + boundary;
  std::vector<FormPart> parts;
  std::size_t pos = body.find(delim);
  if (pos == std::string::npos) throw bad_param("multipart body has no part");
  while (true) {
    pos += delim.size();
    if (body.compare(pos, 2, "--") == 0) break;
    if (body.compare(pos, 2, "\r\n") != 0) throw bad_param("multipart body is malformed");
    pos += 2;
    const auto header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string::npos) throw bad_param("multipart part has no header end");
    const std::string headers = body.substr(pos, header_end - pos);
    const auto next = body.find("\r\n" + delim, header_end + 4);
    if (next == std::string::npos) throw bad_param("multipart body is not terminated");
    parts.push_back(FormPart{disposition_value(headers, "name"), disposition_value(headers, "filename"),
                             body.substr(header_end + 4, next - header_end - 4)});
    pos = next + 2;
  }
  return parts;
}

std::uint32_t be16(const std::string& s, std::size_t i) {
  return (static_cast<std::uint8_t>(s[i]) << 8) | static_cast<std::uint8_t>(s[i + 1]);
}
std::uint32_t be32(const std::string& s, std::size_t i) { return (be16(s, i) << 16) | be16(s, i + 2); }
std::uint32_t le16(const std::string& s, std::size_t i) {
  return static_cast<std::uint8_t>(s[i]) | (static_cast<std::uint8_t>(s[i + 1]) << 8);
}
std::uint32_t le24(const std::string& s, std::size_t i) {
  return le16(s, i) | (static_cast<std::uint8_t>(s[i + 2]) << 16);
}

struct Sniffed {
  std::string format;
  int width = 0, height = 0;
};

std::optional<Sniffed> jpeg_size(const std::string& s) {
  std::size_t i = 2;
  while (i + 9 < s.size()) {
    if (static_cast<std::uint8_t>(s[i]) != 0xFF) return std::nullopt;
    const auto marker = static_cast<std::uint8_t>(s[i + 1]);
    const auto len = be16(s, i + 2);
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      return Sniffed{"JPEG", static_cast<int>(be16(s, i + 7)), static_cast<int>(be16(s, i + 5))};
    }
    i += 2 + len;
  }
  return std::nullopt;
}

// Format and pixel size from the file header; nullopt when the bytes are no supported image.
std::optional<Sniffed> sniff(const std::string& s) {
  if (s.size() >= 24 && s.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    return Sniffed{"PNG", static_cast<int>(be32(s, 16)), static_cast<int>(be32(s, 20))};
  }
  if (s.size() >= 4 && static_cast<std::uint8_t>(s[0]) == 0xFF && static_cast<std::uint8_t>(s[1]) == 0xD8) {
    return jpeg_size(s);
  }
  if (s.size() >= 26 && s.compare(0, 2, "BM") == 0) {
    const auto h = static_cast<std::int32_t>(le16(s, 22) | (le16(s, 24) << 16));
    return Sniffed{"BMP", static_cast<int>(le16(s, 18) | (le16(s, 20) << 16)), h < 0 ? -h : h};
  }
  if (s.size() >= 30 && s.compare(0, 4, "RIFF") == 0 && s.compare(8, 4, "WEBP") == 0) {
    if (s.compare(12, 4, "VP8X") == 0) return Sniffed{"WEBP", int(le24(s, 24) + 1), int(le24(s, 27) + 1)};
    if (s.compare(12, 4, "VP8 ") == 0) return Sniffed{"WEBP", int(le16(s, 26) & 0x3FFF), int(le16(s, 28) & 0x3FFF)};
  }
  if (s.size() >= 12 && s.compare(4, 8, "ftypheic") == 0) return Sniffed{"HEIC", 0, 0};
  return std::nullopt;
}

void check_size(const Sniffed& img, const std::string& use_case) {
  if (img.format == "HEIC") return;
  const int lo = use_case == "MAIN_IMAGE" ? 300 : 100;
  const int hi = use_case == "MAIN_IMAGE" ? 4000 : 20000;
  if (img.width < lo || img.height < lo || img.width > hi || img.height > hi) {
    throw upload_error(12038014,
                       "The image dimensions exceed the allowed limits. Allowed dimensions (width x height "
                       "in pixels): " +
                           std::to_string(lo) + " x " + std::to_string(lo) + " to " + std::to_string(hi) + " x " +
                           std::to_string(hi));
  }
  if (use_case == "SIZE_CHART_IMAGE" && std::min(img.width, img.height) < 1024) {
    throw upload_error(12038014,
                       "The image dimensions exceed the allowed limits: a SIZE_CHART_IMAGE needs a short "
                       "side of at least 1024 px");
  }
}

std::string image_url(const std::string& uri) {
  return "https://p16-oec-va.ibyteimg.com/" + uri + "~tplv-o3syd03w52-origin-jpeg.jpeg";
}

// Registers an image in every shop the uploading token may use (uploads carry no shop_cipher).
void register_image(ApiContext& c, const UploadedImage& img) {
  for (const auto& id : c.grant.shop_ids) {
    if (Shop* shop = c.world.shop_by_id(id)) catalog::store(*shop).images[img.uri] = img;
  }
}

json::value upload_image(ApiContext& c) {
  const std::string* ct = c.req.header("content-type");
  if (ct == nullptr || !ocean::tts::is_multipart(*ct)) {
    throw ApiError{36009023, 400, "Content-type must be multipart/form-data"};
  }
  const auto parts = parse_form(c.req.body, boundary_of(*ct));
  const FormPart* data = nullptr;
  std::string use_case = "MAIN_IMAGE";
  for (const auto& p : parts) {
    if (p.name == "data") data = &p;
    if (p.name == "use_case") use_case = p.content;
  }
  if (!support::one_of(use_case, {"MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE",
                                  "SIZE_CHART_IMAGE"})) {
    throw bad_param("use_case is invalid: " + use_case);
  }
  if (data == nullptr || data->content.empty()) {
    throw upload_error(12038002, "Invalid upload file. Please ensure you are passing the correct file data.");
  }
  if (data->content.size() > 10u * 1024 * 1024) {
    throw upload_error(12038005, "The file size exceeds the maximum allowed size (10 MB).");
  }
  const auto img = sniff(data->content);
  if (!img) {
    throw upload_error(12038015,
                       "Failed to process the image. The format or content is not supported. Supported "
                       "formats: JPG, JPEG, PNG, WEBP, HEIC, BMP");
  }
  check_size(*img, use_case);
  UploadedImage up;
  up.uri = "tos-maliva-i-o3syd03w52-us/" + c.world.new_numeric_id(8) +
           std::to_string(Rng::hash(data->content) % 100000000000ULL);
  up.use_case = use_case;
  up.width = img->width;
  up.height = img->height;
  // MAIN_IMAGE and ATTRIBUTE_IMAGE outside 3:4..4:3 are padded to 1:1; the answer gives the new size.
  if ((use_case == "MAIN_IMAGE" || use_case == "ATTRIBUTE_IMAGE") && img->width > 0 &&
      (img->width * 3 > img->height * 4 || img->height * 3 > img->width * 4)) {
    up.width = up.height = std::max(img->width, img->height);
  }
  up.white_background = Rng::hash(data->content) % 3 == 0;
  register_image(c, up);
  return json::object{{"uri", up.uri},
                      {"url", image_url(up.uri)},
                      {"height", up.height},
                      {"width", up.width},
                      {"use_case", up.use_case}};
}

json::object optimize_one(ApiContext& c, catalog::CatalogStore& st, const json::object& o) {
  const std::string uri = fields::req_string(o, "uri");
  const auto modes = fields::opt_string_array(o, "optimization_mode");
  if (!modes || modes->empty()) throw bad_param("images.optimization_mode is a required field");
  for (const auto& m : *modes)
    if (m != "WHITE_BACKGROUND") throw bad_param("images.optimization_mode is invalid: " + m);
  auto it = st.images.find(uri);
  if (it == st.images.end()) throw ApiError{12052300, 400, "product main image uri illegal: " + uri};
  UploadedImage& img = it->second;
  json::object out{
      {"height", img.height}, {"width", img.width}, {"original_uri", img.uri}, {"original_url", image_url(img.uri)}};
  if (img.white_background) {
    out["optimized_uri"] = img.uri;
    out["optimized_url"] = image_url(img.uri);
    out["optimize_status"] = "IGNORE";
    return out;
  }
  if (img.optimized_uri.empty()) {
    UploadedImage copy = img;
    copy.uri = img.uri + "-wb" + c.world.new_numeric_id(4);
    copy.white_background = true;
    img.optimized_uri = copy.uri;
    register_image(c, copy);
  }
  out["optimized_uri"] = img.optimized_uri;
  out["optimized_url"] = image_url(img.optimized_uri);
  out["optimize_status"] = "SUCCESS";
  return out;
}

json::value optimize_images(ApiContext& c) {
  auto& st = catalog::store(c.the_shop());
  const auto* images = fields::opt_array(c.body(), "images");
  if (images == nullptr || images->empty()) throw bad_param("images is a required field");
  if (images->size() > 200) throw bad_param("images allows at most 200 entries");
  json::array out;
  for (const auto& v : *images) {
    if (!v.is_object()) throw bad_param("images entries must be objects");
    out.push_back(optimize_one(c, st, v.as_object()));
  }
  return json::object{{"images", out}};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/product/202309/images/upload", ShopScope::kForbidden, std::nullopt, upload_image});
  r.add(ApiRoute{"POST", "/product/202404/images/optimize", ShopScope::kRequired, std::nullopt, optimize_images});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"catalog_images", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
