// The `rolesel` subcommands. Each takes its arguments (after the command
// name) and the streams to write to, and returns the process exit code of
// spec section 9.
#ifndef ROLESEL_CLI_COMMANDS_H_
#define ROLESEL_CLI_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace rolesel::cli {

// Exit codes shared by the commands (spec section 9).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;     // test: a case failed; lint: errors
inline constexpr int kExitError = 2;      // usage error, or a file cannot be loaded
inline constexpr int kExitDenied = 3;     // assume: the decision is a deny
inline constexpr int kExitStsFailed = 4;  // assume: STS refused or failed

int EvalCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int TestCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int LintCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int DiffCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int AssumeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

extern const char kEvalHelp[];
extern const char kTestHelp[];
extern const char kLintHelp[];
extern const char kDiffHelp[];
extern const char kAssumeHelp[];

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_COMMANDS_H_
