// See publish_run.hpp.
#include "catalog/publish_run.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "catalog/images.hpp"
#include "catalog/publish_request.hpp"
#include "catalog/stored_product.hpp"
#include "mirror/sync_lease.hpp"
#include "model/events.hpp"
#include "model/time_format.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;

namespace {

constexpr std::int64_t kLeaseMs = 5 * 60 * 1000;  // renewed with every product sent

// TikTok refused this product (or its images): the product fails, the job goes on. Anything else
// (network, throttling past the client's retries, authorization) is not the product's fault.
bool product_failure(Status s) {
  return s == Status::invalid_argument || s == Status::permanent || s == Status::not_found ||
         s == Status::invalid_state;
}

std::vector<std::string> erp_skus_of(const PublishItem& item) {
  std::vector<std::string> out;
  const json::value skus = json::parse(item.erp_skus_json);
  for (const auto& v : skus.as_array()) out.emplace_back(v.as_string());
  return out;
}

// [{"erp_sku", "sku_id"}] of a product detail.
std::string sku_pairs(const json::value& detail) {
  json::array out;
  for (const auto& s : ops::api_array(detail.as_object(), "skus", "products/get")) {
    const auto& o = ops::api_object(s, "products/get");
    out.push_back(json::object{{"erp_sku", ops::api_string(o, "seller_sku")}, {"sku_id", ops::api_string(o, "id")}});
  }
  return json::serialize(out);
}

class PublishRun {
 public:
  PublishRun(CatalogContext& c, std::string job_id)
      : c_(c),
        store_(c.mirror.database()),
        job_id_(std::move(job_id)),
        owner_(mirror::new_lease_owner()),
        market_(shop_market(c)) {}

  json::object run();

 private:
  void take_lease(const PublishJob& job);
  void process(const PublishItem& item);
  bool settle_from_map(const PublishItem& item, const std::vector<std::string>& skus);
  bool adopt_from_tiktok(const PublishItem& item, const std::vector<std::string>& skus);
  void create(const PublishItem& item);
  void listed(const PublishItem& item, const std::string& product_id, const std::string& note);
  std::string image_uri(const std::string& image);
  void progress(bool done);
  void stopped();
  void finished(const char* outcome);

