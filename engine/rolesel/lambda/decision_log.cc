#include "rolesel/lambda/decision_log.h"

#include <utility>

#include "nlohmann/json.hpp"
#include "rolesel/evaluate/path_normalizer.h"
#include "rolesel/lambda/log_lines.h"

namespace rolesel::lambda {

std::string DecisionLogLine(absl::Time now, std::string_view request_id, const Decision& decision,
                            const ExtractedRequest& request,
                            const std::vector<std::string>& log_claims) {
  nlohmann::ordered_json line;
  line["time"] = Rfc3339Millis(now);
  line["level"] = "info";
  line["event"] = "decision";
  line["request_id"] = std::string(request_id);
  line["revision"] = decision.revision;
  line["decision"] = decision.allow ? "allow" : "deny";
  if (!decision.allow) line["reason"] = std::string(DenyReasonName(decision.reason));
  if (!decision.rule.empty()) line["rule"] = decision.rule;
  if (!decision.role.empty()) line["role"] = decision.role;
  if (decision.allow) line["session_name"] = decision.session_name;
  if (!request.method_missing) line["method"] = request.method;
  NormalizedPath normalized;
  if (!request.path_missing && NormalizePath(request.path, &normalized, nullptr)) {
    line["path"] = std::string(normalized.path());
  } else {
    line["path"] = nullptr;
  }
  if (!decision.allow && !decision.detail.empty()) line["detail"] = decision.detail;
  nlohmann::ordered_json claims = nlohmann::ordered_json::object();
  if (!request.claims_missing) {
    for (const std::string& name : log_claims) {
      if (const ClaimValue* value = request.claims.Find(name)) claims[name] = value->text();
    }
  }
  line["claims"] = std::move(claims);
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DecisionMetricLine(absl::Time now, std::string_view request_id,
                               const Decision& decision, const sts::CacheOutcome& sts) {
  const std::string reason(decision.allow ? "none" : DenyReasonName(decision.reason));
  const std::string rule = decision.rule.empty() ? "-" : decision.rule;
  std::vector<Metric> metrics = {{"Decisions", "Count", 1.0}};
  if (sts.known) {
    metrics.push_back({"CacheHits", "Count", sts.hit ? 1.0 : 0.0});
    metrics.push_back({"CacheMisses", "Count", sts.hit ? 0.0 : 1.0});
    metrics.push_back({"StsCalls", "Count", sts.called_sts ? 1.0 : 0.0});
    if (sts.called_sts) {
      metrics.push_back(
          {"StsLatency", "Milliseconds", absl::ToDoubleMilliseconds(sts.sts_latency)});
    }
  }
  return MetricLine(
      now, {{"Decision", decision.allow ? "allow" : "deny"}, {"Reason", reason}, {"Rule", rule}},
      {{"Decision"}, {"Decision", "Reason"}, {"Rule"}}, metrics,
      {{"Revision", decision.revision}, {"RequestId", request_id}});
}

}  // namespace rolesel::lambda
