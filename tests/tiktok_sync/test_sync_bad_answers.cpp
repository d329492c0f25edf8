// A sync that meets a broken answer from the API (tts-sandbox's corrupt_answers switch): a page
// that is not JSON, cut short, or of the wrong shape stops the run with a clear error and keeps
// every page committed before it; the next run resumes and ends equal to the truth. One bad
// record is set aside with its text and the rest of its page is stored.
#include <catch2/catch.hpp>

#include "sync_fixture.hpp"

namespace {

constexpr const char* kSearch = "/order/202309/orders/search";

void break_answer(SyncRig& rig, const std::string& mode, int skip) {
  rig.sa.admin("POST", "/_sandbox/settings",
               {{"corrupt_answers", 1}, {"corrupt_skip", skip}, {"corrupt_mode", mode}, {"corrupt_path", kSearch}});
}

}  // namespace

TEST_CASE("a broken page stops the sync cleanly, keeps the pages before it, and the next run completes") {
  const auto [mode, expected] = GENERATE(table<std::string, std::string>({
      {"not_json", "malformed body"},
      {"truncated", "malformed body"},
      {"wrong_shape", "not an array"},
  }));
  INFO("mode " << mode);
  SyncRig rig({"--shops", "1", "--orders", "450", "--products", "5", "--seed", "41"});
  break_answer(rig, mode, 2);  // pages 1 and 2 arrive whole, page 3 broken
  CHECK_THROWS_WITH(rig.call("sync.run", {{"kinds", json::array{"orders"}}}), Catch::Contains(expected));

  // Everything before the broken page is committed with the cursor that follows it; nothing after.
  const auto cursor = rig.svc->store().cursor("orders");
  CHECK(cursor.run_pages == 2);
  CHECK(!cursor.run_json.empty());  // the run is unfinished, so the next one resumes it
  CHECK(!cursor.full_done);
  CHECK(rig.svc->store().order_count() == 200);
  bool logged = false;
  for (const auto& e : rig.svc->store().recent_runs(5)) {
    logged =
        logged || (e.kind == "sync:orders" && e.outcome == "failed" && e.message.find(expected) != std::string::npos);
  }
  CHECK(logged);

  json::value r;
  const auto truth = rig.stable([&] { r = rig.call("sync.run", {{"kinds", json::array{"orders"}}}); });
  require_orders_equal_truth(rig.svc->store(), truth);
}

TEST_CASE("one unreadable record is set aside with its text, and the rest of its page is stored") {
  SyncRig rig({"--shops", "1", "--orders", "250", "--products", "5", "--seed", "43"});
  break_answer(rig, "bad_record", 1);  // the first record of page 2
  const auto first = rig.call("sync.run", {{"kinds", json::array{"orders"}}});
  const auto& run = first.at("runs").at(0);
  CHECK(run.at("outcome") == "ok");
  CHECK(run.at("rejected").as_int64() == 1);
  CHECK(rig.svc->store().reject_count() == 1);
  CHECK(rig.svc->store().order_count() == run.at("records").as_int64() - 1);
  const auto status = rig.call("sync.status");
  INFO(json::serialize(status));

  // A full re-read, with the API answering properly again, brings the mirror to the truth.
  json::value r;
  const auto truth = rig.stable([&] { r = rig.call("sync.run", {{"kinds", json::array{"orders"}}, {"full", true}}); });
  require_orders_equal_truth(rig.svc->store(), truth);
}
