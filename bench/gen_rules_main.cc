// rolesel_genrules N [--request]: prints the generated rules document with N
// rules (or the request it allows), for bench/compare and the plot script.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "rule_generator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: rolesel_genrules N [--request]\n";
    return 2;
  }
  int n = std::atoi(argv[1]);
  if (argc > 2 && std::strcmp(argv[2], "--request") == 0) {
    std::cout << rolesel::bench::MatchingRequest(n).dump() << "\n";
  } else {
    std::cout << rolesel::bench::GenerateRules(n) << "\n";
  }
  return 0;
}
