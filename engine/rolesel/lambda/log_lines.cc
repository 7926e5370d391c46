#include "rolesel/lambda/log_lines.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace rolesel::lambda {
namespace {

using OrderedJson = nlohmann::ordered_json;

std::string Text(std::string_view s) { return std::string(s); }

// Invalid UTF-8 (a header, a claim) is replaced, never thrown on.
std::string Dump(const OrderedJson& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string MetricsNamespace() {
  const char* configured = std::getenv("ROLESEL_METRICS_NAMESPACE");
  return configured != nullptr && *configured != '\0' ? configured : "rolesel";
}

}  // namespace

void WriteLogLine(std::string_view line) {
  static std::mutex* const mu = new std::mutex();
  std::string whole(line);
  whole.push_back('\n');
  std::lock_guard<std::mutex> lock(*mu);
  std::fwrite(whole.data(), 1, whole.size(), stderr);
  std::fflush(stderr);
}

std::string Rfc3339Millis(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
}

std::string LogLine(absl::Time time, std::string_view level, std::string_view event,
                    const LogFields& fields) {
  OrderedJson line;
  line["time"] = Rfc3339Millis(time);
  line["level"] = Text(level);
  line["event"] = Text(event);
  for (const auto& [key, value] : fields) line[Text(key)] = Text(value);
  return Dump(line);
}

std::string MetricLine(absl::Time time, const LogFields& dimensions,
                       const std::vector<std::vector<std::string_view>>& dimension_sets,
                       const std::vector<Metric>& metrics, const LogFields& properties) {
  OrderedJson definitions = OrderedJson::array();
  for (const Metric& metric : metrics) {
    definitions.push_back({{"Name", Text(metric.name)}, {"Unit", Text(metric.unit)}});
  }
  OrderedJson sets = OrderedJson::array();
  for (const auto& set : dimension_sets) {
    OrderedJson keys = OrderedJson::array();
    for (std::string_view key : set) keys.push_back(Text(key));
    sets.push_back(std::move(keys));
  }
  OrderedJson line;
  line["_aws"] = {{"Timestamp", absl::ToUnixMillis(time)},
                  {"CloudWatchMetrics",
                   {{{"Namespace", MetricsNamespace()},
                     {"Dimensions", std::move(sets)},
                     {"Metrics", std::move(definitions)}}}}};
  for (const auto& [key, value] : dimensions) line[Text(key)] = Text(value);
  for (const Metric& metric : metrics) line[Text(metric.name)] = metric.value;
  for (const auto& [key, value] : properties) line[Text(key)] = Text(value);
  return Dump(line);
}

}  // namespace rolesel::lambda
