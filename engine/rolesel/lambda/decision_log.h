// The decision log: one JSON line per decision the Lambda layer makes,
// allows and denies alike, and one EMF metric line beside it (log_lines.h).
//
// A decision line holds: time, request_id, revision, decision, reason (a
// deny), rule, role, session_name (an allow), method, path (normalized;
// null when normalization refused it), detail (a deny), and "claims" with
// only the claims settings.log_claims names (their text, as compared). Never
// a token, a header, a credential or another claim.
//
// The metric line counts the decision by Decision, by Decision and Reason,
// and by Rule, with the STS outcome when there was one (StsCalls,
// CacheHits, CacheMisses, StsLatency). Stateless and thread-safe.
#ifndef ROLESEL_LAMBDA_DECISION_LOG_H_
#define ROLESEL_LAMBDA_DECISION_LOG_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "rolesel/core/decision.h"
#include "rolesel/core/event_input.h"
#include "rolesel/sts/credential_cache.h"

namespace rolesel::lambda {

std::string DecisionLogLine(absl::Time now, std::string_view request_id, const Decision& decision,
                            const ExtractedRequest& request,
                            const std::vector<std::string>& log_claims);

// `sts` is what fetching the allow's credentials did (known = false: none).
std::string DecisionMetricLine(absl::Time now, std::string_view request_id,
                               const Decision& decision, const sts::CacheOutcome& sts);

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_DECISION_LOG_H_
