// rolesel: the command-line front end of the engine (spec section 9).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/version.h"

namespace {

constexpr char kUsage[] = R"(usage: rolesel COMMAND [OPTIONS]

Chooses the IAM role an API Gateway + Cognito request may assume, from
rules; offline tools to check and test those rules.

commands:
  eval    decide one request or event and print the decision (--explain: why)
  test    run fixture files of cases against their rules
  lint    check rules files: every mistake, with its line and column
  diff    decide cases with two rule sets and show what changes
  assume  decide, then assume the chosen role with STS (credential_process JSON)

Run "rolesel COMMAND --help" for a command's options; "rolesel --version"
prints the version, the rules language version and the simdjson kernel that
reads events on this CPU.
"-" as a file name means standard input.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return rolesel::cli::kExitError;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return rolesel::cli::kExitOk;
  }
  if (command == "--version") {
    std::cout << "rolesel " << rolesel::kVersion << " (rules language version "
              << rolesel::kRulesLanguageVersion << ")\n"
              << "event reader kernel: " << rolesel::EventReaderKernel() << "\n";
    return rolesel::cli::kExitOk;
  }
  if (command == "eval") return rolesel::cli::EvalCommand(args, std::cout, std::cerr);
  if (command == "test") return rolesel::cli::TestCommand(args, std::cout, std::cerr);
  if (command == "lint") return rolesel::cli::LintCommand(args, std::cout, std::cerr);
  if (command == "diff") return rolesel::cli::DiffCommand(args, std::cout, std::cerr);
  if (command == "assume") return rolesel::cli::AssumeCommand(args, std::cout, std::cerr);
  std::cerr << "rolesel: unknown command \"" << command << "\"\n" << kUsage;
  return rolesel::cli::kExitError;
}
