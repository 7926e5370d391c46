#!/usr/bin/env bash
# rolesel's start-up cost is the shared libraries it maps (cmake/StaticDeps.cmake):
# the CLI must not link libcurl (it is dlopen'ed when first needed) and, with
# ROLESEL_STATIC_DEPS, none of Abseil, RE2, pugixml or libcrypto. (That
# libcurl still loads when needed is what `rolesel assume` against moto in
# tools_test shows.)
# Usage: startup_deps_test.sh ROLESEL_BINARY STATIC_DEPS(ON|OFF)
set -euo pipefail
binary="$1"
static="$2"
needed="$(readelf -d "$binary" | awk '/\(NEEDED\)/ {gsub(/[][]/, "", $5); print $5}')"
echo "NEEDED: $(echo $needed)"
forbidden='^libcurl'
case "$static" in
  ON|on|1|TRUE|true) forbidden='^(libcurl|libabsl_|libre2|libpugixml|libcrypto)' ;;
esac
if echo "$needed" | grep -E "$forbidden"; then
  echo "FAIL: $binary links the libraries above at start-up" >&2
  exit 1
fi
