#!/usr/bin/env bash
# The tail at 64 connections, the service beside the minimal servers of
# benchmarks/server_models.cc, in turns (benchmarks/README.md, "The tail at
# 64 connections"): each round runs wrk (2 threads, 64 keep-alive
# connections, SECONDS) against `netra serve`'s Evaluate (the README's
# absence example, an 11 KB answer), then against the thread-per-connection
# model (11,000 bytes after 40 µs of work, one write), then against the same
# model making cpp-httplib's system calls. Everything listens on 127.0.0.1
# and shares the machine's cores with wrk. Bounded: ROUNDS x 3 x SECONDS.
#   bash benchmarks/serve_tail.sh [BUILD_DIR] [ROUNDS] [SECONDS]
# Prints one line per run, then per server the median and the range of the
# requests per second and of the p99. No figure is asserted: it fails only
# if a server does not answer every request with 200.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
rounds=${2:-6}
seconds=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "serve_tail: needs wrk (apt-get install wrk)" >&2; exit 1; }
[[ -x $build/benchmarks/netra_server_models ]] ||
  { echo "serve_tail: build with -DNETRA_BUILD_BENCHMARKS=ON (no $build/benchmarks/netra_server_models)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

source "$root/benchmarks/serve_start.sh"
start_service "$work/serve.out"
pids+=("$service_pid")
service=$service_url
# Free ports for the two models: the kernel's choice, released just before.
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port_plain=$(free_port)
"$build/benchmarks/netra_server_models" threads "$port_plain" &
pids+=($!)
port_httplib=$(free_port)
"$build/benchmarks/netra_server_models" threads-httplib "$port_httplib" &
pids+=($!)
sleep 0.5

# wrk's --latency table gives the p99 in us, ms or s.
one() {  # name url [script]
  local out
  out=$(NETRA_BODY="$root/examples/absence_15_days_2025.json" wrk -t2 -c64 -d"${seconds}s" --latency ${3:+-s "$3"} "$2")
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; printf "%.2f", v}' <<<"$out")
  if [[ -z $rps || -z $p99 ]] || grep -q "Non-2xx" <<<"$out"; then
    echo "serve_tail: $1 did not answer every request with 200:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$1 $rps $p99" >>"$work/runs"
  printf '%-30s %8s requests/s  p99 %7s ms  (load average %s)\n' "$1" "$rps" "$p99" "$(cut -d' ' -f1 /proc/loadavg)"
}
for r in $(seq "$rounds"); do
  one "netra serve Evaluate" "$service/v1/Evaluate" "$root/benchmarks/wrk_post.lua"
  one "model: threads" "http://127.0.0.1:$port_plain/"
  one "model: threads-httplib" "http://127.0.0.1:$port_httplib/"
done
echo
echo "| server (64 connections, $rounds runs of ${seconds} s in turns) | requests/s: median (range) | p99 ms: median (range) | runs with p99 < 5 ms |"
echo "| --- | --- | --- | --- |"
for name in "netra serve Evaluate" "model: threads" "model: threads-httplib"; do
  grep "^$name [0-9]" "$work/runs" | awk -v name="$name" '
    { rps[NR] = $(NF-1); p99[NR] = $NF; if ($NF < 5) under++ }
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
      m = median(rps, NR); lo = rps[1]; hi = rps[NR]
      q = median(p99, NR); plo = p99[1]; phi = p99[NR]
      printf "| %s | %d (%d-%d) | %.1f (%.1f-%.1f) | %d of %d |\n", name, m, lo, hi, q, plo, phi, under, NR
    }'
done
