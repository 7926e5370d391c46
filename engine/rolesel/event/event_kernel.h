// EventKernel: the event reader's walk compiled for one of simdjson's
// kernels, and the choice of the one this process runs.
//
// simdjson dispatches its stage 1 (finding the document's structure) at run
// time, but compiles its On Demand front end, which the walk is made of,
// only for the kernel the compiler flags allow: on x86-64's baseline that
// is the scalar `fallback`. So the walk is compiled once per kernel
// (kernel_builtin.cc; on x86-64 also kernel_haswell.cc with AVX2 and
// kernel_icelake.cc with AVX-512), each in its own namespace, and the
// process picks the one matching simdjson's active implementation: the
// best the CPU runs, or the one SIMDJSON_FORCE_IMPLEMENTATION names, when
// this build has it and the CPU runs it; the builtin kernel otherwise
// (westmere, for example).
//
// Thread-safe: the choice is made once, on first use, and never changes.
// Internal to event/; rolesel::EventReaderKernel() (event_reader.h) says
// which kernel runs.
#ifndef ROLESEL_EVENT_EVENT_KERNEL_H_
#define ROLESEL_EVENT_EVENT_KERNEL_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "rolesel/core/event_input.h"

namespace rolesel::event {

struct Found;

struct EventKernel {
  // simdjson's name for the kernel: "icelake", "haswell", "arm64",
  // "fallback", ...
  const char* name;
  // Walks the JSON document of `length` bytes at `data` (readable, and
  // zero-padded, up to `capacity`, at least kEventPadding past the end)
  // into `*found`. Returns why it cannot be read (not JSON, not an object,
  // a duplicated field, content after the object, ...), or null when read.
  // Never throws.
  const char* (*walk)(const char* data, size_t length, size_t capacity, Found* found);
};

// The kernel compiled for the compiler flags' own simdjson implementation
// (always there).
const EventKernel& BuiltinEventKernel();
// The AVX2 and AVX-512 kernels; null where this build has none (not
// x86-64, or not optimized: kernel_x86.h says why).
const EventKernel* HaswellEventKernel();
const EventKernel* IcelakeEventKernel();

// The kernel this process walks events with (see above).
const EventKernel& ActiveEventKernel();

// Every kernel of this build the CPU runs, the builtin one first: for
// tests, fuzzing and benchmarks that hold the kernels to one another.
std::vector<const EventKernel*> RunnableEventKernels();

// ReadEvent (event_reader.h) on `kernel` rather than the active one.
bool ReadEventOnKernel(const EventKernel& kernel, EventBytes json, ExtractedRequest* out,
                       EventShapeHint hint = EventShapeHint::kDetect,
                       std::string_view requested_role_header = {});

}  // namespace rolesel::event

#endif  // ROLESEL_EVENT_EVENT_KERNEL_H_
