#!/usr/bin/env bash
# Sets up, builds and runs every test: the GoogleTest suite, the law vectors,
# the netra command's contract, the Python tests and the find_package(netra)
# consumer; the dashboard's pages in headless Chromium (tests/web/run.sh);
# then the same suite again built with AddressSanitizer +
# UndefinedBehaviorSanitizer (the Python tests with the runtimes preloaded
# into /usr/bin/python3: bindings/python/CMakeLists.txt); then every fuzz
# target for 10 s (scripts/fuzz.sh, clang + libFuzzer).
# The store's tests run against SQLite and against a throw-away PostgreSQL
# cluster started here (scripts/pg-cluster.sh) and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# The plain build includes the benchmarks, each run once on a small size
# (benchmarks/smoke.sh) so that they cannot rot unnoticed.
NETRA_BUILD_DIR=build NETRA_CMAKE_ARGS="-DNETRA_BUILD_BENCHMARKS=ON ${NETRA_CMAKE_ARGS:-}" bash scripts/setup.sh
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
pg_cluster_start
(cd build && ctest --output-on-failure -j"$(nproc)")

# The dashboard in a real browser: Debian's Chromium driven by playwright-core
# (pinned in tests/web/package-lock.json; npm fetches no browser).
source scripts/install-packages.sh
command -v node >/dev/null || install_packages test nodejs npm
install_packages test chromium
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
bash tests/web/run.sh build

# The consumer links an installed, unsanitized netra; the rest runs sanitized.
NETRA_BUILD_DIR=build-asan NETRA_CMAKE_ARGS="-DNETRA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug" bash scripts/setup.sh
(cd build-asan && ctest --output-on-failure -j"$(nproc)" -E find_package_consumer)

# libFuzzer: every target of tests/fuzz for 10 s on its seed corpus.
bash scripts/fuzz.sh 10
