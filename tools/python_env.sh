#!/usr/bin/env bash
# Prints the bin folder of a Python that has the test suite's tools (moto
# with its server, boto3, aws-sam-translator, cfn-lint), installing them
# when no Python here has them:
#   1. $ROLESEL_PYTHON, when set (a python3 of your choosing);
#   2. python3 on PATH (under pyenv, its shim resolves to the real one);
#   3. pyenv's python3 where pyenv keeps it (${PYENV_ROOT:-$HOME/.pyenv}),
#      for callers whose PATH leaves pyenv out;
#   4. the virtual environment ${XDG_CACHE_HOME:-$HOME/.cache}/rolesel/venv,
#      created with Debian's python3-venv and filled from PyPI with the
#      pinned versions of tools/python-requirements.txt (needs the network
#      once). --no-install: fail instead of creating it.
# tools/test.sh puts the printed folder first on PATH, so the suite's
# `python3`, `moto_server` and `cfn-lint` are that Python's.
set -euo pipefail
cd "$(dirname "$0")/.."
install=1
[ "${1:-}" = "--no-install" ] && install=0

has_tools() {
  "$1" -c 'import moto, boto3, botocore, samtranslator, cfnlint, flask, flask_cors' 2>/dev/null
}
bin_of() {
  # The folder of the interpreter itself (not of a shim), where pip put the
  # tools' scripts.
  dirname "$("$1" -c 'import sys; print(sys.executable)')"
}

for candidate in "${ROLESEL_PYTHON:-}" "$(command -v python3 || true)" \
  "${PYENV_ROOT:-$HOME/.pyenv}/shims/python3"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && has_tools "$candidate"; then
    bin_of "$candidate"
    exit 0
  fi
done

venv="${XDG_CACHE_HOME:-$HOME/.cache}/rolesel/venv"
if [ -x "$venv/bin/python3" ] && has_tools "$venv/bin/python3"; then
  echo "$venv/bin"
  exit 0
fi
if [ "$install" = 0 ]; then
  echo "python_env.sh: no python3 has moto, boto3, aws-sam-translator and cfn-lint;" \
    "run tools/deps.sh" >&2
  exit 1
fi
echo "rolesel: installing the Python test tools into $venv (tools/python-requirements.txt)" >&2
/usr/bin/python3 -m venv "$venv" >&2
"$venv/bin/python3" -m pip install --quiet --disable-pip-version-check \
  -r tools/python-requirements.txt >&2
has_tools "$venv/bin/python3" || { echo "python_env.sh: the install did not work" >&2; exit 1; }
echo "$venv/bin"
