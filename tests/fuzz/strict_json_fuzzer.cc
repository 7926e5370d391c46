// Any bytes -> ParseStrictJson, the reading every token, JWKS, claim value
// and header goes through.
// Oracle (differential): the simdjson reading it takes where it can and
// nlohmann's reading alone (ParseStrictJsonReference) agree on every input:
// both accept with the same value, node kinds included, or both refuse with
// the same words and the same refused/not-JSON answer. Depth limits of 3 and
// of kMaxJsonDepth are both tried. Read as a token's header and payload
// (rolesel/jwt/token_parts.h), the DOM reading and nlohmann's agree too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz_oracles.h"
#include "rolesel/internal/strict_json.h"

namespace {

using rolesel::fuzz::Check;

bool SameTree(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type() || a.size() != b.size()) return false;
  if (a.is_object()) {
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt) {
      if (it.key() != jt.key() || !SameTree(*it, *jt)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameTree(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b && a.dump() == b.dump();
}

void Compare(std::string_view text, int max_depth) {
  bool refused = false, reference_refused = false;
  auto parsed = rolesel::internal::ParseStrictJson(text, max_depth, &refused);
  auto reference = rolesel::internal::ParseStrictJsonReference(text, max_depth, &reference_refused);
  Check(parsed.ok() == reference.ok(), "both readings accept, or both refuse");
  Check(refused == reference_refused, "both say alike whether the text was refused");
  if (parsed.ok()) {
    Check(SameTree(*parsed, *reference), "both readings give the same value");
  } else {
    Check(parsed.status() == reference.status(), "both refuse with the same words");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Compare(text, rolesel::internal::kMaxJsonDepth);
  Compare(text, 3);
  const std::string disagreement = rolesel::fuzz::TokenPartsDisagreement(text);
  if (!disagreement.empty()) std::fprintf(stderr, "%s\n", disagreement.c_str());
  Check(disagreement.empty(), "a token part reads as its reference reads it");
  return 0;
}
