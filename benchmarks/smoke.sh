#!/usr/bin/env bash
# Runs one benchmark program once on a small size (NETRA_BENCHMARK_SMOKE,
# benchmarks/smoke.h) and fails if it does not run or a benchmark reports an
# error (Google Benchmark itself exits 0 then). No timing is checked.
#   smoke.sh PROGRAM [ARGS...]
set -uo pipefail
out=$(NETRA_BENCHMARK_SMOKE=1 "$@" --benchmark_min_time=0.001 2>&1)
rc=$?
printf '%s\n' "$out"
if [[ $rc -ne 0 ]]; then
  echo "benchmark smoke: $1 exited $rc" >&2
  exit 1
fi
if grep -q "ERROR OCCURRED" <<<"$out"; then
  echo "benchmark smoke: $1 reported an error" >&2
  exit 1
fi
if ! grep -q "^BM_" <<<"$out"; then
  echo "benchmark smoke: $1 ran no benchmark" >&2
  exit 1
fi
