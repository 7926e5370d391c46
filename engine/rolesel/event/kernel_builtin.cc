// The event reader's walk on the kernel the compiler flags allow (see
// event_kernel.h): `fallback` on x86-64's baseline, `arm64` on arm64
// (NEON is part of its baseline). Always built; compiled with the project's
// flags, no target region.
#include "rolesel/event/kernel_prelude.h"

#define ROLESEL_EVENT_KERNEL builtin
#include "rolesel/event/event_walk.h"

namespace rolesel::event {

const EventKernel& BuiltinEventKernel() {
  static constexpr EventKernel kKernel{ROLESEL_KERNEL_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION),
                                       &builtin::WalkEvent};
  return kKernel;
}

}  // namespace rolesel::event
