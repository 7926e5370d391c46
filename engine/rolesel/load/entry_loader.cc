#include "rolesel/load/entry_loader.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/internal/method_token.h"
#include "rolesel/load/did_you_mean.h"
#include "rolesel/load/document_loader.h"
#include "rolesel/matchers/arn.h"
#include "rolesel/matchers/claim_matcher.h"
#include "rolesel/matchers/path_pattern.h"

namespace rolesel {
namespace {

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == ':' || c == '-';
  });
}

}  // namespace

void EntryLoader::LoadEntries(const std::string& pointer, const Json& value, bool is_deny,
                              std::vector<Entry>* out) {
  if (!value.is_array()) {
    WrongType(pointer, value, "an array of entries");
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    std::string child = LocatedJson::Child(pointer, i);
    if (!value[i].is_object()) {
      WrongType(child, value[i], "an object");
      continue;
    }
    Entry entry;
    entry.index = static_cast<int>(i);
    entry.location = json().ValueLocation(child);
    LoadEntry(child, value[i], is_deny, &entry);
    out->push_back(std::move(entry));
  }
}

void EntryLoader::LoadEntry(const std::string& pointer, const Json& value, bool is_deny,
                            Entry* entry) {
  auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
  if (is_deny && Member(value, "role") != nullptr) {
    Error(at("role"), true, "a deny entry has no \"role\"; move it to \"rules\" or remove the role",
          "unknown-key");
  }
  // A deny entry's "role" was reported above with a clearer message. (Not
  // a copy of the entry without it: copying every entry was a fifteenth of
  // compiling.)
  CheckKeys(pointer, value, is_deny ? kDenyKeys : kRuleKeys, is_deny ? "a deny entry" : "a rule",
            is_deny ? "role" : "");
  const Json* id = Member(value, "id");
  if (id == nullptr) {
    Error(pointer, false, absl::StrCat(Describe(pointer), " is missing required key \"id\""),
          "missing-key");
  } else if (!id->is_string()) {
    WrongType(at("id"), *id, "a string");
  } else {
    entry->id = id->get<std::string>();
    if (!IsValidId(entry->id)) {
      Error(at("id"), false,
            absl::StrCat("bad id \"", entry->id, "\": 1 to 64 of letters, digits and _ . : -"),
            "bad-id");
    } else if (auto [it, inserted] = ids_.emplace(entry->id, at("id")); !inserted) {
      SourceLocation first = json().ValueLocation(it->second);
      Error(at("id"), false,
            absl::StrCat("duplicate id \"", entry->id, "\" (first used at line ", first.line,
                         ", column ", first.column, ")"),
            "duplicate-id");
    }
  }
  if (const Json* description = Member(value, "description")) {
    if (!description->is_string()) {
      WrongType(at("description"), *description, "a string");
    } else {
      entry->description = description->get<std::string>();
    }
  }
  LoadCondition(pointer, value, &entry->condition);
  if (!is_deny) {
    if (const Json* role = Member(value, "role")) {
      entry->role = LoadRole(at("role"), *role);
    } else {
      Error(pointer, false, absl::StrCat(Describe(pointer), " is missing required key \"role\""),
            "missing-key");
    }
    if (const Json* policy = Member(value, "session_policy")) {
      entry->has_session_policy = true;
      if (!policy->is_null())
        entry->session_policy = SessionPolicyValue(at("session_policy"), *policy);
    }
    if (const Json* arns = Member(value, "policy_arns")) {
      entry->policy_arns = PolicyArnArray(at("policy_arns"), *arns);
    }
  }
}

std::optional<std::vector<std::string>> EntryLoader::ConditionList(const std::string& pointer,
                                                                   const Json& value) {
  auto list = StringArray(pointer, value);
  if (list && list->empty()) {
    Warning(pointer, absl::StrCat(Describe(pointer), " is empty, so it never matches"),
            "empty-array");
  }
  return list;
}

void EntryLoader::LoadCondition(const std::string& pointer, const Json& value, Condition* c) {
  auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
  if (const Json* v = Member(value, "groups")) c->groups = ConditionList(at("groups"), *v);
  if (const Json* v = Member(value, "all_groups"))
    c->all_groups = StringArray(at("all_groups"), *v);
  if (const Json* v = Member(value, "not_groups"))
    c->not_groups = StringArray(at("not_groups"), *v);
  if (const Json* v = Member(value, "users")) c->users = ConditionList(at("users"), *v);
  if (const Json* v = Member(value, "methods")) {
    c->methods = ConditionList(at("methods"), *v);
    if (c->methods) {
      for (size_t i = 0; i < c->methods->size(); ++i) {
        const std::string& m = (*c->methods)[i];
        if (m == "*" || m == "ANY") continue;
        if (!internal::IsMethodToken(m)) {
          Error(LocatedJson::Child(at("methods"), i), false,
                absl::StrCat("bad method \"", m,
                             "\": an upper-case token such as GET, or \"ANY\" / \"*\""),
                "bad-method");
        } else {
          distinct_methods_.insert(m);
        }
      }
    }
  }
  if (const Json* v = Member(value, "path")) c->paths = LoadPaths(at("path"), *v, &c->parsed_paths);
  if (const Json* v = Member(value, "claims")) LoadClaims(at("claims"), *v, c);
}

