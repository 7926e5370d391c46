#!/usr/bin/env bash
# Installs rolesel into a temporary prefix, builds tools/embed_example
# against it with find_package(rolesel), and runs it on the bundled example.
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
# The installed archives hold ordinary object code: no LTO bytecode for the
# consumer's linker to optimize (which made a consumer take ~8 s to link).
for archive in "$work/prefix"/lib*/librolesel*.a; do
  # Listed first, then searched: grep -q in a pipe would stop early and the
  # SIGPIPE it leaves the lister, under pipefail, would hide a match.
  sections="$(objdump -h "$archive")"
  if grep -q '\.gnu\.lto_' <<<"$sections"; then
    echo "error: $archive holds LTO bytecode" >&2
    exit 1
  fi
done
# Only public headers are installed, and each compiles on its own against
# the installed tree (none reaches for an internal header); rule_set.h pulls
# in no JSON or regex library.
include="$work/prefix/include"
for internal_dir in internal matchers compile evaluate lint jwt; do
  if [ -e "$include/rolesel/$internal_dir" ]; then
    echo "error: internal headers installed: include/rolesel/$internal_dir" >&2
    exit 1
  fi
done
for header in $(cd "$include" && find rolesel -name '*.h' | sort); do
  echo "#include \"$header\"" | c++ -std=c++17 -fsyntax-only -x c++ -I"$include" - ||
    { echo "error: installed $header does not compile on its own" >&2; exit 1; }
done
if echo '#include "rolesel/rule_set.h"' | c++ -std=c++17 -E -x c++ -I"$include" - |
    grep -E '^# [0-9]+ "[^"]*(nlohmann|re2/|simdjson)' >/dev/null; then
  echo "error: rolesel/rule_set.h pulls in nlohmann/json, RE2 or simdjson" >&2
  exit 1
fi
cmake -S "$source_dir/tools/embed_example" -B "$work/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >/dev/null
out=$("$work/build/embed_example" "$source_dir/rules/examples/pets.rules.json" \
  "$source_dir/rules/examples/events/rest-admin-delete.json")
echo "$out"
symbols="$(nm "$work/build/embed_example")"
if grep -q lto_priv <<<"$symbols"; then
  echo "error: the consumer was link-time optimized (lto_priv symbols)" >&2
  exit 1
fi
expected="assume arn:aws:iam::123456789012:role/pets-admin as alice for 900s (rule admins-manage)"
[ "$out" = "$expected" ] || { echo "expected: $expected" >&2; exit 1; }
