#include "rolesel/load/document_loader.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/load/entry_loader.h"
#include "rolesel/load/json_checks.h"
#include "rolesel/load/located_json.h"
#include "rolesel/load/settings_loader.h"

namespace rolesel {
const std::vector<std::string> kTopKeys = {"version", "settings", "deny",
                                           "rules",   "$schema",  "description"};
const std::vector<std::string> kSettingsKeys = {"allowed_roles",
                                                "deny_roles",
                                                "default",
                                                "require_role_in_token",
                                                "session_name",
                                                "duration_seconds",
                                                "list_claims",
                                                "jwt",
                                                "source_identity",
                                                "session_tags",
                                                "session_policy",
                                                "policy_arns",
                                                "transitive_tag_keys",
                                                "requested_role_header",
                                                "log_claims"};
const std::vector<std::string> kJwtKeys = {"issuer", "client_ids",     "token_use",
                                           "jwks",   "leeway_seconds", "cache_verified_tokens"};
const std::vector<std::string> kDenyKeys = {"id",         "description", "groups",
                                            "all_groups", "not_groups",  "users",
                                            "path",       "methods",     "claims"};
const std::vector<std::string> kRuleKeys = {
    "id",   "description", "groups", "all_groups", "not_groups",     "users",
    "path", "methods",     "claims", "role",       "session_policy", "policy_arns"};

namespace {

// The top level: version, then settings, deny and rules.
RulesDocument LoadDocument(const LocatedJson& json, std::vector<Diagnostic>* diagnostics) {
  JsonChecks checks(json, diagnostics);
  SettingsLoader settings(json, diagnostics);
  EntryLoader entries(json, diagnostics);
  RulesDocument doc;
  const nlohmann::json& root = json.root();
  if (!root.is_object()) {
    checks.Error("", false, absl::StrCat("a rules file is a JSON object, got ", TypeName(root)),
                 "wrong-type");
    return doc;
  }
  checks.CheckKeys("", root, kTopKeys, "the rules file");
  if (!root.contains("version")) {
    checks.Error("", false, "missing required key \"version\" (must be 1)", "missing-key");
  } else {
    const nlohmann::json& version = root["version"];
    if (!version.is_number_integer() || version.get<int64_t>() != 1) {
      checks.Error("/version", false,
                   absl::StrCat("unsupported version ", internal::JsonText(version), "; must be 1"),
                   "bad-version");
    }
  }
  if (root.contains("$schema") && !root["$schema"].is_string()) {
    checks.WrongType("/$schema", root["$schema"], "a string");
  }
  if (root.contains("description") && !root["description"].is_string()) {
    checks.WrongType("/description", root["description"], "a string");
  }
  if (root.contains("settings"))
    settings.LoadSettings("/settings", root["settings"], &doc.settings);
  if (root.contains("deny"))
    entries.LoadEntries("/deny", root["deny"], /*is_deny=*/true, &doc.deny);
  if (root.contains("rules")) {
    entries.LoadEntries("/rules", root["rules"], /*is_deny=*/false, &doc.rules);
  }
  if (doc.deny.size() + doc.rules.size() > kMaxEntries) {
    checks.Error("", false,
                 absl::StrCat("too many entries (", doc.deny.size() + doc.rules.size(),
                              "); at most ", kMaxEntries),
                 "too-large");
  }
  if (entries.distinct_methods() > kMaxDistinctMethods) {
    checks.Error("", false,
                 absl::StrCat("too many distinct methods (", entries.distinct_methods(),
                              "); at most ", kMaxDistinctMethods),
                 "too-large");
  }
  return doc;
}

}  // namespace

LoadResult LoadRulesDocument(std::string_view text, std::string_view source_name,
                             std::string_view base_dir) {
  LoadResult result;
  if (text.size() > kMaxRulesFileBytes) {
    Diagnostic d;
    d.message =
        absl::StrCat("the rules file is ", text.size(), " bytes; at most ", kMaxRulesFileBytes);
    d.check = "too-large";
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  LocatedJson json;
  Diagnostic syntax;
  if (!LocatedJson::Parse(text, &json, &syntax)) {
    result.diagnostics.push_back(std::move(syntax));
    return result;
  }
  // A key twice in one object (`"path": "/admin/**", "path": "/x"` would
  // silently narrow a deny entry): an error at the second, naming the first.
  for (const LocatedJson::DuplicateKey& duplicate : json.duplicate_keys()) {
    result.diagnostics.push_back(duplicate.diagnostic);
  }
  RulesDocument doc = LoadDocument(json, &result.diagnostics);
  SortByPosition(&result.diagnostics);
  if (!HasErrors(result.diagnostics)) {
    doc.source_name = std::string(source_name);
    doc.base_dir = std::string(base_dir);
    result.document = std::move(doc);
  }
  return result;
}

}  // namespace rolesel
