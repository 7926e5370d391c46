#!/usr/bin/env bash
# on_every_kernel.sh ROLESEL COMMAND...: runs COMMAND once for each simdjson
# kernel this x86-64 build has a walk for (fallback, haswell, icelake;
# engine/rolesel/event/event_kernel.h) that this CPU runs, with simdjson,
# and so rolesel's event walk, forced to it; fails when any run fails. A
# kernel the CPU cannot run (`rolesel --version`, forced to it, names
# another) is said so and not run: the others, the builtin fallback and
# the CPU's best among them, always are.
set -euo pipefail
rolesel="$1"
shift
ran=0
for kernel in fallback haswell icelake; do
  running="$(SIMDJSON_FORCE_IMPLEMENTATION="$kernel" "$rolesel" --version |
    sed -n 's/^event reader kernel: //p')"
  if [ "$running" != "$kernel" ]; then
    echo "== $kernel: this CPU does not run it (forced, the walk runs $running); not run"
    continue
  fi
  echo "== $kernel"
  SIMDJSON_FORCE_IMPLEMENTATION="$kernel" "$@"
  ran=$((ran + 1))
done
echo "ran on $ran kernels"
[ "$ran" -ge 1 ]
