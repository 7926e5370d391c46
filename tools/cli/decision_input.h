// What `rolesel eval` and `rolesel assume` decide on: the rules file and one
// event or request, read from --rules and --event / --request.
#ifndef ROLESEL_CLI_DECISION_INPUT_H_
#define ROLESEL_CLI_DECISION_INPUT_H_

#include <memory>
#include <ostream>
#include <string>

#include "cli/args.h"
#include "rolesel/rule_set.h"

namespace rolesel::cli {

struct DecisionInput {
  std::unique_ptr<RuleSet> rules;
  std::string document;                           // the event or request JSON
  EventShapeHint hint = EventShapeHint::kDetect;  // kDirectRequest for --request
};

// Reads --rules and exactly one of --event / --request (a file, "-", or for
// --request the JSON itself when it starts with '{'). On failure writes
// "rolesel COMMAND: ..." (and `help` for usage errors) to `err` and returns
// nullptr; the caller exits with kExitError.
std::unique_ptr<DecisionInput> ReadDecisionInput(const Args& args, const std::string& command,
                                                 const char* help, std::ostream& err);

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_DECISION_INPUT_H_
