#!/usr/bin/env bash
# The README's second command (and what CI runs): install what is missing,
# build, and run the whole test suite through CTest; then build everything
# again with AddressSanitizer + UndefinedBehaviorSanitizer (leak checks on)
# and run the suite once more; then the concurrency test under
# ThreadSanitizer. ROLESEL_SKIP_SANITIZERS=1 skips the sanitizer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
# The STS, token and Lambda tests run python3 with moto, boto3,
# aws-sam-translator and cfn-lint: the Python tools/python_env.sh found (or
# installed) comes first on PATH.
python_bin="$(tools/python_env.sh --no-install)"
export PATH="$python_bin:$PATH"
echo "rolesel: Python test tools from $python_bin"
# run_suite DIR [CTEST ARGS...]: the suite through CTest. A case CTest
# reports as skipped fails the run here: CTest counts it as passed, and a
# check that did not run has not passed (the Lambda example's cases were
# once skipped unnoticed, run before the fixture that writes their report).
run_suite() {
  local dir="$1"
  shift
  (cd "$dir" && ctest --output-on-failure -j "$(nproc)" "$@") 2>&1 | tee "$dir/ctest.log"
  if grep -q -- '\*\*\*Skipped' "$dir/ctest.log"; then
    echo "error: CTest skipped tests in $dir (see $dir/ctest.log)" >&2
    return 1
  fi
}

tools/build.sh
run_suite build

# arm64: the unit suite and the bundled fixtures cross-built and run under
# qemu-user, and the arm64 function package answering through the emulator,
# when the cross toolchain is installed (tools/deps.sh --arm64).
# ROLESEL_SKIP_ARM64=1 skips it.
if [ "${ROLESEL_SKIP_ARM64:-0}" != 1 ] && tools/cross_test.sh --check; then
  echo "== arm64: cross build, the suite under qemu-user"
  tools/cross_test.sh
else
  echo "rolesel: arm64 run not done (no cross toolchain: tools/deps.sh --arm64 installs it)"
fi

# sanitized_build DIR SANITIZERS [BUILD ARGS...]: configures and builds DIR
# with -DROLESEL_SANITIZE=SANITIZERS, as build type Debug with its flags set
# to -O0: no optimization and no debug info. (An empty build type gets the
# top-level default, RelWithDebInfo's -O2 -g, which is what these builds
# used to get by mistake.) The sanitizers check unoptimized code as well -
# nothing is optimized away - and it builds far quicker on CI's two cores:
# event_reader.cc under ASan+UBSan takes 73 s at -O2 -g, 31 s at -O1, 13 s
# at -O0. The suite itself is quick either way; reports still name the
# functions.
sanitized_build() {
  local dir="$1" sanitizers="$2"
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 \
    -DROLESEL_SANITIZE="$sanitizers" -DROLESEL_BUILD_BENCH=OFF >/dev/null
  cmake --build "$dir" -j "$(nproc)" "$@"
}

if [ "${ROLESEL_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== the suite again under AddressSanitizer + UndefinedBehaviorSanitizer"
  sanitized_build build-asan address,undefined
  # An external project cannot link the sanitized static library without the
  # sanitizer runtime, so the install tests run only in the plain build; and
  # the soaks' memory samples mean nothing under ASan, whose quarantine keeps
  # freed memory resident by design.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build-asan -E '^(install_and_find_package|own_function_packaged|soak_in_process|soak_emulator)$'

  echo "== the concurrency test under ThreadSanitizer"
  sanitized_build build-tsan thread --target concurrency_test
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 build-tsan/tests/concurrency_test
fi
