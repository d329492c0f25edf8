// A small JSON Schema validator: the subset of draft 2020-12 our manifests, host config and
// plugin config schemas use. Used by the host (manifests, host config) and by plugins (their
// own config against the manifest's config_schema), so it depends on Boost.JSON only.
//
// Supported keywords: type (string or array), properties, required, additionalProperties (bool
// or schema), items, minItems, maxItems, uniqueItems, enum, const, minLength, maxLength (in
// code points), pattern (ECMAScript syntax, unanchored like JSON Schema, run by the linear-time
// matcher in pattern.hpp), minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, format "uri" (scheme://authority...) and "date-time"
// (RFC 3339, ocean_common/rfc3339.hpp), $ref to a JSON pointer inside the root schema
// ("#/$defs/name"), the applicators allOf, anyOf, oneOf, not, if/then/else, and the boolean
// schemas true/false. A oneOf/anyOf whose alternatives are all `const` (a labelled enum:
// {"const":"GB","title":"United Kingdom (GB)"}) is reported like an enum.
// Annotations (title, description, default, examples, deprecated, readOnly, writeOnly, format
// "password") and the project's vendor keywords (x-secret, x-aliases, x-ui: see
// plugin_api/schemas/README.md) are ignored by validation; `default` can be read with
// default_at() / apply_defaults().
//
// A string is checked bound by bound and stops at the first that fails (minLength, maxLength,
// pattern, format), so an over-long value is never run through its pattern.
//
// Error messages never quote the instance's value (it may be a secret); they name the field by
// JSON pointer and say what was expected.
#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ocean::json_schema {

struct Error {
  std::string pointer;  // JSON pointer to the failing field in the instance; "" is the root
  std::string message;  // e.g. "must be one of US, GB"

  // "/config/region: must be one of US, GB" ("/" for the root).
  std::string to_string() const;
};

class Validator {
 public:
  // Keeps a copy of the schema; $ref pointers are resolved against it.
  explicit Validator(boost::json::value schema);

  // Every violation found (empty when the instance is valid). Errors in the schema itself
  // (bad $ref, bad pattern) are reported as errors at the instance location being checked.
  std::vector<Error> validate(const boost::json::value& instance) const;

  const boost::json::value& schema() const { return schema_; }

 private:
  void check(const boost::json::value& schema, const boost::json::value& instance, const std::string& pointer,
             std::vector<Error>& errors, int depth) const;
  void check_object(const boost::json::object& schema, const boost::json::object& instance, const std::string& pointer,
                    std::vector<Error>& errors, int depth) const;
  void check_array(const boost::json::object& schema, const boost::json::array& instance, const std::string& pointer,
                   std::vector<Error>& errors, int depth) const;
  void check_string(const boost::json::object& schema, std::string_view instance, const std::string& pointer,
                    std::vector<Error>& errors) const;
  void check_number(const boost::json::object& schema, const boost::json::value& instance, const std::string& pointer,
                    std::vector<Error>& errors) const;
  // allOf, anyOf, oneOf, not, if/then/else.
  void check_applicators(const boost::json::object& schema, const boost::json::value& instance,
                         const std::string& pointer, std::vector<Error>& errors, int depth) const;
  void check_alternatives(const boost::json::array& alternatives, bool exactly_one, const boost::json::value& instance,
                          const std::string& pointer, std::vector<Error>& errors, int depth) const;
  // The instance against one subschema on its own: its errors, not reported.
  std::vector<Error> trial(const boost::json::value& schema, const boost::json::value& instance,
                           const std::string& pointer, int depth) const;
  // Compiled patterns (ocean::pattern), shared by copies of the validator.
  struct PatternCache;

  boost::json::value schema_;
  std::shared_ptr<PatternCache> patterns_;
};

// One-shot convenience: Validator(schema).validate(instance).
std::vector<Error> validate(const boost::json::value& schema, const boost::json::value& instance);

// All errors joined with "; ".
std::string join(const std::vector<Error>& errors);

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string escape_pointer_token(std::string_view token);

// Resolves "#/..." against `root`; nullptr when it does not resolve.
const boost::json::value* resolve_ref(const boost::json::value& root, std::string_view ref);

// The "default" the schema declares for the instance location `pointer` (following
// properties, items and $ref), or nullopt.
std::optional<boost::json::value> default_at(const boost::json::value& schema, std::string_view pointer);

// Fills in missing object properties that declare a default, recursively into objects that are
// present. Never overwrites a value that is there.
void apply_defaults(const boost::json::value& schema, boost::json::value& instance);

}  // namespace ocean::json_schema
