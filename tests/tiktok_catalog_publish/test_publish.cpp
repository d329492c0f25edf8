// catalog.publish and catalog.publish_status through the plugin against tts-sandbox over HTTPS: a batch
// listed exactly once with its SKUs, prices and stock (and not again when published twice), refusals
// naming the product's index and field with zero API calls, a product TikTok refuses, paging, and the
// window between the create call and its commit.
#include <catch2/catch.hpp>

#include "publish_env.hpp"

using namespace publish_test;

namespace {

std::vector<json::object> events_of_kind(OpsEnv& env, const std::string& type) {
  std::vector<json::object> out;
  for (const auto& e : env.host_of("publish").events()) {
    const auto v = json::parse(e).as_object();
    if (v.at("type") != type.c_str()) continue;
    const auto& d = v.at("data").as_object();
    if (d.contains("kind") && d.at("kind") == "catalog.publish") out.push_back(v);
  }
  return out;
}

// The refusal of `request`: INVALID_ARGUMENT whose message names `field`, and no API call made.
void refused(OpsEnv& env, ocean_instance* inst, const json::object& request, const std::string& field) {
  const auto seq = env.last_seq();
  const Reply r = env.call(inst, "catalog.publish", request);
  INFO(r.message);
  CHECK(r.status == OCEAN_INVALID_ARGUMENT);
  CHECK(r.message.find(field) != std::string::npos);
  CHECK(env.api_calls_since(seq).empty());
}

}  // namespace

TEST_CASE(
    "CAT-PROD-LIST: catalog.publish lists a batch of ERP products, each exactly once with its SKUs, prices "
    "and stock") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  const int n = 60;
  const json::array products = batch(env, "PUBA", n);
  const auto seq = env.last_seq();
  const auto done = env.ok(inst, "catalog.publish", json::object{{"products", products}});
  CHECK(str(done, "state") == "finished");
  CHECK(done.at("counts").at("listed") == n);
  CHECK(done.at("counts").at("failed") == 0);
  CHECK(done.at("this_run").at("created") == n);
  require_listed_once(env, "PUBA", n);
  // One create per product, one read of the category, one upload of the shared image, and no 429.
  CHECK(calls(env, seq, "POST", "/product/202309/products") == n);
  CHECK(calls(env, seq, "GET", "/product/202309/categories/900003/attributes") == 1);
  CHECK(calls(env, seq, "POST", "/product/202309/images/upload") == 1);
  for (const auto& e : env.api_calls_since(seq)) CHECK(e.at("http_status") != 429);
  // The ERP SKU map knows every SKU at once (same transaction as the outcome).
  const auto inv = env.ok(inst, "inventory.get", json::object{{"erp_sku", "PUBA-17-RED"}});
  CHECK(!str(inv.at("items").as_array()[0], "external_product_id").empty());
  // Progress went to the host as sync.progress (erp-host's bar), ending with done and a sync.finished.
  const auto progress = events_of_kind(env, "sync.progress");
  REQUIRE(!progress.empty());
  const auto& last = progress.back().at("data").as_object();
  CHECK(last.at("records") == n);
  CHECK(last.at("total") == n);
  CHECK(last.at("done") == true);
  CHECK(str(events_of_kind(env, "sync.finished").back().at("data"), "outcome") == "finished");
  // Published again as a new job: every product is recognised by its ERP SKUs, none created twice.
  const auto seq2 = env.last_seq();
  const auto again = env.ok(inst, "catalog.publish", json::object{{"products", products}});
  CHECK(again.at("counts").at("listed") == n);
  CHECK(again.at("this_run").at("created") == 0);
  CHECK(calls(env, seq2, "POST", "/product/202309/products") == 0);
  require_listed_once(env, "PUBA", n);
}

