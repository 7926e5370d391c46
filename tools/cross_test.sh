#!/usr/bin/env bash
# The arm64 (AWS Graviton) run: builds rolesel with Debian's cross toolchain
# into build-arm64/ (tools/cross/aarch64-linux-gnu.cmake), runs the unit
# suite and the bundled fixtures under qemu-user (every CTest case but those
# labelled host, which need the build machine's own programs), packages the
# example function for arm64 (build-arm64/lambda/pets-function-arm64.zip),
# and has that package answer the bundled events through the Runtime API
# emulator under qemu-user.
#   tools/cross_test.sh            the run; exits 2 when the toolchain is missing
#   tools/cross_test.sh --check    exit 0 when the toolchain is there, else 1
# tools/deps.sh --arm64 installs the toolchain: crossbuild-essential-arm64,
# qemu-user-static and the arm64 -dev packages (Debian multiarch).
set -euo pipefail
cd "$(dirname "$0")/.."

available() {
  command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64-static >/dev/null &&
    [ -e /usr/lib/aarch64-linux-gnu/libre2.so ] && [ -e /usr/lib/aarch64-linux-gnu/libsimdjson.so.14 ] &&
    [ -e /usr/lib/aarch64-linux-gnu/libgtest.a ] && [ -e /lib/ld-linux-aarch64.so.1 ]
}
if [ "${1:-}" = --check ]; then
  available
  exit
fi
available || { echo "cross_test.sh: no arm64 cross toolchain; tools/deps.sh --arm64 installs it" >&2; exit 2; }

# Without link-time optimization: it would double the cross build's time on
# two cores (the arm64 package is then a little slower than an LTO one).
cmake -S . -B build-arm64 -G Ninja -DCMAKE_BUILD_TYPE=Release -DROLESEL_BUILD_BENCH=OFF -DROLESEL_LTO=OFF \
  -DCMAKE_TOOLCHAIN_FILE=tools/cross/aarch64-linux-gnu.cmake >/dev/null
cmake --build build-arm64 -j "$(nproc)"
(cd build-arm64 && ctest --output-on-failure -j "$(nproc)" -LE host) 2>&1 | tee build-arm64/ctest.log
if grep -q -- '\*\*\*Skipped' build-arm64/ctest.log; then
  echo "error: CTest skipped tests in build-arm64 (see build-arm64/ctest.log)" >&2
  exit 1
fi
ROLESEL_BUILD_DIR=build-arm64 tools/lambda_example/package.sh --arch arm64
events=rules/examples/events
python3 tests/tools/function_smoke_test.py build-arm64/lambda/pets-function-arm64.stage \
  --launcher qemu-aarch64-static \
  --case "$events/rest-admin-delete.json:200:pets-admin" \
  --case "$events/http-reader-get.json:200:pets-reader" \
  --case "$events/rest-suspended.json:403:deny_rule" \
  --case "$events/http-encoded-slash.json:403"
