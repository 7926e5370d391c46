#include "cli/decision_input.h"

#include "rolesel/internal/file_io.h"

namespace rolesel::cli {

std::unique_ptr<DecisionInput> ReadDecisionInput(const Args& args, const std::string& command,
                                                 const char* help, std::ostream& err) {
  const std::string prefix = "rolesel " + command + ": ";
  auto rules_path = args.Value("rules");
  auto event_path = args.Value("event");
  auto request_arg = args.Value("request");
  if (!rules_path || event_path.has_value() == request_arg.has_value() ||
      !args.positional().empty()) {
    err << prefix << "needs --rules and exactly one of --event and --request\n" << help;
    return nullptr;
  }
  if (*rules_path == "-" && (event_path == "-" || request_arg == "-")) {
    err << prefix << "only one of the inputs can be standard input\n";
    return nullptr;
  }
  auto input = std::make_unique<DecisionInput>();
  auto rules = RuleSet::FromFile(*rules_path);
  if (!rules.ok()) {
    err << prefix << "cannot load rules:\n" << rules.status().message() << "\n";
    return nullptr;
  }
  input->rules = *std::move(rules);
  input->hint = request_arg ? EventShapeHint::kDirectRequest : EventShapeHint::kDetect;
  if (request_arg && !request_arg->empty() && request_arg->front() == '{') {
    input->document = *request_arg;
    return input;
  }
  auto text = internal::ReadFileToString(event_path ? *event_path : *request_arg);
  if (!text.ok()) {
    err << prefix << text.status().message() << "\n";
    return nullptr;
  }
  input->document = *std::move(text);
  return input;
}

}  // namespace rolesel::cli
