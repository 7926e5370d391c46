#include "rolesel/load/document_loader.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/load/located_json.h"
#include "rolesel/matchers/arn.h"
#include "rolesel/matchers/claim_matcher.h"
#include "rolesel/matchers/path_pattern.h"
#include "rolesel/matchers/session_template.h"

namespace rolesel {
namespace {

using Json = nlohmann::json;

}  // namespace

const std::vector<std::string> kTopKeys = {"version", "settings", "deny",
                                           "rules",   "$schema",  "description"};
const std::vector<std::string> kSettingsKeys = {
    "allowed_roles",    "deny_roles",  "default", "require_role_in_token", "session_name",
    "duration_seconds", "list_claims", "jwt",     "source_identity",       "session_tags"};
const std::vector<std::string> kJwtKeys = {"issuer", "client_ids", "token_use", "jwks",
                                           "leeway_seconds"};
const std::vector<std::string> kDenyKeys = {"id",         "description", "groups",
                                            "all_groups", "not_groups",  "users",
                                            "path",       "methods",     "claims"};
const std::vector<std::string> kRuleKeys = {"id",         "description", "groups", "all_groups",
                                            "not_groups", "users",       "path",   "methods",
                                            "claims",     "role"};

namespace {

constexpr int kMinDuration = 900;
constexpr int kMaxDuration = 43200;

std::string TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::binary:
      return "binary data";
    default:
      return "a number";
  }
}

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == ':' || c == '-';
  });
}