  CatalogContext& c_;
  PublishStore store_;
  std::string job_id_, owner_;
  Market market_;
  std::map<std::string, std::string> uploaded_;  // image as given -> TikTok uri, for this run
  std::int64_t total_ = 0, done_ = 0, step_ = 1;
  std::int64_t processed_ = 0, created_ = 0, adopted_ = 0;
  std::int64_t started_ns_ = 0;
};

void PublishRun::take_lease(const PublishJob& job) {
  const std::int64_t now = c_.ops.host.wall_ms();
  if (store_.acquire(job_id_, owner_, now, kLeaseMs, "")) return;
  if (mirror::lease_owner_gone(job.owner) && store_.acquire(job_id_, owner_, now, kLeaseMs, job.owner)) {
    c_.ops.log.warn("catalog.publish: taking over job " + job_id_ + " from a process that ended mid-run");
    return;
  }
  throw Failure(Status::retry, "catalog.publish job " + job_id_ + " is being run by another process; try again later",
                60'000);
}

json::object PublishRun::run() {
  started_ns_ = c_.ops.host.monotonic_ns();
  bool resumed = false;
  {
    std::lock_guard lock(c_.mirror.work_mutex());
    const auto job = store_.job(job_id_);
    if (!job) throw Failure(Status::not_found, "no catalog.publish job " + job_id_);
    if (job->state == "finished") return job_summary(store_, *job);
    take_lease(*job);
    const PublishCounts n = store_.counts(job_id_);
    total_ = job->total;
    done_ = n.done();
    resumed = done_ > 0 || n.in_flight > 0;
    step_ = std::max<std::int64_t>(1, total_ / 100);
  }
  try {
    for (std::int64_t after = -1;;) {
      std::lock_guard lock(c_.mirror.work_mutex());
      const auto item = store_.next_open(job_id_, after);
      if (!item) break;
      after = item->index;
      process(*item);
      ++done_;
      ++processed_;
      if (done_ % step_ == 0) progress(false);
    }
  } catch (const Failure& f) {
    stopped();
    throw Failure(
        f.status(),
        "catalog.publish job " + job_id_ + " stopped (resume it with {\"job_id\": \"" + job_id_ + "\"}): " + f.what(),
        f.retry_after_ms());
  } catch (...) {
    stopped();
    throw;
  }
  std::lock_guard lock(c_.mirror.work_mutex());
  store_.finish(job_id_, c_.ops.host.wall_ms());
  store_.release(job_id_, owner_);
  progress(true);
  finished("finished");
  json::object out = job_summary(store_, *store_.job(job_id_));
  out["resumed"] = resumed;
  out["this_run"] = json::object{{"processed", processed_},
                                 {"created", created_},
                                 {"found_at_tiktok", adopted_},
                                 {"seconds", static_cast<double>(c_.ops.host.monotonic_ns() - started_ns_) / 1e9}};
  return out;
}

void PublishRun::process(const PublishItem& item) {
  const auto skus = erp_skus_of(item);
  if (settle_from_map(item, skus)) return;
  if (item.state == "in_flight" && adopt_from_tiktok(item, skus)) return;
  create(item);
}

// ERP SKUs the map already knows were listed before (by an earlier job, products.create, or a sync that
// saw this job's product): never created twice.
bool PublishRun::settle_from_map(const PublishItem& item, const std::vector<std::string>& skus) {
  std::optional<std::string> product;
  json::array pairs;
  std::string unmapped, clash;
  for (const auto& sku : skus) {
    const auto ref = c_.mirror.store().sku_by_erp(sku);
    if (!ref) {
      unmapped = sku;
      continue;
    }
    if (!product) product = ref->product_id;
    if (*product != ref->product_id) clash = sku;
    pairs.push_back(json::object{{"erp_sku", sku}, {"sku_id", ref->sku_id}});
  }
  if (!product) return false;
  const std::int64_t now = c_.ops.host.wall_ms();
  if (!unmapped.empty() || !clash.empty()) {
    store_.mark_failed(job_id_, item.index,
                       "ERP SKU " + std::string(pairs.at(0).as_object().at("erp_sku").as_string()) +
                           " is already listed as TikTok product " + *product +
                           "; change that listing with products.update or give this product new ERP SKUs",
                       now);
    return true;
  }
  const std::string note = item.state == "in_flight"
                               ? "found listed after an interrupted run; not created again"
                               : "already listed as product " + *product + " before this job; not created again";
  store_.mark_listed(job_id_, item.index, *product, json::serialize(pairs), note, now);
  return true;
}

// The run that sent this product in flight was interrupted: TikTok may hold it already.
bool PublishRun::adopt_from_tiktok(const PublishItem& item, const std::vector<std::string>& skus) {
  json::array wanted(skus.begin(), skus.end());
  const json::object data = c_.ops.call("POST", "/product/202309/products/search", {{"page_size", "20"}},
                                        json::object{{"seller_skus", wanted}}, true);
  if (!data.contains("products")) return false;
  for (const auto& v : ops::api_array(data, "products", "products/search")) {
    const auto& p = ops::api_object(v, "products/search");
    if (ops::api_string(p, "status") == "DELETED" || !p.contains("skus")) continue;
    bool ours = false;
    for (const auto& s : ops::api_array(p, "skus", "products/search"))
      ours = ours || ops::api_string(ops::api_object(s, "products/search"), "seller_sku") == skus.front();
    if (!ours) continue;
    listed(item, ops::api_string(p, "id"), "found at TikTok after an interrupted run; not created again");
    ++adopted_;
    return true;
  }
  return false;
}

void PublishRun::create(const PublishItem& item) {
  store_.mark_in_flight(job_id_, item.index, owner_, c_.ops.host.wall_ms(), kLeaseMs);
  json::object answer;
  try {
    const json::value product = json::parse(item.request_json);
    const Listing l = read_publish_product(product.as_object(), static_cast<std::size_t>(item.index), market_);
    json::object body = l.body;
    std::vector<std::string> uris;
    for (const auto& image : l.images) uris.push_back(image_uri(image));
    body["main_images"] = main_images(c_, uris, l.white_background);
    body["idempotency_key"] = "publish-" + job_id_ + "-" + std::to_string(item.index);
    answer = c_.ops.call("POST", "/product/202309/products", {}, body, true);
  } catch (const Failure& f) {
    if (!product_failure(f.status())) throw;
    store_.mark_failed(job_id_, item.index, f.what(), c_.ops.host.wall_ms());
    return;
  }
  const std::string id = ops::api_string(answer, "product_id");
  if (id.empty()) throw Failure(Status::permanent, "products: the create answer has no product_id");
  listed(item, id, "");
  ++created_;
}

// Reads the product back and commits it, its ERP SKU map and the row's outcome together.
void PublishRun::listed(const PublishItem& item, const std::string& product_id, const std::string& note) {
  read_and_store_product(c_, product_id, [&](const json::value& detail) {
    store_.mark_listed(job_id_, item.index, product_id, sku_pairs(detail), note, c_.ops.host.wall_ms());
  });
}

std::string PublishRun::image_uri(const std::string& image) {
  const auto it = uploaded_.find(image);
  if (it != uploaded_.end()) return it->second;
  const std::string uri = resolve_image(c_, image, "MAIN_IMAGE");
  uploaded_.emplace(image, uri);
  return uri;
}

void PublishRun::progress(bool done) {
  const PublishCounts n = store_.counts(job_id_);
  const double secs = static_cast<double>(c_.ops.host.monotonic_ns() - started_ns_) / 1e9;
  json::object data{{"kind", "catalog.publish"},
                    {"job_id", job_id_},
                    {"records", n.done()},
                    {"total", total_},
                    {"listed", n.listed},
                    {"failed", n.failed},
                    {"rate_per_second", secs > 0 ? static_cast<double>(processed_) / secs : 0.0},
                    {"done", done}};
  c_.ops.host.emit_event(model::make_event("sync.progress", c_.ops.account_id, c_.ops.host.wall_ms(), data));
}

// A run stopped by a failure: the lease is let go at once (so the job can be resumed from this very
// process; expiry is the fallback) and the host told.
void PublishRun::stopped() {
  try {
    std::lock_guard lock(c_.mirror.work_mutex());
    store_.release(job_id_, owner_);
  } catch (const std::exception&) {  // the lease expires anyway
  }
  finished("interrupted");
}

void PublishRun::finished(const char* outcome) {
  const auto ms = (c_.ops.host.monotonic_ns() - started_ns_) / 1'000'000;
  c_.ops.host.emit_event(model::make_event(
      "sync.finished", c_.ops.account_id, c_.ops.host.wall_ms(),
      json::object{{"kind", "catalog.publish"}, {"job_id", job_id_}, {"outcome", outcome}, {"duration_ms", ms}}));
}

}  // namespace

json::object job_summary(PublishStore& store, const PublishJob& job) {
  const PublishCounts n = store.counts(job.job_id);
  json::object out{
      {"job_id", job.job_id},
      {"state", job.state},
      {"source", job.source},
      {"total", job.total},
      {"counts",
       json::object{{"pending", n.pending}, {"in_flight", n.in_flight}, {"listed", n.listed}, {"failed", n.failed}}},
      {"created_at", model::rfc3339(job.created_at_ms / 1000)}};
  out["finished_at"] = job.finished_at_ms > 0 ? json::value(model::rfc3339(job.finished_at_ms / 1000)) : nullptr;
  return out;
}

json::object run_publish_job(CatalogContext& c, const std::string& job_id) { return PublishRun(c, job_id).run(); }

}  // namespace ocean::tiktok::catalog
