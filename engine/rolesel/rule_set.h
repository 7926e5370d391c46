// RuleSet: the public entry point of the engine. Load a rules document once,
// then decide requests with it from any number of threads.
//
//   auto rules = rolesel::RuleSet::FromFile("pets.rules.json");
//   if (!rules.ok()) { /* rules.status(): "FILE:LINE:COL: error: ... [check]" */ }
//   rolesel::Decision d = (*rules)->DecideEvent(event_json);
//   if (d.allow) AssumeRole(d.role, d.session_name, d.duration_seconds);
//
// Contract:
//   - Loading returns a Status naming the file, line and column of every
//     error (InvalidArgument), or why the file could not be read.
//   - A RuleSet is immutable; every method is const and thread-safe.
//   - Deciding never throws and never fails open: a Decision always comes
//     back, and any error while deciding is a deny.
//   - The forms that write into a Decision the caller re-uses allocate
//     nothing once its strings are warm, when no Trace is asked for (the
//     event form reads into per-thread buffers, warm after the first event).
//   - A traced decision and an untraced one are the same decision; a Trace
//     only records how it was reached.
//   - With settings.jwt, an event that carries only a bearer token is decided
//     on the token's claims once the token verifies; a token that does not
//     verify is invalid_token. A JWKS file that cannot be read fails the
//     load; a JWKS URL is fetched on first use.
//
// This header pulls in no JSON or regex library: a decision's JSON form is
// rolesel/core/decision_json.h, a trace's rolesel/core/trace_json.h.
#ifndef ROLESEL_RULE_SET_H_
#define ROLESEL_RULE_SET_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rolesel/core/decision.h"
#include "rolesel/core/event_input.h"
#include "rolesel/core/request.h"
#include "rolesel/core/trace.h"
#include "rolesel/load/diagnostic.h"

namespace rolesel {

class CompiledRules;
namespace jwt {
class TokenVerifier;
}

// How to decide an event; every member is optional.
struct DecideOptions {
  // Records how the decision was reached (costs strings; off by default).
  Trace* trace = nullptr;
  // Detect the event's shape, or insist on the direct request object.
  EventShapeHint shape = EventShapeHint::kDetect;
  // Hands back what was read from the event (shape, method, path, claims,
  // the Authorization header), re-using its storage.
  ExtractedRequest* read = nullptr;
  // When the decision must be made: a JWKS fetch that verifying a bearer
  // token needs ends by then (the token is refused when it could not).
  absl::Time deadline = absl::InfiniteFuture();
};

// A deny entry or a rule of the loaded file, as reports name it.
struct EntrySummary {
  bool is_deny = false;  // in `deny`, else in `rules`
  int index = 0;         // position in its array
  std::string id;
};

class RuleSet {
 public:
  // Reads and compiles a rules file ("-" reads standard input).
  static absl::StatusOr<std::unique_ptr<RuleSet>> FromFile(const std::string& path);
  // Compiles rules text; `source_name` names it in messages, and `base_dir`
  // resolves relative paths in it (e.g. settings.jwt.jwks).
  // `revision` names this text in every Decision (Decision::revision) and
  // log line (rolesel/lambda/); empty: none.
  static absl::StatusOr<std::unique_ptr<RuleSet>> FromString(
      std::string_view text, std::string_view source_name = "<rules>",
      std::string_view base_dir = ".", std::string_view revision = {});

  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // Decides an already-extracted request (spec section 1).
  Decision Decide(const Request& request, Trace* trace = nullptr) const;
  // The same into `*out`, whose storage is re-used.
  void Decide(const Request& request, Decision* out, Trace* trace = nullptr) const;

  // Decides raw event bytes: an API Gateway REST or HTTP API event, a
  // Lambda-authorizer event with a bearer token, or a direct request object
  // {"method","path","claims"} (spec section 7). A std::string with
  // kEventPadding bytes of spare capacity is read without a copy (see
  // EventBytes).
  Decision DecideEvent(EventBytes event, const DecideOptions& options = {}) const;
  // The same into `*out`, whose storage is re-used.
  void DecideEvent(EventBytes event, Decision* out, const DecideOptions& options = {}) const;

  // With settings.jwt on a URL, fetches its keys now, as a Lambda init
  // does, so the first token does not wait for them; OK when there is
  // nothing to fetch. A failure leaves the first token to fetch again.
  absl::Status PrefetchKeys(absl::Time deadline = absl::InfiniteFuture()) const;
  // True when tokens are verified with keys fetched from a URL.
  bool fetches_keys() const;

  // Every deny entry, then every rule, in file order.
  std::vector<EntrySummary> entries() const;
  // Non-fatal findings from loading (e.g. an empty condition array).
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  // What the rules were loaded as (FromString's `revision`).
  const std::string& revision() const { return revision_; }
  // settings.log_claims: the only claims a decision log may show.
  const std::vector<std::string>& log_claims() const;

 private:
  RuleSet();
  void DecideRead(const ExtractedRequest& event, Decision* out, Trace* trace,
                  absl::Time deadline) const;
  void StampRevision(Decision* out) const;

  std::unique_ptr<CompiledRules> compiled_;
  std::unique_ptr<jwt::TokenVerifier> verifier_;  // when settings.jwt is set
  std::vector<Diagnostic> warnings_;
  std::string revision_;
};

}  // namespace rolesel

#endif  // ROLESEL_RULE_SET_H_
