// AuthorizedHandler: the Lambda layer between API Gateway and your code. For
// each event (REST payload 1.0 or HTTP API 2.0):
//
//   decide (RuleSet) -> credentials for the chosen role (through the
//   credential cache) -> your handler, called with the event, the decision
//   and the credentials -> the proxy response in the event's payload shape.
//
// What comes back when your handler is not called:
//   - a deny: 403 {"message":"Forbidden","reason":"<reason code>"};
//   - an event that cannot be read (bad_request): 400;
//   - STS refuses or cannot be reached: 502 {"error":"sts_failed"};
//   - the invocation's time budget ran out: 504 {"error":"deadline_exceeded"};
// and when it is called but fails (a Status, or an exception): 500
// {"error":"handler_failed"}.
//
// The time budget is the invocation's deadline (Lambda-Runtime-Deadline-Ms)
// less `deadline_margin`, the time kept to post the answer before Lambda
// stops the sandbox. Every STS call (retries included) and JWKS fetch made
// for the invocation ends by then. When the budget is gone after deciding
// (a token refused because its keys could not be fetched in time is such a
// case), or before STS answers, or before your handler would be called, the
// answer is 504: the caller may retry; nothing was granted. Details go to the log sink (stderr in
// Lambda, i.e. CloudWatch), never into the response; the log never carries a secret or a token.
//
// The log gets JSON lines only: one decision line and one EMF metric line
// per decision (decision_log.h), and one line per STS or handler failure,
// each naming the rules' revision. With LiveRules shadowing a candidate,
// the candidate decides every event too; a difference is logged
// ("shadow_difference") and counted, and only the enforced rules act.
//
// Handle() never throws and always returns a response. Thread-safe when
// the user handler is. The RuleSet and the RoleAssumer must outlive it.
#ifndef ROLESEL_LAMBDA_AUTHORIZED_HANDLER_H_
#define ROLESEL_LAMBDA_AUTHORIZED_HANDLER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rolesel/core/decision.h"
#include "rolesel/lambda/invocation.h"
#include "rolesel/lambda/live_rules.h"
#include "rolesel/lambda/proxy_response.h"
#include "rolesel/rule_set.h"
#include "rolesel/sts/credentials.h"
#include "rolesel/sts/role_assumer.h"

namespace rolesel::lambda {

// What your handler receives; every reference is valid during the call.
struct AuthorizedRequest {
  std::string_view event;  // the raw API Gateway event
  PayloadVersion payload_version;
  const ExtractedRequest& request;         // method, path (stage removed) and claims
  const Decision& decision;                // an allow
  const sts::AwsCredentials& credentials;  // for decision.role
  const Invocation& invocation;            // request id, deadline, trace id
};

using UserHandler = std::function<absl::StatusOr<ProxyResponse>(const AuthorizedRequest&)>;

struct HandlerOptions {
  absl::Duration deadline_margin = absl::Milliseconds(500);  // ROLESEL_DEADLINE_MARGIN_MS
  std::function<absl::Time()> now = [] { return absl::Now(); };
};

class AuthorizedHandler {
 public:
  // `log` receives the JSON lines; by default stderr. The rules never
  // change.
  AuthorizedHandler(const RuleSet* rules, sts::RoleAssumer* assumer, UserHandler handler,
                    std::function<void(std::string_view)> log = nullptr,
                    HandlerOptions options = {});
  // Rules kept current by `live`, which must outlive the handler.
  AuthorizedHandler(LiveRules* live, sts::RoleAssumer* assumer, UserHandler handler,
                    std::function<void(std::string_view)> log = nullptr,
                    HandlerOptions options = {});

  // The response JSON for `invocation.payload`.
  std::string Handle(const Invocation& invocation) const noexcept;

 private:
  ProxyResponse Respond(const Invocation& invocation, PayloadVersion* version) const;
  void Shadow(const RulesSnapshot& rules, const Invocation& invocation,
              const Decision& enforced) const;
  void LogFailure(std::string_view event, const Invocation& invocation, const Decision& decision,
                  std::string_view detail) const;
  ProxyResponse OutOfTime(const Invocation& invocation, const Decision& decision,
                          std::string_view stage) const;

  std::unique_ptr<LiveRules> fixed_;  // the rules of the first constructor
  LiveRules* live_;
  sts::RoleAssumer* assumer_;
  UserHandler handler_;
  std::function<void(std::string_view)> log_;
  HandlerOptions options_;
};

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_AUTHORIZED_HANDLER_H_
