# Sourced by serve_load.sh and serve_tail.sh. start_service OUT [ARG...]
# starts `netra serve` of $build on a free loopback port with ARGs, its
# output in OUT, and sets service_pid and service_url; it exits with a
# message if the service does not start within 10 s.
start_service() {
  local out=$1
  shift
  "$build/netra" serve --listen 127.0.0.1:0 --quiet --max-connections 128 "$@" >"$out" &
  service_pid=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$out" 2>/dev/null && break
    sleep 0.1
  done
  service_url=$(sed -n 's/.*listening on //p' "$out")
  if [[ -z $service_url ]]; then
    kill "$service_pid" 2>/dev/null || true
    echo "$(basename "$0" .sh): the service did not start" >&2
    exit 1
  fi
}
