// In-process units of serve: the progress display (terminal and plain) and the mapping from a
// plugin's webhook answer to the HTTP status the host sends.
#include <catch2/catch.hpp>

#include "progress.hpp"
#include "webhook_outcome.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <sstream>

namespace json = boost::json;
using erp_host::ProgressDisplay;
using erp_host::webhook_outcome;

namespace {
json::value event(const char* type, json::object data) {
  return json::object{
      {"schema", "event.v1"}, {"type", type}, {"occurred_at", "2026-11-25T08:30:00Z"}, {"data", std::move(data)}};
}
}  // namespace

TEST_CASE("on a terminal progress redraws one line with a bar and ends it when the sync finishes") {
  std::ostringstream out;
  {
    auto now = std::chrono::steady_clock::time_point{};
    ProgressDisplay p(out, true, [&now] { return now += std::chrono::seconds(2); });
    CHECK(p.show(
        "shop",
        event("sync.progress",
              {{"kind", "orders"}, {"pages", 1}, {"records", 150}, {"total", 300}, {"rate_per_second", 42.25}})));
    CHECK(p.show("shop", event("sync.progress", {{"kind", "orders"}, {"pages", 2}, {"records", 300}, {"total", 300}})));
    CHECK(p.show("shop", event("sync.finished", {{"outcome", "ok"}, {"duration_ms", 2500}})));
  }
  // Elapsed time since the sync's first progress event; ETA from the plugin's rate (150 left at 42.25/s).
  CHECK(out.str() ==
        "\r[shop] orders [############............] 150/300 records, 1 pages, 42.2/s, elapsed 0s, ETA 4s"
        "\r[shop] orders [########################] 300/300 records, 2 pages, elapsed 2s                "  // padded
        "\n[shop] sync finished: ok in 2.5 s\n");
}

TEST_CASE("off a terminal progress is a plain line - other events are not taken") {
  std::ostringstream out;
  ProgressDisplay p(out, false);
  CHECK(p.show("a", event("sync.progress", {{"kind", "products"}, {"pages", 3}, {"records", 250}, {"rate", 1234.0}})));
  CHECK_FALSE(p.show("a", event("order.imported", {{"order_id", "1"}})));
  CHECK_FALSE(p.show("a", json::value("not an object")));
  CHECK(out.str() == "progress [a] products 250 records, 3 pages, 1234/s, elapsed 0s\n");
}

TEST_CASE("progress fields a plugin got wrong are left out, never shown as garbage") {
  CHECK(erp_host::progress_summary(json::object{{"kind", 7}, {"pages", -1}, {"records", "many"}, {"rate", "fast"}},
                                   true) == "sync");
  CHECK(erp_host::progress_summary(json::object{{"records", 5}, {"total", 0}}, true) == "sync 5 records");
  CHECK(erp_host::progress_summary(json::value(nullptr), true) == "progress");
  CHECK(erp_host::finished_summary(json::object{{"duration_ms", "soon"}}) == "sync finished");
  // More records than the total: the bar is full, not overflowing.
  CHECK(erp_host::progress_summary(json::object{{"records", 9}, {"total", 3}}, true) ==
        "sync [########################] 9/3 records");
}

TEST_CASE("the plugin's webhook_result decides the HTTP status - the call status only without one") {
  const ocean::host::Status ok{};
  const ocean::host::Status refused{OCEAN_INVALID_ARGUMENT, "signature mismatch", 0};
  const ocean::host::Status retry{OCEAN_RETRY, "store busy", 0};
  CHECK(webhook_outcome(ok, R"({"schema":"webhook_result.v1","http_status":200})").http_status == 200);
  const auto forged =
      webhook_outcome(refused, R"({"schema":"webhook_result.v1","http_status":401,"message":"forged"})");
  CHECK(forged.http_status == 401);
  CHECK(forged.message == "forged");
  CHECK(forged.status == "INVALID_ARGUMENT");
  CHECK(webhook_outcome(retry, R"({"http_status":500})").http_status == 500);
  // No usable result: the status maps.
  CHECK(webhook_outcome(retry, "").http_status == 503);
  CHECK(webhook_outcome({OCEAN_RATE_LIMITED, "", 100}, "not json").http_status == 503);
  CHECK(webhook_outcome(refused, R"({"http_status":700})").http_status == 400);
  CHECK(webhook_outcome(refused, R"({"http_status":"401"})").http_status == 400);
  CHECK(webhook_outcome({OCEAN_UNSUPPORTED, "", 0}, "[]").http_status == 404);
  CHECK(webhook_outcome({OCEAN_INTERNAL, "", 0}, "").http_status == 500);
  CHECK(webhook_outcome(ok, "").http_status == 200);
}
