#include "cluster/cluster_report.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <iomanip>
#include <map>
#include <set>

namespace erp_host::cluster {
namespace json = boost::json;

namespace {
constexpr const char* kUtc = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

json::array read_accounts(ocean::pg::Connection& conn, const HostConfig& config,
                          std::map<std::string, json::array>& by_owner) {
  const auto r = conn.exec(std::string("SELECT account_id, owner_node, fence, "
                                       "round(extract(epoch FROM expires_at - now())::numeric, 1)::text, "
                                       "to_char(expires_at AT TIME ZONE 'UTC', ") +
                           kUtc + ") FROM ocean_cluster.account_leases ORDER BY account_id");
  std::set<std::string> configured;
  for (const auto& a : config.accounts) configured.insert(a.id);
  json::array out;
  for (int i = 0; i < r.rows(); ++i) {
    const std::string id = r.text(i, 0);
    const double left = std::stod(r.text(i, 3));
    const bool owned = !r.is_null(i, 1) && left > 0;
    json::object a{{"id", id},
                   {"owner", r.is_null(i, 1) ? json::value(nullptr) : json::value(r.text(i, 1))},
                   {"fence", r.int64(i, 2)},
                   {"state", owned             ? "owned"
                             : r.is_null(i, 1) ? "free"
                                               : "expired"},
                   {"lease_expires_at", r.text(i, 4)},
                   {"lease_left_seconds", left > 0 ? left : 0.0},
                   {"in_config", configured.count(id) == 1}};
    if (owned) by_owner[r.text(i, 1)].push_back(json::value(id));
    configured.erase(id);
    out.push_back(std::move(a));
  }
  for (const auto& id : configured)  // in the config, but no node has written its row yet
    out.push_back(json::object{{"id", id}, {"owner", nullptr}, {"fence", 0}, {"state", "free"}, {"in_config", true}});
  return out;
}

json::array read_nodes(ocean::pg::Connection& conn, const HostConfig& config,
                       std::map<std::string, json::array>& by_owner) {
  const auto r = conn.exec(std::string("SELECT node_id, to_char(started_at AT TIME ZONE 'UTC', ") + kUtc +
                           "), to_char(heartbeat_at AT TIME ZONE 'UTC', " + kUtc +
                           "), round(extract(epoch FROM now() - heartbeat_at)::numeric, 1)::text, info::text "
                           "FROM ocean_cluster.nodes ORDER BY node_id");
  json::array out;
  for (int i = 0; i < r.rows(); ++i) {
    const double age = std::stod(r.text(i, 3));
    boost::system::error_code ec;
    json::value info = json::parse(r.text(i, 4), ec);
    out.push_back(json::object{{"id", r.text(i, 0)},
                               {"alive", age < config.cluster.lease_seconds},
                               {"started_at", r.text(i, 1)},
                               {"heartbeat_at", r.text(i, 2)},
                               {"heartbeat_age_seconds", age},
                               {"info", ec ? json::value(nullptr) : info},
                               {"accounts", std::move(by_owner[r.text(i, 0)])}});
  }
  return out;
}
}  // namespace

json::array unowned_accounts(const HostConfig& config) {
  json::array out;
  for (const auto& a : config.accounts)
    out.push_back(json::object{{"id", a.id}, {"owner", nullptr}, {"fence", 0}, {"state", "free"}, {"in_config", true}});
  return out;
}

void fill_cluster_report(ocean::pg::Connection& conn, const HostConfig& config, json::object& data) {
  std::map<std::string, json::array> by_owner;
  json::array accounts = read_accounts(conn, config, by_owner);
  data["nodes"] = read_nodes(conn, config, by_owner);
  data["accounts"] = std::move(accounts);
}

void print_cluster(const json::object& d, std::ostream& out) {
  auto str = [](const json::value& v) {
    if (v.is_double()) {
      char text[32];
      std::snprintf(text, sizeof text, "%.1f", v.get_double());
      return std::string(text);
    }
    return v.is_string() ? std::string(v.get_string()) : json::serialize(v);
  };
  out << "store " << str(d.at("store")) << "  (lease " << str(d.at("lease_seconds")) << " s, renewed every "
      << str(d.at("renew_seconds")) << " s)\n";
  const auto& nodes = d.at("nodes").as_array();
  out << "nodes: " << nodes.size() << "\n";
  for (const auto& nv : nodes) {
    const auto& n = nv.as_object();
    out << "  " << std::left << std::setw(28) << str(n.at("id")) << (n.at("alive").as_bool() ? " alive" : " DEAD ")
        << "  heartbeat " << str(n.at("heartbeat_age_seconds")) << " s ago  owns " << n.at("accounts").as_array().size()
        << ":";
    for (const auto& a : n.at("accounts").as_array()) out << " " << str(a);
    out << "\n";
  }
  out << "accounts:\n";
  for (const auto& av : d.at("accounts").as_array()) {
    const auto& a = av.as_object();
    out << "  " << std::left << std::setw(24) << str(a.at("id")) << " " << std::setw(8) << str(a.at("state"))
        << " owner " << (a.at("owner").is_null() ? "-" : str(a.at("owner"))) << "  fence " << str(a.at("fence"))
        << "\n";
  }
  if (const auto* note = d.if_contains("note")) out << "note: " << str(*note) << "\n";
}

}  // namespace erp_host::cluster
