// A strict reader of the Prometheus text exposition format (0.0.4), written for the tests so the
// host's /metrics is checked by something other than the code that wrote it. Accepts only:
//   # HELP <name> <text>          (at most once per family, before its samples)
//   # TYPE <name> counter|gauge|untyped|summary|histogram   (at most once, before its samples)
//   <name>[{<label>="<value>"[,...]}] <value>
// with valid metric and label names, escaped label values (\\ \" \n), a numeric value, no
// duplicate series, every sample's family TYPEd, and a final newline. Throws std::runtime_error
// naming the line otherwise.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace prom {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> types;  // family -> type
  std::map<std::string, std::string> help;
  std::vector<Sample> samples;

  // The value of the one series with exactly these labels; -1 when absent.
  double value(const std::string& name, const std::map<std::string, std::string>& labels) const {
    for (const auto& s : samples)
      if (s.name == name && s.labels == labels) return s.value;
    return -1;
  }
  // The sum over every series of `name` whose labels include `subset`.
  double sum(const std::string& name, const std::map<std::string, std::string>& subset = {}) const {
    double total = 0;
    for (const auto& s : samples) {
      if (s.name != name) continue;
      bool match = true;
      for (const auto& [k, v] : subset) match = match && s.labels.count(k) && s.labels.at(k) == v;
      if (match) total += s.value;
    }
    return total;
  }
};

inline bool name_char(char c, bool first, bool colon) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

inline std::size_t read_name(const std::string& line, std::size_t at, bool colon) {
  std::size_t i = at;
  while (i < line.size() && name_char(line[i], i == at, colon)) ++i;
  return i;
}

[[noreturn]] inline void bad(std::size_t n, const std::string& line, const std::string& why) {
  throw std::runtime_error("metrics line " + std::to_string(n) + " (" + line + "): " + why);
}

inline std::size_t read_labels(const std::string& line, std::size_t i, std::size_t n, Sample& s) {
  ++i;  // '{'
  while (i < line.size() && line[i] != '}') {
    const std::size_t end = read_name(line, i, false);
    if (end == i) bad(n, line, "bad label name");
    const std::string key = line.substr(i, end - i);
    if (end + 1 >= line.size() || line[end] != '=' || line[end + 1] != '"') bad(n, line, "label needs =\"value\"");
    std::string value;
    std::size_t j = end + 2;
    for (; j < line.size() && line[j] != '"'; ++j) {
      if (line[j] != '\\') {
        value += line[j];
        continue;
      }
      if (++j >= line.size()) bad(n, line, "dangling escape");
      if (line[j] == 'n')
        value += '\n';
      else if (line[j] == '\\' || line[j] == '"')
        value += line[j];
      else
        bad(n, line, "unknown escape");
    }
    if (j >= line.size()) bad(n, line, "unterminated label value");
    if (!s.labels.emplace(key, value).second) bad(n, line, "label " + key + " twice");
    i = j + 1;
    if (i < line.size() && line[i] == ',') ++i;
  }
  if (i >= line.size()) bad(n, line, "unterminated label set");
  return i + 1;
}

inline void read_comment(Exposition& e, const std::string& line, std::size_t n, const std::set<std::string>& sampled) {
  const bool help = line.rfind("# HELP ", 0) == 0;
  const bool type = line.rfind("# TYPE ", 0) == 0;
  if (!help && !type) return;  // a plain comment
  const std::size_t end = read_name(line, 7, true);
  if (end == 7) bad(n, line, "bad metric name");
  const std::string name = line.substr(7, end - 7);
  if (sampled.count(name)) bad(n, line, "HELP/TYPE after the family's samples");
  if (help) {
    if (end < line.size() && line[end] != ' ') bad(n, line, "HELP needs a space after the name");
    if (!e.help.emplace(name, end < line.size() ? line.substr(end + 1) : "").second) bad(n, line, "second HELP");
    return;
  }
  if (end >= line.size() || line[end] != ' ') bad(n, line, "TYPE needs a type");
  const std::string t = line.substr(end + 1);
  if (t != "counter" && t != "gauge" && t != "untyped" && t != "summary" && t != "histogram")
    bad(n, line, "unknown type " + t);
  if (!e.types.emplace(name, t).second) bad(n, line, "second TYPE");
}

inline Exposition parse(const std::string& text) {
  if (!text.empty() && text.back() != '\n') throw std::runtime_error("metrics text does not end with a newline");
  Exposition e;
  std::set<std::string> sampled;
  std::set<std::pair<std::string, std::map<std::string, std::string>>> series;
  std::size_t n = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::string line = text.substr(start, nl - start);
    start = nl + 1;
    ++n;
    if (line.empty()) continue;
    if (line[0] == '#') {
      read_comment(e, line, n, sampled);
      continue;
    }
    Sample s;
    std::size_t i = read_name(line, 0, true);
    if (i == 0) bad(n, line, "bad metric name");
    s.name = line.substr(0, i);
    if (!e.types.count(s.name)) bad(n, line, "sample before its # TYPE");
    if (i < line.size() && line[i] == '{') i = read_labels(line, i, n, s);
    if (i >= line.size() || line[i] != ' ') bad(n, line, "no value");
    const std::string number = line.substr(i + 1);
    char* end = nullptr;
    errno = 0;
    s.value = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || errno != 0) bad(n, line, "bad value");
    if (!series.emplace(s.name, s.labels).second) bad(n, line, "duplicate series");
    sampled.insert(s.name);
    e.samples.push_back(std::move(s));
  }
  return e;
}

}  // namespace prom