bool IsMethodToken(const std::string& m) {
  return !m.empty() && std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

class Loader {
 public:
  Loader(const LocatedJson& json, std::vector<Diagnostic>* diagnostics)
      : json_(json), diagnostics_(diagnostics) {}

  RulesDocument Load() {
    RulesDocument doc;
    const Json& root = json_.root();
    if (!root.is_object()) {
      Error("", false, absl::StrCat("a rules file is a JSON object, got ", TypeName(root)),
            "wrong-type");
      return doc;
    }
    CheckKeys("", root, kTopKeys, "the rules file");
    if (!root.contains("version")) {
      Error("", false, "missing required key \"version\" (must be 1)", "missing-key");
    } else {
      const Json& version = root["version"];
      if (!version.is_number_integer() || version.get<int64_t>() != 1) {
        Error("/version", false,
              absl::StrCat("unsupported version ", internal::JsonText(version), "; must be 1"),
              "bad-version");
      }
    }
    if (root.contains("$schema") && !root["$schema"].is_string()) {
      WrongType("/$schema", root["$schema"], "a string");
    }
    if (root.contains("description") && !root["description"].is_string()) {
      WrongType("/description", root["description"], "a string");
    }
    if (root.contains("settings")) LoadSettings("/settings", root["settings"], &doc.settings);
    if (root.contains("deny")) LoadEntries("/deny", root["deny"], /*is_deny=*/true, &doc.deny);
    if (root.contains("rules")) {
      LoadEntries("/rules", root["rules"], /*is_deny=*/false, &doc.rules);
    }
    if (doc.deny.size() + doc.rules.size() > kMaxEntries) {
      Error("", false,
            absl::StrCat("too many entries (", doc.deny.size() + doc.rules.size(), "); at most ",
                         kMaxEntries),
            "too-large");
    }
    if (distinct_methods_.size() > kMaxDistinctMethods) {
      Error("", false,
            absl::StrCat("too many distinct methods (", distinct_methods_.size(), "); at most ",
                         kMaxDistinctMethods),
            "too-large");
    }
    return doc;
  }

 private:
  void Report(const std::string& pointer, bool at_key, std::string message, std::string check,
              Diagnostic::Severity severity) {
    Diagnostic d;
    d.location = at_key ? json_.KeyLocation(pointer) : json_.ValueLocation(pointer);
    d.severity = severity;
    d.message = std::move(message);
    d.check = std::move(check);
    diagnostics_->push_back(std::move(d));
  }
  void Error(const std::string& pointer, bool at_key, std::string message, std::string check) {
    Report(pointer, at_key, std::move(message), std::move(check), Diagnostic::Severity::kError);
  }
  void Warning(const std::string& pointer, std::string message, std::string check) {
    Report(pointer, false, std::move(message), std::move(check), Diagnostic::Severity::kWarning);
  }
  void WrongType(const std::string& pointer, const Json& value, std::string_view expected) {
    Error(pointer, false,
          absl::StrCat(Describe(pointer), " must be ", internal::Absl(expected), ", got ",
                       TypeName(value)),
          "wrong-type");
  }
  // "settings.duration_seconds", "rules[2].methods" for messages.
  static std::string Describe(const std::string& pointer) {
    std::string out;
    size_t at = 1;
    while (at <= pointer.size() && !pointer.empty()) {
      size_t next = pointer.find('/', at);
      std::string token =
          pointer.substr(at, next == std::string::npos ? std::string::npos : next - at);
      bool index = !token.empty() && std::all_of(token.begin(), token.end(), ::isdigit);
      if (index) {
        absl::StrAppend(&out, "[", token, "]");
      } else {
        absl::StrAppend(&out, out.empty() ? "" : ".", token);
      }
      if (next == std::string::npos) break;
      at = next + 1;
    }
    return out.empty() ? "the document" : out;
  }

  void CheckKeys(const std::string& pointer, const Json& object,
                 const std::vector<std::string>& known, std::string_view where) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string message = absl::StrCat("unknown key \"", key, "\" in ", internal::Absl(where));
      if (auto suggestion = ClosestMatch(key, known)) {
        absl::StrAppend(&message, "; did you mean \"", *suggestion, "\"?");
      } else {
        absl::StrAppend(&message, " (known keys: ", absl::StrJoin(known, ", "), ")");
      }
      Error(LocatedJson::Child(pointer, key), true, std::move(message), "unknown-key");
    }
  }

  // An array of non-empty strings; nullopt (after reporting) when malformed.
  std::optional<std::vector<std::string>> StringArray(const std::string& pointer,
                                                      const Json& value) {
    if (!value.is_array()) {
      WrongType(pointer, value, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (size_t i = 0; i < value.size(); ++i) {
      std::string child = LocatedJson::Child(pointer, i);
      if (!value[i].is_string()) {
        WrongType(child, value[i], "a string");
        ok = false;
      } else if (value[i].get_ref<const std::string&>().empty()) {
        Error(child, false, absl::StrCat(Describe(child), " must not be empty"), "wrong-type");
        ok = false;
      } else {
        out.push_back(value[i].get<std::string>());
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // An array of ARN globs, each validated by the matcher that compile builds.
  std::optional<std::vector<std::string>> GlobArray(const std::string& pointer, const Json& value) {
    auto strings = StringArray(pointer, value);
    if (!strings) return std::nullopt;
    bool ok = true;
    for (size_t i = 0; i < strings->size(); ++i) {
      auto glob = ArnGlob::Create((*strings)[i]);
      if (!glob.ok()) {
        Error(LocatedJson::Child(pointer, i), false, std::string(glob.status().message()),
              "bad-glob");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return strings;
  }

  void LoadSettings(const std::string& pointer, const Json& value, Settings* settings) {
    if (!value.is_object()) {
      WrongType(pointer, value, "an object");
      return;
    }
    CheckKeys(pointer, value, kSettingsKeys, "settings");
    auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
    if (value.contains("allowed_roles")) {
      settings->allowed_roles = GlobArray(at("allowed_roles"), value["allowed_roles"]);
      if (settings->allowed_roles && settings->allowed_roles->empty()) {
        Warning(at("allowed_roles"),
                "settings.allowed_roles is empty: no role is allowed, every request is denied",
                "empty-array");
      }
    }
    if (value.contains("deny_roles")) {
      if (auto globs = GlobArray(at("deny_roles"), value["deny_roles"])) {
        settings->deny_roles = *std::move(globs);
      }
    }
    if (value.contains("default")) {
      const Json& def = value["default"];
      if (!def.is_string()) {
        WrongType(at("default"), def, "\"deny\" or a role ARN");
      } else if (def.get_ref<const std::string&>() != "deny") {
        std::string why;
        if (!IsWellFormedRoleArn(def.get<std::string>(), &why)) {
          Error(at("default"), false,
                absl::StrCat("settings.default must be \"deny\" or a role ARN: ", why), "bad-arn");
        } else {
          settings->default_role = def.get<std::string>();
          settings->default_location = json_.ValueLocation(at("default"));
        }
      }
    }
    if (value.contains("require_role_in_token")) {
      const Json& v = value["require_role_in_token"];
      if (!v.is_boolean()) {
        WrongType(at("require_role_in_token"), v, "true or false");
      } else {
        settings->require_role_in_token = v.get<bool>();
      }
    }
    std::string session_name = "{cognito:username}";
    if (value.contains("session_name")) {
      const Json& v = value["session_name"];
      if (!v.is_string()) {
        WrongType(at("session_name"), v, "a string template");
      } else {
        session_name = v.get<std::string>();
      }
    }
    auto parsed = SessionTemplate::Parse(session_name);
    if (!parsed.ok()) {
      Error(at("session_name"), false, std::string(parsed.status().message()), "bad-session-name");
    } else {
      settings->session_name = std::move(session_name);
    }
    if (value.contains("source_identity")) {
      const Json& v = value["source_identity"];
      if (!v.is_string()) {
        WrongType(at("source_identity"), v, "a string template");
      } else if (auto parsed = SessionTemplate::Parse(v.get<std::string>()); !parsed.ok()) {
        Error(at("source_identity"), false,
              absl::StrCat("source_identity: ", parsed.status().message()), "bad-session-name");
      } else {
        settings->source_identity = v.get<std::string>();
      }
    }
    if (value.contains("session_tags"))
      LoadSessionTags(at("session_tags"), value["session_tags"], settings);
    if (value.contains("duration_seconds")) {
      const Json& v = value["duration_seconds"];
      if (!v.is_number_integer()) {
        WrongType(at("duration_seconds"), v, "an integer");
      } else if (v.get<int64_t>() < kMinDuration || v.get<int64_t>() > kMaxDuration) {
        Error(at("duration_seconds"), false,
              absl::StrCat("settings.duration_seconds is ", internal::JsonText(v), "; must be ",
                           kMinDuration, "..", kMaxDuration),
              "bad-duration");
      } else {
        settings->duration_seconds = static_cast<int>(v.get<int64_t>());
      }
    }
    if (value.contains("list_claims")) {
      if (auto names = StringArray(at("list_claims"), value["list_claims"])) {
        settings->list_claims = *std::move(names);
      }
    }
    if (value.contains("jwt")) LoadJwt(at("jwt"), value["jwt"], settings);
  }

  // STS session tags: at most 50; keys 1..128 of letters, digits, spaces and
  // _.:/=+-@, not starting with "aws:"; values are templates.
  void LoadSessionTags(const std::string& pointer, const Json& value, Settings* settings) {
    if (!value.is_object()) {
      WrongType(pointer, value, "an object of tag key -> template");
      return;
    }
    if (value.size() > 50) {
      Error(pointer, false, "settings.session_tags has more than 50 tags (STS's limit)",
            "bad-session-tag");
    }
    for (const auto& [key, templ] : value.items()) {
      std::string child = LocatedJson::Child(pointer, key);
      bool key_ok = !key.empty() && key.size() <= 128 && key.rfind("aws:", 0) != 0 &&
                    std::all_of(key.begin(), key.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) ||
                             std::string_view("_.:/=+-@ ").find(c) != std::string_view::npos;
                    });
      if (!key_ok) {
        Error(child, true,
              absl::StrCat("bad session tag key \"", key,
                           "\": 1 to 128 of letters, digits, spaces and _.:/=+-@, not aws:"),
              "bad-session-tag");
        continue;
      }
      if (!templ.is_string()) {
        WrongType(child, templ, "a string template");
        continue;
      }
      auto parsed = SessionTemplate::Parse(templ.get<std::string>());
      if (!parsed.ok()) {
        Error(child, false, absl::StrCat("session tag \"", key, "\": ", parsed.status().message()),
              "bad-session-tag");
        continue;
      }
      settings->session_tags.emplace_back(key, templ.get<std::string>());
    }
  }

  void LoadJwt(const std::string& pointer, const Json& value, Settings* settings) {
    if (!value.is_object()) {
      WrongType(pointer, value, "an object");
      return;
    }
    CheckKeys(pointer, value, kJwtKeys, "settings.jwt");
    JwtSettings jwt;
    bool ok = true;
    auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
    jwt.jwks_location = json_.ValueLocation(value.contains("jwks") ? at("jwks") : pointer);
    if (!value.contains("issuer")) {
      Error(pointer, false, "settings.jwt is missing \"issuer\"", "jwt-incomplete");
      ok = false;
    } else if (!value["issuer"].is_string()) {
      WrongType(at("issuer"), value["issuer"], "a string");
      ok = false;
    } else {
      jwt.issuer = value["issuer"].get<std::string>();
      if (jwt.issuer.rfind("https://", 0) != 0) {
        Error(at("issuer"), false, "settings.jwt.issuer must be an https:// URL", "jwt-incomplete");
        ok = false;
      }
    }
    if (!value.contains("client_ids")) {
      Error(pointer, false, "settings.jwt is missing \"client_ids\"", "jwt-incomplete");
      ok = false;
    } else if (auto ids = StringArray(at("client_ids"), value["client_ids"])) {
      if (ids->empty()) {
        Error(at("client_ids"), false, "settings.jwt.client_ids must not be empty",
              "jwt-incomplete");
        ok = false;
      }
      jwt.client_ids = *std::move(ids);
    } else {
      ok = false;
    }
    if (value.contains("token_use")) {
      const Json& v = value["token_use"];
      if (!v.is_string() || (v != "id" && v != "access" && v != "any")) {
        Error(at("token_use"), false,
              "settings.jwt.token_use must be \"id\", \"access\" or \"any\"", "wrong-type");
        ok = false;
      } else {
        jwt.token_use = v.get<std::string>();
      }
    }
    if (value.contains("jwks")) {
      if (!value["jwks"].is_string() || value["jwks"].get_ref<const std::string&>().empty()) {
        WrongType(at("jwks"), value["jwks"], "a file path or an https:// URL");
        ok = false;
      } else {
        jwt.jwks = value["jwks"].get<std::string>();
        const std::string& jwks = jwt.jwks;
        const bool url = jwks.find("://") != std::string::npos;
        const bool local_http =
            jwks.rfind("http://127.0.0.1", 0) == 0 || jwks.rfind("http://localhost", 0) == 0;
        if (url && jwks.rfind("https://", 0) != 0 && !local_http) {
          Error(at("jwks"), false,
                "settings.jwt.jwks must be a file path or an https:// URL (http:// only to "
                "127.0.0.1, for tests)",
                "jwt-incomplete");
          ok = false;
        }
      }
    }
    if (value.contains("leeway_seconds")) {
      const Json& v = value["leeway_seconds"];
      if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 3600) {
        Error(at("leeway_seconds"), false, "settings.jwt.leeway_seconds must be an integer 0..3600",
              "wrong-type");
        ok = false;
      } else {
        jwt.leeway_seconds = static_cast<int>(v.get<int64_t>());
      }
    }
    if (ok) settings->jwt = std::move(jwt);
  }

  void LoadEntries(const std::string& pointer, const Json& value, bool is_deny,
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
      entry.location = json_.ValueLocation(child);
      LoadEntry(child, value[i], is_deny, &entry);
      out->push_back(std::move(entry));
    }
  }

  void LoadEntry(const std::string& pointer, const Json& value, bool is_deny, Entry* entry) {
    auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
    if (is_deny && value.contains("role")) {
      Error(at("role"), true,
            "a deny entry has no \"role\"; move it to \"rules\" or remove the role", "unknown-key");
    }
    // A deny entry's "role" was reported above with a clearer message.
    Json checked_keys = value;
    if (is_deny) checked_keys.erase("role");
    CheckKeys(pointer, checked_keys, is_deny ? kDenyKeys : kRuleKeys,
              is_deny ? "a deny entry" : "a rule");
    if (!value.contains("id")) {
      Error(pointer, false, absl::StrCat(Describe(pointer), " is missing required key \"id\""),
            "missing-key");
    } else if (!value["id"].is_string()) {
      WrongType(at("id"), value["id"], "a string");
    } else {
      entry->id = value["id"].get<std::string>();
      if (!IsValidId(entry->id)) {
        Error(at("id"), false,
              absl::StrCat("bad id \"", entry->id, "\": 1 to 64 of letters, digits and _ . : -"),
              "bad-id");
      } else if (auto [it, inserted] = ids_.emplace(entry->id, at("id")); !inserted) {
        SourceLocation first = json_.ValueLocation(it->second);
        Error(at("id"), false,
              absl::StrCat("duplicate id \"", entry->id, "\" (first used at line ", first.line,
                           ", column ", first.column, ")"),
              "duplicate-id");
      }
    }
    if (value.contains("description") && !value["description"].is_string()) {
      WrongType(at("description"), value["description"], "a string");
    } else if (value.contains("description")) {
      entry->description = value["description"].get<std::string>();
    }
    LoadCondition(pointer, value, &entry->condition);
    if (!is_deny) {
      if (!value.contains("role")) {
        Error(pointer, false, absl::StrCat(Describe(pointer), " is missing required key \"role\""),
              "missing-key");
      } else {
        entry->role = LoadRole(at("role"), value["role"]);
      }
    }
  }

  std::optional<std::vector<std::string>> ConditionList(const std::string& pointer,
                                                        const Json& value) {
    auto list = StringArray(pointer, value);
    if (list && list->empty()) {
      Warning(pointer, absl::StrCat(Describe(pointer), " is empty, so it never matches"),
              "empty-array");
    }
    return list;
  }

  void LoadCondition(const std::string& pointer, const Json& value, Condition* c) {
    auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
    if (value.contains("groups")) c->groups = ConditionList(at("groups"), value["groups"]);
    if (value.contains("all_groups")) {
      c->all_groups = StringArray(at("all_groups"), value["all_groups"]);
    }
    if (value.contains("not_groups")) {
      c->not_groups = StringArray(at("not_groups"), value["not_groups"]);
    }
    if (value.contains("users")) c->users = ConditionList(at("users"), value["users"]);
    if (value.contains("methods")) {
      c->methods = ConditionList(at("methods"), value["methods"]);
      if (c->methods) {
        for (size_t i = 0; i < c->methods->size(); ++i) {
          const std::string& m = (*c->methods)[i];
          if (m == "*" || m == "ANY") continue;
          if (!IsMethodToken(m)) {
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
    if (value.contains("path")) c->paths = LoadPaths(at("path"), value["path"]);
    if (value.contains("claims")) LoadClaims(at("claims"), value["claims"], c);
  }

  // Path patterns, each validated by the matcher that compile builds.
  std::optional<std::vector<std::string>> LoadPaths(const std::string& pointer, const Json& value) {
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
      }
    }
    if (!ok) return std::nullopt;
    return patterns;
  }

  void LoadClaims(const std::string& pointer, const Json& value, Condition* c) {
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
      c->claims.push_back({claim, op, operand});
    }
  }

  std::optional<RoleAction> LoadRole(const std::string& pointer, const Json& value) {
    RoleAction role;
    role.location = json_.ValueLocation(pointer);
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
      CheckKeys(pointer, value, {"from_token"}, "a role action");
      if (!value.contains("from_token")) {
        if (!value.empty()) return std::nullopt;  // the unknown key says it all
        Error(pointer, false, "a role object must be {\"from_token\": [ARN globs]}", "missing-key");
        return std::nullopt;
      }
      std::string child = LocatedJson::Child(pointer, "from_token");
      auto globs = GlobArray(child, value["from_token"]);
      if (!globs) return std::nullopt;
      if (globs->empty()) {
        Warning(child, "from_token is empty, so this rule never selects a role", "empty-array");
      }
      role.kind = RoleAction::Kind::kFromToken;
      role.globs = *std::move(globs);
      for (size_t i = 0; i < role.globs.size(); ++i) {
        role.glob_locations.push_back(json_.ValueLocation(LocatedJson::Child(child, i)));
      }
      return role;
    }
    WrongType(pointer, value, "a role ARN, \"preferred\" or {\"from_token\": [ARN globs]}");
    return std::nullopt;
  }

  const LocatedJson& json_;
  std::vector<Diagnostic>* diagnostics_;
  absl::flat_hash_map<std::string, std::string> ids_;  // id -> pointer of first use
  absl::flat_hash_set<std::string> distinct_methods_;
};

}  // namespace

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = 3;
  for (const std::string& candidate : candidates) {
    size_t d = EditDistance(word, candidate);
    if (d < best_distance && d < std::max<size_t>(word.size(), 2)) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

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
  Loader loader(json, &result.diagnostics);
  RulesDocument doc = loader.Load();
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.location.line, a.location.column) <
                            std::tie(b.location.line, b.location.column);
                   });
  if (!HasErrors(result.diagnostics)) {
    doc.source_name = std::string(source_name);
    doc.base_dir = std::string(base_dir);
    result.document = std::move(doc);
  }
  return result;
}

}  // namespace rolesel
