// LintRules: every finding about a rules file, for `rolesel lint`.
//
// Loading reports syntax, key, type and value errors (see document_loader.h).
// When the file loads, these semantic checks follow, each with a stable id:
//   role-not-allowed  (error)   a literal role (rule or default) that no
//                               settings.allowed_roles pattern admits
//   role-denied       (error)   a literal role a settings.deny_roles pattern
//                               denies
//   from-token-never-allowed (warning) a from_token glob that no string
//                               matching an allowed_roles pattern can match
//   unreachable       (warning) an entry an earlier entry (or, for a rule, a
//                               deny entry) always matches first
//   unreachable-not-checked (warning) the entry from which reachability was
//                               not checked: the check compares every pair
//                               of entries, and stops after 10,000,000
//   deny-all          (warning) a deny entry without conditions
//   jwks              (error)   settings.jwt.jwks names a file that cannot be
//                               read or is not a JWKS (URLs are not fetched)
//   jwks-key-skipped  (warning) a key of that file the verifier skips
//                               (malformed, not RSA, a kid twice), or none left
// Findings are sorted by position. Never throws.
#ifndef ROLESEL_LINT_LINTER_H_
#define ROLESEL_LINT_LINTER_H_

#include <string>
#include <string_view>
#include <vector>

#include "rolesel/compile/compiled_entry.h"
#include "rolesel/load/diagnostic.h"
#include "rolesel/matchers/path_pattern.h"

namespace rolesel {

std::vector<Diagnostic> LintRules(std::string_view text, std::string_view source_name,
                                  std::string_view base_dir);

// Every check id lint can report, with a one-line description.
struct LintCheck {
  std::string id;
  std::string description;
};
const std::vector<LintCheck>& LintChecks();

// Whether some string matches both globs ('*' any run, '?' one character).
bool GlobsIntersect(std::string_view a, std::string_view b);

// Whether some role ARN matches both globs. A role ARN's first five fields
// (arn, partition, service, region, account) hold no ':', so when both globs
// spell out those fields they are compared field by field; a '*' in one
// field cannot reach into the next. (A role path holding ':' is ignored.)
bool GlobsCanMatchSameRole(std::string_view a, std::string_view b);

// Whether every path `narrow` matches is also matched by `broad` (decided on
// the patterns' segments; a regex covers only an identical regex).
bool PathPatternCovers(const PathPattern& broad, const PathPattern& narrow);

// Whether every request matching `narrow` also matches `broad`. Sound, not
// complete: false when it cannot be shown. Both conditions come from one
// CompiledRules (their group and method ids are its).
bool ConditionCovers(const CompiledCondition& broad, const CompiledCondition& narrow);

}  // namespace rolesel

#endif  // ROLESEL_LINT_LINTER_H_
