#include "transport/json_spans.hpp"

#include <cstddef>
#include <cstring>

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

// Where, in the object `text` starts with, the value of `key` starts (the key must occur once).
std::optional<std::size_t> value_offset(std::string_view text, std::string_view key) {
  Scanner sc(text);
  if (!sc.eat('{') || sc.eat('}')) return std::nullopt;
  std::optional<std::size_t> found;
  for (;;) {
    std::string_view k;
    if (!sc.string(k) || !sc.eat(':')) return std::nullopt;
    sc.skip_ws();
    if (k == key) {
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
