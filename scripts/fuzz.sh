#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) into
# build-fuzz and runs each for SECONDS (default 10) on a writable copy of its
# seed corpus; new corpus entries stay in that copy, never in the repo.
#   bash scripts/fuzz.sh            # CI: 10 s per target
#   bash scripts/fuzz.sh 600        # by hand: 10 min per target
#   bash scripts/fuzz.sh 60 law     # only some targets
# Prints the executions per target (libFuzzer's -print_final_stats=1) and
# writes build-fuzz/fuzz-summary.txt (target, seconds, execs). A crash or an
# invariant failure stops with exit 1; its input is kept in
# build-fuzz/artifacts/ (add it to tests/fuzz/corpus/<target>/ with the fix).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true

# clang and its fuzzer runtime, plus netra's own build dependencies (same
# style as setup.sh: only what is missing).
packages=(clang libclang-rt-14-dev cmake libabsl-dev libprotobuf-dev protobuf-compiler libcli11-dev)
source scripts/install-packages.sh
install_packages fuzz "${packages[@]}"

# target:max_len (bytes). The law target's seeds are whole law files.
all=(law:160000 request_json:8192 json_fast:8192 audit_json:8192 evaluator_invariants:512 log_import:8192
     case_replay:8192 roster:8192 pact_events:1024 nip:64 date:32 c_abi:16384 render_wire:8192 siasn:8192)
targets=()
for entry in "${all[@]}"; do
  name=${entry%%:*}
  if (($# == 0)) || [[ " $* " == *" $name "* ]]; then targets+=("$entry"); fi
done

build=build-fuzz
start=$(date +%s)
# -O1 with line tables only: symbolized stacks at about half the build time
# of RelWithDebInfo; asserts stay on (no NDEBUG).
CC=clang CXX=clang++ cmake -S . -B "$build" -DNETRA_FUZZ=ON -DCMAKE_BUILD_TYPE=Fuzz \
  -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" >/dev/null
echo "netra fuzz: building in $build (log: $build/build.log)"
if ! cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%:*/_fuzz}" >"$build/build.log" 2>&1; then
  tail -n 60 "$build/build.log"
  exit 1
fi
built=$(date +%s)
echo "netra fuzz: built in $((built - start)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/netra-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/artifacts"
summary="$build/fuzz-summary.txt"
printf '%-22s %8s %12s\n' target seconds execs >"$summary"
failed=()
for entry in "${targets[@]}"; do
  name=${entry%%:*}
  max_len=${entry##*:}
  mkdir -p "$work/$name"
  cp -r tests/fuzz/corpus/"$name"/. "$work/$name/"
  log="$build/fuzz-$name.log"
  t0=$(date +%s)
  rc=0
  TMPDIR="$work" "$build/tests/fuzz/${name}_fuzz" "$work/$name" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$build/artifacts/$name-" \
    >"$log" 2>&1 || rc=$?
  took=$(($(date +%s) - t0))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  printf '%-22s %8s %12s\n' "$name" "$took" "${execs:-?}" | tee -a "$summary"
  if ((rc != 0)); then
    failed+=("$name")
    grep -E "invariant violated|ERROR: |SUMMARY: |runtime error|Test unit written" "$log" | head -n 20 || true
  fi
done
echo "netra fuzz: total $(($(date +%s) - start)) s; summary in $summary"
if ((${#failed[@]})); then
  echo "netra fuzz: FAILED: ${failed[*]} (logs: $build/fuzz-<target>.log, inputs: $build/artifacts/)"
  exit 1
fi
