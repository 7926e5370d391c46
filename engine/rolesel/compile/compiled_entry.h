// CompiledEntry: one deny entry or rule after compilation, and the role
// checks' outcome type. Plain data owned by CompiledRules; it points into the
// RulesDocument that CompiledRules owns.
#ifndef ROLESEL_COMPILE_COMPILED_ENTRY_H_
#define ROLESEL_COMPILE_COMPILED_ENTRY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rolesel/load/rules_document.h"

namespace rolesel {

struct CompiledCondition {
  // Sorted interned ids; `has_*` says whether the key was present.
  bool has_groups = false, has_all_groups = false, has_not_groups = false, has_users = false,
       has_paths = false, has_methods = false;
  std::vector<int> groups, all_groups, not_groups, users;
  const std::vector<PathPattern>* paths = nullptr;  // points into the document
  uint64_t method_mask = 0;                         // bit per interned method
  bool any_method = false;                          // "ANY" or "*" listed
  struct Claim {
    const ClaimMatcher* matcher;
    bool as_list;
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

// Runs the role checks of `settings` on `role`.
RoleCheck CheckRole(const Settings& settings, std::string_view role, bool explain);

struct CompiledEntry {
  const Entry* source = nullptr;  // id, description, index, role action
  CompiledCondition condition;
  // For a rule with a literal role: the role checks, done once at compile
  // time since neither the role nor the settings change.
  RoleCheck literal_role_check;
};

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_COMPILED_ENTRY_H_
