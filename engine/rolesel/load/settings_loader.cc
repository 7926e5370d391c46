#include "rolesel/load/settings_loader.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rolesel/core/sts_limits.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/load/document_loader.h"
#include "rolesel/matchers/arn.h"
#include "rolesel/matchers/session_template.h"

namespace rolesel {
namespace {

constexpr int kMinDuration = 900;
constexpr int kMaxDuration = 43200;

}  // namespace

void SettingsLoader::LoadSettings(const std::string& pointer, const Json& value,
                                  Settings* settings) {
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
        settings->default_location = json().ValueLocation(at("default"));
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
  if (value.contains("log_claims")) {
    if (auto names = StringArray(at("log_claims"), value["log_claims"])) {
      settings->log_claims = *std::move(names);
    }
  }
  if (value.contains("session_policy")) {
    settings->session_policy = SessionPolicyValue(at("session_policy"), value["session_policy"]);
  }
  if (value.contains("policy_arns")) {
    if (auto arns = PolicyArnArray(at("policy_arns"), value["policy_arns"])) {
      settings->policy_arns = *std::move(arns);
    }
  }
  if (value.contains("transitive_tag_keys")) {
    LoadTransitiveTagKeys(at("transitive_tag_keys"), value["transitive_tag_keys"], settings);
  }
  if (value.contains("requested_role_header")) {
    const Json& v = value["requested_role_header"];
    const bool token =
        v.is_string() && !v.get_ref<const std::string&>().empty() &&
        std::all_of(v.get_ref<const std::string&>().begin(), v.get_ref<const std::string&>().end(),
                    [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) ||
                             std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
                    });
    if (!token) {
      Error(at("requested_role_header"), false,
            "settings.requested_role_header must be an HTTP header name (letters, digits and "
            "!#$%&'*+-.^_`|~)",
            "wrong-type");
    } else if (absl::EqualsIgnoreCase(v.get<std::string>(), "authorization")) {
      Error(at("requested_role_header"), false,
            "settings.requested_role_header must not be Authorization (the bearer token's header)",
            "wrong-type");
    } else {
      settings->requested_role_header = v.get<std::string>();
    }
  }
}

// STS's TransitiveTagKeys: each must be a key of settings.session_tags.
void SettingsLoader::LoadTransitiveTagKeys(const std::string& pointer, const Json& value,
                                           Settings* settings) {
  auto keys = StringArray(pointer, value);
  if (!keys) return;
  bool ok = true;
  for (size_t i = 0; i < keys->size(); ++i) {
    const std::string& key = (*keys)[i];
    const bool tagged = std::any_of(
        settings->session_tags.begin(), settings->session_tags.end(),
        [&](const std::pair<std::string, std::string>& tag) { return tag.first == key; });
    if (!tagged) {
      Error(LocatedJson::Child(pointer, i), false,
            absl::StrCat("transitive tag key \"", key, "\" is not a key of settings.session_tags"),
            "bad-session-tag");
      ok = false;
    }
  }
  if (ok) settings->transitive_tag_keys = *std::move(keys);
}

// STS session tags: at most 50; keys 1..128 of letters, digits, spaces and
// _.:/=+-@, not starting with "aws:"; values are templates.
void SettingsLoader::LoadSessionTags(const std::string& pointer, const Json& value,
                                     Settings* settings) {
  if (!value.is_object()) {
    WrongType(pointer, value, "an object of tag key -> template");
    return;
  }
  if (value.size() > kMaxSessionTags) {
    Error(pointer, false,
          absl::StrCat("settings.session_tags has more than ", kMaxSessionTags,
                       " tags (STS's limit)"),
          "bad-session-tag");
  }
  for (const auto& [key, templ] : value.items()) {
    std::string child = LocatedJson::Child(pointer, key);
    bool key_ok = !key.empty() && key.size() <= kMaxTagKeyChars && key.rfind("aws:", 0) != 0 &&
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

void SettingsLoader::LoadJwt(const std::string& pointer, const Json& value, Settings* settings) {
  if (!value.is_object()) {
    WrongType(pointer, value, "an object");
    return;
  }
  CheckKeys(pointer, value, kJwtKeys, "settings.jwt");
  JwtSettings jwt;
  bool ok = true;
  auto at = [&](const char* key) { return LocatedJson::Child(pointer, key); };
  jwt.jwks_location = json().ValueLocation(value.contains("jwks") ? at("jwks") : pointer);
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
      Error(at("client_ids"), false, "settings.jwt.client_ids must not be empty", "jwt-incomplete");
      ok = false;
    }
    jwt.client_ids = *std::move(ids);
  } else {
    ok = false;
  }
  if (value.contains("token_use")) {
    const Json& v = value["token_use"];
    if (!v.is_string() || (v != "id" && v != "access" && v != "any")) {
      Error(at("token_use"), false, "settings.jwt.token_use must be \"id\", \"access\" or \"any\"",
            "wrong-type");
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
  if (value.contains("cache_verified_tokens")) {
    const Json& v = value["cache_verified_tokens"];
    if (!v.is_boolean()) {
      Error(at("cache_verified_tokens"), false,
            "settings.jwt.cache_verified_tokens must be true or false", "wrong-type");
      ok = false;
    } else {
      jwt.cache_verified_tokens = v.get<bool>();
    }
  }
  if (ok) settings->jwt = std::move(jwt);
}

}  // namespace rolesel
