#include "ocean_common/pattern.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace ocean::pattern {

namespace {
constexpr std::size_t kMaxSource = 1000;    // bytes of pattern text
constexpr int kMaxNesting = 32;             // nested groups: bounds the parser's recursion
constexpr std::size_t kMaxProgram = 20000;  // NFA instructions, after {n,m} expansion
// Thread steps per search, lookaheads included: a fixed allowance for short texts plus a few
// per character, so the work stays linear in the text whatever the pattern does.
constexpr std::size_t kBaseSteps = 1u << 20;
constexpr std::size_t kStepsPerByte = 16;
constexpr char32_t kMaxCodePoint = 0x10FFFF;

struct Range {
  char32_t lo;
  char32_t hi;
};

struct CharClass {
  std::vector<Range> ranges;
  bool negated = false;

  bool matches(char32_t c) const {
    bool in = false;
    for (const auto& r : ranges)
      if (c >= r.lo && c <= r.hi) {
        in = true;
        break;
      }
    return in != negated;
  }
};

// The code point at `i` (advancing past it). Malformed UTF-8 reads as one U+FFFD per byte, so
// the walk always advances.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t extra = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 < 0xE0) {
    extra = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 < 0xF0) {
    extra = 2;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 < 0xF5) {
    extra = 3;
    cp = b0 & 0x07;
  }
  if (extra == 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += extra + 1;
  return cp;
}

