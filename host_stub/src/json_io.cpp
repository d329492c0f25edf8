#include "json_io.hpp"

#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace erp_host {

std::optional<boost::json::value> parse_json(std::string_view text, std::string& error) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (!ec) return parser.release();
  // Point at the byte where parsing stopped; editors count lines and columns from 1.
  const std::size_t at = ec && consumed <= text.size() ? consumed : text.size();
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  error = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + ec.message();
  return std::nullopt;
}

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

std::optional<std::string> read_bounded_file(const std::filesystem::path& path, std::size_t max_bytes,
                                             std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read the file";
    return std::nullopt;
  }
  // Read one byte past the limit in chunks: the size stat reports is not trusted (pipes, /proc).
  std::string text;
  char chunk[64 * 1024];
  while (in && text.size() <= max_bytes) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, max_bytes + 1 - text.size())));
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    error = "cannot read the file";
    return std::nullopt;
  }
  if (text.size() > max_bytes) {
    error = "is larger than " + std::to_string(max_bytes) + " bytes; refused without parsing";
    return std::nullopt;
  }
  return text;
}

std::optional<boost::json::value> read_json_file(const std::filesystem::path& path, std::string& error) {
  const auto text = read_text_file(path);
  if (!text) {
    error = "cannot read the file";
    return std::nullopt;
  }
  return parse_json(*text, error);
}

}  // namespace erp_host
