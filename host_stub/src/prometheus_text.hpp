// The Prometheus text exposition format (version 0.0.4) for /metrics: families in the
// metrics.v1 shape the plugins answer metrics.read with ({"name","type","help","samples":[{"labels",
// "value"}]}), merged across accounts with an "account" label added. Names and label names that are
// not valid Prometheus identifiers are dropped (a plugin cannot break the page); label values and
// help text are escaped.
#pragma once

#include <boost/json/array.hpp>

#include <map>
#include <string>
#include <vector>

namespace erp_host {

struct MetricSource {
  std::string account;  // added as the label "account" ("" = none: host-wide metrics)
  boost::json::array families;
};

std::string render_prometheus(const std::vector<MetricSource>& sources);

// [a-zA-Z_:][a-zA-Z0-9_:]* (metric names); label names exclude ':'.
bool valid_metric_name(const std::string& name);
bool valid_label_name(const std::string& name);

}  // namespace erp_host
