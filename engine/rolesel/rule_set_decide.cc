// RuleSet's deciding: requests, events, and events that carry only a bearer
// token. Construction is rule_set.cc.
#include <string>

#include "rolesel/compile/compiled_rules.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/evaluate/evaluator.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/jwt/verifier.h"
#include "rolesel/rule_set.h"

namespace rolesel {
namespace {

// A request step in the trace (when one is kept), then the deny.
void RefuseRequest(DenyReason reason, std::string_view step, const std::string& why, Decision* out,
                   Trace* trace) {
  if (trace != nullptr) trace->Add(TraceStep::Kind::kRequest, -1, std::string(step), false, why);
  out->ResetToDeny(reason, "", why);
}

}  // namespace

Decision RuleSet::Decide(const Request& request, Trace* trace) const {
  Decision decision;
  Decide(request, &decision, trace);
  return decision;
}

void RuleSet::Decide(const Request& request, Decision* out, Trace* trace) const {
  Evaluate(*compiled_, request, out, trace);
  StampRevision(out);
}

void RuleSet::StampRevision(Decision* out) const {
  // Most rule sets have no revision: then this costs a compare. Otherwise
  // clear() then append() re-uses the Decision's storage.
  if (revision_.empty() && out->revision.empty()) return;
  out->revision.clear();
  out->revision.append(revision_);
}

Decision RuleSet::DecideEvent(EventBytes event, const DecideOptions& options) const {
  Decision decision;
  DecideEvent(event, &decision, options);
  return decision;
}

void RuleSet::DecideEvent(EventBytes event, Decision* out, const DecideOptions& options) const {
  // Re-used per thread: after the first event, reading allocates only for
  // claims larger than any seen before.
  thread_local ExtractedRequest per_thread;
  ExtractedRequest* read = options.read != nullptr ? options.read : &per_thread;
  // Reading and verifying are written not to throw (the fuzzers check); this
  // is the last line, so that a bug there is a deny and never a crash.
  try {
    ReadEvent(event, read, options.shape, compiled_->requested_role_header());
    DecideRead(*read, out, options.trace, options.deadline);
  } catch (...) {
    out->ResetToDeny(DenyReason::kBadRequest, "", "internal error while reading the event");
  }
  StampRevision(out);
}

void RuleSet::DecideRead(const ExtractedRequest& event, Decision* out, Trace* trace,
                         absl::Time deadline) const {
  if (!event.error.empty()) {
    RefuseRequest(DenyReason::kBadRequest, "request", event.error, out, trace);
    return;
  }
  if (!event.claims_missing || !event.authorization || event.method_missing || event.path_missing) {
    Decide(event.AsRequest(), out, trace);
    return;
  }
  // The claims are only in the bearer token: never trusted unverified.
  if (verifier_ == nullptr) {
    RefuseRequest(DenyReason::kInvalidToken, "token",
                  "the event carries only a bearer token and settings.jwt is not configured", out,
                  trace);
    return;
  }
  absl::StatusOr<std::shared_ptr<const jwt::VerifiedToken>> token =
      verifier_->VerifyToken(*event.authorization, deadline);
  if (!token.ok()) {
    RefuseRequest(DenyReason::kInvalidToken, "token", std::string(token.status().message()), out,
                  trace);
    return;
  }
  if (trace != nullptr) {
    trace->Add(TraceStep::Kind::kRequest, -1, "token", true,
               "bearer token verified; deciding on its claims");
  }
  Request request = event.AsRequest();
  request.claims = &(*token)->claims;
  Decide(request, out, trace);
}

}  // namespace rolesel
