#include "progress.hpp"

#include <boost/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace erp_host {
namespace json = boost::json;

namespace {
constexpr int kBarWidth = 24;

const json::object* data_of(const json::value& event) {
  if (!event.is_object()) return nullptr;
  const auto* d = event.get_object().if_contains("data");
  return d && d->is_object() ? &d->get_object() : nullptr;
}

std::string type_of(const json::value& event) {
  if (!event.is_object()) return {};
  const auto* t = event.get_object().if_contains("type");
  return t && t->is_string() ? std::string(t->get_string()) : std::string();
}

// Whole non-negative numbers only: a count the plugin got wrong is left out, not shown as garbage.
bool count(const json::object& o, const char* key, std::int64_t& out) {
  const auto* v = o.if_contains(key);
  if (!v) return false;
  if (v->is_int64() && v->get_int64() >= 0) return out = v->get_int64(), true;
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return out = static_cast<std::int64_t>(v->get_uint64()), true;
  return false;
}

bool number(const json::object& o, const char* key, double& out) {
  const auto* v = o.if_contains(key);
  if (!v) return false;
  if (v->is_double())
    out = v->get_double();
  else if (v->is_int64())
    out = static_cast<double>(v->get_int64());
  else if (v->is_uint64())
    out = static_cast<double>(v->get_uint64());
  else
    return false;
  return std::isfinite(out) && out >= 0;
}

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string rate_text(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, rate >= 100 ? "%.0f/s" : "%.1f/s", rate);
  return buf;
}
}  // namespace

bool writes_to_terminal(const std::ostream& out) { return &out == &std::cout && isatty(STDOUT_FILENO) == 1; }

bool is_sync_event(const json::value& event) {
  const auto type = type_of(event);
  return type == "sync.progress" || type == "sync.finished";
}

std::string progress_summary(const json::value& data, bool with_bar) {
  if (!data.is_object()) return "progress";
  const auto& o = data.get_object();
  std::string kind = text(o, "kind");
  std::string out = kind.empty() ? "sync" : kind;
  std::int64_t records = 0, pages = 0, total = 0;
  const bool has_records = count(o, "records", records);
  const bool has_total = count(o, "total", total) && total > 0;
  if (with_bar && has_records && has_total) {
    const double fraction = std::min(1.0, static_cast<double>(records) / static_cast<double>(total));
    const int filled = static_cast<int>(fraction * kBarWidth);
    out += " [" + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "]";
  }
  if (has_records)
    out += " " + std::to_string(records) + (has_total ? "/" + std::to_string(total) : std::string()) + " records";
  if (count(o, "pages", pages)) out += std::string(has_records ? "," : "") + " " + std::to_string(pages) + " pages";
  double rate = 0;
  if (number(o, "rate_per_second", rate) || number(o, "rate", rate)) out += ", " + rate_text(rate);
  if (const auto* done = o.if_contains("done"); done && done->is_bool() && done->get_bool()) out += ", done";
  return out;
}

std::string finished_summary(const json::value& data) {
  std::string out = "sync finished";
  if (!data.is_object()) return out;
  const auto& o = data.get_object();
  if (auto outcome = text(o, "outcome"); !outcome.empty()) out += ": " + outcome;
  double ms = 0;
  if (number(o, "duration_ms", ms)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " in %.1f s", ms / 1000.0);
    out += buf;
  }
  return out;
}

std::string duration_text(std::chrono::seconds d) {
  const auto s = std::max<std::int64_t>(0, d.count());
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s));
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60));
  return buf;
}

std::string timing_text(const json::value& data, std::chrono::steady_clock::duration elapsed) {
  using std::chrono::seconds;
  const auto elapsed_s = std::chrono::duration_cast<seconds>(elapsed);
  std::string out = ", elapsed " + duration_text(elapsed_s);
  if (!data.is_object()) return out;
  const auto& o = data.get_object();
  std::int64_t records = 0, total = 0;
  if (!count(o, "records", records) || !count(o, "total", total) || total <= 0 || records <= 0) return out;
  if (const auto* done = o.if_contains("done"); done && done->is_bool() && done->get_bool()) return out;
  if (records >= total) return out;
  const double remaining = static_cast<double>(total - records);
  double rate = 0;
  double eta = 0;
  if ((number(o, "rate_per_second", rate) || number(o, "rate", rate)) && rate > 0)
    eta = remaining / rate;
  else
    eta = std::chrono::duration<double>(elapsed).count() * remaining / static_cast<double>(records);
  return out + ", ETA " + duration_text(seconds(static_cast<std::int64_t>(std::ceil(eta))));
}

ProgressDisplay::ProgressDisplay(std::ostream& out, bool terminal, Clock clock)
    : out_(out),
      terminal_(terminal),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })) {}

bool ProgressDisplay::show(const std::string& account, const json::value& event) {
  const auto type = type_of(event);
  if (type != "sync.progress" && type != "sync.finished") return false;
  static const json::value empty = json::object();
  const json::object* data = data_of(event);
  const json::value data_value = data ? json::value(*data) : empty;
  const std::string prefix = "[" + account + "] ";
  if (type == "sync.finished") {
    end_line();
    for (auto it = tracks_.lower_bound(account + "/"); it != tracks_.end() && it->first.rfind(account + "/", 0) == 0;)
      it = tracks_.erase(it);
    out_ << prefix << finished_summary(data_value) << "\n" << std::flush;
    return true;
  }
  const auto now = clock_();
  const std::string kind = data ? text(*data, "kind") : std::string();
  Track& track = tracks_.try_emplace(account + "/" + kind, Track{now}).first->second;
  const std::string timing = timing_text(data_value, now - track.started);
  if (!terminal_) {
    const auto* done = data ? data->if_contains("done") : nullptr;
    const bool last = done && done->is_bool() && done->get_bool();
    // Shown (so it is not repeated in the report) but not printed: one line a second is enough.
    if (track.printed && now - track.last_line < kPlainLineEvery && !last) return true;
    track.printed = true;
    track.last_line = now;
    out_ << "progress " << prefix << progress_summary(data_value, false) << timing << "\n" << std::flush;
    return true;
  }
  std::string line = prefix + progress_summary(data_value, true) + timing;
  const std::size_t width = line.size();
  // Pad over whatever a longer previous line left behind.
  if (width < open_width_) line.append(open_width_ - width, ' ');
  out_ << "\r" << line << std::flush;
  open_width_ = width;
  return true;
}

void ProgressDisplay::end_line() {
  if (open_width_ == 0) return;
  out_ << "\n" << std::flush;
  open_width_ = 0;
}

}  // namespace erp_host
