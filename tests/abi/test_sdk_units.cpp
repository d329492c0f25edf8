// Unit tests of the SDK's building blocks that the ABI cannot reach directly: the NULL-safe host
// services view, descriptor consistency checks, last_error storage limits and JSON checks.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ocean/plugin_sdk.hpp"

using namespace ocean::sdk;

namespace {

// A secret service whose value grows between the sizing call and the filling call, once.
struct GrowingSecret {
  std::string value = "short";
  int calls = 0;
  static ocean_status_t get(void* ctx, const char* name, std::size_t name_len, char* out, std::size_t capacity,
                            std::size_t* needed) {
    auto* self = static_cast<GrowingSecret*>(ctx);
    if (std::string(name, name_len) != "store_key") return OCEAN_NOT_FOUND;
    if (++self->calls == 2) self->value = "a much longer secret value";
    *needed = self->value.size();
    if (capacity > 0) std::memcpy(out, self->value.data(), std::min(capacity, self->value.size()));
    return OCEAN_OK;
  }
};

ocean_plugin_descriptor_v1 descriptor(const char* const* features, const std::uint8_t* defaults, std::size_t nf,
                                      const char* const* caps, const char* const* cap_features, std::size_t nc) {
  return ocean_plugin_descriptor_v1{sizeof(ocean_plugin_descriptor_v1),
                                    "id",
                                    "Name",
                                    "Vendor",
                                    "1.0.0",
                                    "market",
                                    features,
                                    defaults,
                                    nf,
                                    caps,
                                    cap_features,
                                    nc};
}

}  // namespace

TEST_CASE("HostServices falls back when the host lends nothing", "[sdk][services]") {
  const HostServices none;
  CHECK_FALSE(none.has_log());
  none.info("dropped without a crash");
  CHECK(none.wall_clock_ms() > 1'600'000'000'000);  // the system clock, in ms
  const std::int64_t t0 = none.monotonic_ns();
  CHECK(none.monotonic_ns() >= t0);
  std::string secret = "stale";
  CHECK(none.get_secret("store_key", secret) == OCEAN_NOT_FOUND);
  CHECK(secret.empty());
  CHECK_FALSE(none.secret("store_key").has_value());
  CHECK_FALSE(none.data_dir().has_value());
  none.emit_event(R"({"schema":"event.v1"})");
}

TEST_CASE("HostServices ignores entries past a short struct_size", "[sdk][services]") {
  ocean_host_services_v1 table{};
  table.struct_size = static_cast<std::uint32_t>(offsetof(ocean_host_services_v1, wall_clock_ms));
  table.wall_clock_ms = [](void*) -> std::int64_t { return 5; };
  table.data_dir = [](void*) -> const char* { return "/must/not/be/read"; };
  const HostServices services(&table);
  CHECK_FALSE(services.has_wall_clock());
  CHECK(services.wall_clock_ms() != 5);
  CHECK_FALSE(services.data_dir().has_value());
}

TEST_CASE("HostServices uses the host's clock, directory and an empty directory as none", "[sdk][services]") {
  ocean_host_services_v1 table{};
  table.struct_size = sizeof(table);
  table.wall_clock_ms = [](void*) -> std::int64_t { return 1234; };
  table.data_dir = [](void*) -> const char* { return ""; };
  HostServices services(&table);
  CHECK(services.wall_clock_ms() == 1234);
  CHECK_FALSE(services.data_dir().has_value());
  table.data_dir = [](void*) -> const char* { return "/var/lib/ocean"; };
  CHECK(services.data_dir() == std::optional<std::string>("/var/lib/ocean"));
}

