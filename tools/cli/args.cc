#include "cli/args.h"

#include "cli/commands.h"

namespace rolesel::cli {

bool Args::Parse(const std::vector<std::string>& argv) {
  bool options_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (options_done || arg == "-" || arg.rfind("--", 0) != 0) {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags_.count(name)) {
      if (inline_value) {
        error_ = "option --" + name + " takes no value";
        return false;
      }
      set_flags_.insert(name);
    } else if (with_value_.count(name)) {
      if (inline_value) {
        values_[name] = *inline_value;
      } else if (i + 1 < argv.size()) {
        values_[name] = argv[++i];
      } else {
        error_ = "option --" + name + " needs a value";
        return false;
      }
    } else {
      error_ = "unknown option --" + name;
      return false;
    }
  }
  return true;
}

std::optional<std::string> Args::Value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<int> ParseCommandLine(Args& args, const std::vector<std::string>& argv,
                                    const std::string& command, const char* help, std::ostream& out,
                                    std::ostream& err) {
  if (!args.Parse(argv)) {
    err << "rolesel " << command << ": " << args.error() << "\n" << help;
    return kExitError;
  }
  if (args.Flag("help")) {
    out << help;
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace rolesel::cli
