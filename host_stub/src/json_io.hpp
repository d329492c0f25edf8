// Reading JSON text and files with errors that say where (file, line, column).
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace erp_host {

// Parses `text`; on failure returns nullopt and sets `error` to "line L, column C: reason".
std::optional<boost::json::value> parse_json(std::string_view text, std::string& error);

// Reads and parses a file; on failure sets `error` ("cannot read" or the parse error).
std::optional<boost::json::value> read_json_file(const std::filesystem::path& path, std::string& error);

// Reads a whole file as bytes; nullopt when it cannot be opened.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// Reads at most `max_bytes`: a file that is larger is refused unread (error "is larger than N
// bytes ..."), so an oversized input never reaches the parser. Error "cannot read the file" when
// it cannot be opened.
std::optional<std::string> read_bounded_file(const std::filesystem::path& path, std::size_t max_bytes,
                                             std::string& error);

}  // namespace erp_host
