"""Shared fixtures. The package under test is the one on PYTHONPATH (the
build tree's python/ directory when run by ctest)."""

import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("NETRA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3]))
EXAMPLES = SOURCE_DIR / "examples"
VECTORS = SOURCE_DIR / "tests" / "vectors"
# Set by ctest in the sanitized build (bindings/python/CMakeLists.txt): this
# interpreter and every process it starts (subprocesses, Jupyter kernels)
# run with ASan + UBSan preloaded and PYTHONMALLOC=malloc.
SANITIZED = os.environ.get("NETRA_SANITIZED") == "1"


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


def absence_request(cumulative, consecutive=None, *, kind="PNS", act_date="2025-06-30", position="PELAKSANA",
                    agency="REGENCY_CITY"):
    absence = {"cumulative_working_days": cumulative}
    if consecutive is not None:
        absence["consecutive_working_days"] = consecutive
    return {"employee": {"kind": kind, "position": {"type": position}, "agency": {"level": agency}},
            "acts": [{"norm": "pp94.duty.attendance", "act_date": act_date, "absence": absence}]}
