// See publish_store.hpp.
#include "catalog/publish_store.hpp"

namespace ocean::tiktok::catalog {
namespace {

constexpr const char* kJobColumns =
    "job_id, products_sha256, source, total, state, owner, lease_until_ms, created_at_ms, updated_at_ms, "
    "finished_at_ms";
constexpr const char* kItemColumns =
    "idx, erp_product_id, erp_skus, request_json, state, product_id, skus_json, reason, attempts, updated_at_ms";

PublishJob job_of(const db::Statement& q) {
  return PublishJob{q.text(0), q.text(1),  q.text(2),  q.int64(3), q.text(4),
                    q.text(5), q.int64(6), q.int64(7), q.int64(8), q.int64(9)};
}

PublishItem item_of(const db::Statement& q) {
  return PublishItem{q.int64(0), q.text(1), q.text(2), q.text(3),  q.text(4),
                     q.text(5),  q.text(6), q.text(7), q.int64(8), q.int64(9)};
}

}  // namespace

void PublishStore::create_job(const PublishJob& job, const std::vector<PublishItem>& items) {
  db_.transaction([&] {
    auto j = db_.prepare(std::string("INSERT INTO publish_jobs (") + kJobColumns +
                         ") VALUES (?1, ?2, ?3, ?4, 'open', '', 0, ?5, ?5, 0)");
    j.bind(1, job.job_id).bind(2, job.products_sha256).bind(3, job.source).bind(4, job.total);
    j.bind(5, job.created_at_ms);
    j.run();
    auto st = db_.prepare(
        "INSERT INTO publish_items (job_id, idx, erp_product_id, erp_skus, request_json, state, updated_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6)");
    for (const auto& it : items) {
      st.bind(1, job.job_id).bind(2, it.index).bind(3, it.erp_product_id).bind(4, it.erp_skus_json);
      st.bind(5, it.request_json).bind(6, job.created_at_ms);
      st.run();
      st.reset();
    }
  });
}

std::optional<PublishJob> PublishStore::job(std::string_view job_id) {
  auto q = db_.prepare(std::string("SELECT ") + kJobColumns + " FROM publish_jobs WHERE job_id = ?1");
  q.bind(1, job_id);
  if (!q.step()) return std::nullopt;
  return job_of(q);
}

std::vector<PublishJob> PublishStore::recent_jobs(int limit) {
  auto q = db_.prepare(std::string("SELECT ") + kJobColumns +
                       " FROM publish_jobs ORDER BY created_at_ms DESC, job_id DESC LIMIT ?1");
  q.bind(1, static_cast<std::int64_t>(limit));
  std::vector<PublishJob> out;
  while (q.step()) out.push_back(job_of(q));
  return out;
}

bool PublishStore::acquire(std::string_view job_id, std::string_view owner, std::int64_t now_ms, std::int64_t lease_ms,
                           std::string_view dead_owner) {
  auto st = db_.prepare(
      "UPDATE publish_jobs SET owner = ?2, lease_until_ms = ?3, updated_at_ms = ?4 WHERE job_id = ?1 AND "
      "(owner = '' OR owner = ?2 OR lease_until_ms < ?4 OR (?5 <> '' AND owner = ?5))");
  st.bind(1, job_id).bind(2, owner).bind(3, now_ms + lease_ms).bind(4, now_ms).bind(5, dead_owner);
  st.run();
  return db_.changes() > 0;
}

void PublishStore::release(std::string_view job_id, std::string_view owner) {
  auto st = db_.prepare("UPDATE publish_jobs SET owner = '', lease_until_ms = 0 WHERE job_id = ?1 AND owner = ?2");
  st.bind(1, job_id).bind(2, owner);
  st.run();
}

void PublishStore::finish(std::string_view job_id, std::int64_t now_ms) {
  auto st = db_.prepare(
      "UPDATE publish_jobs SET state = 'finished', finished_at_ms = ?2, updated_at_ms = ?2 WHERE job_id = ?1");
  st.bind(1, job_id).bind(2, now_ms);
  st.run();
}

PublishCounts PublishStore::counts(std::string_view job_id) {
  auto q = db_.prepare("SELECT state, COUNT(*) FROM publish_items WHERE job_id = ?1 GROUP BY state");
  q.bind(1, job_id);
  PublishCounts c;
  while (q.step()) {
    const std::string s = q.text(0);
    const std::int64_t n = q.int64(1);
    if (s == "pending") c.pending = n;
    if (s == "in_flight") c.in_flight = n;
    if (s == "listed") c.listed = n;
    if (s == "failed") c.failed = n;
  }
  return c;
}

std::optional<PublishItem> PublishStore::next_open(std::string_view job_id, std::int64_t after) {
  auto q = db_.prepare(std::string("SELECT ") + kItemColumns +
                       " FROM publish_items WHERE job_id = ?1 AND idx > ?2 AND state IN ('pending', 'in_flight') "
                       "ORDER BY idx LIMIT 1");
  q.bind(1, job_id).bind(2, after);
  if (!q.step()) return std::nullopt;
  return item_of(q);
}

std::vector<PublishItem> PublishStore::items(std::string_view job_id, std::int64_t after,
                                             std::optional<std::string> state, int limit) {
  auto q =
      db_.prepare(std::string("SELECT ") + kItemColumns +
                  " FROM publish_items WHERE job_id = ?1 AND idx > ?2 AND (CAST(?3 AS TEXT) IS NULL OR state = ?3) "
                  "ORDER BY idx LIMIT ?4");
  q.bind(1, job_id).bind(2, after).bind_optional(3, state).bind(4, static_cast<std::int64_t>(limit));
  std::vector<PublishItem> out;
  while (q.step()) out.push_back(item_of(q));
  return out;
}

void PublishStore::mark_in_flight(std::string_view job_id, std::int64_t index, std::string_view owner,
                                  std::int64_t now_ms, std::int64_t lease_ms) {
  db_.transaction([&] {
    auto st = db_.prepare(
        "UPDATE publish_items SET state = 'in_flight', attempts = attempts + 1, updated_at_ms = ?3 "
        "WHERE job_id = ?1 AND idx = ?2");
    st.bind(1, job_id).bind(2, index).bind(3, now_ms);
    st.run();
    auto j =
        db_.prepare("UPDATE publish_jobs SET lease_until_ms = ?3, updated_at_ms = ?4 WHERE job_id = ?1 AND owner = ?2");
    j.bind(1, job_id).bind(2, owner).bind(3, now_ms + lease_ms).bind(4, now_ms);
    j.run();
  });
}

void PublishStore::mark_listed(std::string_view job_id, std::int64_t index, std::string_view product_id,
                               std::string_view skus_json, std::string_view note, std::int64_t now_ms) {
  auto st = db_.prepare(
      "UPDATE publish_items SET state = 'listed', product_id = ?3, skus_json = ?4, reason = ?5, updated_at_ms = ?6 "
      "WHERE job_id = ?1 AND idx = ?2");
  st.bind(1, job_id).bind(2, index).bind(3, product_id).bind(4, skus_json).bind(5, note).bind(6, now_ms);
  st.run();
}

void PublishStore::mark_failed(std::string_view job_id, std::int64_t index, std::string_view reason,
                               std::int64_t now_ms) {
  auto st = db_.prepare(
      "UPDATE publish_items SET state = 'failed', reason = ?3, updated_at_ms = ?4 WHERE job_id = ?1 AND idx = ?2");
  st.bind(1, job_id).bind(2, index).bind(3, reason).bind(4, now_ms);
  st.run();
}

}  // namespace ocean::tiktok::catalog