std::vector<Range> digit_ranges() { return {{'0', '9'}}; }
std::vector<Range> word_ranges() { return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}; }
std::vector<Range> space_ranges() {
  return {{0x09, 0x0D},     {0x20, 0x20},     {0xA0, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A},
          {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
}

std::vector<Range> complement(std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
  std::vector<Range> out;
  char32_t from = 0;
  for (const auto& r : ranges) {
    if (r.lo > from) out.push_back({from, r.lo - 1});
    from = std::max<char32_t>(from, r.hi + 1);
  }
  if (from <= kMaxCodePoint) out.push_back({from, kMaxCodePoint});
  return out;
}

struct Node {
  enum Kind { kEmpty, kClass, kConcat, kAlt, kRepeat, kBol, kEol, kLook } kind = kEmpty;
  int cls = 0;          // kClass: index into the class table
  int min = 0;          // kRepeat
  int max = 0;          // kRepeat; -1 for unbounded
  bool negate = false;  // kLook: (?!...)
  std::vector<Node> kids;
};

Node make_node(Node::Kind kind) {
  Node n;
  n.kind = kind;
  return n;
}

enum class Op : std::uint8_t { kClass, kSplit, kJump, kMatch, kBol, kEol, kLook };
struct Inst {
  Op op;
  int x = 0;  // kClass: class; kSplit/kJump: target; kLook: sub-program
  int y = 0;  // kSplit: second target
  bool negate = false;
};
using Code = std::vector<Inst>;
}  // namespace

struct Pattern::Program {
  std::vector<CharClass> classes;
  std::vector<Code> codes;  // [0] the pattern; the others lookahead bodies
};

namespace {
// Recursive descent over the pattern text; recursion depth is bounded by kMaxNesting.
class Parser {
 public:
  Parser(std::string_view source, std::vector<CharClass>& classes) : s_(source), classes_(classes) {}

  Node parse() {
    Node n = alternation(0);
    if (ok() && i_ < s_.size()) fail("unmatched ')'");
    return n;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool more() const { return ok() && i_ < s_.size(); }
  char peek() const { return s_[i_]; }
  void fail(std::string why) {
    if (error_.empty()) error_ = std::move(why) + " at offset " + std::to_string(i_);
  }

  Node alternation(int depth) {
    Node first = concatenation(depth);
    if (!more() || peek() != '|') return first;
    Node alt = make_node(Node::kAlt);
    alt.kids.push_back(std::move(first));
    while (more() && peek() == '|') {
      ++i_;
      alt.kids.push_back(concatenation(depth));
    }
    return alt;
  }

  Node concatenation(int depth) {
    Node seq = make_node(Node::kConcat);
    while (more() && peek() != '|' && peek() != ')') seq.kids.push_back(repetition(depth));
    return seq;
  }

  Node repetition(int depth) {
    Node atom_node = atom(depth);
    if (!more()) return atom_node;
    int min = 0;
    int max = 0;
    if (!quantifier(min, max)) return atom_node;
    if (atom_node.kind == Node::kBol || atom_node.kind == Node::kEol || atom_node.kind == Node::kLook) {
      fail("nothing to repeat");
      return atom_node;
    }
    if (more() && peek() == '?') ++i_;  // lazy: same answer for a yes/no search
    if (more() && (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{')) fail("nothing to repeat");
    Node rep = make_node(Node::kRepeat);
    rep.min = min;
    rep.max = max;
    rep.kids.push_back(std::move(atom_node));
    return rep;
  }

  bool quantifier(int& min, int& max) {
    const char c = peek();
    if (c == '*' || c == '+' || c == '?') {
      ++i_;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
      return true;
    }
    if (c != '{') return false;
    ++i_;
    if (!number(min)) return false;
    max = min;
    if (more() && peek() == ',') {
      ++i_;
      max = -1;
      if (more() && peek() != '}' && !number(max)) return false;
    }
    if (!more() || peek() != '}') {
      fail("bad {n,m} quantifier");
      return false;
    }
    ++i_;
    if (max != -1 && max < min) fail("{n,m} with m < n");
    return true;
  }

  bool number(int& out) {
    const std::size_t start = i_;
    long value = 0;
    while (i_ < s_.size() && peek() >= '0' && peek() <= '9' && value <= 100000) value = value * 10 + (s_[i_++] - '0');
    if (i_ == start || value > 100000) {
      fail("bad {n,m} quantifier");
      return false;
    }
    out = static_cast<int>(value);
    return true;
  }

  Node class_node(std::vector<Range> ranges, bool negated = false) {
    classes_.push_back({std::move(ranges), negated});
    Node n = make_node(Node::kClass);
    n.cls = static_cast<int>(classes_.size()) - 1;
    return n;
  }

  Node atom(int depth) {
    const char c = peek();
    switch (c) {
      case '(': return group(depth);
      case '[': return bracket();
      case '.': ++i_; return class_node({{'\n', '\n'}, {'\r', '\r'}, {0x2028, 0x2029}}, true);
      case '^': ++i_; return make_node(Node::kBol);
      case '$': ++i_; return make_node(Node::kEol);
      case '*':
      case '+':
      case '?':
      case '{': fail("nothing to repeat"); return Node{};
      case '\\': {
        ++i_;
        std::vector<Range> ranges;
        escape(ranges, false);
        return class_node(std::move(ranges));
      }
      default: {
        const char32_t cp = next_code_point(s_, i_);
        return class_node({{cp, cp}});
      }
    }
  }

  Node group(int depth) {
    if (depth + 1 > kMaxNesting) {
      fail("groups nest deeper than " + std::to_string(kMaxNesting));
      return Node{};
    }
    ++i_;  // '('
    Node n = make_node(Node::kConcat);
    if (s_.substr(i_, 2) == "?:") {
      i_ += 2;
    } else if (s_.substr(i_, 2) == "?=" || s_.substr(i_, 2) == "?!") {
      n.kind = Node::kLook;
      n.negate = s_[i_ + 1] == '!';
      i_ += 2;
    } else if (more() && peek() == '?') {
      fail("unsupported group syntax");
      return Node{};
    }
    n.kids.push_back(alternation(depth + 1));
    if (!more() || peek() != ')') {
      fail("missing ')'");
      return Node{};
    }
    ++i_;
    return n;
  }

  Node bracket() {
    ++i_;  // '['
    bool negated = false;
    if (more() && peek() == '^') {
      negated = true;
      ++i_;
    }
    std::vector<Range> ranges;
    while (more() && peek() != ']') {
      std::vector<Range> item;
      const bool single = class_atom(item);
      if (single && more() && peek() == '-' && i_ + 1 < s_.size() && s_[i_ + 1] != ']') {
        ++i_;
        std::vector<Range> upper;
        if (!class_atom(upper) || upper[0].lo < item[0].lo) {
          fail("bad range in character class");
          break;
        }
        item[0].hi = upper[0].lo;
      }
      ranges.insert(ranges.end(), item.begin(), item.end());
    }
    if (!more()) {
      fail("missing ']'");
      return Node{};
    }
    ++i_;  // ']'
    return class_node(std::move(ranges), negated);
  }

  // One member of a [...] class; true when it is a single code point (may start a range).
  bool class_atom(std::vector<Range>& out) {
    if (peek() != '\\') {
      const char32_t cp = next_code_point(s_, i_);
      out.push_back({cp, cp});
      return true;
    }
    ++i_;
    return escape(out, true);
  }

  // After a backslash. Appends the ranges it stands for; true when that is one code point.
  bool escape(std::vector<Range>& out, bool in_class) {
    if (!more()) {
      fail("pattern ends with '\\'");
      return false;
    }
    const char c = s_[i_++];
    auto one = [&](char32_t cp) {
      out.push_back({cp, cp});
      return true;
    };
    auto set = [&](std::vector<Range> r) {
      out.insert(out.end(), r.begin(), r.end());
      return false;
    };
    switch (c) {
      case 'd': return set(digit_ranges());
      case 'D': return set(complement(digit_ranges()));
      case 'w': return set(word_ranges());
      case 'W': return set(complement(word_ranges()));
      case 's': return set(space_ranges());
      case 'S': return set(complement(space_ranges()));
      case 't': return one('\t');
      case 'n': return one('\n');
      case 'r': return one('\r');
      case 'f': return one('\f');
      case 'v': return one('\v');
      case 'b':
        if (in_class) return one('\b');
        break;
      case '0':
        if (!more() || peek() < '0' || peek() > '9') return one(0);
        break;
      case 'u': return one(hex(4));
      case 'x': return one(hex(2));
      default:
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return one(c);
    }
    fail(std::string("unsupported escape \\") + c);
    return false;
  }

  char32_t hex(int digits) {
    char32_t value = 0;
    for (int k = 0; k < digits; ++k) {
      if (!more()) {
        fail("bad hexadecimal escape");
        return 0;
      }
      const char h = s_[i_++];
      int d = -1;
      if (h >= '0' && h <= '9') d = h - '0';
      if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
      if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
      if (d < 0) {
        fail("bad hexadecimal escape");
        return 0;
      }
      value = value * 16 + static_cast<char32_t>(d);
    }
    return value;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::vector<CharClass>& classes_;
  std::string error_;
};

// Thompson construction; recursion follows the tree, whose depth the parser bounded.
class Emitter {
 public:
  explicit Emitter(Pattern::Program& program) : p_(program) {}

  // Compiles `root` into a new code block ending in kMatch; returns its index, -1 when too big.
  int compile(const Node& root) {
    const auto index = p_.codes.size();
    p_.codes.emplace_back();
    Code code;
    emit(root, code);
    code.push_back({Op::kMatch});
    if (too_big_) return -1;
    p_.codes[index] = std::move(code);
    return static_cast<int>(index);
  }

 private:
  int push(Code& code, Inst inst) {
    total_ += 1;
    if (total_ > kMaxProgram) too_big_ = true;
    if (too_big_) return 0;
    code.push_back(inst);
    return static_cast<int>(code.size()) - 1;
  }
  static int here(const Code& code) { return static_cast<int>(code.size()); }

  void emit(const Node& n, Code& code) {
    if (too_big_) return;
    switch (n.kind) {
      case Node::kEmpty: return;
      case Node::kClass: push(code, {Op::kClass, n.cls}); return;
      case Node::kBol: push(code, {Op::kBol}); return;
      case Node::kEol: push(code, {Op::kEol}); return;
      case Node::kConcat:
        for (const auto& k : n.kids) emit(k, code);
        return;
      case Node::kAlt: return alternation(n, code);
      case Node::kRepeat: return repeat(n, code);
      case Node::kLook: {
        const int body = compile(n.kids[0]);
        if (body >= 0) push(code, {Op::kLook, body, 0, n.negate});
        return;
      }
    }
  }

  void alternation(const Node& n, Code& code) {
    std::vector<int> to_end;
    for (std::size_t k = 0; k < n.kids.size() && !too_big_; ++k) {
      if (k + 1 == n.kids.size()) {
        emit(n.kids[k], code);
        break;
      }
      const int split = push(code, {Op::kSplit});
      if (too_big_) return;
      code[split].x = here(code);
      emit(n.kids[k], code);
      to_end.push_back(push(code, {Op::kJump}));
      if (too_big_) return;
      code[split].y = here(code);
    }
    if (too_big_) return;
    for (int j : to_end) code[j].x = here(code);
  }

  void repeat(const Node& n, Code& code) {
    const Node& body = n.kids[0];
    for (int k = 0; k < n.min && !too_big_; ++k) emit(body, code);
    if (n.max == -1) {
      const int split = push(code, {Op::kSplit});
      if (too_big_) return;
      code[split].x = here(code);
      emit(body, code);
      push(code, {Op::kJump, split});
      if (!too_big_) code[split].y = here(code);
      return;
    }
    std::vector<int> splits;
    for (int k = n.min; k < n.max && !too_big_; ++k) {
      const int split = push(code, {Op::kSplit});
      if (too_big_) return;
      code[split].x = here(code);
      splits.push_back(split);
      emit(body, code);
    }
    if (too_big_) return;
    for (int s : splits) code[s].y = here(code);
  }

  Pattern::Program& p_;
  std::size_t total_ = 0;
  bool too_big_ = false;
};

// A set of program counters with O(1) clear (sparse set).
class ThreadSet {
 public:
  explicit ThreadSet(std::size_t n) : sparse_(n), dense_(n) {}
  bool insert(int pc) {
    const auto i = sparse_[static_cast<std::size_t>(pc)];
    if (i < size_ && dense_[i] == pc) return false;
    sparse_[static_cast<std::size_t>(pc)] = size_;
    dense_[size_++] = pc;
    return true;
  }
  void clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  int operator[](std::size_t i) const { return dense_[i]; }

 private:
  std::vector<std::size_t> sparse_;
  std::vector<int> dense_;
  std::size_t size_ = 0;
};

struct SearchState {
  std::string_view text;
  std::size_t steps = 0;
  std::size_t budget = 0;
  bool too_costly = false;
  std::map<std::pair<int, std::size_t>, bool> lookahead_memo;
};

class Runner {
 public:
  Runner(const Pattern::Program& p, int code_index, SearchState& state)
      : p_(p),
        code_(p.codes[static_cast<std::size_t>(code_index)]),
        st_(state),
        now_(code_.size()),
        next_(code_.size()) {}

  // Anchored: a match must start at `start`. Unanchored: at any position from `start` on.
  bool run(std::size_t start, bool anchored) {
    std::size_t pos = start;
    const auto& text = st_.text;
    if (add(now_, 0, pos)) return true;
    while (pos < text.size() && !st_.too_costly) {
      if (anchored && now_.size() == 0) return false;
      std::size_t after = pos;
      const char32_t c = next_code_point(text, after);
      next_.clear();
      for (std::size_t k = 0; k < now_.size(); ++k) {
        const Inst& inst = code_[static_cast<std::size_t>(now_[k])];
        if (inst.op == Op::kClass && p_.classes[static_cast<std::size_t>(inst.x)].matches(c) &&
            add(next_, now_[k] + 1, after))
          return true;
      }
      pos = after;
      std::swap(now_, next_);
      if (!anchored && add(now_, 0, pos)) return true;
    }
    return false;
  }

 private:
  // Follows the epsilon moves from `pc` at text position `pos`; true when kMatch is reached.
  bool add(ThreadSet& set, int pc0, std::size_t pos) {
    stack_.clear();
    stack_.push_back(pc0);
    while (!stack_.empty()) {
      const int pc = stack_.back();
      stack_.pop_back();
      if (!set.insert(pc)) continue;
      if (++st_.steps > st_.budget) st_.too_costly = true;
      if (st_.too_costly) return false;
      const Inst& inst = code_[static_cast<std::size_t>(pc)];
      switch (inst.op) {
        case Op::kMatch: return true;
        case Op::kClass: break;
        case Op::kJump: stack_.push_back(inst.x); break;
        case Op::kSplit:
          stack_.push_back(inst.y);
          stack_.push_back(inst.x);
          break;
        case Op::kBol:
          if (pos == 0) stack_.push_back(pc + 1);
          break;
        case Op::kEol:
          if (pos == st_.text.size()) stack_.push_back(pc + 1);
          break;
        case Op::kLook:
          if (lookahead(inst.x, pos) != inst.negate) stack_.push_back(pc + 1);
          break;
      }
    }
    return false;
  }

  bool lookahead(int code_index, std::size_t pos) {
    const auto key = std::make_pair(code_index, pos);
    if (const auto it = st_.lookahead_memo.find(key); it != st_.lookahead_memo.end()) return it->second;
    Runner sub(p_, code_index, st_);  // nesting is bounded by the parser's group limit
    const bool found = sub.run(pos, true);
    st_.lookahead_memo.emplace(key, found);
    return found;
  }

  const Pattern::Program& p_;
  const Code& code_;
  SearchState& st_;
  ThreadSet now_;
  ThreadSet next_;
  std::vector<int> stack_;
};
}  // namespace

std::optional<Pattern> Pattern::compile(std::string_view source, std::string& error) {
  if (source.size() > kMaxSource) {
    error = "pattern longer than " + std::to_string(kMaxSource) + " bytes";
    return std::nullopt;
  }
  auto program = std::make_shared<Program>();
  Parser parser(source, program->classes);
  const Node root = parser.parse();
  if (!parser.ok()) {
    error = parser.error();
    return std::nullopt;
  }
  if (Emitter(*program).compile(root) != 0) {
    error = "pattern expands to more than " + std::to_string(kMaxProgram) + " instructions";
    return std::nullopt;
  }
  return Pattern(std::move(program));
}

Match Pattern::search(std::string_view text) const {
  SearchState state;
  state.text = text;
  state.budget = kBaseSteps + kStepsPerByte * text.size();
  Runner runner(*program_, 0, state);
  const bool found = runner.run(0, false);
  if (state.too_costly) return Match::kTooCostly;
  return found ? Match::kYes : Match::kNo;
}

}  // namespace ocean::pattern
