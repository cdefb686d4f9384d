#!/usr/bin/env bash
# Installs netra into a temporary prefix and builds a C program against the
# installed libnetra.so with pkg-config, as a C, Go or .NET host would; checks
# the SONAME and that only the netra_* functions are exported.
# Usage: c_consumer_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
pc=$(find "$tmp/prefix" -name netra.pc)
[[ -n $pc ]] || { echo "netra.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
lib=$(pkg-config --variable=libdir netra)
so=$(readlink -f "$lib/libnetra.so")
readelf -d "$so" | grep -q 'SONAME.*\[libnetra\.so\.1\]' || { echo "SONAME is not libnetra.so.1"; readelf -d "$so"; exit 1; }
others=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^netra_' | grep -v '^NETRA_1$' || true)
if [[ -n $others ]]; then
  echo "libnetra.so exports more than netra_*:"; echo "$others" | head -20; exit 1
fi
# shellcheck disable=SC2046
cc -std=c99 -pedantic -Wall -Werror -o "$tmp/host" "$src/tests/c99_test.c" $(pkg-config --cflags --libs netra)
LD_LIBRARY_PATH=$lib "$tmp/host"
