#include "rolesel/event/event_kernel.h"

#include <string>

#define SIMDJSON_EXCEPTIONS 0  // as everywhere simdjson is included
#include "simdjson.h"

namespace rolesel::event {
namespace {

// simdjson's implementation of that name, when the CPU runs it.
bool CpuRuns(const std::string& name) {
  const simdjson::implementation* implementation = simdjson::get_available_implementations()[name];
  return implementation != nullptr && implementation->supported_by_runtime_system();
}

// simdjson's active implementation's kernel, when it is one this build has
// and the CPU runs (a forced name the CPU cannot run,
// SIMDJSON_FORCE_IMPLEMENTATION, does not make the walk run instructions it
// lacks); the builtin kernel otherwise.
const EventKernel& ChooseKernel() {
  const simdjson::implementation* active = simdjson::get_active_implementation();
  if (active != nullptr) {
    for (const EventKernel* kernel : RunnableEventKernels()) {
      if (active->name() == kernel->name) return *kernel;
    }
  }
  return BuiltinEventKernel();
}

}  // namespace

std::vector<const EventKernel*> RunnableEventKernels() {
  std::vector<const EventKernel*> kernels = {&BuiltinEventKernel()};
  for (const EventKernel* kernel : {HaswellEventKernel(), IcelakeEventKernel()}) {
    if (kernel != nullptr && CpuRuns(kernel->name)) kernels.push_back(kernel);
  }
  return kernels;
}

const EventKernel& ActiveEventKernel() {
  static const EventKernel& kernel = ChooseKernel();
  return kernel;
}

}  // namespace rolesel::event
