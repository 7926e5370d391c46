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
// and when it is called but fails (a Status, or an exception): 500
// {"error":"handler_failed"}. Details go to the log sink (stderr in Lambda,
// i.e. CloudWatch), never into the response; the log never carries a
// secret or a token.
//
// Handle() never throws and always returns a response. Thread-safe when
// the user handler is. The RuleSet and the RoleAssumer must outlive it.
#ifndef ROLESEL_LAMBDA_AUTHORIZED_HANDLER_H_
#define ROLESEL_LAMBDA_AUTHORIZED_HANDLER_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rolesel/core/decision.h"
#include "rolesel/lambda/invocation.h"
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

class AuthorizedHandler {
 public:
  // `log` receives one line per refusal or failure; by default stderr.
  AuthorizedHandler(const RuleSet* rules, sts::RoleAssumer* assumer, UserHandler handler,
                    std::function<void(std::string_view)> log = nullptr);

  // The response JSON for `invocation.payload`.
  std::string Handle(const Invocation& invocation) const noexcept;

 private:
  ProxyResponse Respond(const Invocation& invocation, PayloadVersion* version) const;

  const RuleSet* rules_;
  sts::RoleAssumer* assumer_;
  UserHandler handler_;
  std::function<void(std::string_view)> log_;
};

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_AUTHORIZED_HANDLER_H_
