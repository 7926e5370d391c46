#include "cli/fixtures.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/load/located_json.h"

namespace rolesel::cli {
namespace {

using Json = nlohmann::json;

// `text` with its // and /* */ comments turned into spaces (line breaks
// kept), strings left alone: an inline event as written, for the engine's
// JSON reader, which takes no comments.
std::string BlankComments(std::string_view text) {
  std::string out(text);
  bool in_string = false;
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '/') {
      for (; i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
    } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      const size_t close = out.find("*/", i + 2);
      const size_t end = close == std::string::npos ? out.size() : close + 2;
      for (; i < end; ++i) {
        if (out[i] != '\n') out[i] = ' ';
      }
      --i;
    }
  }
  return out;
}

// Whether `pointer` lies inside a case's inline request or event, which
// reach the engine as written: a key twice there is the engine's to judge.
bool InsideInlineInput(const std::string& pointer) {
  // "/cases/N/request..." or "/cases/N/event..."
  constexpr std::string_view kCases = "/cases/";
  if (pointer.rfind(kCases, 0) != 0) return false;
  const size_t slash = pointer.find('/', kCases.size());
  if (slash == std::string::npos) return false;
  const std::string_view rest = std::string_view(pointer).substr(slash);
  for (std::string_view key : {"/request", "/event"}) {
    if (rest.substr(0, key.size()) == key && rest.size() > key.size() && rest[key.size()] == '/') {
      return true;
    }
  }
  return false;
}

absl::Status ErrorAt(const std::string& file, const LocatedJson& json, const std::string& pointer,
                     const std::string& message) {
  SourceLocation at = json.ValueLocation(pointer);
  return absl::InvalidArgumentError(
      absl::StrCat(file, ":", at.line, ":", at.column, ": ", message));
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
    if ((key == "role" || key == "rule" || key == "session_name" || key == "source_identity") &&
        !value.is_string()) {
      return ErrorAt(file, json, at, absl::StrCat("expect.", key, " must be a string"));
    }
    if (key == "session_policy" && !value.is_object()) {
      return ErrorAt(file, json, at, "expect.session_policy must be an object (a policy document)");
    }
    if (key == "session_tags" &&
        (!value.is_object() ||
         std::any_of(value.begin(), value.end(), [](const Json& v) { return !v.is_string(); }))) {
      return ErrorAt(file, json, at, "expect.session_tags must be an object of strings");
    }
    if ((key == "policy_arns" || key == "transitive_tag_keys") &&
        (!value.is_array() ||
         std::any_of(value.begin(), value.end(), [](const Json& v) { return !v.is_string(); }))) {
      return ErrorAt(file, json, at, absl::StrCat("expect.", key, " must be an array of strings"));
    }
  }
  if (expect.empty()) return ErrorAt(file, json, pointer, "\"expect\" is empty");
  return absl::OkStatus();
}

}  // namespace

const std::vector<std::string>& ExpectKeys() {
  static const auto* keys =
      new std::vector<std::string>{"decision",        "role",         "rule",
                                   "reason",          "session_name", "duration_seconds",
                                   "source_identity", "session_tags", "transitive_tag_keys",
                                   "session_policy",  "policy_arns"};
  return *keys;
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path.front() == '/' || path == "-") return path;
  if (base_dir.empty() || base_dir == ".") return path;
  return absl::StrCat(base_dir, "/", path);
}

absl::StatusOr<FixtureFile> LoadFixtureFile(const std::string& path) {
  absl::StatusOr<std::string> text = internal::ReadFileToString(path);
  if (!text.ok()) return text.status();
  const std::string name = path == "-" ? "<stdin>" : path;
  LocatedJson json;
  Diagnostic syntax;
  if (!LocatedJson::Parse(*text, &json, &syntax)) {
    return absl::InvalidArgumentError(syntax.Format(name));
  }
  for (const LocatedJson::DuplicateKey& duplicate : json.duplicate_keys()) {
    if (!InsideInlineInput(duplicate.pointer)) {
      return absl::InvalidArgumentError(duplicate.diagnostic.Format(name));
    }
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
  const std::string base = path == "-" ? "." : internal::DirectoryOf(path);
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
    // Inline inputs reach the engine as written (comments blanked), not
    // re-serialized: numbers keep their spelling, and a duplicated field in
    // a hostile case stays duplicated.
    if (c.contains("request")) {
      fixture.is_request = true;
      fixture.input = BlankComments(json.RawText(LocatedJson::Child(at, "request")));
    } else if (c["event"].is_string()) {
      std::string event_path = ResolvePath(base, c["event"].get<std::string>());
      absl::StatusOr<std::string> event = internal::ReadFileToString(event_path);
      if (!event.ok()) {
        return ErrorAt(name, json, LocatedJson::Child(at, "event"),
                       absl::StrCat("case \"", fixture.name, "\": ", event.status().message()));
      }
      fixture.input = *std::move(event);
    } else {
      fixture.input = BlankComments(json.RawText(LocatedJson::Child(at, "event")));
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

bool SameDecision(const Decision& a, const Decision& b) {
  return a.allow == b.allow && a.reason == b.reason && a.role == b.role && a.rule == b.rule &&
         a.session_name == b.session_name && a.duration_seconds == b.duration_seconds &&
         a.source_identity == b.source_identity && a.session_tags == b.session_tags &&
         a.transitive_tag_keys == b.transitive_tag_keys && a.session_policy == b.session_policy &&
         a.policy_arns == b.policy_arns;
}

CaseResult RunCase(const RuleSet& rules, const FixtureCase& fixture) {
  CaseResult result;
  result.fixture = &fixture;
  const EventShapeHint hint =
      fixture.is_request ? EventShapeHint::kDirectRequest : EventShapeHint::kDetect;
  result.got = rules.DecideEvent(fixture.input, {&result.trace, hint});
  Decision untraced = rules.DecideEvent(fixture.input, {nullptr, hint});
  if (!SameDecision(untraced, result.got)) result.untraced = std::move(untraced);
  // Fields are compared as `rolesel eval` prints them (objects as JSON,
  // whatever their key order).
  const Json printed = Json::parse(DecisionToJson(result.got).dump());
  for (const auto& [key, expected] : fixture.expect.items()) {
    const auto got = printed.find(key);
    if (got == printed.end() || *got != Json(expected)) result.mismatched_keys.push_back(key);
  }
  result.passed = result.mismatched_keys.empty() && !result.untraced;
  return result;
}

}  // namespace rolesel::cli
