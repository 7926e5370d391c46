// Decision: what the engine answers for one request (spec section 1).
//
// A Decision is always either an allow (role, rule, session name, duration,
// and what narrows the credentials) or a deny (reason, and the rule when one is to blame). Deciding
// never throws and never fails open: every error path yields a deny.
//
// Its JSON form is written by rolesel/core/decision_json.h.
//
// A Decision owns its strings. Re-using one Decision object across calls to
// RuleSet::DecideInto() keeps the hot path free of heap allocations once its
// strings have grown to the needed capacity.
#ifndef ROLESEL_CORE_DECISION_H_
#define ROLESEL_CORE_DECISION_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolesel {

enum class DenyReason {
  kNone = 0,        // not a deny
  kDenyRule,        // an entry of `deny` matched
  kNoMatch,         // no rule matched and the default is "deny"
  kRoleNotAllowed,  // selected role malformed or outside settings.allowed_roles
  kRoleDenied,      // selected role matches settings.deny_roles
  kUnsafePath,      // the request path failed normalization
  kBadRequest,      // method, path or claims missing or malformed
  kInvalidToken,    // a JWT had to be verified and failed
};

// The spec's reason code, e.g. "deny_rule"; "" for kNone.
std::string_view DenyReasonName(DenyReason reason);
// Inverse of DenyReasonName; nullopt for an unknown name.
std::optional<DenyReason> DenyReasonFromName(std::string_view name);

struct Decision {
  bool allow = false;
  DenyReason reason = DenyReason::kBadRequest;
  // Allow: the role to assume. Deny with kRoleNotAllowed/kRoleDenied: the
  // role that was refused. Otherwise empty.
  std::string role;
  // The entry responsible: the deny entry, the selecting rule, or "default".
  // Empty for kNoMatch, kBadRequest, kUnsafePath, kInvalidToken.
  std::string rule;
  // Allow only: the STS RoleSessionName (spec section 6).
  std::string session_name;
  // Allow only: the STS DurationSeconds.
  int duration_seconds = 0;
  // Allow only, when settings.source_identity / settings.session_tags are
  // set (extensions of the spec): STS SourceIdentity and session Tags. A
  // source identity or tag whose claim is absent is left out.
  std::string source_identity;
  std::vector<std::pair<std::string, std::string>> session_tags;
  // Allow only, extensions that narrow the credentials: the session policy
  // rendered for this request (minified JSON; STS Policy; empty: none), the
  // managed policy ARNs (STS PolicyArns), and the keys of session_tags that
  // are transitive (settings.transitive_tag_keys, those present).
  std::string session_policy;
  std::vector<std::string> policy_arns;
  std::vector<std::string> transitive_tag_keys;
  // A short human explanation for a deny (e.g. "path is missing"). Safe to
  // log; not part of the spec's contract.
  std::string detail;
  // The revision of the rules that decided (RuleSet::revision(): an
  // AppConfig version, an S3 ETag, a file's hash); empty when the rules were
  // loaded without one. Set on allows and denies alike; not in the spec's
  // JSON form.
  std::string revision;

  static Decision Deny(DenyReason reason, std::string_view rule = {}, std::string_view detail = {});

  // Makes *this the deny Deny() returns, keeping the strings' storage (so a
  // re-used Decision stays allocation-free): every field is reset but
  // `role` for kRoleNotAllowed and kRoleDenied, which names the refused
  // role. `rule` and `detail` must not point into *this.
  void ResetToDeny(DenyReason reason, std::string_view rule = {}, std::string_view detail = {});
};

}  // namespace rolesel

#endif  // ROLESEL_CORE_DECISION_H_
