// Runs the real `rolesel` binary and captures its exit code and output.
#ifndef ROLESEL_TESTS_TOOLS_CLI_RUNNER_H_
#define ROLESEL_TESTS_TOOLS_CLI_RUNNER_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace rolesel::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `args` is appended to the binary's path and run by /bin/sh; `stdin_text`
// is fed on standard input.
// `env` is prepended to the command (e.g. "AWS_REGION=us-east-1 ").
inline CliResult RunCli(const std::string& args, const std::string& stdin_text = "",
                        const std::string& env = "") {
  char dir_template[] = "/tmp/rolesel-cli-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  std::string in = dir + "/in", out = dir + "/out", err = dir + "/err";
  std::ofstream(in) << stdin_text;
  std::string command =
      env + std::string(ROLESEL_BINARY) + " " + args + " <" + in + " >" + out + " 2>" + err;
  int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = Slurp(out);
  result.err = Slurp(err);
  std::system(("rm -rf " + dir).c_str());
  return result;
}

// A temporary folder with files written into it, removed at the end.
class TempDir {
 public:
  TempDir() {
    char dir_template[] = "/tmp/rolesel-test-XXXXXX";
    path_ = mkdtemp(dir_template);
  }
  ~TempDir() { std::system(("rm -rf " + path_).c_str()); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string file = path_ + "/" + name;
    std::ofstream(file) << text;
    return file;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_TOOLS_CLI_RUNNER_H_
