#!/usr/bin/env bash
# Installs what rolesel builds and tests with, when missing, on Debian 12 as
# root (sudo otherwise): the Debian packages below (apt), then the Python
# test tools Debian does not package (moto with its server, boto3,
# aws-sam-translator, cfn-lint) through tools/python_env.sh: a python3 that
# already has them is used as it is, otherwise a virtual environment in
# ~/.cache/rolesel/venv gets the pinned versions of
# tools/python-requirements.txt from PyPI. Idempotent; touches the network
# only when something is missing.
#   tools/deps.sh --arm64   also the arm64 cross toolchain (tools/cross_test.sh):
#                           Debian's cross compiler, qemu-user and the arm64
#                           -dev packages beside the native ones (multiarch)
set -euo pipefail
arm64=0
[ "${1:-}" = --arm64 ] && arm64=1

packages=(
  cmake ninja-build g++ pkg-config git python3 python3-jsonschema python3-botocore
  python3-venv python3-pip zip binutils
  libabsl-dev libre2-dev nlohmann-json3-dev libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev libssl-dev libpugixml-dev
)

if ((arm64)); then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    if [ "$(id -u)" -eq 0 ]; then dpkg --add-architecture arm64; else sudo dpkg --add-architecture arm64; fi
  fi
  # libsimdjson-dev is not Multi-Arch: same (its arm64 build would remove
  # the native one): the cross build takes the arm64 runtime library with
  # the native headers (CMakeLists.txt).
  packages+=(crossbuild-essential-arm64 qemu-user-static
    libabsl-dev:arm64 libre2-dev:arm64 libsimdjson14:arm64 libgtest-dev:arm64 libgmock-dev:arm64
    libcurl4-openssl-dev:arm64 libssl-dev:arm64 libpugixml-dev:arm64)
fi

missing=()
native="$(dpkg --print-architecture)"
for p in "${packages[@]}"; do
  # One line per installed architecture once arm64 is added (multiarch): a
  # name without :ARCH is the native or architecture-independent package.
  want="$native"
  case "$p" in *:*) want="${p#*:}" ;; esac
  listing="$(dpkg-query -W -f='${Architecture} ${Status}\n' "${p%%:*}" 2>/dev/null || true)"
  if ! grep -Eq "^($want|all) install ok installed$" <<<"$listing"; then
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
