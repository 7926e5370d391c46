// STS's limits on what AssumeRole takes beyond the role: one home for the
// numbers the loader, the evaluator, the policy renderer and the STS client
// each enforce (at load, per decision, before a call), so they cannot drift.
// Lengths are in characters (a UTF-8 sequence counts once), as STS counts.
#ifndef ROLESEL_CORE_STS_LIMITS_H_
#define ROLESEL_CORE_STS_LIMITS_H_

#include <cstddef>
#include <string_view>

namespace rolesel {

inline constexpr size_t kMaxSessionTags = 50;
inline constexpr size_t kMaxTagKeyChars = 128;
inline constexpr size_t kMaxTagValueChars = 256;
inline constexpr size_t kMaxSessionPolicyChars = 2048;  // the policy's plaintext
inline constexpr size_t kMaxPolicyArns = 10;

// The characters of UTF-8 `text`: bytes that do not continue a sequence.
inline size_t Utf8CharCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace rolesel

#endif  // ROLESEL_CORE_STS_LIMITS_H_
