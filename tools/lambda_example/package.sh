#!/usr/bin/env bash
# Packages the example function for the provided.al2023 runtime:
#   build/lambda/pets-function.zip
#     bootstrap          a launcher: runs the handler with the bundled libraries
#     bin/pets_handler   the handler (tools/lambda_example/pets_handler.cc)
#     lib/               every shared library it needs, and the loader
#     rules.json         the rules (default rules/examples/pets.rules.json)
# Bundling the loader and libraries (as aws-lambda-cpp's packager does) makes
# a binary built on Debian 12 run on Amazon Linux 2023, whose glibc is older.
# Usage: tools/lambda_example/package.sh [RULES_FILE]
# after tools/build.sh; ROLESEL_BUILD_DIR (default build) says which build.
set -euo pipefail
cd "$(dirname "$0")/../.."
rules="${1:-rules/examples/pets.rules.json}"
build="${ROLESEL_BUILD_DIR:-build}"
[ -x "$build/bin/pets_handler" ] || { echo "package.sh: no $build/bin/pets_handler; run tools/build.sh" >&2; exit 2; }
# Never ship rules that do not load, or that lint finds wrong.
"$build/bin/rolesel" lint "$rules" >&2 || { echo "package.sh: $rules does not lint clean" >&2; exit 2; }

stage="$build/lambda/stage"
rm -rf "$stage" && mkdir -p "$stage/bin" "$stage/lib"
cp "$build/bin/pets_handler" "$stage/bin/"
cp "$rules" "$stage/rules.json"
# ldd lists the libraries and the loader ("=> /path" or a bare absolute path).
# libcurl is not among them: rolesel dlopens it (engine/rolesel/internal/
# curl_api.h), so it and its own libraries are added by name.
# awk reads the whole listing: stopping at the first match would end
# ldconfig by SIGPIPE, which pipefail turns into a failure now and then.
libcurl="$(ldconfig -p | awk '!found && /libcurl\.so\.4 .*x86-64/ {print $NF; found = 1}')"
[ -n "$libcurl" ] || { echo "package.sh: libcurl.so.4 not found (apt-get install libcurl4)" >&2; exit 2; }
{ ldd "$build/bin/pets_handler"; echo "libcurl.so.4 => $libcurl (0)"; ldd "$libcurl"; } |
  awk '/=> \// {print $3} /^[ \t]*\/[^ ]+ \(/ {print $1}' | sort -u |
  while read -r lib; do cp -L "$lib" "$stage/lib/"; done
loader="$(basename "$(ldd "$build/bin/pets_handler" | awk '/^[ \t]*\/[^ ]+ \(/ {print $1}')")"
cat > "$stage/bootstrap" <<BOOT
#!/bin/sh
# Lambda runs this file. Start the handler through the bundled loader with the
# bundled libraries, and point it at the bundled rules unless told otherwise.
here="\$(cd "\$(dirname "\$0")" && pwd)"
export ROLESEL_RULES="\${ROLESEL_RULES:-\$here/rules.json}"
exec "\$here/lib/$loader" --library-path "\$here/lib" "\$here/bin/pets_handler" "\$@"
BOOT
chmod 755 "$stage/bootstrap" "$stage/bin/pets_handler"
zip_file="$build/lambda/pets-function.zip"
rm -f "$zip_file"
(cd "$stage" && zip -qr -X ../pets-function.zip .)
echo "$zip_file ($(du -k "$zip_file" | cut -f1) KiB," \
     "$(ls "$stage/lib" | wc -l) bundled libraries)"