TEST_CASE("get_secret follows a secret that grows between the two calls", "[sdk][services]") {
  GrowingSecret host;
  ocean_host_services_v1 table{};
  table.struct_size = sizeof(table);
  table.host_ctx = &host;
  table.get_secret = &GrowingSecret::get;
  const HostServices services(&table);
  std::string value;
  REQUIRE(services.get_secret("store_key", value) == OCEAN_OK);
  CHECK(value == "a much longer secret value");
  CHECK(services.get_secret("other", value) == OCEAN_NOT_FOUND);
  CHECK(value.empty());
}

TEST_CASE("descriptor_problem finds every inconsistency", "[sdk][descriptor]") {
  const char* features[] = {"orders", "stock"};
  const std::uint8_t defaults[] = {1, 0};
  const char* caps[] = {"orders.search", "account.status"};
  const char* cap_features[] = {"orders", "core"};
  CHECK(descriptor_problem(descriptor(features, defaults, 2, caps, cap_features, 2)).empty());

  const char* duplicate_features[] = {"orders", "orders"};
  CHECK(descriptor_problem(descriptor(duplicate_features, defaults, 2, caps, cap_features, 2))
            .find("duplicate feature") != std::string::npos);
  const char* core_feature[] = {"core", "stock"};
  CHECK_FALSE(descriptor_problem(descriptor(core_feature, defaults, 2, caps, cap_features, 2)).empty());
  const std::uint8_t bad_default[] = {1, 2};
  CHECK_FALSE(descriptor_problem(descriptor(features, bad_default, 2, caps, cap_features, 2)).empty());
  const char* duplicate_caps[] = {"orders.search", "orders.search"};
  CHECK(descriptor_problem(descriptor(features, defaults, 2, duplicate_caps, cap_features, 2))
            .find("duplicate capability") != std::string::npos);
  const char* orphan[] = {"orders", "returns"};
  CHECK(descriptor_problem(descriptor(features, defaults, 2, caps, orphan, 2)).find("undeclared feature returns") !=
        std::string::npos);
  CHECK_FALSE(descriptor_problem(descriptor(nullptr, nullptr, 2, caps, cap_features, 2)).empty());
  ocean_plugin_descriptor_v1 no_name = descriptor(features, defaults, 2, caps, cap_features, 2);
  no_name.name = "";
  CHECK_FALSE(descriptor_problem(no_name).empty());
}

TEST_CASE("StaticDescriptor publishes parallel arrays, and NULL for empty ones", "[sdk][descriptor]") {
  static const StaticDescriptor full{PluginInfo{"p", "P", "V", "1.0.0", "m"},
                                     std::to_array<Feature>({{"orders", true}, {"stock", false}}),
                                     std::to_array<Capability>({{"orders.search", "orders"}, {"sync.run", "core"}})};
  const ocean_plugin_descriptor_v1& d = full.get();
  REQUIRE(d.feature_count == 2);
  CHECK(std::string(d.feature_ids[1]) == "stock");
  CHECK(d.feature_defaults[0] == 1);
  CHECK(d.feature_defaults[1] == 0);
  REQUIRE(d.capability_count == 2);
  CHECK(std::string(d.capability_features[1]) == "core");
  CHECK(descriptor_problem(d).empty());

  static const StaticDescriptor stub{PluginInfo{"s", "S", "V", "0.1.0", "m"}};
  CHECK(stub.get().feature_ids == nullptr);
  CHECK(stub.get().capability_ids == nullptr);
  CHECK(stub.get().capability_count == 0);
  CHECK(descriptor_problem(stub.get()).empty());
}

TEST_CASE("FeatureSet: defaults, core, undeclared", "[sdk][features]") {
  static const StaticDescriptor d{PluginInfo{"p", "P", "V", "1.0.0", "m"},
                                  std::to_array<Feature>({{"orders", true}, {"stock", false}}),
                                  std::to_array<Capability>({{"orders.search", "orders"}, {"sync.run", "core"}})};
  FeatureSet features(d.get());
  CHECK(features.enabled("orders"));
  CHECK_FALSE(features.enabled("stock"));
  CHECK(features.enabled("core"));
  CHECK_FALSE(features.enabled("nope"));
  CHECK(features.feature_of("sync.run") == std::optional<std::string_view>("core"));
  CHECK_FALSE(features.feature_of("nope").has_value());
  CHECK(features.set("core", false).status == OCEAN_INVALID_ARGUMENT);
  CHECK(features.set("nope", true).status == OCEAN_UNSUPPORTED);
  CHECK(features.set("stock", true).ok());
  CHECK(features.enabled("stock"));
}

