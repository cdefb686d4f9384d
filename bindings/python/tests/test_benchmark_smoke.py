"""benchmarks/python_benchmark.py in its --quick mode: the three paths run on
the same rows and agree on every level (the script exits 1 if not)."""

import json
import os
import pathlib
import subprocess
import sys

import netra

from conftest import SOURCE_DIR


def test_python_benchmark_quick(tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(netra.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, str(SOURCE_DIR / "benchmarks" / "python_benchmark.py"), "--quick",
                          "--json", str(out)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    r = json.loads(out.read_text())
    assert r["rows"] == 20_000 and r["pandas_rows_disagreeing"] == 0
    (path,) = r["paths"].values()
    assert path["same_answers"] and path["evaluate_frame_s"] > 0 and path["cpp_batch_s"] > 0
    # Every level occurs, so the agreement covers each threshold band.
    assert {"RINGAN", "SEDANG", "BERAT"} <= set(r["level_counts"])
    assert "netra.evaluate_frame" in run.stdout and "C++ batch" in run.stdout
