// PolicyTemplate: a session policy (an IAM policy document, JSON) whose
// string values may hold "{claim}" placeholders, checked and split once at
// compile time and rendered for each allowed decision into the minified
// JSON that STS's AssumeRole takes as `Policy`.
//
// - Placeholders are allowed in string values only (a key holding '{' or
//   '}' is refused). "${...}" is IAM's own policy variable
//   (${aws:username}, ${*}) and is kept as written.
// - A placeholder's value is the claim's (a list claim's first element, as
//   for session names). It must be non-empty and hold only
//   [A-Za-z0-9_.@+=,-]: no '*', '?', '/', ':', '$', braces, quotes,
//   whitespace, control or non-ASCII characters, so a claim can neither
//   widen an ARN or a condition nor leave its JSON string. An absent claim,
//   or any other value, is a failed render.
// - The rendered policy is at most kMaxPolicyChars characters (STS's limit
//   on the plaintext of a session policy), else a failed render.
//
// Render() writes into a caller-owned string and allocates nothing once it
// has the capacity (the explanation of a failure is built only then).
// Immutable and thread-safe once built.
#ifndef ROLESEL_MATCHERS_POLICY_TEMPLATE_H_
#define ROLESEL_MATCHERS_POLICY_TEMPLATE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "nlohmann/json_fwd.hpp"
#include "rolesel/core/claims.h"
#include "rolesel/core/sts_limits.h"
#include "rolesel/matchers/session_template.h"

namespace rolesel {

class PolicyTemplate {
 public:
  static constexpr size_t kMaxPolicyChars = kMaxSessionPolicyChars;

  // Literal parts hold minified JSON text.
  using Part = TemplatePart;

  // Errors: not an object; `Version` missing or not "2012-10-17" or
  // "2008-10-17"; `Statement` missing or neither an object nor an array of
  // objects; a brace in a key; an empty "{}", an unbalanced brace, or a
  // placeholder naming a claim with a quote, a backslash or a control
  // character.
  static absl::StatusOr<PolicyTemplate> Parse(const nlohmann::json& policy);

  // Marks the placeholders naming list claims, so their first list element
  // is used.
  void UseListClaims(const absl::flat_hash_set<std::string>& list_claims);

  // Renders the policy into *out; false when it cannot be, with *why saying
  // which claim is absent or refused, or how long the policy came out.
  bool Render(const Claims& claims, std::string* out, std::string* why) const;

  // The characters of the policy without its placeholders: the least any
  // rendering can be.
  size_t literal_chars() const { return literal_chars_; }
  const std::vector<Part>& parts() const { return parts_; }

 private:
  std::vector<Part> parts_;
  size_t literal_chars_ = 0;
};

// Whether `value` may stand for a placeholder: 1 or more of
// [A-Za-z0-9_.@+=,-] (RoleSessionName's alphabet, IsSessionNameChar).
bool IsSafePolicyValue(std::string_view value);

}  // namespace rolesel

#endif  // ROLESEL_MATCHERS_POLICY_TEMPLATE_H_
