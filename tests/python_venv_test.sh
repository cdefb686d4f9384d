#!/usr/bin/env bash
# The Python package as a user installs it: `pip install` into a fresh
# virtual environment (Debian's python3-venv, with the system's numpy,
# pandas and protobuf), reusing the build under test (NETRA_BUILD_DIR), then
# the package imported and the example notebook run from that environment
# through its own registered Jupyter kernel, outside the repository and
# without PYTHONPATH.
# Usage: python_venv_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset PYTHONPATH
/usr/bin/python3 -m venv --system-site-packages "$tmp/venv"
py=$tmp/venv/bin/python
start=$(date +%s)
# pip builds in the tree it is given (egg-info and all): give it a copy of
# the sources, so the repository is not written to. --no-build-isolation:
# no PyPI; the build's setuptools comes from Debian.
mkdir "$tmp/src"
tar -C "$src" --exclude=./.git --exclude='./build*' -cf - . | tar -C "$tmp/src" -xf -
NETRA_BUILD_DIR=$build "$py" -m pip install -v --no-build-isolation --no-deps "$tmp/src" > "$tmp/pip.log" 2>&1 ||
  { cat "$tmp/pip.log"; exit 1; }
grep -q "netra: reusing the CMake build in $build" "$tmp/pip.log" || { echo "FAIL: pip did not reuse $build"; cat "$tmp/pip.log"; exit 1; }
echo "pip install into a fresh venv: $(($(date +%s) - start)) s"
cd "$tmp"
where=$("$py" -c 'import netra, sys; print(netra.__file__)')
[[ $where == "$tmp/venv/"* ]] || { echo "FAIL: netra imported from $where, not the venv"; exit 1; }
"$py" - <<'PY'
import netra
d = netra.evaluate({"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
                    "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",
                              "absence": {"cumulative_working_days": 15, "consecutive_working_days": 4}}]})
assert d.level == netra.Level.SEDANG, d.level
PY
# The venv's kernel, registered as the README says, and the notebook run on it.
"$py" -m ipykernel install --prefix "$tmp/venv" --name netra-venv --display-name "netra (venv)" > /dev/null
JUPYTER_PATH=$tmp/venv/share/jupyter MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1 NETRA_NOTEBOOK_OUT=$tmp "$py" - "$src/examples/netra_province_notebook.ipynb" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="netra-venv", timeout=300).execute()
out = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
assert "notebook ran in" in out, out[-2000:]
PY
[[ -s $tmp/pact_signing_curve.png ]] || { echo "FAIL: the notebook drew no signing curve"; exit 1; }
echo "ok: netra installed into a venv, imported from it, and the notebook ran on the venv's kernel"
