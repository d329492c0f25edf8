// The console's small pieces in-process: header, cookie and query parsing, the session store,
// and the event ring's server-sent event frames.
#include <catch2/catch.hpp>

#include "console/console_auth.hpp"
#include "console/console_events.hpp"
#include "console/console_http.hpp"

using namespace erp_host::console;

TEST_CASE("console http - header and cookie lookup is case-insensitive and exact on names") {
  const std::string headers =
      "Host: 127.0.0.1:80\r\ncookie: a=1; ocean_console=abc; ocean_console2=x\r\nORIGIN:  http://h \r\n";
  CHECK(header_value(headers, "host") == "127.0.0.1:80");
  CHECK(header_value(headers, "Origin") == "http://h");
  CHECK_FALSE(header_value(headers, "Referer"));
  CHECK(cookie_value(headers, "ocean_console") == "abc");
  CHECK(cookie_value(headers, "a") == "1");
  CHECK_FALSE(cookie_value(headers, "ocean"));
}

TEST_CASE("console http - query parameters are decoded") {
  const auto q = query_params("/console/oauth/callback?code=a%2Bb&state=s%20t&empty&x=1&x=2");
  CHECK(q.at("code") == "a+b");
  CHECK(q.at("state") == "s t");
  CHECK(q.at("empty").empty());
  CHECK(q.at("x") == "2");
  CHECK(path_of("/console/?v=1") == "/console/");
}

TEST_CASE("console auth - sessions have their own CSRF token, logout ends them") {
  ConsoleAuth auth("right-token-0123456789");
  std::string a, b;
  CHECK(auth.login("wrong", a) == ConsoleAuth::LoginResult::wrong_token);
  CHECK(a.empty());
  REQUIRE(auth.login("right-token-0123456789", a) == ConsoleAuth::LoginResult::ok);
  REQUIRE(auth.login("right-token-0123456789", b) == ConsoleAuth::LoginResult::ok);
  CHECK(a != b);
  const auto csrf_a = auth.csrf_of(a);
  REQUIRE(csrf_a);
  CHECK(auth.csrf_matches(a, *csrf_a));
  CHECK_FALSE(auth.csrf_matches(b, *csrf_a));  // not another session's token
  CHECK_FALSE(auth.csrf_matches(a, ""));
  auth.logout(a);
  CHECK_FALSE(auth.csrf_of(a));
  CHECK(auth.csrf_of(b));
  CHECK(ConsoleAuth::cookie(b).find("HttpOnly; SameSite=Strict") != std::string::npos);
}

TEST_CASE("console auth - an empty login token never matches") {
  ConsoleAuth auth("");
  std::string s;
  CHECK(auth.login("", s) == ConsoleAuth::LoginResult::wrong_token);
}

TEST_CASE("console events - frames carry the account and the event type, non-JSON events are dropped") {
  ConsoleEvents events;
  events.push("shop-us", R"({"type":"sync.progress","data":{"kind":"orders"}})");
  events.push("shop-us", "not json");
  events.push("shop-us", R"({"type":"bad\ntype","data":{}})");
  const auto all = events.after(0, std::chrono::milliseconds(0));
  REQUIRE(all.size() == 3);
  const std::string frame = sse_frame(all[0]);
  CHECK(frame.rfind("id: 1\nevent: sync.progress\ndata: {\"account\":\"shop-us\"", 0) == 0);
  CHECK(frame.substr(frame.size() - 2) == "\n\n");
  CHECK(sse_frame(all[1]).empty());
  CHECK(sse_frame(all[2]).find("event: bad_type\n") != std::string::npos);  // a newline cannot split the frame
  CHECK(events.after(3, std::chrono::milliseconds(10)).empty());
}
