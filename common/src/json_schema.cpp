#include "ocean_common/json_schema.hpp"

#include <boost/json/serialize.hpp>

#include "ocean_common/pattern.hpp"
#include "ocean_common/rfc3339.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <map>
#include <mutex>
#include <utility>

namespace ocean::json_schema {
namespace json = boost::json;

namespace {
// Guards against a $ref cycle in a hand-written schema; real schemas nest a few levels.
constexpr int kMaxDepth = 64;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool as_number(const json::value& v, double& out) {
  if (v.is_int64())
    out = static_cast<double>(v.get_int64());
  else if (v.is_uint64())
    out = static_cast<double>(v.get_uint64());
  else if (v.is_double())
    out = v.get_double();
  else
    return false;
  return true;
}

bool is_integer(const json::value& v) {
  if (v.is_int64() || v.is_uint64()) return true;
  return v.is_double() && std::isfinite(v.get_double()) && std::floor(v.get_double()) == v.get_double();
}

bool matches_type(std::string_view type, const json::value& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") return is_integer(v);
  return false;
}

// Numbers compare by value (1 == 1.0), as JSON Schema's equality requires.
bool json_equal(const json::value& a, const json::value& b) {
  double x = 0;
  double y = 0;
  if (as_number(a, x) && as_number(b, y)) return x == y;
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto& l = a.get_array();
    const auto& r = b.get_array();
    if (l.size() != r.size()) return false;
    for (std::size_t i = 0; i < l.size(); ++i)
      if (!json_equal(l[i], r[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const auto& l = a.get_object();
    const auto& r = b.get_object();
    if (l.size() != r.size()) return false;
    for (const auto& kv : l) {
      const auto* other = r.if_contains(kv.key());
      if (!other || !json_equal(kv.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// Schema constants are shown bare when they are strings ("US"), serialized otherwise.
std::string show(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  return json::serialize(v);
}

std::string show_number(const json::value& v) { return json::serialize(v); }

// scheme "://" authority, nothing blank anywhere: what our config URLs (API hosts, webhook
// callback) need. Plain "mailto:x" style URIs are not useful to us and are refused.
bool looks_like_uri(std::string_view s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return false;
  const auto sep = s.find("://");
  if (sep == std::string_view::npos || sep == 0) return false;
  const auto scheme = s.substr(0, sep);
  auto alpha = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(static_cast<unsigned char>(scheme[0]))) return false;
  for (unsigned char c : scheme)
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  const auto rest = s.substr(sep + 3);
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  return !authority.empty();
}

// Every alternative is {"const": X, ...annotations}: a labelled enum, reported like one.
bool all_const(const json::array& alternatives) {
  return !alternatives.empty() && std::all_of(alternatives.begin(), alternatives.end(), [](const json::value& a) {
    return a.is_object() && a.get_object().contains("const");
  });
}

std::string listed_consts(const json::array& alternatives) {
  std::string listed;
  for (const auto& a : alternatives) listed += (listed.empty() ? "" : ", ") + show(a.get_object().at("const"));
  return listed;
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out.push_back(token[i + 1] == '0' ? '~' : '/');
      ++i;
    } else {
      out.push_back(token[i]);
    }
  }
  return out;
}

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() == '/') pointer.remove_prefix(1);
  while (true) {
    const auto slash = pointer.find('/');
    tokens.push_back(unescape_token(pointer.substr(0, slash)));
    if (slash == std::string_view::npos) break;
    pointer.remove_prefix(slash + 1);
  }
  return tokens;
}

// Follows $ref chains so callers see the schema that actually applies (nullptr if broken).
const json::value* deref(const json::value& root, const json::value* schema) {
  for (int i = 0; schema && i < kMaxDepth; ++i) {
    if (!schema->is_object()) return schema;
    const auto* ref = schema->get_object().if_contains("$ref");
    if (!ref || !ref->is_string()) return schema;
    schema = resolve_ref(root, ref->get_string());
  }
  return schema;
}

// Each later copy of an earlier item is reported once. Arrays of strings (every list in our
// schemas) are checked in linear time; other arrays pairwise.
void check_unique(const json::array& instance, const std::string& pointer, std::vector<Error>& errors) {
  auto duplicate = [&](std::size_t j, std::size_t i) {
    errors.push_back(
        {pointer + "/" + std::to_string(j), "duplicates item " + std::to_string(i) + " (items must be unique)"});
  };
  const bool all_strings =
      std::all_of(instance.begin(), instance.end(), [](const json::value& v) { return v.is_string(); });
  if (all_strings) {
    std::unordered_map<std::string_view, std::size_t> first;
    for (std::size_t j = 0; j < instance.size(); ++j) {
      const auto [it, inserted] = first.emplace(std::string_view(instance[j].get_string()), j);
      if (!inserted) duplicate(j, it->second);
    }
    return;
  }
  for (std::size_t i = 0; i < instance.size(); ++i)
    for (std::size_t j = i + 1; j < instance.size(); ++j)
      if (json_equal(instance[i], instance[j])) duplicate(j, i);
}

void apply_defaults_at(const json::value& root, const json::value* schema, json::value& instance, int depth) {
  schema = deref(root, schema);
  if (!schema || !schema->is_object() || depth > kMaxDepth) return;
  const auto& s = schema->get_object();
  if (instance.is_object()) {
    const auto* props = s.if_contains("properties");
    if (!props || !props->is_object()) return;
    auto& obj = instance.get_object();
    for (const auto& kv : props->get_object()) {
      auto* present = obj.if_contains(kv.key());
      if (present) {
        apply_defaults_at(root, &kv.value(), *present, depth + 1);
        continue;
      }
      const auto* sub = deref(root, &kv.value());
      if (!sub || !sub->is_object()) continue;
      if (const auto* def = sub->get_object().if_contains("default")) obj[kv.key()] = *def;
    }
  } else if (instance.is_array()) {
    const auto* items = s.if_contains("items");
    if (!items) return;
    for (auto& element : instance.get_array()) apply_defaults_at(root, items, element, depth + 1);
  }
}
}  // namespace

std::string Error::to_string() const { return (pointer.empty() ? "/" : pointer) + ": " + message; }

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out.push_back(c);
  }
  return out;
}

const json::value* resolve_ref(const json::value& root, std::string_view ref) {
  if (ref.empty() || ref.front() != '#') return nullptr;
  ref.remove_prefix(1);
  const json::value* at = &root;
  for (const auto& token : split_pointer(ref)) {
    if (at->is_object()) {
      at = at->get_object().if_contains(token);
    } else if (at->is_array()) {
      std::size_t index = 0;
      if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos) return nullptr;
      index = std::stoul(token);
      if (index >= at->get_array().size()) return nullptr;
      at = &at->get_array()[index];
    } else {
      return nullptr;
    }
    if (!at) return nullptr;
  }
  return at;
}

