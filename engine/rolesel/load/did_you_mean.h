// ClosestMatch: the "did you mean" of unknown keys and operators.
//
// Pure function; thread-safe.
#ifndef ROLESEL_LOAD_DID_YOU_MEAN_H_
#define ROLESEL_LOAD_DID_YOU_MEAN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolesel {

// The closest of `candidates` to `word` within edit distance 2 (and less
// than the word's length, so that "x" suggests nothing), or nullopt.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace rolesel

#endif  // ROLESEL_LOAD_DID_YOU_MEAN_H_
