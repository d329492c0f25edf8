// See images.hpp.
#include "catalog/images.hpp"

#include <fstream>
#include <sstream>

#include <boost/json/serialize.hpp>

#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxImageBytes = 10u * 1024 * 1024;  // TikTok's upload limit

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure(Status::invalid_argument, "image file cannot be read: " + path);
  std::ostringstream s;
  s << in.rdbuf();
  std::string bytes = s.str();
  if (bytes.empty()) throw Failure(Status::invalid_argument, "image file is empty: " + path);
  if (bytes.size() > kMaxImageBytes) throw Failure(Status::invalid_argument, "image file is over 10 MB: " + path);
  return bytes;
}

std::string download(CatalogContext& c, const std::string& url) {
  HttpRequest req;
  req.method = "GET";
  req.url = url;
  HttpResult r = c.ops.downloads.perform(req);
  if (r.error != TransportError::none || r.status != 200 || r.body.empty()) {
    throw Failure(Status::invalid_argument,
                  "image URL could not be downloaded (HTTP " + std::to_string(r.status) + "): " + url);
  }
  if (r.body.size() > kMaxImageBytes) throw Failure(Status::invalid_argument, "image at URL is over 10 MB: " + url);
  return std::move(r.body);
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string n = slash == std::string::npos ? path : path.substr(slash + 1);
  n = n.substr(0, n.find('?'));
  return n.empty() ? "image" : n;
}

}  // namespace

json::object upload_bytes(CatalogContext& c, const std::string& bytes, const std::string& file_name,
                          const std::string& use_case) {
  const std::string boundary = "----ocean-upload-" + std::to_string(c.ops.host.wall_ms());
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + file_name +
                     "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"use_case\"\r\n\r\n" + use_case + "\r\n--" + boundary +
                     "--\r\n";
  ApiCall call;
  call.method = "POST";
  call.path = "/product/202309/images/upload";
  call.body = std::move(body);
  call.content_type = "multipart/form-data; boundary=" + boundary;
  ApiResult r = c.ops.api.call(call);  // no shop_cipher: uploads refuse it
  if (!r.data.is_object() || !r.data.as_object().contains("uri")) {
    throw Failure(Status::permanent, "images/upload: the answer has no uri");
  }
  return r.data.as_object();
}

std::string resolve_image(CatalogContext& c, const std::string& image, const std::string& use_case) {
  const bool local = image.front() == '/' || image.rfind("./", 0) == 0 || image.rfind("../", 0) == 0;
  if (local) return ops::api_string(upload_bytes(c, read_file(image), base_name(image), use_case), "uri");
  if (image.rfind("https://", 0) == 0) {
    return ops::api_string(upload_bytes(c, download(c, image), base_name(image), use_case), "uri");
  }
  return image;  // a uri from an earlier upload
}

json::array optimize(CatalogContext& c, const std::vector<std::string>& uris) {
  json::array images;
  for (const auto& u : uris)
    images.push_back(json::object{{"uri", u}, {"optimization_mode", json::array{"WHITE_BACKGROUND"}}});
  const json::object data = c.ops.call("POST", "/product/202404/images/optimize", {}, json::object{{"images", images}});
  return ops::api_array(data, "images", "images/optimize");
}

json::array main_images(CatalogContext& c, const std::vector<std::string>& images, bool white_first) {
  json::array out;
  for (std::size_t i = 0; i < images.size(); ++i) {
    std::string uri = resolve_image(c, images[i], "MAIN_IMAGE");
    if (i == 0 && white_first) {
      const json::array opt = optimize(c, {uri});
      if (!opt.empty()) {
        const std::string better = ops::api_string(ops::api_object(opt[0], "images/optimize"), "optimized_uri");
        if (!better.empty()) uri = better;
      }
    }
    out.push_back(json::object{{"uri", uri}});
  }
  return out;
}

}  // namespace ocean::tiktok::catalog
