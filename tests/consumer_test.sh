#!/usr/bin/env bash
# Installs netra into a temporary prefix and builds examples/embed against it
# with find_package(netra), then runs it.
# Usage: consumer_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples/embed" -B "$tmp/embed" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/embed" >/dev/null
"$tmp/embed/embed_example" | grep -q "Level: SEDANG"
echo "1 passed, 0 failed"
