// The README's embedding example: load rules once, decide each event.
#include <iostream>

#include "rolesel/rule_set.h"

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
  auto event = rolesel::ReadFileToString(argv[2]);
  if (!event.ok()) {
    std::cerr << event.status().message() << "\n";
    return 2;
  }
  // Per request: never throws; a deny on any error.
  rolesel::Decision decision = (*rules)->DecideEvent(*event);
  if (decision.allow) {
    std::cout << "assume " << decision.role << " as " << decision.session_name << " for "
              << decision.duration_seconds << "s (rule " << decision.rule << ")\n";
  } else {
    std::cout << "403: " << rolesel::DenyReasonName(decision.reason) << "\n";
  }
  return 0;
}
