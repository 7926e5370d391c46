#!/usr/bin/env bash
# Installs what rolesel builds and tests with, when missing, on Debian 12 as
# root (sudo otherwise): the Debian packages below (apt), then the Python
# test tools Debian does not package (moto with its server, boto3,
# aws-sam-translator, cfn-lint) through tools/python_env.sh: a python3 that
# already has them is used as it is, otherwise a virtual environment in
# ~/.cache/rolesel/venv gets the pinned versions of
# tools/python-requirements.txt from PyPI. Idempotent; touches the network
# only when something is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git python3 python3-jsonschema python3-botocore
  python3-venv python3-pip zip binutils
  libabsl-dev libre2-dev nlohmann-json3-dev libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev libssl-dev libpugixml-dev
)

missing=()
for p in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  if [ "$status" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "rolesel: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Python test tools (prints where they are; tools/test.sh asks again).
"$(dirname "$0")/python_env.sh" >/dev/null