TEST_CASE(
    "catalog.publish refuses a batch with one invalid product naming its index and field, with zero API "
    "calls") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  const json::array products = batch(env, "PUBBAD", 20);
  auto with = [&](int i, const std::function<void(json::object&)>& change) {
    json::array copy = products;
    change(copy[static_cast<std::size_t>(i)].as_object());
    return json::object{{"products", copy}};
  };
  refused(env, inst, with(12, [](json::object& p) { p["skus"].as_array()[0].as_object()["price"] = "0"; }),
          "products[12].skus[0].price");
  refused(env, inst,
          with(7,
               [](json::object& p) {
                 p["skus"].as_array()[0].as_object()["erp_sku"] = "PUBBAD-3-BLUE";  // products[3]'s
               }),
          "products[7].skus[0].erp_sku");
  refused(env, inst, with(9, [](json::object& p) { p["erp_product_id"] = "PUBBAD-P2"; }), "products[9].erp_product_id");
  refused(env, inst, with(5, [](json::object& p) { p["titel"] = "x"; }), "products[5].titel");
  refused(env, inst, with(4, [](json::object& p) { p["idempotency_key"] = "mine"; }), "products[4].idempotency_key");
  refused(env, inst, with(19, [](json::object& p) { p.erase("package"); }), "products[19].package");
  refused(env, inst,
          with(0,
               [](json::object& p) {
                 p["skus"].as_array()[1].as_object()["stock"].as_array()[0].as_object()["quantity"] = 100000;
               }),
          "products[0].skus[1].stock[0].quantity");
  refused(env, inst, json::object{{"products", json::array{1, 2}}}, "products[0]");
  refused(env, inst, json::object{{"products", json::array{}}}, "products");
  refused(env, inst, json::object{{"products", products}, {"file", "/tmp/x.json"}}, "products");
  refused(env, inst, json::object{}, "products");
  refused(env, inst, json::object{{"file", (env.root.path() / "no-such.json").string()}}, "file");
  const auto not_array = env.root.path() / "publish-object.json";
  std::ofstream(not_array) << R"({"products": []})";
  refused(env, inst, json::object{{"file", not_array.string()}}, "file");
  json::array too_many(10001, json::object{});
  refused(env, inst, json::object{{"products", too_many}}, "at most 10000");
  refused(env, inst, json::object{{"products", products}, {"jobid", "x"}}, "job_id");  // did you mean
  // Nothing of it was made into a job.
  const auto jobs = env.ok(inst, "catalog.publish_status", json::object{});
  for (const auto& j : jobs.at("jobs").as_array()) CHECK(j.at("total") != 20);
}

TEST_CASE("catalog.publish: a product TikTok refuses fails with TikTok's reason and the others are listed") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  std::string t1_brand;
  const auto brands = env.ok(inst, "brands.search", json::object{{"page_size", 10}});
  for (const auto& b : brands.at("items").as_array())
    if (b.at("selectable") == false && b.at("available") == true) t1_brand = str(b, "id");
  REQUIRE(!t1_brand.empty());
  json::array products = batch(env, "PUBREF", 5);
  products[2].as_object()["brand_id"] = t1_brand;
  const auto done = env.ok(inst, "catalog.publish", json::object{{"products", products}, {"job_id", "refused-one"}});
  CHECK(done.at("counts").at("listed") == 4);
  CHECK(done.at("counts").at("failed") == 1);
  const auto failed =
      env.ok(inst, "catalog.publish_status", json::object{{"job_id", "refused-one"}, {"state", "failed"}});
  REQUIRE(failed.at("items").as_array().size() == 1);
  const auto& item = failed.at("items").as_array()[0].as_object();
  CHECK(item.at("index") == 2);
  CHECK(str(item, "reason").find("12052201") != std::string::npos);
  CHECK(!item.contains("product_id"));
}

TEST_CASE("catalog.publish_status pages through a job's per-product outcomes") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  const int n = 23;
  env.ok(inst, "catalog.publish", json::object{{"products", batch(env, "PUBPAGE", n)}, {"job_id", "paged-job"}});
  std::vector<std::int64_t> seen;
  std::string token;
  int pages = 0;
  do {
    json::object req{{"job_id", "paged-job"}, {"page_size", 5}};
    if (!token.empty()) req["page_token"] = token;
    const auto page = env.ok(inst, "catalog.publish_status", req);
    CHECK(page.at("total") == n);
    CHECK(page.at("counts").at("listed") == n);
    for (const auto& it : page.at("items").as_array()) {
      seen.push_back(it.at("index").as_int64());
      CHECK(str(it, "state") == "listed");
      CHECK(!str(it, "product_id").empty());
      CHECK(it.at("skus").as_array().size() == 2);
      CHECK(str(it, "erp_product_id") == "PUBPAGE-P" + std::to_string(it.at("index").as_int64()));
    }
    token = str(page, "next_page_token");
    ++pages;
  } while (!token.empty() && pages < 10);
  CHECK(pages == 5);
  REQUIRE(seen.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
  const auto none = env.ok(inst, "catalog.publish_status", json::object{{"job_id", "paged-job"}, {"state", "failed"}});
  CHECK(none.at("items").as_array().empty());
  CHECK(str(none, "next_page_token").empty());
  // A finished job asked to run again answers its summary without any call.
  const auto seq = env.last_seq();
  CHECK(str(env.ok(inst, "catalog.publish", json::object{{"job_id", "paged-job"}}), "state") == "finished");
  CHECK(env.api_calls_since(seq).empty());
  // The recent jobs, and bad requests.
  bool listed = false;
  const auto recent = env.ok(inst, "catalog.publish_status", json::object{});
  for (const auto& j : recent.at("jobs").as_array()) listed = listed || str(j, "job_id") == "paged-job";
  CHECK(listed);
  CHECK(env.call(inst, "catalog.publish_status", json::object{{"job_id", "paged-job"}, {"page_token", "x1"}}).status ==
        OCEAN_INVALID_ARGUMENT);
  CHECK(env.call(inst, "catalog.publish_status", json::object{{"job_id", "paged-job"}, {"page_size", 0}}).status ==
        OCEAN_INVALID_ARGUMENT);
  CHECK(env.call(inst, "catalog.publish_status", json::object{{"job_id", "paged-job"}, {"state", "done"}}).status ==
        OCEAN_INVALID_ARGUMENT);
  CHECK(env.call(inst, "catalog.publish_status", json::object{{"job_id", "no-such-job"}}).status == OCEAN_NOT_FOUND);
  CHECK(env.call(inst, "catalog.publish", json::object{{"job_id", "no-such-job"}}).status == OCEAN_NOT_FOUND);
  const Reply typo = env.call(inst, "catalog.publish_status", json::object{{"jobid", "paged-job"}});
  CHECK(typo.status == OCEAN_INVALID_ARGUMENT);
  CHECK(typo.message.find("job_id") != std::string::npos);
  // A job id reused for other products is refused.
  const Reply reuse =
      env.call(inst, "catalog.publish", json::object{{"products", batch(env, "PUBOTHER", 2)}, {"job_id", "paged-job"}});
  CHECK(reuse.status == OCEAN_INVALID_ARGUMENT);
  CHECK(reuse.message.find("job_id") != std::string::npos);
}

