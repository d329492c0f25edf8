// Route matching, body parsing and the domain registry.
#include "api.hpp"

namespace tts_sandbox {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  if (path.empty() || path.front() != '/') return false;
  const auto want = split_path(pattern);
  const auto got = split_path(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    } else if (w != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

// True when `path` is `pattern` but for the version segment (/{category}/{version}/...): the route
// exists, only not in the version asked for.
bool matches_other_version(std::string_view pattern, std::string_view path) {
  const auto want = split_path(pattern);
  const auto got = split_path(path);
  if (want.size() < 3 || want.size() != got.size() || want[1] == got[1] || want[1].empty() ||
      want[1].find_first_not_of("0123456789") != std::string_view::npos) {
    return false;
  }
  std::string same_version;
  for (std::size_t i = 0; i < got.size(); ++i) {
    same_version += '/';
    same_version += i == 1 ? want[1] : got[i];
  }
  std::map<std::string, std::string> ignored;
  return match_pattern(pattern, same_version, ignored);
}

std::vector<Domain>& registry() {
  static std::vector<Domain> all;
  return all;
}
}  // namespace

template <class Route>
typename RouteTable<Route>::Match RouteTable<Route>::match(const std::string& method, const std::string& path) const {
  Match m;
  // Literal segments beat parameters: a route whose pattern matches with fewer parameters wins, so
  // /products/search is never read as /products/{product_id}.
  std::size_t best_params = SIZE_MAX;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, path, params)) continue;
    m.path_known = true;
    if (r.method != method) continue;
    if (params.size() < best_params) {
      best_params = params.size();
      m.route = &r;
      m.params = std::move(params);
    }
  }
  // Only for a path nothing serves, so the hot path never pays for it.
  if (!m.path_known) {
    for (const auto& r : routes_) m.other_version = m.other_version || matches_other_version(r.pattern, path);
  }
  return m;
}

template class RouteTable<ApiRoute>;
template class RouteTable<AdminRoute>;

const boost::json::object& ContextBase::body() {
  if (!body_) {
    if (req.body.empty()) {
      body_.emplace();
    } else {
      boost::system::error_code ec;
      boost::json::value v = boost::json::parse(req.body, ec);
      if (ec || !v.is_object()) throw bad_param("Invalid request body: a JSON object is required");
      body_.emplace(std::move(v.as_object()));
    }
  }
  return *body_;
}

bool register_domain(Domain d) {
  registry().push_back(std::move(d));
  return true;
}

const std::vector<Domain>& domains() { return registry(); }

}  // namespace tts_sandbox
