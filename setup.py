"""Builds the Python package `netra` with CMake (see pyproject.toml).

build_ext configures the repository's CMake project with the Python that
runs pip, builds the target netra_python (the C++ library, the extension
netra._netra and the protoc-generated message classes) and copies the
assembled package (build/python/netra in the CMake tree) into the wheel.
NETRA_JOBS sets the build's parallelism (default: the number of cores).
"""

import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.check_call([
            "cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
            "-DNETRA_BUILD_TESTS=OFF", "-DNETRA_BUILD_PYTHON=ON", f"-DPython3_EXECUTABLE={sys.executable}"])
        jobs = os.environ.get("NETRA_JOBS", str(os.cpu_count() or 2))
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
