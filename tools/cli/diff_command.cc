// `rolesel diff OLD NEW`: what a change of rules would change, case by case.
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/fixtures.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/shadow.h"

namespace rolesel::cli {

const char kDiffHelp[] =
    R"HELP(usage: rolesel diff OLD_RULES NEW_RULES [--fixtures F]... [--event E]... [--request Q]...

Decides every case with both rule sets and prints each case whose decision
changes, one a line:
  CHANGED <where>: "<name>": <change>: <old decision> -> <new decision>
where the change is "allow -> deny (reason)", "deny (reason) -> allow",
"role A -> B", "reason X -> Y", or a session name or duration change. Which
entry decided is shown but a different entry id alone is not a change. Ends
with "N cases, N changed".

  --fixtures F   every case of a fixture file (its own "rules" is ignored);
                 repeat for more files
  --event E      an event file ("-" for standard input); repeatable
  --request Q    a direct request: a file, "-", or the JSON itself; repeatable

exit status: 0 nothing changes, 1 some decision changes, 2 error (usage, a
file or rules that cannot be loaded).
)HELP";

namespace {

struct Input {
  std::string where;
  std::string name;
  std::string json;
  bool is_request;
};

}  // namespace

int DiffCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  // Repeatable options: collect them by hand around the shared parser.
  std::vector<std::pair<std::string, std::string>> repeated;
  std::vector<std::string> rest;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if ((a == "--fixtures" || a == "--event" || a == "--request") && i + 1 < argv.size()) {
      repeated.emplace_back(a.substr(2), argv[++i]);
    } else if (a.rfind("--fixtures=", 0) == 0 || a.rfind("--event=", 0) == 0 ||
               a.rfind("--request=", 0) == 0) {
      size_t eq = a.find('=');
      repeated.emplace_back(a.substr(2, eq - 2), a.substr(eq + 1));
    } else {
      rest.push_back(a);
    }
  }
  Args args({}, {"help"});
  if (auto done = ParseCommandLine(args, rest, "diff", kDiffHelp, out, err)) return *done;
  if (args.positional().size() != 2 || repeated.empty()) {
    err << "rolesel diff: needs OLD and NEW rules and at least one --fixtures, --event or "
           "--request\n"
        << kDiffHelp;
    return kExitError;
  }
  auto old_rules = RuleSet::FromFile(args.positional()[0]);
  auto new_rules = RuleSet::FromFile(args.positional()[1]);
  for (const auto* loaded : {&old_rules, &new_rules}) {
    if (!loaded->ok()) {
      err << "rolesel diff: cannot load rules:\n" << loaded->status().message() << "\n";
      return kExitError;
    }
  }
  std::vector<Input> inputs;
  for (const auto& [kind, value] : repeated) {
    if (kind == "fixtures") {
      auto file = LoadFixtureFile(value);
      if (!file.ok()) {
        err << "rolesel diff: cannot load fixture file " << value << ": " << file.status().message()
            << "\n";
        return kExitError;
      }
      for (const FixtureCase& c : file->cases) {
        inputs.push_back({file->path, c.name, c.input, c.is_request});
      }
    } else if (kind == "request" && !value.empty() && value.front() == '{') {
      inputs.push_back({"--request", value, value, true});
    } else {
      auto text = internal::ReadFileToString(value);
      if (!text.ok()) {
        err << "rolesel diff: " << text.status().message() << "\n";
        return kExitError;
      }
      inputs.push_back({"--" + kind, value, *text, kind == "request"});
    }
  }
  int changed = 0;
  for (const Input& input : inputs) {
    ShadowResult result =
        DecideShadow(**old_rules, **new_rules, input.json,
                     input.is_request ? EventShapeHint::kDirectRequest : EventShapeHint::kDetect);
    if (!result.differs()) continue;
    ++changed;
    out << "CHANGED " << input.where << ": " << internal::JsonQuote(input.name) << ": "
        << result.difference << ": " << internal::JsonText(DecisionToJson(result.enforced))
        << " -> " << internal::JsonText(DecisionToJson(result.candidate)) << "\n";
  }
  out << inputs.size() << " cases, " << changed << " changed\n";
  return changed > 0 ? kExitFailed : kExitOk;
}

}  // namespace rolesel::cli
