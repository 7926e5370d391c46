// The README's embedding example: load rules once, decide each event.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "rolesel/rule_set.h"

namespace {

// The event as bytes; a Lambda handler gets them from the Runtime API.
bool ReadFile(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: embed_example RULES EVENT\n";
    return 2;
  }
  // At init: load and compile once. Errors name file, line and column.
  auto rules = rolesel::RuleSet::FromFile(argv[1]);
  if (!rules.ok()) {
    std::cerr << rules.status().message() << "\n";
    return 2;
  }
  std::string event;
  if (!ReadFile(argv[2], &event)) {
    std::cerr << argv[2] << ": cannot read\n";
    return 2;
  }
  // Per request: never throws; a deny on any error.
  rolesel::Decision decision = (*rules)->DecideEvent(event);
  if (decision.allow) {
    std::cout << "assume " << decision.role << " as " << decision.session_name << " for "
              << decision.duration_seconds << "s (rule " << decision.rule << ")\n";
  } else {
    std::cout << "403: " << rolesel::DenyReasonName(decision.reason) << "\n";
  }
  return 0;
}
