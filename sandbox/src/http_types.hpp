// The sandbox's own view of an HTTP exchange. Handlers see only these structs, so none of them
// includes Boost.Beast (which compiles slowly); server.cpp converts to and from Beast types.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ocean_common/url.hpp"

namespace tts_sandbox {

struct Request {
  std::string method;                          // "GET", "POST", ... as received (upper case)
  std::string path;                            // target before '?', still percent-encoded as received
  std::string raw_query;                       // target after '?', exactly as received ("" for none)
  ocean::url::QueryParams query;               // decoded pairs in received order
  std::map<std::string, std::string> headers;  // names lower-cased; the first value wins
  std::string body;                            // exact bytes received
  bool tls = false;                            // arrived on the HTTPS listener

  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
  // First value of a query key, or nullptr when absent.
  const std::string* query_param(std::string_view key) const {
    for (const auto& [k, v] : query)
      if (k == key) return &v;
    return nullptr;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (e.g. Location)
  std::string body;
  bool drop_connection = false;  // fault injection: close the socket without answering
  int delay_ms = 0;              // fault injection: answer after this long (timer, no thread blocked)
};

}  // namespace tts_sandbox
