// Event bytes -> extraction + decision on the bundled pets rules.
// Oracles: every decision is well-formed; a request whose path fails
// normalization is never allowed; an allow is always a role the rules'
// settings permit (pets-*, never *Admin*); a traced decision is the
// untraced one; an event with a field the decision reads put in twice
// (first as null, or under an escaped spelling) is never allowed; bytes
// that are a JSON array read as a list claim the same as a string holding
// that array; every kernel of the walk the CPU runs (event_kernel.h) reads
// the event as the builtin one does.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_oracles.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/core/trace.h"
#include "rolesel/evaluate/path_normalizer.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"
#include "rolesel/matchers/arn.h"
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
  rolesel::Trace trace;
  rolesel::fuzz::CheckSameDecision(rules.DecideEvent(event, {&trace}), decision);

  // Every kernel reads the bytes as the builtin one (the scalar walk on
  // x86-64) does: same acceptance, same error, same fields and claims.
  Check(rolesel::fuzz::KernelDisagreement(event).empty(),
        "every kernel reads an event as the builtin kernel does");

  // Every field the decision reads, and every object on the way to one, may
  // appear once: a copy put first (a last-wins reader would see the other)
  // is never allowed, whatever the copy holds.
  const size_t brace = event.find_first_not_of(" \t\r\n");
  if (decision.allow && brace != std::string_view::npos && event[brace] == '{') {
    for (const char* field :
         {"\"path\":null,", "\"httpMethod\":null,", "\"rawPath\":0,", "\"method\":null,",
          "\"claims\":null,", "\"requestContext\":null,", "\"version\":null,",
          "\"pat\\u0068\":\"/admin\",", "\"headers\":null,", "\"multiValueHeaders\":null,"}) {
      std::string twice(event);
      twice.insert(brace + 1, field);
      rolesel::Decision d = rules.DecideEvent(twice);
      // A field the event did not have is no duplicate: only an allow of
      // another request would be wrong, so compare with the original.
      Check(!d.allow || (d.role == decision.role && d.rule == decision.rule),
            "a field put in twice never changes an allow");
    }
  }

  // A list claim reads the same from a JSON array and from a string that
  // holds it, element for element, malformed or not.
  auto array = nlohmann::json::parse(event, nullptr, /*allow_exceptions=*/false);
  if (array.is_array() && rolesel::internal::JsonDepth(array, 64) <= 64) {
    rolesel::Claims as_array, as_string;
    AddJsonClaim(as_array, "cognito:groups", array);
    as_string.AddString("cognito:groups", rolesel::internal::JsonText(array));
    const rolesel::ClaimValue* a = as_array.Find("cognito:groups");
    const rolesel::ClaimValue* b = as_string.Find("cognito:groups");
    Check(a != nullptr && b != nullptr, "a list claim is present in both encodings");
    Check(a->malformed_as_list() == b->malformed_as_list(),
          "a string holding an array is malformed exactly when the array is");
    Check(std::equal(a->list().begin(), a->list().end(), b->list().begin(), b->list().end()),
          "a string holding an array reads as the array");
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
