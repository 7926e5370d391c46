// rolesel_genrules N [--request|--event]: prints the generated rules document
// with N rules, or the request it allows (as a direct request, or as an API
// Gateway REST event), for bench/compare.py.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "rule_generator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: rolesel_genrules N [--request|--event]\n";
    return 2;
  }
  int n = std::atoi(argv[1]);
  if (argc > 2 && std::strcmp(argv[2], "--request") == 0) {
    std::cout << rolesel::bench::MatchingRequest(n).dump() << "\n";
  } else if (argc > 2 && std::strcmp(argv[2], "--event") == 0) {
    std::cout << rolesel::bench::MatchingRestEvent(n).dump() << "\n";
  } else {
    std::cout << rolesel::bench::GenerateRules(n) << "\n";
  }
  return 0;
}
