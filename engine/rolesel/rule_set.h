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
//   - DecideInto() with a re-used Decision and no Trace allocates nothing;
//     nor does DecideEventInto() once its per-thread buffers are warm.
//   - Traces are recorded only when a Trace is passed.
//   - With settings.jwt, an event that carries only a bearer token is decided
//     on the token's claims once the token verifies (see jwt/verifier.h);
//     a token that does not verify is invalid_token. A JWKS file that cannot
//     be read fails the load; a JWKS URL is fetched on first use.
#ifndef ROLESEL_RULE_SET_H_
#define ROLESEL_RULE_SET_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rolesel/claims.h"
#include "rolesel/decision.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/load/diagnostic.h"
#include "rolesel/load/rules_document.h"
#include "rolesel/request.h"
#include "rolesel/trace.h"

namespace rolesel {

class CompiledRules;
namespace jwt {
class TokenVerifier;
}

class RuleSet {
 public:
  // Reads and compiles a rules file ("-" reads standard input).
  static absl::StatusOr<std::unique_ptr<RuleSet>> FromFile(const std::string& path);
  // Compiles rules text; `source_name` names it in messages, and `base_dir`
  // resolves relative paths in it (e.g. settings.jwt.jwks).
  static absl::StatusOr<std::unique_ptr<RuleSet>> FromString(
      std::string_view text, std::string_view source_name = "<rules>",
      std::string_view base_dir = ".");

  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // Decides an already-extracted request.
  Decision Decide(const Request& request, Trace* trace = nullptr) const;
  void DecideInto(const Request& request, Decision* out, Trace* trace = nullptr) const;

  // Decides raw event bytes: an API Gateway REST or HTTP API event, or a
  // direct request object {"method","path","claims"} (spec section 7). A
  // std::string with kEventPadding bytes of spare capacity is read without
  // a copy (see EventBytes).
  Decision DecideEvent(EventBytes event_json, Trace* trace = nullptr,
                       EventShapeHint hint = EventShapeHint::kDetect) const;
  // DecideEvent() into a Decision the caller re-uses, as DecideInto().
  void DecideEventInto(EventBytes event_json, Decision* out, Trace* trace = nullptr,
                       EventShapeHint hint = EventShapeHint::kDetect) const;
  // DecideEvent() that also hands back what was read from the event (its
  // shape, method, path and claims) in `*read`.
  Decision ReadAndDecide(EventBytes event_json, ExtractedRequest* read, Trace* trace = nullptr,
                         EventShapeHint hint = EventShapeHint::kDetect) const;
  // Decides an event already read with ReadEvent().
  Decision DecideExtracted(const ExtractedRequest& event, Trace* trace = nullptr) const;
  void DecideExtractedInto(const ExtractedRequest& event, Decision* out,
                           Trace* trace = nullptr) const;

  const RulesDocument& document() const;
  // Non-fatal findings from loading (e.g. an empty condition array).
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

 private:
  RuleSet() = default;
  void ReadAndDecideInto(EventBytes event_json, ExtractedRequest* read, Decision* out, Trace* trace,
                         EventShapeHint hint) const;
  std::unique_ptr<CompiledRules> compiled_;
  std::unique_ptr<jwt::TokenVerifier> verifier_;  // when settings.jwt is set
  std::vector<Diagnostic> warnings_;
};

// Reads a whole file ("-" is standard input). NotFound / PermissionDenied /
// Internal with the path and the system's reason.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace rolesel

#endif  // ROLESEL_RULE_SET_H_
