// SessionTemplate: the `settings.session_name` template (spec section 6).
//
// "{claim}" is replaced by the claim's value (the first element of a list).
// The result is made a valid STS RoleSessionName ([\w+=,.@-]{2,64}): every
// other character (a UTF-8 sequence counts as one) becomes '-', and it is cut
// to 64 characters. A result shorter than 2 characters, or a template naming
// an absent claim, falls back to "{sub}", then to "rolesel".
//
// Rendering writes into a caller-owned string (no allocation once it has
// capacity). Immutable and thread-safe once built.
#ifndef ROLESEL_MATCHERS_SESSION_TEMPLATE_H_
#define ROLESEL_MATCHERS_SESSION_TEMPLATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "rolesel/core/claims.h"

namespace rolesel {

// One piece of a template (this one, and the session policy's,
// policy_template.h): literal text, or a claim to put in.
struct TemplatePart {
  bool is_claim = false;
  std::string text;      // literal text, or the claim's name
  bool as_list = false;  // read the claim's list view (a list claim)
  int well_known = -1;   // a WellKnownClaim, read from its fixed slot
};

// A claim part for `name`, reading a well-known claim from its slot.
TemplatePart ClaimPart(std::string_view name);
// Marks the claim parts naming list claims.
void UseListClaims(const absl::flat_hash_set<std::string>& list_claims,
                   std::vector<TemplatePart>* parts);
// The first value of the part's claim (of its list, for a list claim);
// null when the claim is absent or has none.
const std::string* FirstClaimValue(const Claims& claims, const TemplatePart& part);

class SessionTemplate {
 public:
  using Part = TemplatePart;

  // Errors: empty template, unbalanced braces, empty "{}".
  static absl::StatusOr<SessionTemplate> Parse(std::string_view text);

  // Marks the parts naming list claims, so their first list element is used.
  void UseListClaims(const absl::flat_hash_set<std::string>& list_claims);

  void Render(const Claims& claims, std::string* out) const;
  // The expansion as it is, without sanitizing or fallbacks; false when a
  // named claim is absent (for source_identity and session tags).
  bool RenderExact(const Claims& claims, std::string* out) const;

  const std::vector<Part>& parts() const { return parts_; }
  const std::string& text() const { return text_; }

 private:
  // Appends the template's expansion; false when a named claim is absent.
  bool Expand(const Claims& claims, std::string* out) const;

  std::string text_;
  std::vector<Part> parts_;
  bool sub_as_list_ = false;
};

// Whether `c` is in RoleSessionName's alphabet, [A-Za-z0-9_+=,.@-]: the
// alphabet of session names, source identities, session policy values and
// IAM role names.
bool IsSessionNameChar(unsigned char c);

// Rewrites `name` in place into RoleSessionName's alphabet and length
// (SourceIdentity has the same rules).
void SanitizeSessionName(std::string* name);
// Rewrites a session tag value into STS's tag alphabet (letters, digits,
// spaces, _.:/=+-@; anything else, a UTF-8 sequence counting once, becomes
// '-'). Its length is left as it is: a value over STS's 256 characters is
// refused by the evaluator, never cut.
void SanitizeTagValue(std::string* value);

}  // namespace rolesel

#endif  // ROLESEL_MATCHERS_SESSION_TEMPLATE_H_
