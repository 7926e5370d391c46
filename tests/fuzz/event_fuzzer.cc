// Event bytes -> extraction + decision on the bundled pets rules.
// Oracles: every decision is well-formed; a request whose path fails
// normalization is never allowed; an allow is always a role the rules'
// settings permit (pets-*, never *Admin*).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_oracles.h"
#include "rolesel/compile/arn.h"
#include "rolesel/evaluate/path_normalizer.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/rule_set.h"

namespace {

const rolesel::RuleSet& PetsRules() {
  static const rolesel::RuleSet* rules = [] {
    auto loaded = rolesel::RuleSet::FromFile(ROLESEL_SOURCE_DIR "/rules/examples/pets.rules.json");
    rolesel::fuzz::Check(loaded.ok(), "the pets rules load");
    return loaded->release();
  }();
  return *rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rolesel::fuzz::Check;
  std::string_view event(reinterpret_cast<const char*>(data), size);
  const rolesel::RuleSet& rules = PetsRules();
  rolesel::Decision decision = rules.DecideEvent(event);
  rolesel::fuzz::CheckWellFormed(decision);

  rolesel::ExtractedRequest request;
  rolesel::ReadEvent(event, &request);
  auto normalized = std::make_unique<rolesel::NormalizedPath>();
  if (!request.path_missing && !rolesel::NormalizePath(request.path, normalized.get(), nullptr)) {
    Check(!decision.allow, "a path refused by normalization is never allowed");
  }
  if (request.method_missing || request.path_missing) {
    Check(!decision.allow, "a request without method or path is never allowed");
  }
  if (decision.allow) {
    Check(rolesel::GlobMatch("arn:aws:iam::123456789012:role/pets-*", decision.role),
          "an allow is a role settings.allowed_roles permits");
    Check(!rolesel::GlobMatch("arn:aws:iam::*:role/*Admin*", decision.role),
          "an allow is never a role settings.deny_roles names");
  }
  // The same event read twice decides the same way (no hidden state).
  rolesel::Decision again = rules.DecideEvent(event);
  Check(again.allow == decision.allow && again.reason == decision.reason &&
            again.role == decision.role,
        "deciding is deterministic");
  // The same bytes in a std::string with room past the end are read in
  // place (ASan checks the reader stays within that room); the bytes there
  // are not the event's and must not change the decision.
  std::string padded(size + rolesel::kEventPadding, '"');
  padded.replace(0, size, event);
  padded.resize(size);
  rolesel::Decision in_place = rules.DecideEvent(padded);
  Check(in_place.allow == decision.allow && in_place.reason == decision.reason &&
            in_place.role == decision.role && in_place.rule == decision.rule,
        "reading in place decides as reading a copy");
  return 0;
}
