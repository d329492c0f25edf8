// erp-host as a service (issue 17), the parts that need no process: log lines (timestamp, level,
// account, component; text and JSON), the Prometheus page (read back by a strict parser written
// for the tests), progress off a terminal at most once a second with elapsed time and ETA, and the
// "did you mean" used for commands, options, accounts and capabilities.
#include <catch2/catch.hpp>

#include "log_line.hpp"
#include "ocean/ocean_plugin.h"
#include "progress.hpp"
#include "prom_parse.hpp"
#include "prometheus_text.hpp"
#include "secrets.hpp"
#include "suggest.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <sstream>

namespace json = boost::json;
using namespace erp_host;

TEST_CASE("a log line has an RFC 3339 UTC time with milliseconds, level, account and component") {
  const LogRecord r{1764332094123, OCEAN_LOG_WARN, "shop-us", "sync", "auto-sync failed: HTTP 503"};
  CHECK(format_log_line(r, LogFormat::text) ==
        "2025-11-28T12:14:54.123Z [warn] [shop-us] [sync] auto-sync failed: HTTP 503\n");
  const auto o = json::parse(format_log_line(r, LogFormat::json)).as_object();
  CHECK(o.at("time") == "2025-11-28T12:14:54.123Z");
  CHECK(o.at("level") == "warn");
  CHECK(o.at("account") == "shop-us");
  CHECK(o.at("component") == "sync");
  CHECK(o.at("message") == "auto-sync failed: HTTP 503");
  // The host's own lines: no account.
  const LogRecord host{5, OCEAN_LOG_INFO, "", "host", "listening"};
  CHECK(format_log_line(host, LogFormat::text) == "1970-01-01T00:00:00.005Z [info] [-] [host] listening\n");
  CHECK(json::parse(format_log_line(host, LogFormat::json)).at("account").is_null());
  // A message that needs JSON escaping stays one line of valid JSON.
  const LogRecord quoted{0, OCEAN_LOG_ERROR, "a", "api", R"(said "no" \ twice)"};
  CHECK(json::parse(format_log_line(quoted, LogFormat::json)).at("message") == R"(said "no" \ twice)");
}

TEST_CASE("a plugin names its component with a [name] prefix - anything else is component plugin") {
  CHECK(split_component("[account] connected TikTok Shop 1", "plugin") ==
        std::pair<std::string, std::string>{"account", "connected TikTok Shop 1"});
  CHECK(split_component("[API] loud", "plugin").first == "plugin");      // upper case is not a component
  CHECK(split_component("[a b] spaced", "plugin").first == "plugin");    // nor a space
  CHECK(split_component("[sync]no-space", "plugin").first == "plugin");  // the space after ] is required
  CHECK(split_component("plain message", "plugin").second == "plain message");
  CHECK(split_component("[" + std::string(40, 'x') + "] long", "plugin").first == "plugin");
}

TEST_CASE("metrics render as Prometheus text that a strict parser reads back") {
  json::array plugin{
      json::object{
          {"name", "ocean_api_calls_total"},
          {"type", "counter"},
          {"help", "TikTok API calls by API path and outcome"},
          {"samples",
           json::array{
               json::object{{"labels", {{"path", "/order/202309/orders/search"}, {"outcome", "ok"}}}, {"value", 3}},
               json::object{{"labels", {{"path", "/a\"b\\c\nd"}, {"outcome", "RETRY"}}}, {"value", 1}}}}},
      json::object{{"name", "ocean_outbox_depth"},
                   {"type", "gauge"},
                   {"help", "stock pushes waiting"},
                   {"samples", json::array{json::object{{"labels", json::object{}}, {"value", 2}}}}},
      // What a plugin must not be able to smuggle in: bad names, a float, a forged account label.
      json::object{{"name", "bad name"}, {"type", "counter"}, {"samples", json::array{}}},
      json::object{
          {"name", "ocean_x"},
          {"type", "weird"},
          {"samples", json::array{json::object{{"labels", {{"account", "forged"}, {"1bad", "x"}}}, {"value", 7}},
                                  json::object{{"value", 1.5}}}}}};
  const std::string text = render_prometheus({{"shop-us", plugin}, {"shop-gb", plugin}});
  const prom::Exposition e = prom::parse(text);
  CHECK(e.types.at("ocean_api_calls_total") == "counter");
  CHECK(e.types.at("ocean_outbox_depth") == "gauge");
  CHECK(e.types.at("ocean_x") == "untyped");
  CHECK(e.value("ocean_api_calls_total",
                {{"account", "shop-us"}, {"path", "/order/202309/orders/search"}, {"outcome", "ok"}}) == 3);
  CHECK(e.value("ocean_api_calls_total", {{"account", "shop-gb"}, {"path", "/a\"b\\c\nd"}, {"outcome", "RETRY"}}) == 1);
  CHECK(e.value("ocean_x", {{"account", "shop-us"}}) == 7);  // the forged account and the bad label are dropped
  CHECK(e.sum("ocean_outbox_depth") == 4);
  CHECK(text.find("bad name") == std::string::npos);
  CHECK(text.find("1.5") == std::string::npos);
  // One HELP and one TYPE per family even with two accounts.
  CHECK(text.find("# TYPE ocean_api_calls_total counter") == text.rfind("# TYPE ocean_api_calls_total counter"));
}

