#include "transport/json_spans.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>

namespace ocean::tiktok {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::size_t pos() const { return i_; }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }
  bool peek(char c) {
    skip_ws();
    return i_ < s_.size() && s_[i_] == c;
  }

  // At an opening quote: moves past the closing one; `raw` is the text between them, escapes
  // left as they are. memchr finds the candidate quotes (most of a page's bytes are inside
  // strings); a quote preceded by an odd run of backslashes is escaped and skipped.
  bool string(std::string_view& raw) {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    const std::size_t start = ++i_;
    while (i_ < s_.size()) {
      const void* hit = std::memchr(s_.data() + i_, '"', s_.size() - i_);
      if (hit == nullptr) return false;
      const std::size_t q = static_cast<std::size_t>(static_cast<const char*>(hit) - s_.data());
      std::size_t backslashes = 0;
      while (q - backslashes > start && s_[q - backslashes - 1] == '\\') ++backslashes;
      i_ = q + 1;
      if (backslashes % 2 == 0) {
        raw = s_.substr(start, q - start);
        return true;
      }
    }
    return false;
  }

  // Moves past one value of any kind.
  bool value() {
    skip_ws();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') {
      std::string_view ignored;
      return string(ignored);
    }
    if (c == '{' || c == '[') return container();
    // A number, true, false or null: up to the next delimiter.
    const std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && s_[i_] != ' ' && s_[i_] != '\n' &&
           s_[i_] != '\r' && s_[i_] != '\t') {
      ++i_;
    }
    return i_ > start;
  }

 private:
  // Brackets are counted, not matched by kind: the text parsed already, so they nest properly.
  bool container() {
    int depth = 0;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '"') {
        std::string_view ignored;
        if (!string(ignored)) return false;
        continue;
      }
      ++i_;
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return true;
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The key's characters with JSON escapes decoded ("d\u0061ta" -> "data"); nullopt for a bad escape.
std::optional<std::string> unescape_key(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out.push_back(raw[i]);
      continue;
    }
    if (++i >= raw.size()) return std::nullopt;
    switch (raw[i]) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        auto hex4 = [&](std::size_t at) -> std::optional<std::uint32_t> {
          if (at + 4 > raw.size()) return std::nullopt;
          std::uint32_t v = 0;
          for (std::size_t k = at; k < at + 4; ++k) {
            const char h = raw[k];
            v <<= 4;
            if (h >= '0' && h <= '9')
              v |= static_cast<std::uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f')
              v |= static_cast<std::uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
              v |= static_cast<std::uint32_t>(h - 'A' + 10);
            else
              return std::nullopt;
          }
          return v;
        };
        auto cp = hex4(i + 1);
        if (!cp) return std::nullopt;
        i += 4;
        if (*cp >= 0xD800 && *cp <= 0xDBFF && i + 2 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
          if (const auto low = hex4(i + 3); low && *low >= 0xDC00 && *low <= 0xDFFF) {
            cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, *cp);
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

// Walks a whole document looking for an object that names a key twice (after unescaping).
// Recursion follows the nesting, which is cut off at kMaxDepth (deeper than the parser allows).
class RepeatFinder {
 public:
  explicit RepeatFinder(std::string_view s) : sc_(s) {}
  std::optional<std::string> run() {
    value(0);
    return found_;
  }

 private:
  static constexpr int kMaxDepth = 64;

  // False to stop: a repeat was found, or the text is not what it should be.
  bool value(int depth) {
    if (depth > kMaxDepth) return false;
    if (sc_.peek('{')) return object(depth);
    if (sc_.peek('[')) return array(depth);
    return sc_.value();
  }
  bool object(int depth) {
    sc_.eat('{');
    if (sc_.eat('}')) return true;
    std::unordered_set<std::string> keys;
    const std::size_t base = path_.size();
    for (;;) {
      std::string_view raw;
      if (!sc_.string(raw) || !sc_.eat(':')) return false;
      auto key = unescape_key(raw);
      if (!key) return false;
      path_ += "/" + pointer_token(*key);
      if (!keys.insert(std::move(*key)).second) {
        found_ = path_;
        return false;
      }
      if (!value(depth + 1)) return false;
      path_.resize(base);
      if (sc_.eat(',')) continue;
      return sc_.eat('}');
    }
  }
  bool array(int depth) {
    sc_.eat('[');
    if (sc_.eat(']')) return true;
    const std::size_t base = path_.size();
    for (std::size_t index = 0;; ++index) {
      path_ += "/" + std::to_string(index);
      if (!value(depth + 1)) return false;
      path_.resize(base);
      if (sc_.eat(',')) continue;
      return sc_.eat(']');
    }
  }
  static std::string pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
  }

  Scanner sc_;
  std::string path_;
  std::optional<std::string> found_;
};

// Where, in the object `text` starts with, the value of `key` starts (the key must occur once).
std::optional<std::size_t> value_offset(std::string_view text, std::string_view key) {
  Scanner sc(text);
  if (!sc.eat('{') || sc.eat('}')) return std::nullopt;
  std::optional<std::size_t> found;
  for (;;) {
    std::string_view raw;
    if (!sc.string(raw) || !sc.eat(':')) return std::nullopt;
    sc.skip_ws();
    // Compared decoded, as the parser compares them: "d\u0061ta" is "data".
    const auto k = raw.find('\\') == std::string_view::npos ? std::optional<std::string>(raw) : unescape_key(raw);
    if (!k) return std::nullopt;
    if (*k == key) {
      if (found) return std::nullopt;  // repeated: which one a parser keeps is not ours to guess
      found = sc.pos();
    }
    if (!sc.value()) return std::nullopt;
    if (sc.eat(',')) continue;
    if (sc.eat('}')) return found;
    return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> repeated_key(std::string_view json) { return RepeatFinder(json).run(); }

std::optional<std::vector<std::string_view>> array_element_spans(std::string_view json,
                                                                 std::initializer_list<std::string_view> path) {
  std::string_view rest = json;
  std::size_t base = 0;  // where `rest` starts in `json`
  for (const auto key : path) {
    const auto offset = value_offset(rest, key);
    if (!offset) return std::nullopt;
    base += *offset;
    rest = json.substr(base);
  }
  Scanner sc(rest);
  if (!sc.eat('[')) return std::nullopt;
  std::vector<std::string_view> out;
  if (sc.eat(']')) return out;
  for (;;) {
    sc.skip_ws();
    const std::size_t start = sc.pos();
    if (!sc.value()) return std::nullopt;
    out.push_back(rest.substr(start, sc.pos() - start));
    if (sc.eat(',')) continue;
    if (sc.eat(']')) return out;
    return std::nullopt;
  }
}

}  // namespace ocean::tiktok
