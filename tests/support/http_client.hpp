// A tiny blocking HTTP client for tests and benchmarks (libcurl). One HttpClient keeps its connection
// alive between calls. TLS verification is always on; pass the sandbox CA for https URLs.
#pragma once
#include <curl/curl.h>

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <strings.h>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

namespace ocean::testing {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec) throw std::runtime_error("response is not JSON: " + body.substr(0, 200));
    return v;
  }
  // The envelope's code (throws when the body is not an envelope).
  std::int64_t code() const { return json().as_object().at("code").to_number<std::int64_t>(); }
};

class HttpClient {
 public:
  explicit HttpClient(std::string ca_file = "") : ca_file_(std::move(ca_file)), curl_(curl_easy_init()) {
    if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
  }
  ~HttpClient() {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&& other) noexcept : ca_file_(std::move(other.ca_file_)), curl_(other.curl_) {
    other.curl_ = nullptr;
  }
  HttpClient& operator=(HttpClient&& other) noexcept {
    std::swap(ca_file_, other.ca_file_);
    std::swap(curl_, other.curl_);
    return *this;
  }

  // Throws std::runtime_error on a transport failure (no HTTP answer at all).
  HttpResponse request(const std::string& method, const std::string& url, const std::string& body = "",
                       const std::vector<std::string>& headers = {}) {
    HttpResponse out;
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, 60000L);
    if (!ca_file_.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, ca_file_.c_str());
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!body.empty() || method == "POST" || method == "PUT") {
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    struct curl_slist* list = nullptr;
    bool has_content_type = false;
    for (const auto& h : headers) {
      list = curl_slist_append(list, h.c_str());
      if (h.size() >= 13 && strncasecmp(h.c_str(), "content-type:", 13) == 0) has_content_type = true;
    }
    // libcurl would add a form content type for bodies; leave it out unless the caller set one.
    if (!has_content_type) list = curl_slist_append(list, "Content-Type:");
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &HttpClient::on_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &HttpClient::on_header);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &out.headers);
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(list);
    if (rc != CURLE_OK) throw std::runtime_error(std::string("HTTP transport error: ") + curl_easy_strerror(rc));
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &out.status);
    return out;
  }

 private:
  static size_t on_body(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
  }
  static size_t on_header(char* data, size_t size, size_t n, void* user) {
    std::string line(data, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(value.begin());
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
    }
    return size * n;
  }

  std::string ca_file_;
  CURL* curl_;
};

}  // namespace ocean::testing
