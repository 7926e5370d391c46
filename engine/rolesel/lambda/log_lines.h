// The Lambda layer's log lines: every line is one JSON object (CloudWatch
// Logs Insights reads its fields), and metrics are CloudWatch Embedded
// Metric Format lines (CloudWatch turns them into metrics, no API call).
//
// LogLine() is an event line: {"time", "level", "event", ...fields}.
// MetricLine() is an EMF line in namespace ROLESEL_METRICS_NAMESPACE
// (default "rolesel"), with the given dimension values and metric values.
// Both always give valid JSON (every string escaped) and never throw for
// valid UTF-8 or not. Stateless and thread-safe.
#ifndef ROLESEL_LAMBDA_LOG_LINES_H_
#define ROLESEL_LAMBDA_LOG_LINES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace rolesel::lambda {

// Writes `line` and a newline to standard error as one write under a lock,
// so that lines from the poller thread and the invocation thread never
// interleave (CloudWatch takes each line as one event).
void WriteLogLine(std::string_view line);

// "2026-12-01T14:03:07.123Z".
std::string Rfc3339Millis(absl::Time time);

using LogFields = std::vector<std::pair<std::string_view, std::string_view>>;

std::string LogLine(absl::Time time, std::string_view level, std::string_view event,
                    const LogFields& fields);

struct Metric {
  std::string_view name;
  std::string_view unit;  // "Count", "Milliseconds"
  double value;
};

// One EMF document: the metrics, aggregated by every dimension set in
// `dimension_sets` (each a list of keys of `dimensions`), plus `properties`
// (searchable, not dimensions: the revision, the request id).
std::string MetricLine(absl::Time time, const LogFields& dimensions,
                       const std::vector<std::vector<std::string_view>>& dimension_sets,
                       const std::vector<Metric>& metrics, const LogFields& properties);

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_LOG_LINES_H_
