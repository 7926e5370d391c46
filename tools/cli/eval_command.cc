// `rolesel eval`: one decision, and with --explain why.
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/decision_input.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/core/trace_json.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/rule_set.h"

namespace rolesel::cli {

const char kEvalHelp[] =
    R"(usage: rolesel eval --rules RULES (--event EVENT | --request REQUEST) [--explain]

Decides one request and prints the decision as one JSON object.

  --rules RULES      the rules file ("-" for standard input)
  --event EVENT      an API Gateway REST (payload 1.0) or HTTP API (payload
                     2.0) event, or a direct request object; the shape is
                     detected. A file, or "-" for standard input.
  --request REQUEST  a direct request {"method", "path", "claims"}: a file,
                     "-" for standard input, or the JSON itself when it
                     starts with '{'.
  --explain          add "trace": every entry looked at, whether it matched
                     and why not, then the role checks; and "input": the
                     detected shape, the simdjson kernel that read the event
                     (as `rolesel --version` says), method and path (and the
                     requested role, when the rules read one).

An event that cannot be read (not JSON, fields missing) is decided, as in
production: deny with reason bad_request.

exit status: 0 decided (allow or deny), 2 error (usage, unreadable file,
rules that fail to load).
)";

int EvalCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  Args args({"rules", "event", "request"}, {"explain", "help"});
  if (auto done = ParseCommandLine(args, argv, "eval", kEvalHelp, out, err)) return *done;
  std::unique_ptr<DecisionInput> input = ReadDecisionInput(args, "eval", kEvalHelp, err);
  if (input == nullptr) return kExitError;
  const bool explain = args.Flag("explain");
  ExtractedRequest extracted;
  Trace trace;
  DecideOptions options;
  options.trace = explain ? &trace : nullptr;
  options.shape = input->hint;
  options.read = &extracted;
  const Decision decision = input->rules->DecideEvent(input->document, options);
  nlohmann::ordered_json printed = DecisionToJson(decision);
  if (explain) {
    nlohmann::ordered_json input_info;
    input_info["shape"] = std::string(ShapeName(extracted.shape));
    input_info["kernel"] = std::string(EventReaderKernel());
    if (!extracted.method_missing) input_info["method"] = extracted.method;
    if (!extracted.path_missing) input_info["path"] = extracted.path;
    input_info["claims"] = extracted.claims_missing ? "missing" : "present";
    if (extracted.requested_role) input_info["requested_role"] = *extracted.requested_role;
    printed["input"] = std::move(input_info);
    printed["trace"] = TraceToJson(trace);
  }
  out << internal::JsonText(printed) << "\n";
  return kExitOk;
}

}  // namespace rolesel::cli
