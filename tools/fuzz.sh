#!/usr/bin/env bash
# Fuzzes every parser an attacker can reach, with libFuzzer (clang-14) and
# ASan + UBSan: tools/fuzz.sh SECONDS [TARGET...]
# Targets: rules event path token sts_response runtime_headers strict_json (default: all), each for
# SECONDS. Corpora grow in build-fuzz/corpus/TARGET (kept between runs);
# findings land in build-fuzz/findings/. Exits non-zero on any finding: copy
# the input into tests/fuzz/regressions/TARGET/ once fixed, and CTest
# replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: tools/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
((${#targets[@]})) || targets=(rules event path token sts_response runtime_headers strict_json)

tools/deps.sh
# clang-14 with libFuzzer and the sanitizer runtimes, from Debian, when missing.
if ! command -v clang++-14 >/dev/null ||
   ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "fuzz.sh: installing clang-14 libclang-rt-14-dev" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    clang-14 libclang-rt-14-dev >/dev/null
fi

# Build type Debug with its flags set: an empty build type would get the
# top-level default (RelWithDebInfo, -O2 -g) on top of these.
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DCMAKE_CXX_COMPILER=clang++-14 -DROLESEL_FUZZ=ON -DROLESEL_BUILD_TESTS=OFF \
  -DROLESEL_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

declare -A seeds=(
  [rules]="rules/examples"
  [event]="rules/examples/events rules/examples/events/hostile"
  [path]="tests/fuzz/seeds/path"
  [token]="tests/fuzz/seeds/token"
  [sts_response]="tests/fuzz/seeds/sts_response"
  [runtime_headers]="tests/fuzz/seeds/runtime_headers"
  [strict_json]="tests/fuzz/seeds/strict_json tests/fuzz/seeds/token rules/examples/events"
)
mkdir -p build-fuzz/findings
failed=0
summary=()
for target in "${targets[@]}"; do
  corpus="build-fuzz/corpus/$target"
  mkdir -p "$corpus"
  log="build-fuzz/$target.log"
  echo "== fuzz_$target for ${seconds}s"
  set +e
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-fuzz/bin/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="build-fuzz/findings/$target-" \
    "$corpus" ${seeds[$target]} tests/fuzz/regressions/"$target" >"$log" 2>&1
  rc=$?
  set -e
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  ft="$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  units="$(ls "$corpus" | wc -l)"
  if [ "$rc" -ne 0 ]; then
    failed=1
    summary+=("fuzz_$target: FINDING (exit $rc); see $log and build-fuzz/findings/")
    tail -40 "$log" >&2
  else
    summary+=("fuzz_$target: ${runs:-?} executions, coverage ${cov:-?} edges, ${ft:-?} features, corpus $units")
  fi
done
printf '%s\n' "${summary[@]}"
exit "$failed"
