#!/usr/bin/env bash
# A new user's own function, from nothing but an install of rolesel: the
# function template (tools/function_template: its own CMake project, handler
# and rules) is built against the installed package with find_package,
# packaged by package.sh --handler/--rules, and answers through the Runtime
# API emulator as Lambda would run it (bootstrap, bundled loader and
# libraries).
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cp -r "$source_dir/tools/function_template" "$work/reports"
cmake -S "$work/reports" -B "$work/reports/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/reports/build" >/dev/null
ROLESEL_BUILD_DIR="$build_dir" "$source_dir/tools/lambda_example/package.sh" \
  --handler "$work/reports/build/reports_handler" --rules "$work/reports/rules.json" \
  --out "$work/reports-function.zip"
unzip -l "$work/reports-function.zip" | grep -q ' bin/reports_handler$' ||
  { echo "error: the zip has no bin/reports_handler" >&2; exit 1; }
events="$work/reports/events"
python3 "$source_dir/tests/tools/function_smoke_test.py" "$work/reports-function.stage" \
  --case "$events/analyst-get-sales.json:200:\"acting_as\":\"arn:aws:iam::123456789012:role/reports-reader\"" \
  --case "$events/intern-get-finance.json:403:deny_rule"
