// Runs one catalog.publish job to its end: each product still open (pending, or in_flight from an
// interrupted run) is listed at TikTok at most once, within the API client's rate limiter.
//
// Exactly-once, the same way the order sync keeps a page and its cursor together:
//   1. the row goes in_flight (committed) before the create is sent, with an idempotency_key of
//      "publish-<job>-<index>";
//   2. the create's outcome (the product read back, stored in the mirror, its ERP SKUs mapped, and the
//      row marked listed with its TikTok ids) commits in ONE transaction;
//   3. a row found in_flight when a run starts was interrupted somewhere between 1 and 2: before it is
//      created again, TikTok is searched by its seller SKUs and a product found there is adopted.
// A product TikTok refuses is marked failed with TikTok's reason and the job goes on; a failure that is
// not the product's (network, throttling past the client's budget, authorization) stops the run with
// the job resumable. One process runs a job at a time (a lease on the job row, taken over at once from a
// process of this machine that is gone). Progress goes to the host as sync.progress events
// (kind "catalog.publish"), which erp-host shows as a bar, and a sync.finished at the end.
#pragma once
#include <boost/json/object.hpp>

#include <string>

#include "catalog/catalog_context.hpp"
#include "catalog/publish_store.hpp"

namespace ocean::tiktok::catalog {

// Runs (or resumes) `job_id` and answers its summary. The caller does NOT hold the mirror's work mutex:
// the run takes it product by product, so the tick and webhook work interleave with a long job.
boost::json::object run_publish_job(CatalogContext& c, const std::string& job_id);

// {job_id, state, source, total, counts{...}, created_at, finished_at} of a stored job.
boost::json::object job_summary(PublishStore& store, const PublishJob& job);

}  // namespace ocean::tiktok::catalog