TEST_CASE(
    "CAT-PROD-LIST: a product left in flight (created at TikTok, outcome not committed) is found by seller SKU, "
    "not created again") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  env.ok(inst, "catalog.publish", json::object{{"products", batch(env, "PUBFLY", 3)}, {"job_id", "in-flight-job"}});
  // Put the file back into the state a kill between the create's answer and its commit leaves: the
  // row in flight, and neither the mirrored product nor its SKU map (they commit with the row).
  std::string product_id;
  {
    ocean::tiktok::sqlite::Database db(db_path(env));
    auto q = db.prepare("SELECT product_id FROM publish_items WHERE job_id = 'in-flight-job' AND idx = 1");
    REQUIRE(q.step());
    product_id = q.text(0);
    db.transaction([&] {
      db.exec("DELETE FROM sku_map WHERE product_id = '" + product_id + "'");
      db.exec("DELETE FROM products WHERE product_id = '" + product_id + "'");
      db.exec(
          "UPDATE publish_items SET state = 'in_flight', product_id = '', skus_json = '[]' "
          "WHERE job_id = 'in-flight-job' AND idx = 1");
      db.exec("UPDATE publish_jobs SET state = 'open', finished_at_ms = 0 WHERE job_id = 'in-flight-job'");
    });
  }
  const auto seq = env.last_seq();
  const auto done = env.ok(inst, "catalog.publish", json::object{{"job_id", "in-flight-job"}});
  CHECK(done.at("resumed") == true);
  CHECK(done.at("this_run").at("found_at_tiktok") == 1);
  CHECK(done.at("this_run").at("created") == 0);
  CHECK(calls(env, seq, "POST", "/product/202309/products/search") == 1);
  CHECK(calls(env, seq, "POST", "/product/202309/products") == 0);
  const auto page = env.ok(inst, "catalog.publish_status", json::object{{"job_id", "in-flight-job"}});
  const auto& item = page.at("items").as_array().at(1).as_object();
  CHECK(str(item, "state") == "listed");
  CHECK(str(item, "product_id") == product_id);
  CHECK(str(item, "reason").find("found at TikTok") != std::string::npos);
  require_listed_once(env, "PUBFLY", 3);
}

TEST_CASE("catalog.publish: a product whose ERP SKUs are partly listed already fails naming that listing") {
  auto& env = OpsEnv::get();
  auto* inst = publisher(env);
  const json::array first = batch(env, "PUBPART", 1);
  env.ok(inst, "catalog.publish", json::object{{"products", first}, {"job_id", "part-1"}});
  const auto one = env.ok(inst, "catalog.publish_status", json::object{{"job_id", "part-1"}});
  const std::string listed_id = str(one.at("items").as_array().at(0), "product_id");
  // The same product with its RED SKU renamed: BLUE belongs to the listing above, GREEN to nothing.
  json::array second = first;
  auto& red = second[0].as_object()["skus"].as_array()[1].as_object();
  red["erp_sku"] = "PUBPART-0-GREEN";
  red["options"] = json::array{json::object{{"name", "Color"}, {"value", "Green"}}};
  const auto seq = env.last_seq();
  const auto done = env.ok(inst, "catalog.publish", json::object{{"products", second}, {"job_id", "part-2"}});
  CHECK(done.at("counts").at("failed") == 1);
  CHECK(calls(env, seq, "POST", "/product/202309/products") == 0);
  const auto failed = env.ok(inst, "catalog.publish_status", json::object{{"job_id", "part-2"}});
  const auto& item = failed.at("items").as_array().at(0).as_object();
  CHECK(str(item, "state") == "failed");
  CHECK(str(item, "reason").find("PUBPART-0-BLUE is already listed as TikTok product " + listed_id) !=
        std::string::npos);
}
