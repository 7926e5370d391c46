// Args: the small command-line parser the `rolesel` subcommands share.
//
// Abseil's flags are process-global and have no subcommands, so each command
// declares its options here: `--name VALUE`, `--name=VALUE`, boolean
// `--name`, and positional arguments ("-" is a positional: standard input).
#ifndef ROLESEL_CLI_ARGS_H_
#define ROLESEL_CLI_ARGS_H_

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace rolesel::cli {

class Args {
 public:
  // `with_value`: options that take a value; `flags`: boolean options.
  Args(std::set<std::string> with_value, std::set<std::string> flags)
      : with_value_(std::move(with_value)), flags_(std::move(flags)) {}

  // False (and `error()` set) on an unknown option or a missing value.
  bool Parse(const std::vector<std::string>& argv);

  std::optional<std::string> Value(const std::string& name) const;
  bool Flag(const std::string& name) const { return set_flags_.count(name) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& error() const { return error_; }

 private:
  std::set<std::string> with_value_, flags_;
  std::map<std::string, std::string> values_;
  std::set<std::string> set_flags_;
  std::vector<std::string> positional_;
  std::string error_;
};

// How every command starts: parses `argv` into `args` (which must know the
// flag "help"). Returns the exit code to stop with: kExitError after
// "rolesel COMMAND: why" and the help on `err` for a usage error, kExitOk
// after the help on `out` for --help; nullopt to go on.
std::optional<int> ParseCommandLine(Args& args, const std::vector<std::string>& argv,
                                    const std::string& command, const char* help, std::ostream& out,
                                    std::ostream& err);

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_ARGS_H_
