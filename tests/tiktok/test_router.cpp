// The capability router: one table, equal to the manifest; unknown capabilities and unknown request
// fields are refused before any handler (or room) runs.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "capability/router.hpp"
#include "manifest/manifest_data.hpp"
#include "util/status.hpp"

using namespace ocean::tiktok;
namespace m = ocean::tiktok::manifest;

namespace {

// Runs with no room open: a request that reached its handler would fail with INTERNAL/INVALID_STATE.
Outcome run(const std::string& id, const std::string& request, std::string* response = nullptr) {
  struct NullHost final : Host {
    void log(LogLevel, std::string_view) override {}
    std::int64_t wall_ms() override { return 0; }
    std::int64_t monotonic_ns() override { return 0; }
    std::optional<std::string> secret(std::string_view) override { return std::nullopt; }
    std::optional<std::string> data_dir() override { return std::nullopt; }
    void emit_event(std::string_view) override {}
  };
  static NullHost host;
  static Logger log(host);
  std::string out;
  return capability::invoke(capability::Rooms{}, log, id, request, response ? *response : out);
}

}  // namespace

TEST_CASE("the capability table lists exactly the manifest's capabilities, each under its feature") {
  std::set<std::pair<std::string, std::string>> manifest, table;
  for (std::size_t i = 0; i < m::kCapabilityCount; ++i)
    manifest.insert({m::kCapabilityIds[i], m::kCapabilityFeatures[i]});
  for (const auto& c : capability::capability_table()) {
    INFO(c.id);
    CHECK(c.handler != nullptr);
    CHECK_FALSE(c.help.empty());
    CHECK(table.insert({std::string(c.id), std::string(c.feature)}).second);  // no id twice
  }
  CHECK(table == manifest);
}

TEST_CASE("an unknown capability is UNSUPPORTED, with the nearest id suggested") {
  const Outcome o = run("orders.serch", "{}");
  CHECK(o.status == Status::unsupported);
  CHECK(o.message.find("'orders.serch'") != std::string::npos);
  CHECK(o.message.find("did you mean 'orders.search'?") != std::string::npos);
  CHECK(run("no.such.capability", "{}").status == Status::unsupported);
}

TEST_CASE("a typo in a request field is refused naming the field, never answered with other data") {
  const Outcome o = run("orders.search", R"({"statuss":"cancelled"})");
  CHECK(o.status == Status::invalid_argument);
  CHECK(o.message == "unknown request field 'statuss' (did you mean 'status'?)");
}

TEST_CASE("every capability refuses an unknown field before its handler runs") {
  for (const auto& c : capability::capability_table()) {
    INFO(c.id);
    const Outcome o = run(std::string(c.id), R"({"zz_not_a_field":1})");
    CHECK(o.status == Status::invalid_argument);
    CHECK(o.message.find("'zz_not_a_field'") != std::string::npos);
  }
}

TEST_CASE("a request that is not a JSON object is INVALID_ARGUMENT for every capability") {
  for (const auto& c : capability::capability_table()) {
    INFO(c.id);
    CHECK(run(std::string(c.id), "[1,2]").status == Status::invalid_argument);
    CHECK(run(std::string(c.id), "{not json").status == Status::invalid_argument);
  }
}

TEST_CASE("a valid request reaches the handler, which says which room is not open") {
  const Outcome mirror = run("orders.search", R"({"status":"cancelled"})");
  CHECK(mirror.status == Status::internal);
  CHECK(mirror.message.find("mirror could not be opened") != std::string::npos);
  CHECK(run("returns.search", "{}").status == Status::internal);
  CHECK(run("account.status", "{}").status == Status::invalid_state);
}