TEST_CASE("the strict Prometheus parser refuses what the format does not allow") {
  CHECK_THROWS(prom::parse("ocean_a 1\n"));                                     // no TYPE
  CHECK_THROWS(prom::parse("# TYPE ocean_a counter\nocean_a{x=\"1} 1\n"));      // unterminated value
  CHECK_THROWS(prom::parse("# TYPE ocean_a counter\nocean_a one\n"));           // not a number
  CHECK_THROWS(prom::parse("# TYPE ocean_a counter\nocean_a 1\nocean_a 2\n"));  // duplicate series
  CHECK_THROWS(prom::parse("# TYPE ocean_a counter\nocean_a 1"));               // no final newline
  CHECK_THROWS(prom::parse("# TYPE ocean_a counter\nocean_a 1\n# HELP ocean_a late\n"));
  CHECK_NOTHROW(prom::parse("# HELP ocean_a h\n# TYPE ocean_a gauge\nocean_a{b=\"\\\\\"} -2\n"));
}

TEST_CASE("off a terminal progress prints at most one line a second, not one per page") {
  std::ostringstream out;
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  ProgressDisplay p(out, false, [&now] { return now; });
  // 50 pages, one every 100 ms (5 s in all), then the last one and the finish.
  for (int page = 1; page <= 50; ++page) {
    CHECK(p.show(
        "shop",
        json::object{
            {"schema", "event.v1"},
            {"type", "sync.progress"},
            {"data",
             {{"kind", "orders"}, {"pages", page}, {"records", page * 100}, {"total", 5000}, {"done", page == 50}}}}));
    now += std::chrono::milliseconds(100);
  }
  CHECK(p.show("shop", json::object{{"type", "sync.finished"}, {"data", {{"outcome", "ok"}, {"duration_ms", 5000}}}}));
  const std::string text = out.str();
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  INFO(text);
  // Pages 1, 11, 21, 31, 41 (one a second), the last page, and the finish line.
  CHECK(lines == 7);
  CHECK(text.find("progress [shop] orders 100/5000 records, 1 pages, elapsed 0s, ETA 0s\n") != std::string::npos);
  CHECK(text.find("orders 1100/5000 records, 11 pages, elapsed 1s, ETA 4s\n") != std::string::npos);
  CHECK(text.find("orders 200/5000") == std::string::npos);
  CHECK(text.find("orders 5000/5000 records, 50 pages, done, elapsed 4s\n") != std::string::npos);
  CHECK(text.find("[shop] sync finished: ok in 5.0 s\n") != std::string::npos);
}

TEST_CASE("durations read as people write them") {
  using std::chrono::seconds;
  CHECK(duration_text(seconds(0)) == "0s");
  CHECK(duration_text(seconds(59)) == "59s");
  CHECK(duration_text(seconds(65)) == "1m05s");
  CHECK(duration_text(seconds(3720)) == "1h02m");
  // With a rate the ETA is what is left at that rate; without one it follows the elapsed time.
  CHECK(timing_text(json::object{{"records", 100}, {"total", 300}, {"rate_per_second", 50.0}}, seconds(2)) ==
        ", elapsed 2s, ETA 4s");
  CHECK(timing_text(json::object{{"records", 100}, {"total", 300}}, seconds(10)) == ", elapsed 10s, ETA 20s");
  CHECK(timing_text(json::object{{"records", 100}}, seconds(10)) == ", elapsed 10s");  // no total, no ETA
}

TEST_CASE("did you mean - the closest name within two edits, nothing for a stranger") {
  const std::vector<std::string> commands{"list", "validate", "accounts", "invoke", "features", "tick", "run", "serve"};
  CHECK(did_you_mean("acounts", commands) == " (did you mean 'accounts'?)");
  CHECK(did_you_mean("sreve", commands) == " (did you mean 'serve'?)");
  CHECK(did_you_mean("frobnicate", commands).empty());
  CHECK(closest("orders.serch", {"orders.search", "orders.get"}) == "orders.search");
  CHECK(closest("xy", {"ab"}).empty());                       // two edits on a two-letter word is not "close"
  CHECK(closest("shop-xx", {"shop-us", "shop-gb"}).empty());  // equally close: no guess
}

TEST_CASE("a secret a plugin asked for and did not get is named with where to put it") {
  SecretSource s;
  CHECK(s.missing_hint().empty());
  CHECK_FALSE(s.lookup("store_key"));
  const std::string hint = s.missing_hint();
  CHECK(hint.find("the host has no secret 'store_key'") != std::string::npos);
  CHECK(hint.find("OCEAN_SECRET_STORE_KEY") != std::string::npos);
  CHECK(hint.find("--secrets FILE") != std::string::npos);
}
