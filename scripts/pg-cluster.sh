# Sourced by test.sh (and usable by hand): pg_cluster_start starts a
# throw-away PostgreSQL 15 cluster in a temporary folder, as an unprivileged
# user (nobody when run as root: PostgreSQL refuses to run as root), with its
# unix socket in that folder and no TCP port, and exports
# NETRA_TEST_POSTGRES (a libpq URI of its maintenance database) for the
# store tests; pg_cluster_stop stops it and removes the folder. Callers set
# a trap so that it is removed however the script ends.
pg_bin=/usr/lib/postgresql/15/bin
pg_dir=""

pg_cluster_start() {
  pg_dir=$(mktemp -d /tmp/netra-pg.XXXXXX)
  local as=()
  if [[ $(id -u) -eq 0 ]]; then
    chown nobody "$pg_dir"
    as=(runuser -u nobody --)
  fi
  local user
  user=$("${as[@]}" id -un)
  chmod 700 "$pg_dir"
  "${as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U "$user" -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; return 1; }
  # A port number only names the socket file (no TCP: listen_addresses='').
  local port=$((20000 + RANDOM % 20000))
  "${as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 120 \
    -o "-k $pg_dir -c listen_addresses='' -p $port -c max_connections=100" start >/dev/null ||
    { cat "$pg_dir/server.log"; return 1; }
  export NETRA_TEST_POSTGRES="postgresql:///postgres?host=$pg_dir&port=$port&user=$user"
  export NETRA_REQUIRE_POSTGRES=1  # the store tests fail rather than skip without it
  echo "netra: throw-away PostgreSQL cluster in $pg_dir (NETRA_TEST_POSTGRES=$NETRA_TEST_POSTGRES)"
}

pg_cluster_stop() {
  [[ -n "$pg_dir" && -d "$pg_dir" ]] || return 0
  local as=()
  if [[ $(id -u) -eq 0 ]]; then as=(runuser -u nobody --); fi
  "${as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
  pg_dir=""
}
