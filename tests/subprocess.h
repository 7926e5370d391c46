// Starts a helper process for a test and reads its first line of output.
#ifndef ROLESEL_TESTS_SUBPROCESS_H_
#define ROLESEL_TESTS_SUBPROCESS_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace rolesel::testing {

class Subprocess {
 public:
  // Runs `command` with /bin/sh; FirstLine() is what it printed first.
  explicit Subprocess(const std::string& command) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_t pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    pid_ = pid;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') first_line_.push_back(c);
    fd_ = fds[0];
  }
  ~Subprocess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) close(fd_);
  }
  const std::string& FirstLine() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string first_line_;
};

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_SUBPROCESS_H_
