#!/usr/bin/env bash
# Sets up, builds and runs every test (GoogleTest suite, law vectors, the
# netra command's contract, the find_package(netra) consumer).
set -euo pipefail
cd "$(dirname "$0")/.."
NETRA_BUILD_DIR=build bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)"
