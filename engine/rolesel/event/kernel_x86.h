// The body of an x86-64 kernel's translation unit (kernel_haswell.cc,
// kernel_icelake.cc): the walk (event_walk.h) compiled inside a target
// region for simdjson's kernel of that name, and the kernel's accessor.
// Elsewhere than x86-64, and in unoptimized builds, the accessor returns
// null.
//
// The including file defines, before including this:
//   ROLESEL_EVENT_KERNEL           simdjson's kernel, which names the namespace
//   ROLESEL_EVENT_KERNEL_TARGET    GCC's target options for it, as a string
//   ROLESEL_EVENT_KERNEL_ACCESSOR  the accessor event_kernel.h declares
//
// Internal to event/; included once, by each of those files only.
#ifndef ROLESEL_EVENT_KERNEL_X86_H_
#define ROLESEL_EVENT_KERNEL_X86_H_

#include "rolesel/event/kernel_prelude.h"

// Optimized builds only. Unoptimized (the sanitizer builds, at -O0), GCC
// emits every inline function out of line, simdjson's own shared ones
// among them (simdjson::internal::simdjson_result_base<double>, defined in
// simdjson.h and so inside the region: AVX code under a name that
// strict_json.cc's baseline copy shares); such a build walks on the
// builtin kernel alone. Optimized, kernel_symbols_test.py checks that none
// is left out of line.
#if defined(__x86_64__) && defined(__OPTIMIZE__)

// As simdjson's own SIMDJSON_TARGET_REGION (clang, which the fuzz build
// uses, has a pragma of its own). Inside GCC's region the options' macros
// (__AVX2__, __AVX512F__, ...) are defined; either way simdjson compiles its
// On Demand for this kernel, named as the builtin one.
// clang-format off
#if defined(__clang__)
_Pragma(ROLESEL_KERNEL_STRINGIFY(clang attribute push(
    __attribute__((target(ROLESEL_EVENT_KERNEL_TARGET))), apply_to = function)))
#else
_Pragma("GCC push_options")
_Pragma(ROLESEL_KERNEL_STRINGIFY(GCC target(ROLESEL_EVENT_KERNEL_TARGET)))
#endif
// (Formatting stays off to the region's end: clang-format reads the
// pragmas as the start of a statement.)
#define SIMDJSON_BUILTIN_IMPLEMENTATION ROLESEL_EVENT_KERNEL
// simdjson forces its functions inline; a template of the standard library
// that it instantiates with its kernel's types (std::pair's constructor,
// for ondemand::field) is baseline code (kernel_prelude.h), which GCC may
// not inline AVX code into. Left to GCC, such calls stay calls, to
// functions of this kernel's namespace.
#define simdjson_inline inline
#include "rolesel/event/event_walk.h"

namespace rolesel::event {

const EventKernel* ROLESEL_EVENT_KERNEL_ACCESSOR() {
  static constexpr EventKernel kKernel{ROLESEL_KERNEL_STRINGIFY(ROLESEL_EVENT_KERNEL),
                                       &ROLESEL_EVENT_KERNEL::WalkEvent};
  return &kKernel;
}

}  // namespace rolesel::event

#if defined(__clang__)
_Pragma("clang attribute pop")
#else
_Pragma("GCC pop_options")
#endif
// clang-format on

#else

namespace rolesel::event {

const EventKernel* ROLESEL_EVENT_KERNEL_ACCESSOR() { return nullptr; }

}  // namespace rolesel::event

#endif  // defined(__x86_64__) && defined(__OPTIMIZE__)

#endif  // ROLESEL_EVENT_KERNEL_X86_H_