std::optional<json::value> default_at(const json::value& schema, std::string_view pointer) {
  const json::value* at = deref(schema, &schema);
  for (const auto& token : split_pointer(pointer)) {
    if (!at || !at->is_object()) return std::nullopt;
    const auto& s = at->get_object();
    const json::value* next = nullptr;
    if (const auto* props = s.if_contains("properties"); props && props->is_object())
      next = props->get_object().if_contains(token);
    if (!next) next = s.if_contains("items");
    at = deref(schema, next);
  }
  if (!at || !at->is_object()) return std::nullopt;
  if (const auto* def = at->get_object().if_contains("default")) return *def;
  return std::nullopt;
}

void apply_defaults(const json::value& schema, json::value& instance) {
  apply_defaults_at(schema, &schema, instance, 0);
}

std::string join(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.to_string();
  }
  return out;
}

std::vector<Error> validate(const json::value& schema, const json::value& instance) {
  return Validator(schema).validate(instance);
}

// Validators may be shared between threads (a plugin validating configs of several instances).
// Patterns run on ocean::pattern, never std::regex: its recursive backtracking overflowed the
// stack on long strings (a 30,000-character manifest field killed erp-host).
struct Validator::PatternCache {
  struct Entry {
    std::optional<pattern::Pattern> compiled;  // nullopt: invalid or unsupported pattern
    std::string error;
  };
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const Entry>> entries;

  std::shared_ptr<const Entry> get(const std::string& source) {
    std::lock_guard lock(mutex);
    auto it = entries.find(source);
    if (it == entries.end()) {
      auto entry = std::make_shared<Entry>();
      entry->compiled = pattern::Pattern::compile(source, entry->error);
      it = entries.emplace(source, std::move(entry)).first;
    }
    return it->second;
  }
};

Validator::Validator(json::value schema) : schema_(std::move(schema)), patterns_(std::make_shared<PatternCache>()) {}

std::vector<Error> Validator::validate(const json::value& instance) const {
  std::vector<Error> errors;
  check(schema_, instance, "", errors, 0);
  return errors;
}

