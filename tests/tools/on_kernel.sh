#!/usr/bin/env bash
# on_kernel.sh KERNEL ROLESEL COMMAND...: runs COMMAND with simdjson, and so
# rolesel's event walk (engine/rolesel/event/event_kernel.h), forced to
# KERNEL. When this CPU cannot run KERNEL (`rolesel --version`, forced to
# it, names another), nothing is run and the exit status is 77, which CTest
# reports as skipped, with the reason below.
set -euo pipefail
kernel="$1" rolesel="$2"
shift 2
export SIMDJSON_FORCE_IMPLEMENTATION="$kernel"
running="$("$rolesel" --version | sed -n 's/^event reader kernel: //p')"
if [ "$running" != "$kernel" ]; then
  echo "not run: this CPU does not run the $kernel kernel (forced, the walk runs $running)"
  exit 77
fi
exec "$@"
