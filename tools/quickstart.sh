#!/usr/bin/env bash
# The README's first command: install what is missing, build, and decide the
# bundled example event with the bundled example rules.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
tools/build.sh
echo
echo '$ build/bin/rolesel eval --rules rules/examples/pets.rules.json --event rules/examples/events/rest-admin-delete.json'
build/bin/rolesel eval --rules rules/examples/pets.rules.json \
  --event rules/examples/events/rest-admin-delete.json
