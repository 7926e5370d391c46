#include "rolesel/lambda/authorized_handler.h"

#include <exception>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/lambda/decision_log.h"
#include "rolesel/lambda/log_lines.h"
#include "rolesel/shadow.h"
#include "rolesel/sts/credential_cache.h"

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
                                     UserHandler handler, std::function<void(std::string_view)> log,
                                     HandlerOptions options)
    // Not owned: the caller keeps the rules alive (the no-op deleter).
    : AuthorizedHandler(static_cast<LiveRules*>(nullptr), assumer, std::move(handler),
                        std::move(log), std::move(options)) {
  fixed_ = LiveRules::Fixed(std::shared_ptr<const RuleSet>(rules, [](const RuleSet*) {}));
  live_ = fixed_.get();
}

AuthorizedHandler::AuthorizedHandler(LiveRules* live, sts::RoleAssumer* assumer,
                                     UserHandler handler, std::function<void(std::string_view)> log,
                                     HandlerOptions options)
    : live_(live),
      assumer_(assumer),
      handler_(std::move(handler)),
      log_(std::move(log)),
      options_(std::move(options)) {
  if (!log_) log_ = WriteLogLine;
}

void AuthorizedHandler::LogFailure(std::string_view event, const Invocation& invocation,
                                   const Decision& decision, std::string_view detail) const {
  log_(LogLine(absl::Now(), "error", event,
               {{"request_id", invocation.request_id},
                {"revision", decision.revision},
                {"role", decision.role},
                {"detail", detail}}));
}

ProxyResponse AuthorizedHandler::OutOfTime(const Invocation& invocation, const Decision& decision,
                                           std::string_view stage) const {
  LogFailure("deadline_exceeded", invocation, decision,
             absl::StrCat("the invocation's time budget ran out ", internal::Absl(stage)));
  return ErrorResponse(504, "Gateway Timeout", "deadline_exceeded");
}

void AuthorizedHandler::Shadow(const RulesSnapshot& rules, const Invocation& invocation,
                               const Decision& enforced) const {
  const Decision candidate = rules.candidate->DecideEvent(invocation.payload);
  const std::string difference = DescribeDifference(enforced, candidate);
  if (difference.empty()) return;
  live_->CountShadowDifference();
  const absl::Time now = absl::Now();
  log_(LogLine(now, "info", "shadow_difference",
               {{"request_id", invocation.request_id},
                {"revision", enforced.revision},
                {"candidate_revision", candidate.revision},
                {"difference", difference}}));
  log_(MetricLine(now, {}, {{}}, {{"ShadowDifferences", "Count", 1.0}},
                  {{"Revision", enforced.revision},
                   {"CandidateRevision", candidate.revision},
                   {"RequestId", invocation.request_id}}));
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
  // One snapshot for the whole invocation: a swap meanwhile does not mix
  // two revisions into one answer.
  const RulesSnapshot rules = live_->Current();
  // What is left for this invocation, less the time kept to answer (an
  // unknown deadline, InfiniteFuture, stays infinite: absl saturates).
  const absl::Time budget_end = invocation.deadline - options_.deadline_margin;
  auto out_of_time = [&] { return options_.now() >= budget_end; };
  ExtractedRequest request;
  DecideOptions options;
  options.read = &request;
  options.deadline = budget_end;
  const Decision decision = rules.enforced->DecideEvent(invocation.payload, options);
  *version = VersionOf(request);
  if (rules.candidate != nullptr) Shadow(rules, invocation, decision);
  log_(DecisionLogLine(absl::Now(), id, decision, request, rules.enforced->log_claims()));
  if (!decision.allow) {
    log_(DecisionMetricLine(absl::Now(), id, decision, sts::CacheOutcome()));
    // A deny reached after the budget ran out may be the deadline's doing
    // (keys not fetched in time): say so, granting nothing either way.
    if (out_of_time()) return OutOfTime(invocation, decision, "while deciding");
    return DenyResponse(decision);
  }
  if (out_of_time()) return OutOfTime(invocation, decision, "before STS was asked");
  sts::TakeLastCacheOutcome();  // forget any earlier call's
  absl::StatusOr<sts::AwsCredentials> credentials =
      assumer_->AssumeRole(sts::AssumeRoleRequest::ForDecision(decision, budget_end));
  log_(DecisionMetricLine(absl::Now(), id, decision, sts::TakeLastCacheOutcome()));
  if (!credentials.ok() &&
      (credentials.status().code() == absl::StatusCode::kDeadlineExceeded || out_of_time())) {
    LogFailure("sts_failed", invocation, decision, credentials.status().ToString());
    return OutOfTime(invocation, decision, "while STS was asked");
  }
  if (!credentials.ok()) {
    // Status messages from the STS adapter never carry a secret.
    LogFailure("sts_failed", invocation, decision, credentials.status().ToString());
    return ErrorResponse(502, "Bad Gateway", "sts_failed");
  }
  if (out_of_time()) return OutOfTime(invocation, decision, "before the handler was called");
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
    LogFailure("handler_failed", invocation, decision, response.status().ToString());
    return ErrorResponse(500, "Internal Server Error", "handler_failed");
  }
  return *std::move(response);
}

}  // namespace rolesel::lambda
