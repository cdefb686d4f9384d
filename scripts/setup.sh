#!/usr/bin/env bash
# Installs netra's build dependencies from Debian 12 packages (only those
# missing) and builds netra into ./build. Idempotent; safe to re-run. The
# python3-* packages are what the Python bindings (build/python) run and are
# tested with, under Debian's /usr/bin/python3; abigail-tools (abidiff) checks
# the exported ABI of libnetra.so and pkgconf (pkg-config) builds the C
# consumer test; php8.2-cli and phpunit the PHP binding (bindings/php), the
# JDK, JNA, protobuf-java and JUnit 5 jars the Java binding (bindings/java);
# libcpp-httplib-dev `netra serve` (libgrpc++-dev its gRPC, python3-grpcio the
# test of it), python3-jsonschema its OpenAPI checks and JSON Schemas;
# python3-venv, python3-pip and jupyter-notebook a user's install of the
# Python package into a virtual environment and its notebook; wrk
# and curl its load test (benchmarks/serve_load.sh).
#   NETRA_BUILD_DIR  build directory (default: build)
#   NETRA_CMAKE_ARGS extra CMake arguments
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake libabsl-dev libprotobuf-dev protobuf-compiler
          libsqlite3-dev sqlite3 libpq-dev postgresql-15 libssl-dev
          libgtest-dev libbenchmark-dev pybind11-dev python3-dev libcli11-dev
          python3-numpy python3-pandas python3-pytest python3-protobuf python3-jsonschema python3-matplotlib
          python3-nbclient python3-ipykernel python3-nbformat python3-setuptools python3-venv python3-pip jupyter-notebook
          abigail-tools pkgconf
          php8.2-cli phpunit openjdk-17-jdk-headless libjna-java libprotobuf-java junit5
          libgoogle-gson-java libguava-java libcpp-httplib-dev libgrpc++-dev python3-grpcio wrk curl)
source scripts/install-packages.sh
install_packages setup "${packages[@]}"

build=${NETRA_BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${NETRA_CMAKE_ARGS:-} >/dev/null
echo "netra setup: building in $build (log: $build/build.log)"
if ! cmake --build "$build" -j"$(nproc)" >"$build/build.log" 2>&1; then
  tail -n 60 "$build/build.log"
  exit 1
fi