// Path patterns, each validated by the matcher that compile builds.
std::optional<std::vector<std::string>> EntryLoader::LoadPaths(const std::string& pointer,
                                                               const Json& value,
                                                               std::vector<PathPattern>* parsed) {
  std::vector<std::pair<std::string, std::string>> texts;  // pointer, pattern
  if (value.is_string()) {
    texts.emplace_back(pointer, value.get<std::string>());
  } else if (value.is_array()) {
    if (value.empty()) {
      Warning(pointer, absl::StrCat(Describe(pointer), " is empty, so it never matches"),
              "empty-array");
    }
    for (size_t i = 0; i < value.size(); ++i) {
      std::string child = LocatedJson::Child(pointer, i);
      if (!value[i].is_string()) {
        WrongType(child, value[i], "a path pattern string");
        return std::nullopt;
      }
      texts.emplace_back(child, value[i].get<std::string>());
    }
  } else {
    WrongType(pointer, value, "a path pattern or an array of them");
    return std::nullopt;
  }
  std::vector<std::string> patterns;
  bool ok = true;
  for (auto& [where, text] : texts) {
    auto pattern = PathPattern::Parse(text);
    if (!pattern.ok()) {
      bool regex = text.rfind("re:", 0) == 0;
      Error(where, false, std::string(pattern.status().message()),
            regex ? "bad-regex" : "bad-path-pattern");
      ok = false;
    } else {
      patterns.push_back(std::move(text));
      parsed->push_back(*std::move(pattern));
    }
  }
  if (!ok) {
    parsed->clear();
    return std::nullopt;
  }
  return patterns;
}

void EntryLoader::LoadClaims(const std::string& pointer, const Json& value, Condition* c) {
  if (!value.is_object()) {
    WrongType(pointer, value, "an object of claim -> {operator: value}");
    return;
  }
  for (const auto& [claim, matcher] : value.items()) {
    std::string child = LocatedJson::Child(pointer, claim);
    if (claim.empty()) {
      Error(child, true, "a claim name must not be empty", "wrong-type");
      continue;
    }
    if (!matcher.is_object() || matcher.size() != 1) {
      Error(child, false,
            absl::StrCat("claim matcher for \"", claim,
                         "\" must be an object with exactly one operator (",
                         absl::StrJoin(ClaimMatcher::OperatorNames(), ", "), ")"),
            matcher.is_object() ? "bad-operator" : "wrong-type");
      continue;
    }
    // The object's own iterator: binding to *items().begin() would dangle
    // (it refers into a temporary iterator; found by AddressSanitizer).
    const auto only = matcher.begin();
    const std::string op = only.key();
    const Json& operand = only.value();
    auto created = ClaimMatcher::Create(claim, op, operand);
    if (!created.ok()) {
      bool known_op =
          std::find(ClaimMatcher::OperatorNames().begin(), ClaimMatcher::OperatorNames().end(),
                    op) != ClaimMatcher::OperatorNames().end();
      std::string message(created.status().message());
      std::string check = op == "regex" && operand.is_string() ? "bad-regex"
                          : known_op                           ? "wrong-type"
                                                               : "bad-operator";
      if (!known_op) {
        if (auto suggestion = ClosestMatch(op, ClaimMatcher::OperatorNames())) {
          message =
              absl::StrCat("unknown operator \"", op, "\"; did you mean \"", *suggestion, "\"?");
        }
      }
      // An unknown operator is pointed at by its key, a bad operand by its value.
      Error(LocatedJson::Child(child, op), !known_op, std::move(message), std::move(check));
      continue;
    }
    c->claims.push_back({claim, op, operand, *std::move(created)});
  }
}

std::optional<RoleAction> EntryLoader::LoadRole(const std::string& pointer, const Json& value) {
  RoleAction role;
  role.location = json().ValueLocation(pointer);
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text == "preferred") {
      role.kind = RoleAction::Kind::kPreferred;
      return role;
    }
    std::string why;
    if (!IsWellFormedRoleArn(text, &why)) {
      Error(pointer, false,
            absl::StrCat("bad role \"", text, "\": ", why,
                         " (a role is an IAM role ARN, \"preferred\" or "
                         "{\"from_token\": [globs]})"),
            "bad-arn");
      return std::nullopt;
    }
    role.kind = RoleAction::Kind::kLiteral;
    role.arn = text;
    return role;
  }
  if (value.is_object()) {
    CheckKeys(pointer, value, {"from_token", "requested"}, "a role action");
    const bool requested = value.contains("requested");
    if (requested && value.contains("from_token")) {
      Error(pointer, false, "a role object has one of \"from_token\" and \"requested\", not both",
            "wrong-type");
      return std::nullopt;
    }
    if (!requested && !value.contains("from_token")) {
      if (!value.empty()) return std::nullopt;  // the unknown key says it all
      Error(pointer, false,
            "a role object must be {\"from_token\": [ARN globs]} or {\"requested\": [ARN globs]}",
            "missing-key");
      return std::nullopt;
    }
    const char* key = requested ? "requested" : "from_token";
    std::string child = LocatedJson::Child(pointer, key);
    auto globs = GlobArray(child, value[key]);
    if (!globs) return std::nullopt;
    if (globs->empty()) {
      Warning(child, absl::StrCat(key, " is empty, so this rule never selects a role"),
              "empty-array");
    }
    role.kind = requested ? RoleAction::Kind::kRequested : RoleAction::Kind::kFromToken;
    role.globs = *std::move(globs);
    for (size_t i = 0; i < role.globs.size(); ++i) {
      role.glob_locations.push_back(json().ValueLocation(LocatedJson::Child(child, i)));
    }
    return role;
  }
  WrongType(pointer, value,
            "a role ARN, \"preferred\", {\"from_token\": [ARN globs]} or {\"requested\": [ARN "
            "globs]}");
  return std::nullopt;
}

}  // namespace rolesel
