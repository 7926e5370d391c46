#include "rolesel/lambda/authorized_handler.h"

#include <exception>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/internal/absl_view.h"

namespace rolesel::lambda {
namespace {

PayloadVersion VersionOf(const ExtractedRequest& request) {
  // Unreadable events get the 1.0 shape: API Gateway reads statusCode,
  // headers and body from it under either payload version.
  return request.shape == ExtractedRequest::Shape::kHttpV2 ? PayloadVersion::kV2
                                                           : PayloadVersion::kV1;
}

}  // namespace

AuthorizedHandler::AuthorizedHandler(const RuleSet* rules, sts::RoleAssumer* assumer,
                                     UserHandler handler, std::function<void(std::string_view)> log)
    : rules_(rules), assumer_(assumer), handler_(std::move(handler)), log_(std::move(log)) {
  if (!log_) log_ = [](std::string_view line) { std::cerr << line << std::endl; };
}

std::string AuthorizedHandler::Handle(const Invocation& invocation) const noexcept {
  PayloadVersion version = PayloadVersion::kV1;
  try {
    ProxyResponse response = Respond(invocation, &version);
    return Serialize(response, version);
  } catch (...) {
    // Only the log sink or an allocation can get here; still answer.
    return Serialize(ErrorResponse(500, "Internal Server Error", "internal"), version);
  }
}

ProxyResponse AuthorizedHandler::Respond(const Invocation& invocation,
                                         PayloadVersion* version) const {
  const std::string& id = invocation.request_id;
  ExtractedRequest request;
  DecideOptions options;
  options.read = &request;
  const Decision decision = rules_->DecideEvent(invocation.payload, options);
  *version = VersionOf(request);
  if (!decision.allow) {
    log_(absl::StrCat("rolesel: ", internal::Absl(id), " deny ",
                      internal::Absl(DenyReasonName(decision.reason)),
                      decision.rule.empty() ? "" : " rule=", decision.rule,
                      decision.detail.empty() ? "" : ": ", decision.detail));
    return DenyResponse(decision);
  }
  absl::StatusOr<sts::AwsCredentials> credentials =
      assumer_->AssumeRole(sts::AssumeRoleRequest::ForDecision(decision));
  if (!credentials.ok()) {
    // Status messages from the STS adapter never carry a secret.
    log_(absl::StrCat("rolesel: ", internal::Absl(id), " sts failed for ", decision.role, ": ",
                      credentials.status().ToString()));
    return ErrorResponse(502, "Bad Gateway", "sts_failed");
  }
  AuthorizedRequest authorized{invocation.payload, *version,     request,
                               decision,           *credentials, invocation};
  absl::StatusOr<ProxyResponse> response;
  try {
    response = handler_(authorized);
  } catch (const std::exception& e) {
    response = absl::InternalError(absl::StrCat("exception: ", e.what()));
  } catch (...) {
    response = absl::InternalError("exception of unknown type");
  }
  if (!response.ok()) {
    log_(absl::StrCat("rolesel: ", internal::Absl(id),
                      " handler failed: ", response.status().ToString()));
    return ErrorResponse(500, "Internal Server Error", "handler_failed");
  }
  return *std::move(response);
}

}  // namespace rolesel::lambda
