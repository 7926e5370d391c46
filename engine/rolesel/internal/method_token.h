// IsMethodToken: what the engine takes for an HTTP method, in rules and in
// requests alike: one or more upper-case ASCII letters (GET, POST, ...).
// Pure; thread-safe.
#ifndef ROLESEL_INTERNAL_METHOD_TOKEN_H_
#define ROLESEL_INTERNAL_METHOD_TOKEN_H_

#include <string_view>

namespace rolesel::internal {

inline bool IsMethodToken(std::string_view method) {
  if (method.empty()) return false;
  for (char c : method) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_METHOD_TOKEN_H_