void Validator::check(const json::value& schema, const json::value& instance, const std::string& pointer,
                      std::vector<Error>& errors, int depth) const {
  if (depth > kMaxDepth) {
    errors.push_back({pointer, "schema nests too deeply (a $ref cycle?)"});
    return;
  }
  if (schema.is_bool()) {
    if (!schema.get_bool()) errors.push_back({pointer, "is not allowed"});
    return;
  }
  if (!schema.is_object()) {
    errors.push_back({pointer, "schema error: a schema must be an object or a boolean"});
    return;
  }
  const auto& s = schema.get_object();

  if (const auto* ref = s.if_contains("$ref")) {
    const json::value* target = ref->is_string() ? resolve_ref(schema_, ref->get_string()) : nullptr;
    if (!target) {
      errors.push_back({pointer, "schema error: unresolvable $ref " + show(*ref)});
      return;
    }
    check(*target, instance, pointer, errors, depth + 1);
  }

  if (const auto* type = s.if_contains("type")) {
    bool ok = false;
    std::string expected;
    if (type->is_string()) {
      ok = matches_type(type->get_string(), instance);
      expected = std::string(type->get_string());
    } else if (type->is_array()) {
      for (const auto& t : type->get_array()) {
        if (!t.is_string()) continue;
        ok = ok || matches_type(t.get_string(), instance);
        expected += (expected.empty() ? "" : " or ") + std::string(t.get_string());
      }
    }
    if (!ok) {
      const bool vowel = !expected.empty() && std::string_view("aeiou").find(expected[0]) != std::string_view::npos;
      errors.push_back({pointer, std::string("must be ") + (vowel ? "an " : "a ") + expected});
      return;  // the remaining keywords would only repeat the same complaint
    }
  }
  check_applicators(s, instance, pointer, errors, depth);

  if (const auto* en = s.if_contains("enum"); en && en->is_array()) {
    bool found = false;
    std::string listed;
    for (const auto& candidate : en->get_array()) {
      found = found || json_equal(candidate, instance);
      listed += (listed.empty() ? "" : ", ") + show(candidate);
    }
    if (!found) errors.push_back({pointer, "must be one of " + listed});
  }
  if (const auto* c = s.if_contains("const"); c && !json_equal(*c, instance))
    errors.push_back({pointer, "must be " + show(*c)});

  if (instance.is_object())
    check_object(s, instance.get_object(), pointer, errors, depth);
  else if (instance.is_array())
    check_array(s, instance.get_array(), pointer, errors, depth);
  else if (instance.is_string())
    check_string(s, instance.get_string(), pointer, errors);
  else if (instance.is_number())
    check_number(s, instance, pointer, errors);
}

void Validator::check_object(const json::object& s, const json::object& instance, const std::string& pointer,
                             std::vector<Error>& errors, int depth) const {
  const json::object* props = nullptr;
  if (const auto* p = s.if_contains("properties"); p && p->is_object()) props = &p->get_object();

  if (const auto* req = s.if_contains("required"); req && req->is_array()) {
    for (const auto& name : req->get_array()) {
      if (name.is_string() && !instance.contains(name.get_string()))
        errors.push_back({pointer + "/" + escape_pointer_token(name.get_string()), "is required"});
    }
  }
  const auto* additional = s.if_contains("additionalProperties");
  for (const auto& kv : instance) {
    const std::string child = pointer + "/" + escape_pointer_token(kv.key());
    const json::value* sub = props ? props->if_contains(kv.key()) : nullptr;
    if (sub) {
      check(*sub, kv.value(), child, errors, depth + 1);
    } else if (additional) {
      if (additional->is_bool() && !additional->get_bool())
        errors.push_back({child, "is not an allowed property"});
      else
        check(*additional, kv.value(), child, errors, depth + 1);
    }
  }
}

void Validator::check_array(const json::object& s, const json::array& instance, const std::string& pointer,
                            std::vector<Error>& errors, int depth) const {
  if (const auto* v = s.if_contains("minItems"); v && v->is_number()) {
    double n = 0;
    as_number(*v, n);
    if (static_cast<double>(instance.size()) < n)
      return errors.push_back({pointer, "must have at least " + show_number(*v) + " item(s)"});
  }
  if (const auto* v = s.if_contains("maxItems"); v && v->is_number()) {
    double n = 0;
    as_number(*v, n);
    if (static_cast<double>(instance.size()) > n)
      return errors.push_back({pointer, "must have at most " + show_number(*v) + " item(s)"});
  }
  if (const auto* v = s.if_contains("uniqueItems"); v && v->is_bool() && v->get_bool())
    check_unique(instance, pointer, errors);
  if (const auto* items = s.if_contains("items")) {
    for (std::size_t i = 0; i < instance.size(); ++i)
      check(*items, instance[i], pointer + "/" + std::to_string(i), errors, depth + 1);
  }
}

