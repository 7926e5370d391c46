#include "rolesel/load/json_checks.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/core/sts_limits.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/load/did_you_mean.h"
#include "rolesel/matchers/arn.h"
#include "rolesel/matchers/policy_template.h"

namespace rolesel {

std::string TypeName(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_binary()) return "binary data";
  // nlohmann's own names: "boolean", "string", "array", "object", "number".
  const std::string name = v.type_name();
  return absl::StrCat(v.is_array() || v.is_object() ? "an " : "a ", name);
}

void JsonChecks::Report(const std::string& pointer, bool at_key, std::string message,
                        std::string check, Diagnostic::Severity severity) {
  diagnostics_->push_back(
      Diagnostic::At(at_key ? json_.KeyLocation(pointer) : json_.ValueLocation(pointer), severity,
                     std::move(message), std::move(check)));
}
void JsonChecks::Error(const std::string& pointer, bool at_key, std::string message,
                       std::string check) {
  Report(pointer, at_key, std::move(message), std::move(check), Diagnostic::Severity::kError);
}
void JsonChecks::Warning(const std::string& pointer, std::string message, std::string check) {
  Report(pointer, false, std::move(message), std::move(check), Diagnostic::Severity::kWarning);
}
void JsonChecks::WrongType(const std::string& pointer, const Json& value,
                           std::string_view expected) {
  Error(pointer, false,
        absl::StrCat(Describe(pointer), " must be ", internal::Absl(expected), ", got ",
                     TypeName(value)),
        "wrong-type");
}
std::string JsonChecks::Describe(const std::string& pointer) {
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

void JsonChecks::CheckKeys(const std::string& pointer, const Json& object,
                           const std::vector<std::string>& known, std::string_view where,
                           std::string_view reported) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    if (!reported.empty() && key == reported) continue;
    std::string message = absl::StrCat("unknown key \"", key, "\" in ", internal::Absl(where));
    if (auto suggestion = ClosestMatch(key, known)) {
      absl::StrAppend(&message, "; did you mean \"", *suggestion, "\"?");
    } else {
      absl::StrAppend(&message, " (known keys: ", absl::StrJoin(known, ", "), ")");
    }
    Error(LocatedJson::Child(pointer, key), true, std::move(message), "unknown-key");
  }
}

std::optional<std::vector<std::string>> JsonChecks::StringArray(const std::string& pointer,
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

std::optional<std::vector<std::string>> JsonChecks::GlobArray(const std::string& pointer,
                                                              const Json& value) {
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

std::optional<SessionPolicy> JsonChecks::SessionPolicyValue(const std::string& pointer,
                                                            const Json& value) {
  absl::StatusOr<PolicyTemplate> parsed = PolicyTemplate::Parse(value);
  if (!parsed.ok()) {
    Error(pointer, false, std::string(parsed.status().message()), "bad-session-policy");
    return std::nullopt;
  }
  return SessionPolicy{value, json().ValueLocation(pointer)};
}

std::optional<std::vector<std::string>> JsonChecks::PolicyArnArray(const std::string& pointer,
                                                                   const Json& value) {
  auto strings = StringArray(pointer, value);
  if (!strings) return std::nullopt;
  bool ok = true;
  if (strings->size() > kMaxPolicyArns) {
    Error(pointer, false,
          absl::StrCat(Describe(pointer), " has ", strings->size(),
                       " policy ARNs; STS takes at most ", kMaxPolicyArns),
          "bad-policy-arn");
    ok = false;
  }
  for (size_t i = 0; i < strings->size(); ++i) {
    const std::string& arn = (*strings)[i];
    std::string why;
    if (!IsWellFormedPolicyArn(arn, &why)) {
      Error(LocatedJson::Child(pointer, i), false,
            absl::StrCat("bad policy ARN \"", arn, "\": ", why), "bad-policy-arn");
      ok = false;
    } else if (std::find(strings->begin(), strings->begin() + i, arn) != strings->begin() + i) {
      Error(LocatedJson::Child(pointer, i), false,
            absl::StrCat("policy ARN \"", arn, "\" is listed twice"), "bad-policy-arn");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return strings;
}

}  // namespace rolesel
