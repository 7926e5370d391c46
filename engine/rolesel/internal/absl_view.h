// Bridges std::string_view (our public API) and absl::string_view (what
// Abseil 20220623 takes; the two are distinct types in that release).
#ifndef ROLESEL_INTERNAL_ABSL_VIEW_H_
#define ROLESEL_INTERNAL_ABSL_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace rolesel::internal {

inline absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view Std(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_ABSL_VIEW_H_
