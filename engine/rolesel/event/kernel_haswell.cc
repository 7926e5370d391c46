// The event reader's walk on simdjson's `haswell` kernel (AVX2, BMI1,
// PCLMULQDQ, LZCNT): x86-64 only, chosen at run time on CPUs that have
// them (event_kernel.h). Everything shared with the rest of the program is
// defined by kernel_prelude.h before the target region (see there).
#define ROLESEL_EVENT_KERNEL haswell
#define ROLESEL_EVENT_KERNEL_TARGET "avx2,bmi,pclmul,lzcnt,popcnt"
#define ROLESEL_EVENT_KERNEL_ACCESSOR HaswellEventKernel
#include "rolesel/event/kernel_x86.h"