TEST_CASE("last_error storage truncates long messages on a UTF-8 boundary", "[sdk][errors]") {
  detail::ErrorSlot slot;
  // 1022 ASCII bytes then a 3-byte character: it does not fit in the 1023 usable bytes.
  const std::string long_message = std::string(1022, 'x') + "\xE2\x82\xAC" + "tail";
  slot.record(OCEAN_RETRY, 1500, {long_message});
  ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
  slot.report(info);
  CHECK(info.status == OCEAN_RETRY);
  CHECK(info.retry_after_ms == 1500);
  CHECK(std::strlen(info.message) == 1022);  // the partial euro sign is dropped, not cut in half
  slot.record(OCEAN_OK, -5, {"a", "b", "c"});
  slot.report(info);
  CHECK(std::string(info.message) == "abc");
  CHECK(info.retry_after_ms == 0);  // negative retry-after is never reported
}

TEST_CASE("check_json_object accepts objects only", "[sdk][json]") {
  CHECK(detail::check_json_object(R"({"a":[1,2,{"b":null}]})", "x").ok());
  CHECK(detail::check_json_object("  {}  ", "x").ok());
  for (const char* bad : {"", "[]", "1", "{", "{\"a\":1} x", "nul"}) {
    INFO(bad);
    const Result r = detail::check_json_object(bad, "the request");
    CHECK(r.status == OCEAN_INVALID_ARGUMENT);
    CHECK(r.message.rfind("the request", 0) == 0);
  }
  // Deeply nested input is refused, not a stack overflow.
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  CHECK(detail::check_json_object("{\"a\":" + deep + "}", "x").status == OCEAN_INVALID_ARGUMENT);
}

TEST_CASE("a failed webhook's answer is valid JSON whatever its message holds", "[sdk][errors]") {
  const std::string message = std::string("quote \" backslash \\ newline \n tab \t bell \x07 bad \xff\xfe euro ") +
                              "\xE2\x82\xAC" + " cut \xE2\x82";
  const detail::CallOutcome outcome(OCEAN_INVALID_STATE, 0, {"handle_webhook: ", message});
  ocean_buffer out{nullptr, 0};
  detail::write_webhook_failure(&out, outcome);
  REQUIRE(out.data != nullptr);
  const std::string text(out.data, out.size);
  std::free(out.data);
  INFO(text);
  boost::system::error_code ec;
  const boost::json::value answer = boost::json::parse(text, ec);
  REQUIRE_FALSE(ec);
  const auto& o = answer.as_object();
  CHECK(o.at("schema") == "webhook_result.v1");
  CHECK(o.at("http_status") == 503);
  CHECK(o.at("accepted") == false);
  CHECK(o.at("status") == "INVALID_STATE");
  CHECK(o.at("message") ==
        "handle_webhook: quote \" backslash \\ newline \n tab \t bell \x07 bad ?? euro \xE2\x82\xAC cut ??");
  // A buffer the call already filled (the plugin's own answer) is left as it is.
  char own[] = "x";
  ocean_buffer filled{own, 1};
  detail::write_webhook_failure(&filled, outcome);
  CHECK(filled.data == own);
  CHECK(detail::webhook_http_status(OCEAN_INVALID_ARGUMENT) == 400);
  CHECK(detail::webhook_http_status(OCEAN_NOT_FOUND) == 404);
  CHECK(detail::webhook_http_status(OCEAN_INTERNAL) == 500);
}
