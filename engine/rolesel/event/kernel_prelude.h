// What every event-reader kernel translation unit (kernel_*.cc) includes
// before it opens its target region: the standard library, Abseil,
// nlohmann/json and rolesel's own headers that the walk uses, everything
// simdjson.h includes but its intrinsics.
//
// Why: a function takes the target options (AVX2, AVX-512) in force where it
// is *defined*. A template or inline function shared with the rest of the
// program (std::optional<std::string_view>::emplace, absl::Status's
// destructor, Claims' inline members) defined inside a kernel's region
// would be emitted there as AVX2 code under the same name as everywhere
// else, and the linker keeps one copy for the whole program: a baseline
// CPU could then run AVX2 code outside any kernel. Defined here, before the
// region, they stay baseline code; inside the region only simdjson's kernel
// namespace and the kernel's own (rolesel::event::<kernel>) are compiled,
// and tests/engine/event/kernel_symbols_test.py checks the objects for it.
//
// Internal to event/; kernel_*.cc only.
#ifndef ROLESEL_EVENT_KERNEL_PRELUDE_H_
#define ROLESEL_EVENT_KERNEL_PRELUDE_H_

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cfloat>
#include <cinttypes>
#include <climits>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iomanip>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/claims.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/core/event_input.h"
#include "rolesel/event/event_kernel.h"
#include "rolesel/event/found.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"
#include "rolesel/internal/strict_json.h"

// No exceptions: every simdjson result must be checked, or the event reader
// does not compile. (With exceptions on, an unchecked field.key() on a
// malformed document threw out of the never-throwing decide path; the
// fuzzer found it, tests/fuzz/regressions/event/.) strict_json.cc, the other
// file that includes simdjson, sets the same.
#define SIMDJSON_EXCEPTIONS 0

// A kernel's name (a macro's value) as a string: "haswell".
#define ROLESEL_KERNEL_STRINGIFY(x) ROLESEL_KERNEL_STRINGIFY_TOKEN(x)
#define ROLESEL_KERNEL_STRINGIFY_TOKEN(x) #x

#endif  // ROLESEL_EVENT_KERNEL_PRELUDE_H_