// Stops at the first failed bound: a string already refused for its length is never run through
// its pattern or format (those checks would only cost time on a value that is refused anyway).
void Validator::check_string(const json::object& s, std::string_view instance, const std::string& pointer,
                             std::vector<Error>& errors) const {
  const std::size_t length = code_points(instance);
  if (const auto* v = s.if_contains("minLength"); v && v->is_number()) {
    double n = 0;
    as_number(*v, n);
    if (static_cast<double>(length) < n)
      return errors.push_back({pointer, n <= 1 ? std::string("must not be empty")
                                               : "must be at least " + show_number(*v) + " characters long"});
  }
  if (const auto* v = s.if_contains("maxLength"); v && v->is_number()) {
    double n = 0;
    as_number(*v, n);
    if (static_cast<double>(length) > n)
      return errors.push_back({pointer, "must be at most " + show_number(*v) + " characters long"});
  }
  if (const auto* v = s.if_contains("pattern"); v && v->is_string()) {
    const std::string source(v->get_string());
    const auto entry = patterns_->get(source);
    if (!entry->compiled) return errors.push_back({pointer, "schema error: invalid pattern " + source});
    const auto found = entry->compiled->search(instance);
    if (found == pattern::Match::kTooCostly)
      return errors.push_back({pointer, "is too long to check against the pattern " + source});
    if (found == pattern::Match::kNo) return errors.push_back({pointer, "must match the pattern " + source});
  }
  // Other formats ("password" among them) are annotations for forms and are not checked.
  if (const auto* v = s.if_contains("format"); v && v->is_string()) {
    if (v->get_string() == "uri" && !looks_like_uri(instance))
      errors.push_back({pointer, "must be an absolute URI (scheme://host...)"});
    if (v->get_string() == "date-time" && !rfc3339::parse_time(instance))
      errors.push_back({pointer, "must be an RFC 3339 date-time, e.g. 2026-11-25T08:30:00Z"});
  }
}

void Validator::check_number(const json::object& s, const json::value& instance, const std::string& pointer,
                             std::vector<Error>& errors) const {
  double x = 0;
  as_number(instance, x);
  auto limit = [&](const char* keyword, auto fails, const char* words) {
    const auto* v = s.if_contains(keyword);
    double bound = 0;
    if (v && as_number(*v, bound) && fails(x, bound))
      errors.push_back({pointer, std::string("must be ") + words + " " + show_number(*v)});
  };
  limit(
      "minimum", [](double a, double b) { return a < b; }, ">=");
  limit(
      "maximum", [](double a, double b) { return a > b; }, "<=");
  limit(
      "exclusiveMinimum", [](double a, double b) { return a <= b; }, ">");
  limit(
      "exclusiveMaximum", [](double a, double b) { return a >= b; }, "<");
}

std::vector<Error> Validator::trial(const json::value& schema, const json::value& instance, const std::string& pointer,
                                    int depth) const {
  std::vector<Error> found;
  check(schema, instance, pointer, found, depth + 1);
  return found;
}

void Validator::check_applicators(const json::object& s, const json::value& instance, const std::string& pointer,
                                  std::vector<Error>& errors, int depth) const {
  if (const auto* all = s.if_contains("allOf"); all && all->is_array())
    for (const auto& sub : all->get_array()) check(sub, instance, pointer, errors, depth + 1);
  if (const auto* any = s.if_contains("anyOf"); any && any->is_array())
    check_alternatives(any->get_array(), false, instance, pointer, errors, depth);
  if (const auto* one = s.if_contains("oneOf"); one && one->is_array())
    check_alternatives(one->get_array(), true, instance, pointer, errors, depth);
  if (const auto* no = s.if_contains("not"); no && trial(*no, instance, pointer, depth).empty())
    errors.push_back({pointer, "must not match the schema under \"not\""});
  // if/then/else: the condition only chooses the branch; the branch's errors name their own fields.
  if (const auto* cond = s.if_contains("if")) {
    const bool holds = trial(*cond, instance, pointer, depth).empty();
    if (const auto* branch = s.if_contains(holds ? "then" : "else"))
      check(*branch, instance, pointer, errors, depth + 1);
  }
}

// anyOf (at least one alternative) and oneOf (exactly one). When none fits, each alternative's
// complaints are listed; a list of consts reads as an enum ("must be one of US, GB").
void Validator::check_alternatives(const json::array& alternatives, bool exactly_one, const json::value& instance,
                                   const std::string& pointer, std::vector<Error>& errors, int depth) const {
  std::vector<std::size_t> matched;
  std::string complaints;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    const auto found = trial(alternatives[i], instance, pointer, depth);
    if (found.empty()) matched.push_back(i);
    if (!found.empty()) complaints += (complaints.empty() ? "" : " | ") + join(found);
  }
  const char* keyword = exactly_one ? "oneOf" : "anyOf";
  if (matched.empty()) {
    if (all_const(alternatives)) return errors.push_back({pointer, "must be one of " + listed_consts(alternatives)});
    return errors.push_back(
        {pointer, std::string("matches none of the alternatives of ") + keyword + ": " + complaints});
  }
  if (exactly_one && matched.size() > 1)
    errors.push_back({pointer, "matches alternatives " + std::to_string(matched[0]) + " and " +
                                   std::to_string(matched[1]) + " of oneOf; exactly one must match"});
}

}  // namespace ocean::json_schema
