"""Builds the Python package `netra` with CMake (see pyproject.toml).

build_ext configures the repository's CMake project with the Python that
runs pip, builds the target netra_python (the C++ library, the extension
netra._netra and the protoc-generated message classes) and copies the
assembled package (build/python/netra in the CMake tree) into the wheel.
An existing build is reused (an incremental build of it): NETRA_BUILD_DIR,
or the repository's build/ when its extension is for the Python running
pip. NETRA_JOBS sets the build's parallelism (default: the number of cores).
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def _reusable_build() -> pathlib.Path | None:
    """The CMake build to reuse: NETRA_BUILD_DIR, or the repository's own
    build/ (scripts/setup.sh makes it) when its extension is for this
    Python's version. None: configure a new one."""
    given = os.environ.get("NETRA_BUILD_DIR")
    build_dir = pathlib.Path(given).resolve() if given else ROOT / "build"
    if not (build_dir / "CMakeCache.txt").is_file():
        if given:
            raise SystemExit(f"netra: NETRA_BUILD_DIR={given} is not a CMake build of netra (no CMakeCache.txt)")
        return None
    tag = f"cpython-{sys.version_info[0]}{sys.version_info[1]}"
    if not any(tag in p.name for p in (build_dir / "python" / "netra").glob("_netra*.so")):
        if given:
            raise SystemExit(f"netra: NETRA_BUILD_DIR={given} has no extension for {tag} (built with another Python)")
        return None
    return build_dir


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        jobs = os.environ.get("NETRA_JOBS", str(os.cpu_count() or 2))
        build_dir = _reusable_build()
        if build_dir is not None:
            # An incremental build of the existing tree: seconds when it is up to date.
            print(f"netra: reusing the CMake build in {build_dir}", file=sys.stderr, flush=True)
        else:
            build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
            print("netra: building the C++ library with CMake (about 10 minutes on 2 cores; "
                  "`pip install -v` shows its progress, NETRA_BUILD_DIR=build reuses an existing build)",
                  file=sys.stderr, flush=True)
            subprocess.check_call([
                "cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                "-DNETRA_BUILD_TESTS=OFF", "-DNETRA_BUILD_PYTHON=ON", f"-DPython3_EXECUTABLE={sys.executable}"])
        subprocess.check_call(["cmake", "--build", str(build_dir), "--target", "netra_python", "-j", jobs])
        built = build_dir / "python" / "netra"
        target = pathlib.Path(self.get_ext_fullpath(ext.name)).parent  # <build_lib>/netra
        shutil.copytree(built, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))


setup(
    packages=["netra", "netra.v1"],
    package_dir={"": "bindings/python"},
    package_data={"netra": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("netra._netra", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
