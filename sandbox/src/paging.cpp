#include "paging.hpp"

#include <vector>

namespace tts_sandbox {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

bool to_int(const std::string& s, std::int64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  bool negative = s[0] == '-';
  std::int64_t v = 0;
  for (std::size_t i = negative ? 1 : 0; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = negative ? -v : v;
  return true;
}
}  // namespace

std::string base64_encode(const std::string& raw) {
  std::string out;
  std::size_t i = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(raw.data());
  for (; i + 2 < raw.size(); i += 3) {
    const unsigned n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == raw.size()) {
    const unsigned n = b[i] << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == raw.size()) {
    const unsigned n = (b[i] << 16) | (b[i + 1] << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = text[i + static_cast<std::size_t>(j)];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        v[j] = 0;
        ++pad;
      } else {
        if (pad > 0) return std::nullopt;
        v[j] = value_of(c);
        if (v[j] < 0) return std::nullopt;
      }
    }
    const unsigned n = (static_cast<unsigned>(v[0]) << 18) | (static_cast<unsigned>(v[1]) << 12) |
                       (static_cast<unsigned>(v[2]) << 6) | static_cast<unsigned>(v[3]);
    out += static_cast<char>((n >> 16) & 0xff);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (pad < 1) out += static_cast<char>(n & 0xff);
  }
  return out;
}

std::string encode_page_token(const PageCursor& c) {
  return base64_encode("v1|" + c.sort + "|" + std::to_string(c.key) + "|" + c.id + "|" + std::to_string(c.snapshot) +
                       "|" + std::to_string(c.total));
}

std::optional<PageCursor> decode_page_token(const std::string& token) {
  const auto raw = base64_decode(token);
  if (!raw) return std::nullopt;
  const auto parts = split(*raw, '|');
  if (parts.size() != 6 || parts[0] != "v1" || parts[3].empty()) return std::nullopt;
  PageCursor c;
  c.sort = parts[1];
  c.id = parts[3];
  if (!to_int(parts[2], c.key) || !to_int(parts[4], c.snapshot) || !to_int(parts[5], c.total)) return std::nullopt;
  return c;
}

}  // namespace tts_sandbox
