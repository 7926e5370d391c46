// RulesDocument: a rules file after loading and validation, before
// compilation (spec section 3). Every value is already checked (patterns,
// globs, regexes and templates parse); they are kept as written, with their
// positions for tools. Building matchers from them is the compile stage's
// job (rolesel/compile/), which reads a document and never changes it.
//
// Plain data; produced by LoadRulesDocument(), consumed by CompiledRules
// and lint.
#ifndef ROLESEL_LOAD_RULES_DOCUMENT_H_
#define ROLESEL_LOAD_RULES_DOCUMENT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolesel/load/diagnostic.h"
#include "rolesel/matchers/claim_matcher.h"
#include "rolesel/matchers/path_pattern.h"

namespace rolesel {

// One `claims` condition as written: claim -> {op: operand}.
struct ClaimCondition {
  std::string claim;
  std::string op;          // a known operator (ClaimMatcher::OperatorNames())
  nlohmann::json operand;  // of the type the operator takes
  // The matcher the loader created to check it (a regex compiled), re-used
  // by compiling; absent when the document was built some other way.
  std::optional<ClaimMatcher> matcher;
};

struct Condition {
  std::optional<std::vector<std::string>> groups;
  std::optional<std::vector<std::string>> all_groups;
  std::optional<std::vector<std::string>> not_groups;
  std::optional<std::vector<std::string>> users;
  std::optional<std::vector<std::string>> paths;  // path patterns
  // `paths` as the loader parsed them to check them (regexes compiled), so
  // that compiling does not parse and compile them again; empty when the
  // document was built some other way.
  std::vector<PathPattern> parsed_paths;
  std::optional<std::vector<std::string>> methods;  // "ANY"/"*" kept as written
  std::vector<ClaimCondition> claims;

  bool IsUnconditional() const {
    return !groups && !all_groups && !not_groups && !users && !paths && !methods && claims.empty();
  }
};

struct RoleAction {
  // kRequested: the role the request names (its requested-role header, or
  // the direct object's "requested_role"), when the token's cognito:roles
  // holds it and it matches a glob.
  enum class Kind { kLiteral, kPreferred, kFromToken, kRequested };
  Kind kind = Kind::kLiteral;
  std::string arn;                             // kLiteral
  std::vector<std::string> globs;              // kFromToken, kRequested: ARN globs
  SourceLocation location;                     // the role value
  std::vector<SourceLocation> glob_locations;  // kFromToken, kRequested: one per glob
};

// A session policy as written (an IAM policy document whose string values
// may hold "{claim}" placeholders; rolesel/matchers/policy_template.h).
struct SessionPolicy {
  nlohmann::json document;
  SourceLocation location;
};

struct Entry {
  std::string id;
  std::string description;
  Condition condition;
  std::optional<RoleAction> role;  // rules only
  // Rules only; each replaces the settings' when given. A session_policy of
  // null is "none" (has_session_policy set, session_policy empty).
  bool has_session_policy = false;
  std::optional<SessionPolicy> session_policy;
  std::optional<std::vector<std::string>> policy_arns;
  int index = 0;            // position in its array
  SourceLocation location;  // the entry's opening brace
};

struct JwtSettings {
  std::string issuer;
  std::vector<std::string> client_ids;
  std::string token_use = "id";  // "id", "access" or "any"
  std::string jwks;              // path or URL; empty: {issuer}/.well-known/jwks.json
  int leeway_seconds = 60;
  bool cache_verified_tokens = true;  // TokenVerifier::VerifyToken remembers accepted tokens
  SourceLocation jwks_location;       // of settings.jwt.jwks, else of settings.jwt
};

struct Settings {
  std::optional<std::vector<std::string>> allowed_roles;  // ARN globs
  std::vector<std::string> deny_roles;                    // ARN globs
  std::optional<std::string> default_role;                // absent: "deny"
  SourceLocation default_location;
  bool require_role_in_token = false;
  // Templates (rolesel/matchers/session_template.h).
  std::string session_name = "{cognito:username}";
  std::optional<std::string> source_identity;                     // extension: STS SourceIdentity
  std::vector<std::pair<std::string, std::string>> session_tags;  // extension: STS Tags
  int duration_seconds = 3600;
  std::vector<std::string> list_claims;
  std::optional<JwtSettings> jwt;
  // Extensions: what narrows the credentials (each rule may replace them).
  std::optional<SessionPolicy> session_policy;
  std::vector<std::string> policy_arns;          // managed policy ARNs, at most 10
  std::vector<std::string> transitive_tag_keys;  // keys of session_tags
  std::string requested_role_header = "X-Rolesel-Role";
  // The claims a decision log shows (rolesel/lambda/decision_log.h).
  std::vector<std::string> log_claims;
};

struct RulesDocument {
  Settings settings;
  std::vector<Entry> deny;
  std::vector<Entry> rules;
  std::string source_name;  // file name for messages ("<string>" when none)
  std::string base_dir;     // for paths relative to the rules file
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_RULES_DOCUMENT_H_
