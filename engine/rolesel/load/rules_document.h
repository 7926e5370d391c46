// RulesDocument: a rules file after loading and validation, before indexing
// (spec section 3). Every value is already checked and its patterns, globs,
// regexes and templates compiled; positions are kept for tools.
//
// Plain data; produced by LoadRulesDocument(), consumed by CompiledRules.
#ifndef ROLESEL_LOAD_RULES_DOCUMENT_H_
#define ROLESEL_LOAD_RULES_DOCUMENT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rolesel/compile/arn.h"
#include "rolesel/compile/claim_matcher.h"
#include "rolesel/compile/path_pattern.h"
#include "rolesel/compile/session_template.h"
#include "rolesel/load/diagnostic.h"

namespace rolesel {

struct Condition {
  std::optional<std::vector<std::string>> groups;
  std::optional<std::vector<std::string>> all_groups;
  std::optional<std::vector<std::string>> not_groups;
  std::optional<std::vector<std::string>> users;
  std::optional<std::vector<PathPattern>> paths;
  std::optional<std::vector<std::string>> methods;  // "ANY"/"*" kept as written
  std::vector<ClaimMatcher> claims;

  bool IsUnconditional() const {
    return !groups && !all_groups && !not_groups && !users && !paths && !methods && claims.empty();
  }
};

struct RoleAction {
  enum class Kind { kLiteral, kPreferred, kFromToken };
  Kind kind = Kind::kLiteral;
  std::string arn;                             // kLiteral
  std::vector<ArnGlob> globs;                  // kFromToken
  SourceLocation location;                     // the role value
  std::vector<SourceLocation> glob_locations;  // kFromToken, one per glob
};

struct Entry {
  std::string id;
  std::string description;
  Condition condition;
  std::optional<RoleAction> role;  // rules only
  int index = 0;                   // position in its array
  SourceLocation location;         // the entry's opening brace
};

struct JwtSettings {
  std::string issuer;
  std::vector<std::string> client_ids;
  std::string token_use = "id";  // "id", "access" or "any"
  std::string jwks;              // path or URL; empty: {issuer}/.well-known/jwks.json
  int leeway_seconds = 60;
  SourceLocation jwks_location;  // of settings.jwt.jwks, else of settings.jwt
};

struct Settings {
  std::optional<std::vector<ArnGlob>> allowed_roles;
  std::vector<ArnGlob> deny_roles;
  std::optional<std::string> default_role;  // absent: "deny"
  SourceLocation default_location;
  bool require_role_in_token = false;
  SessionTemplate session_name;
  std::optional<SessionTemplate> source_identity;  // extension: STS SourceIdentity
  std::vector<std::pair<std::string, SessionTemplate>> session_tags;  // extension: STS Tags
  int duration_seconds = 3600;
  std::vector<std::string> list_claims;
  std::optional<JwtSettings> jwt;
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
