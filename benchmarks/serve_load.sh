#!/usr/bin/env bash
# Loopback load test of `netra serve` (benchmarks/README.md has the figures).
# Bounded: each wrk run lasts SECONDS, the batch is ROWS rows, and the
# service listens on 127.0.0.1 only.
#   bash benchmarks/serve_load.sh [BUILD_DIR] [SECONDS] [ROWS]
# For each of evaluate (the README's absence example), pact progress (the
# 500-row synthetic roster in the request), stored pact progress
# (GetPactProgress over the same roster and its issued pacts, kept in the
# service's SQLite store) and concurrent appends (CreateCase: a new case of
# two events, each its own committed transaction): requests per second and
# p50/p99 latency at 1, 16 and 64 connections (wrk, 2 threads (1 for 1
# connection), keep-alive); then one batch of
# ROWS synthetic reports as JSON lines through POST /v1/EvaluateBatch against
# the same rows through netra_evaluate_batch of the C ABI
# (netra_c_abi_timing), best of 3 each, and their ratio. The service and wrk
# share the machine's cores: the figures are those of one 2-core box doing
# both sides.
#   NETRA_LOAD_STORE  a PostgreSQL URL: the service keeps its records there
#                     (--store) instead of in a SQLite file of a temporary
#                     directory (--data)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
seconds=${2:-10}
rows=${3:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "serve_load: needs $tool (apt-get install $tool)" >&2; exit 1; }
done
work=$(mktemp -d)
store=(--data "$work/data")
[[ -z ${NETRA_LOAD_STORE:-} ]] || store=(--store "$NETRA_LOAD_STORE" --store-connections 8)
service_pid=
trap 'kill $service_pid 2>/dev/null || true; wait $service_pid 2>/dev/null || true; rm -rf "$work"' EXIT

source "$root/benchmarks/serve_start.sh"
start_service "$work/serve.out" "${store[@]}"
url=$service_url

/usr/bin/python3 - "$root/examples/roster_synthetic_500.csv" >"$work/progress.json" <<'PY'
import json, sys
print(json.dumps({"roster": {"csv": open(sys.argv[1]).read()}, "election": "pilkada2024",
                  "as_of": "2024-09-01", "max_not_signed": 10}))
PY

# A case of two events whose id each request makes new (run, wrk thread, count).
cat >"$work/create.lua" <<'LUA'
local f = assert(io.open(os.getenv("NETRA_BODY"), "rb"))
local template = f:read("*a")
f:close()
local threads, n = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function request()
  n = n + 1
  local body = template:gsub("CASE%-ID", "LOAD-" .. os.getenv("NETRA_RUN") .. "-" .. id .. "-" .. n)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
LUA
/usr/bin/python3 - "$root/examples/case_disciplinary_absence_2024.json" "$work/stored.json" >"$work/create.json" <<'PY'
import json, sys
case = json.load(open(sys.argv[1]))
case["case_id"] = "CASE-ID"
case["events"] = case["events"][:2]
print(json.dumps({"case": case}))
json.dump({"election": "pilkada2024", "as_of": "2024-09-01"}, open(sys.argv[2], "w"))
PY
# The stored roster and its issued pacts.
/usr/bin/python3 - "$root/examples/roster_synthetic_500.csv" >"$work/roster.json" <<'PY'
import json, sys
print(json.dumps({"election": "pilkada2024", "roster": {"csv": open(sys.argv[1]).read()}}))
PY
curl -sf -H 'Content-Type: application/json' --data-binary @"$work/roster.json" "$url/v1/LoadRoster" >/dev/null
curl -sf -H 'Content-Type: application/json' -d '{"election":"pilkada2024","date":"2024-08-20"}' \
  "$url/v1/IssuePacts" >/dev/null

echo "netra serve load test: $url, ${seconds}s per run, $(nproc) cores, $(date -u +%FT%TZ)," \
  "store: $([[ -n ${NETRA_LOAD_STORE:-} ]] && echo PostgreSQL || echo SQLite)"
printf '| route | connections | requests/s | p50 | p99 | errors |\n| --- | --- | --- | --- | --- | --- |\n'
run() {  # route body connections [script]
  local out
  out=$(NETRA_BODY=$2 NETRA_RUN=$$-$3 wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${seconds}s" --latency -s "${4:-$root/benchmarks/wrk_post.lua}" \
          "$url/v1/$1")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  if [[ -z $rps || $(awk '/requests in/ {print $1}' <<<"$out") -eq 0 || $out == *Non-2xx* ]]; then
    printf '%s\n' "$out" >&2
    echo "serve_load: $1 at $3 connections did not answer" >&2
    exit 1
  fi
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$p50" "$p99" "${errors:-0}"
}
for c in 1 16 64; do run Evaluate "$root/examples/absence_15_days_2025.json" "$c"; done
for c in 1 16 64; do run PactProgress "$work/progress.json" "$c"; done
for c in 1 16 64; do run GetPactProgress "$work/stored.json" "$c"; done
for c in 1 16 64; do run CreateCase "$work/create.json" "$c" "$work/create.lua"; done

"$build/netra" synth reports --count "$rows" --election pilkada2024 --seed 7 --out "$work/reports.jsonl"
/usr/bin/python3 - "$work/reports.jsonl" >"$work/rows.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    print(json.dumps(json.loads(line)["request"], separators=(",", ":")))
PY
printf '\n| batch of %s rows, JSON lines in and out | C ABI netra_evaluate_batch (mean of 3) | POST /v1/EvaluateBatch (best of 3) | ratio |\n' "$rows"
printf '| --- | --- | --- | --- |\n'
batch() {  # label query c-format
  local best="" t
  for _ in 1 2 3; do
    t=$(curl -s -o "$work/answers.jsonl" -w '%{time_total}' -H 'Content-Type: application/x-ndjson' \
          --data-binary @"$work/rows.jsonl" "$url/v1/EvaluateBatch$2")
    if [[ $(wc -l <"$work/answers.jsonl") -ne $rows ]]; then
      echo "serve_load: the batch answered $(wc -l <"$work/answers.jsonl") of $rows rows" >&2
      exit 1
    fi
    best=$(awk -v a="$t" -v b="${best:-1e9}" 'BEGIN {print (a < b) ? a : b}')
  done
  local c
  c=$("$build/benchmarks/netra_c_abi_timing" "$work/rows.jsonl" 3 "$3" | awk '/evaluate_batch/ {print $3 / 1e6}')
  printf '| %s | %.3f s | %.3f s | %.2f |\n' "$1" "$c" "$best" "$(awk -v a="$best" -v b="$c" 'BEGIN {print a / b}')"
}
batch "DeterminationSummary rows (?form=SUMMARY)" "?form=SUMMARY" 0x602
batch "full Determinations" "" 0x202
