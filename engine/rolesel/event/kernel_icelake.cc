// The event reader's walk on simdjson's `icelake` kernel (AVX-512 F, DQ,
// CD, BW, VL, VBMI, VBMI2, with AVX2, BMI1, PCLMULQDQ, LZCNT): x86-64 only,
// chosen at run time on CPUs that have them (event_kernel.h). Everything
// shared with the rest of the program is defined by kernel_prelude.h
// before the target region (see there).
#define ROLESEL_EVENT_KERNEL icelake
#define ROLESEL_EVENT_KERNEL_TARGET                                                           \
  "avx512f,avx512dq,avx512cd,avx512bw,avx512vbmi,avx512vbmi2,avx512vl,avx2,bmi,pclmul,lzcnt," \
  "popcnt"
#define ROLESEL_EVENT_KERNEL_ACCESSOR IcelakeEventKernel
#include "rolesel/event/kernel_x86.h"
