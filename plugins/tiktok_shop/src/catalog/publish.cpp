// catalog.publish and catalog.publish_status (bulk listing; see publish_run.hpp for how a job runs).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <map>
#include <mutex>
#include <utility>

#include "catalog/catalog_capabilities.hpp"
#include "catalog/publish_request.hpp"
#include "catalog/publish_run.hpp"
#include "catalog/publish_store.hpp"
#include "catalog/required_attributes.hpp"
#include "ocean_common/crypto.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;

namespace {

// The categories' required attributes, one read per distinct category of the batch: reads only, and
// all of them before the job exists, so a refusal still leaves nothing created.
void check_categories(CatalogContext& c, const PublishBatch& batch) {
  std::map<std::pair<std::string, std::string>, json::object> attributes;
  const json::object none;
  for (std::size_t i = 0; i < batch.products.size(); ++i) {
    const Listing& l = batch.products[i].listing;
    auto key = std::make_pair(l.category_id, l.category_version);
    auto it = attributes.find(key);
    if (it == attributes.end())
      it = attributes.emplace(key, category_attributes(c, l.category_id, l.category_version)).first;
    check_required_attributes(it->second, Request(none, {"attributes"}, "products[" + std::to_string(i) + "]"), l);
  }
}

std::vector<PublishItem> items_of(const PublishBatch& batch) {
  std::vector<PublishItem> items;
  items.reserve(batch.products.size());
  for (std::size_t i = 0; i < batch.products.size(); ++i) {
    const PublishInput& in = batch.products[i];
    PublishItem it;
    it.index = static_cast<std::int64_t>(i);
    it.erp_product_id = in.erp_product_id;
    it.erp_skus_json = json::serialize(json::array(in.listing.erp_skus.begin(), in.listing.erp_skus.end()));
    it.request_json = in.request_json;
    items.push_back(std::move(it));
  }
  return items;
}

// Makes the job for `batch` unless `job_id` names one made from the same products (then it resumes).
void make_job(CatalogContext& c, const Request& r, const std::string& job_id, const PublishBatch& batch) {
  {
    std::lock_guard lock(c.mirror.work_mutex());
    PublishStore store(c.mirror.database());
    if (const auto existing = store.job(job_id)) {
      if (existing->products_sha256 != batch.sha256)
        r.fail("job_id", "names job " + job_id + ", which was made from other products; give a new job_id");
      return;
    }
  }
  check_categories(c, batch);
  PublishJob job;
  job.job_id = job_id;
  job.products_sha256 = batch.sha256;
  job.source = batch.source;
  job.total = static_cast<std::int64_t>(batch.products.size());
  job.created_at_ms = c.ops.host.wall_ms();
  std::lock_guard lock(c.mirror.work_mutex());
  PublishStore store(c.mirror.database());
  if (!store.job(job_id)) store.create_job(job, items_of(batch));
}

json::object item_view(const PublishItem& it) {
  json::object out{{"index", it.index},
                   {"erp_product_id", it.erp_product_id},
                   {"erp_skus", json::parse(it.erp_skus_json)},
                   {"state", it.state},
                   {"attempts", it.attempts}};
  if (!it.product_id.empty()) out["product_id"] = it.product_id;
  if (it.state == "listed") out["skus"] = json::parse(it.skus_json);
  if (!it.reason.empty()) out["reason"] = it.reason;
  return out;
}

}  // namespace

json::object catalog_publish(CatalogContext& c, const Request& r) {
  const std::optional<std::string> given_id = r.has("job_id") ? std::optional(r.id("job_id")) : std::nullopt;
  if (!r.has("products") && !r.has("file")) {
    if (!given_id) r.fail("products", "is required: give products, file, or the job_id of a job to resume");
    return run_publish_job(c, *given_id);
  }
  const PublishBatch batch = read_publish_batch(r, shop_market(c));
  const std::string job_id = given_id.value_or("pub-" + crypto::to_hex(crypto::random_bytes(8)));
  make_job(c, r, job_id, batch);
  return run_publish_job(c, job_id);
}

json::object catalog_publish_status(CatalogContext& c, const Request& r) {
  PublishStore store(c.mirror.database());
  const auto paging = r.paging(1, 1000, 100);
  if (!r.has("job_id")) {
    if (r.has("state") || r.has("page_token")) r.fail("job_id", "is required with state or page_token");
    json::array jobs;
    for (const auto& j : store.recent_jobs(paging.page_size)) jobs.push_back(job_summary(store, j));
    return json::object{{"jobs", jobs}};
  }
  const std::string job_id = r.id("job_id");
  const auto job = store.job(job_id);
  if (!job) throw Failure(Status::not_found, "no catalog.publish job " + job_id);
  std::optional<std::string> state;
  if (r.has("state")) state = r.one_of("state", {"pending", "in_flight", "listed", "failed"}, nullptr);
  std::int64_t after = -1;
  if (!paging.page_token.empty()) {
    const std::string& t = paging.page_token;
    if (t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos)
      r.fail("page_token", "is not a page token of catalog.publish_status");
    after = std::stoll(t);
  }
  auto items = store.items(job_id, after, state, paging.page_size + 1);
  const bool more = static_cast<int>(items.size()) > paging.page_size;
  if (more) items.pop_back();
  json::array views;
  for (const auto& it : items) views.push_back(item_view(it));
  json::object out = job_summary(store, *job);
  out["items"] = views;
  out["next_page_token"] = more ? std::to_string(items.back().index) : "";
  return out;
}

}  // namespace ocean::tiktok::catalog
