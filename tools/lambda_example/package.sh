#!/usr/bin/env bash
# Packages a Lambda function built on rolesel for the provided.al2023 runtime:
# your handler binary (a program whose main() calls rolesel::lambda::
# RunHandler) and your rules, for x86_64 or arm64:
#   ZIP
#     bootstrap     a launcher: runs the handler with the bundled libraries
#     bin/HANDLER   the handler binary
#     lib/          every shared library it needs (libcurl, which rolesel
#                   loads at run time, with its own), and the loader
#     rules.json    the rules
# Bundling the loader and libraries (as aws-lambda-cpp's packager does) makes
# a binary built on Debian 12 run on Amazon Linux 2023, whose glibc is older.
#
# Usage: tools/lambda_example/package.sh [--handler BINARY] [--rules FILE]
#            [--arch x86_64|arm64] [--out ZIP] [RULES_FILE]
#   --handler  default: BUILD/bin/pets_handler (the example)
#   --rules    default: rules/examples/pets.rules.json (RULES_FILE says the same)
#   --arch     default: the handler's own; it must match the binary. arm64
#              libraries come from Debian's multiarch arm64 packages
#              (tools/deps.sh --arm64)
#   --out      default: BUILD/lambda/NAME-function.zip, NAME the handler's
#              name without _handler; its files are staged next to it
#              (BUILD/lambda/stage for the example)
# BUILD is ROLESEL_BUILD_DIR (default build), where the CLI that lints the
# rules is: rules that do not lint clean are never packaged.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${ROLESEL_BUILD_DIR:-build}"
handler="" rules="" arch="" zip_file=""
usage() { sed -n '/^# Usage:/,/^# BUILD/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case "$1" in
    --handler) handler="${2:?}"; shift 2 ;;
    --rules) rules="${2:?}"; shift 2 ;;
    --arch) arch="${2:?}"; shift 2 ;;
    --out) zip_file="${2:?}"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "package.sh: unknown option $1" >&2; usage ;;
    *) rules="$1"; shift ;;
  esac
done
handler="${handler:-$build/bin/pets_handler}"
rules="${rules:-rules/examples/pets.rules.json}"
[ -x "$handler" ] || { echo "package.sh: no handler binary $handler (run tools/build.sh, or pass --handler)" >&2; exit 2; }
[ -f "$rules" ] || { echo "package.sh: no rules file $rules" >&2; exit 2; }

# The handler's architecture, from its ELF header.
machine="$(readelf -h "$handler" | sed -n 's/^ *Machine: *//p')"
case "$machine" in
  *X86-64*) binary_arch=x86_64 triplet=x86_64-linux-gnu ;;
  *AArch64*) binary_arch=arm64 triplet=aarch64-linux-gnu ;;
  *) echo "package.sh: $handler is not an x86_64 or arm64 program ($machine)" >&2; exit 2 ;;
esac
arch="${arch:-$binary_arch}"
[ "$arch" = "$binary_arch" ] ||
  { echo "package.sh: --arch $arch, but $handler is built for $binary_arch" >&2; exit 2; }

# Never ship rules that do not load, or that lint finds wrong. The CLI is
# the build machine's: a cross build's CLI runs under qemu-user.
cli="$build/bin/rolesel"
[ "$(readelf -h "$cli" | sed -n 's/^ *Machine: *//p')" = "$(readelf -h /bin/sh | sed -n 's/^ *Machine: *//p')" ] ||
  cli="qemu-$( [ "$binary_arch" = arm64 ] && echo aarch64 || echo x86_64 )-static $cli"
$cli lint "$rules" >&2 || { echo "package.sh: $rules does not lint clean" >&2; exit 2; }

name="$(basename "$handler")"
if [ -z "$zip_file" ]; then
  zip_file="$build/lambda/${name%_handler}-function.zip"
  [ "$arch" = x86_64 ] || zip_file="$build/lambda/${name%_handler}-function-$arch.zip"
fi
mkdir -p "$(dirname "$zip_file")"
zip_file="$(cd "$(dirname "$zip_file")" && pwd)/$(basename "$zip_file")"
if [ "$handler" = "$build/bin/pets_handler" ] && [ "$arch" = x86_64 ]; then
  stage="$build/lambda/stage"  # where the example's tests run it from
else
  stage="${zip_file%.zip}.stage"
fi
rm -rf "$stage" && mkdir -p "$stage/bin" "$stage/lib"
cp "$handler" "$stage/bin/"
cp "$rules" "$stage/rules.json"

# Every library the handler needs, and theirs, found by name (readelf's
# NEEDED entries) in the architecture's multiarch folders: no ldd, which
# cannot read a binary of another architecture. libcurl is not among the
# handler's: rolesel dlopens it (engine/rolesel/internal/curl_api.h), so it
# is added by name with its own.
libdirs=("/lib/$triplet" "/usr/lib/$triplet")
find_lib() {
  local dir
  for dir in "${libdirs[@]}"; do
    if [ -e "$dir/$1" ]; then echo "$dir/$1"; return 0; fi
  done
  return 1
}
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
libcurl="$(find_lib libcurl.so.4)" ||
  { echo "package.sh: libcurl.so.4 for $arch not found (apt-get install libcurl4$([ "$arch" = arm64 ] && echo :arm64))" >&2; exit 2; }
queue=("$handler" "$libcurl")
declare -A bundled=([libcurl.so.4]=1)
cp -L "$libcurl" "$stage/lib/"
while ((${#queue[@]})); do
  file="${queue[0]}"
  queue=("${queue[@]:1}")
  for lib in $(needed "$file"); do
    [ -z "${bundled[$lib]:-}" ] || continue
    bundled[$lib]=1
    path="$(find_lib "$lib")" || { echo "package.sh: $lib (needed by $file) not found for $arch" >&2; exit 2; }
    cp -L "$path" "$stage/lib/"
    queue+=("$path")
  done
done
interpreter="$(readelf -l "$handler" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')"
[ -n "$interpreter" ] || { echo "package.sh: $handler names no program interpreter" >&2; exit 2; }
cp -L "$interpreter" "$stage/lib/"
loader="$(basename "$interpreter")"
cat > "$stage/bootstrap" <<BOOT
#!/bin/sh
# Lambda runs this file. Start the handler through the bundled loader with the
# bundled libraries, and point it at the bundled rules unless told otherwise.
here="\$(cd "\$(dirname "\$0")" && pwd)"
export ROLESEL_RULES="\${ROLESEL_RULES:-\$here/rules.json}"
exec "\$here/lib/$loader" --library-path "\$here/lib" "\$here/bin/$name" "\$@"
BOOT
chmod 755 "$stage/bootstrap" "$stage/bin/$name"
rm -f "$zip_file"
(cd "$stage" && zip -qr -X "$zip_file" .)
echo "$zip_file ($arch, $(du -k "$zip_file" | cut -f1) KiB," \
     "$(ls "$stage/lib" | wc -l) bundled libraries)"
