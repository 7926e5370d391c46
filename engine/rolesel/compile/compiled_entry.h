// CompiledEntry: one deny entry or rule after compilation, with the matchers
// built from what the document holds as written; CompiledSettings: the
// settings likewise; RoleCheck: the role checks' outcome. Owned by
// CompiledRules; an entry points into the RulesDocument CompiledRules owns
// (for its id, index and role action).
#ifndef ROLESEL_COMPILE_COMPILED_ENTRY_H_
#define ROLESEL_COMPILE_COMPILED_ENTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rolesel/load/rules_document.h"
#include "rolesel/matchers/arn.h"
#include "rolesel/matchers/claim_matcher.h"
#include "rolesel/matchers/path_pattern.h"
#include "rolesel/matchers/policy_template.h"
#include "rolesel/matchers/session_template.h"

namespace rolesel {

struct CompiledCondition {
  // Sorted interned ids; `has_*` says whether the key was present.
  bool has_groups = false, has_all_groups = false, has_not_groups = false, has_users = false,
       has_paths = false, has_methods = false;
  std::vector<int> groups, all_groups, not_groups, users;
  std::vector<PathPattern> paths;
  uint64_t method_mask = 0;  // bit per interned method
  bool any_method = false;   // "ANY" or "*" listed
  struct Claim {
    ClaimMatcher matcher;
    bool as_list;  // the claim is a list claim: read its list view
  };
  std::vector<Claim> claims;
};

// The outcome of spec section 2 step 5 (the checks on a selected role).
struct RoleCheck {
  enum class Outcome { kAllowed, kMalformed, kNotAllowed, kDenied };
  Outcome outcome = Outcome::kAllowed;
  const ArnGlob* denied_by = nullptr;  // kDenied: the deny_roles pattern
  std::string why;                     // kMalformed: what is wrong
};

// The settings with their globs and templates built; the templates know
// which claims are list claims.
struct CompiledSettings {
  std::optional<std::vector<ArnGlob>> allowed_roles;
  std::vector<ArnGlob> deny_roles;
  std::optional<std::string> default_role;  // absent: "deny"
  bool require_role_in_token = false;
  SessionTemplate session_name;
  std::optional<SessionTemplate> source_identity;
  std::vector<std::pair<std::string, SessionTemplate>> session_tags;
  std::vector<std::string> transitive_tag_keys;
  int duration_seconds = 3600;
};

// What narrows an allow's credentials beyond its role: the session policy
// (null: none) and the managed policy ARNs (never null). A rule's own
// replace the settings'. Both point into storage CompiledRules owns.
struct Narrowing {
  const PolicyTemplate* session_policy = nullptr;
  const std::vector<std::string>* policy_arns = nullptr;
};

// Runs the role checks of `settings` on `role`.
RoleCheck CheckRole(const CompiledSettings& settings, std::string_view role, bool explain);

struct CompiledEntry {
  const Entry* source = nullptr;  // id, description, index, role action
  CompiledCondition condition;
  // For a rule with a literal role: the role checks, done once at compile
  // time since neither the role nor the settings change.
  RoleCheck literal_role_check;
  // For a rule with a from_token or requested role: its globs.
  std::vector<ArnGlob> role_globs;
  Narrowing narrowing;
};

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_COMPILED_ENTRY_H_
