// Capability dispatch: registered handlers run; anything else says "not implemented yet".
#include <catch2/catch.hpp>

#include "core/capabilities.hpp"
#include "util/status.hpp"

using namespace ocean::tiktok;

TEST_CASE("unregistered capabilities answer UNSUPPORTED not implemented yet - never data") {
  CapabilityTable t;
  t.add("account.status", [](const boost::json::object&) { return boost::json::object{{"state", "disconnected"}}; });
  CHECK(t.implemented("account.status"));
  CHECK(t.run("account.status", {}).at("state").as_string() == "disconnected");
  CHECK_FALSE(t.implemented("sync.run"));
  try {
    (void)t.run("sync.run", {});
    FAIL("expected UNSUPPORTED");
  } catch (const Failure& f) {
    CHECK(f.status() == Status::unsupported);
    CHECK(std::string(f.what()) == "capability sync.run is not implemented yet");
  }
}
