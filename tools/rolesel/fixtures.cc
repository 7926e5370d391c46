#include "rolesel/fixtures.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/load/located_json.h"

namespace rolesel::cli {
namespace {

using Json = nlohmann::json;

absl::Status ErrorAt(const std::string& file, const LocatedJson& json, const std::string& pointer,
                     const std::string& message) {
  SourceLocation at = json.ValueLocation(pointer);
  return absl::InvalidArgumentError(
      absl::StrCat(file, ":", at.line, ":", at.column, ": ", message));
}

// The value of a decision field as the fixture would write it; nullopt when
// the decision has no such field.
std::optional<Json> Field(const Decision& d, const std::string& key) {
  if (key == "decision") return Json(d.allow ? "allow" : "deny");
  if (key == "role") return d.role.empty() ? std::nullopt : std::optional<Json>(d.role);
  if (key == "rule") return d.rule.empty() ? std::nullopt : std::optional<Json>(d.rule);
  if (key == "reason") {
    return d.allow ? std::nullopt : std::optional<Json>(std::string(DenyReasonName(d.reason)));
  }
  if (key == "session_name") {
    return d.allow ? std::optional<Json>(d.session_name) : std::nullopt;
  }
  if (key == "duration_seconds") {
    return d.allow ? std::optional<Json>(d.duration_seconds) : std::nullopt;
  }
  return std::nullopt;
}

absl::Status ValidateExpect(const std::string& file, const LocatedJson& json,
                            const std::string& pointer, const Json& expect) {
  if (!expect.is_object()) return ErrorAt(file, json, pointer, "\"expect\" must be an object");
  for (const auto& [key, value] : expect.items()) {
    std::string at = LocatedJson::Child(pointer, key);
    const auto& keys = ExpectKeys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return ErrorAt(file, json, at,
                     absl::StrCat("unknown key \"", key,
                                  "\" in expect (known: ", absl::StrJoin(keys, ", "), ")"));
    }
    if (key == "decision" && value != "allow" && value != "deny") {
      return ErrorAt(file, json, at, "expect.decision must be \"allow\" or \"deny\"");
    }
    if (key == "reason" && (!value.is_string() || !DenyReasonFromName(value.get<std::string>()))) {
      return ErrorAt(file, json, at,
                     "expect.reason must be one of deny_rule, no_match, role_not_allowed, "
                     "role_denied, unsafe_path, bad_request, invalid_token");
    }
    if (key == "duration_seconds" && !value.is_number_integer()) {
      return ErrorAt(file, json, at, "expect.duration_seconds must be an integer");
    }
    if ((key == "role" || key == "rule" || key == "session_name") && !value.is_string()) {
      return ErrorAt(file, json, at, absl::StrCat("expect.", key, " must be a string"));
    }
  }
  if (expect.empty()) return ErrorAt(file, json, pointer, "\"expect\" is empty");
  return absl::OkStatus();
}

}  // namespace

const std::vector<std::string>& ExpectKeys() {
  static const auto* keys = new std::vector<std::string>{
      "decision", "role", "rule", "reason", "session_name", "duration_seconds"};
  return *keys;
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path.front() == '/' || path == "-") return path;
  if (base_dir.empty() || base_dir == ".") return path;
  return absl::StrCat(base_dir, "/", path);
}

absl::StatusOr<FixtureFile> LoadFixtureFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  const std::string name = path == "-" ? "<stdin>" : path;
  LocatedJson json;
  Diagnostic syntax;
  if (!LocatedJson::Parse(*text, &json, &syntax)) {
    return absl::InvalidArgumentError(syntax.Format(name));
  }
  const Json& root = json.root();
  if (!root.is_object()) return ErrorAt(name, json, "", "a fixture file is a JSON object");
  for (const auto& [key, value] : root.items()) {
    if (key != "rules" && key != "cases" && key != "description" && key != "$schema") {
      SourceLocation at = json.KeyLocation(LocatedJson::Child("", key));
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", at.line, ":", at.column, ": unknown key \"", key,
                       "\" in a fixture file (known: rules, cases, description)"));
    }
  }
  FixtureFile out;
  out.path = name;
  const std::string base = path == "-" ? "." : DirName(path);
  if (!root.contains("rules") || !root["rules"].is_string()) {
    return ErrorAt(name, json, root.contains("rules") ? "/rules" : "",
                   "\"rules\" must be the path of a rules file");
  }
  out.rules_path = ResolvePath(base, root["rules"].get<std::string>());
  if (!root.contains("cases") || !root["cases"].is_array()) {
    return ErrorAt(name, json, root.contains("cases") ? "/cases" : "",
                   "\"cases\" must be an array of cases");
  }
  const Json& cases = root["cases"];
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string at = LocatedJson::Child("/cases", i);
    const Json& c = cases[i];
    if (!c.is_object()) return ErrorAt(name, json, at, "a case must be an object");
    for (const auto& [key, value] : c.items()) {
      if (key != "name" && key != "request" && key != "event" && key != "expect" &&
          key != "description") {
        SourceLocation where = json.KeyLocation(LocatedJson::Child(at, key));
        return absl::InvalidArgumentError(
            absl::StrCat(name, ":", where.line, ":", where.column, ": unknown key \"", key,
                         "\" in a case (known: name, request, event, expect, description)"));
      }
    }
    FixtureCase fixture;
    if (!c.contains("name") || !c["name"].is_string() ||
        c["name"].get_ref<const std::string&>().empty()) {
      return ErrorAt(name, json, at, "a case needs a non-empty \"name\"");
    }
    fixture.name = c["name"].get<std::string>();
    if (c.contains("request") == c.contains("event")) {
      return ErrorAt(name, json, at,
                     absl::StrCat("case \"", fixture.name,
                                  "\" needs exactly one of \"request\" and \"event\""));
    }
    if (c.contains("request")) {
      fixture.is_request = true;
      fixture.input = c["request"].dump();
    } else if (c["event"].is_string()) {
      std::string event_path = ResolvePath(base, c["event"].get<std::string>());
      absl::StatusOr<std::string> event = ReadFileToString(event_path);
      if (!event.ok()) {
        return ErrorAt(name, json, LocatedJson::Child(at, "event"),
                       absl::StrCat("case \"", fixture.name, "\": ", event.status().message()));
      }
      fixture.input = *std::move(event);
    } else {
      fixture.input = c["event"].dump();
    }
    if (!c.contains("expect")) {
      return ErrorAt(name, json, at, absl::StrCat("case \"", fixture.name, "\" needs \"expect\""));
    }
    absl::Status valid = ValidateExpect(name, json, LocatedJson::Child(at, "expect"), c["expect"]);
    if (!valid.ok()) return valid;
    fixture.expect = c["expect"];
    out.cases.push_back(std::move(fixture));
  }
  return out;
}

CaseResult RunCase(const RuleSet& rules, const FixtureCase& fixture) {
  CaseResult result;
  result.fixture = &fixture;
  result.got = rules.DecideEvent(
      fixture.input, &result.trace,
      fixture.is_request ? EventShapeHint::kDirectRequest : EventShapeHint::kDetect);
  for (const auto& [key, expected] : fixture.expect.items()) {
    std::optional<Json> got = Field(result.got, key);
    if (!got || *got != Json(expected)) result.mismatched_keys.push_back(key);
  }
  result.passed = result.mismatched_keys.empty();
  return result;
}

}  // namespace rolesel::cli
