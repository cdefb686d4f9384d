#!/usr/bin/env bash
# Quick start: set up, build, and evaluate the example case on the embedded
# law (a PNS absent without valid reason for 15 working days in 2025).
set -euo pipefail
cd "$(dirname "$0")/.."
NETRA_CMAKE_ARGS="-DNETRA_BUILD_TESTS=OFF ${NETRA_CMAKE_ARGS:-}" NETRA_BUILD_DIR=build-quickstart bash scripts/setup.sh
./build-quickstart/netra evaluate examples/absence_15_days_2025.json --text
