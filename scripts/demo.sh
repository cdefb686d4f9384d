#!/usr/bin/env bash
# One command, a demo service: a SYNTHETIC province (netra synth province)
# loaded into a fresh `netra serve` through its HTTP API, with two tokens,
# a province token that may write and a read-only token of the first agency.
#
#   bash scripts/demo.sh                 # runs until Ctrl-C
#   bash scripts/demo.sh --background    # leaves it running, prints its pid
#
# Flags (or the environment variable after each; flags win):
#   --employees N   NETRA_DEMO_EMPLOYEES  employees on the roster (5000)
#   --agencies K    NETRA_DEMO_AGENCIES   agencies (6)
#   --election ID   NETRA_DEMO_ELECTION   pilkada2024 or pemilu2024 (pilkada2024)
#   --as-of DATE    NETRA_DEMO_AS_OF      the demo's today (pilkada2024: 2024-12-20, after the vote, so
#                                         late signatures and cases past their deadlines show; pemilu2024: 2023-12-04)
#   --seed S        NETRA_DEMO_SEED       (1)
#   --port P        NETRA_DEMO_PORT       port on 127.0.0.1 (8080; 0 = a free one)
#   --dir DIR       NETRA_DEMO_DIR        where the data, store, tokens and log go (a new temporary dir)
#   --netra PATH    NETRA_DEMO_NETRA      the netra command (default: build/netra, else the quick
#                                         start's build-quickstart/netra; built when neither is there)
#   --background    leave the service running, print its pid and exit
#
# Everything it loads is SYNTHETIC: made-up people ("Pegawai Sintetis ..."),
# agencies ("... Sintetis ...") and cases ("SYN-..."), never official figures.
set -euo pipefail
cd "$(dirname "$0")/.."

employees=${NETRA_DEMO_EMPLOYEES:-5000}
agencies=${NETRA_DEMO_AGENCIES:-6}
election=${NETRA_DEMO_ELECTION:-pilkada2024}
as_of=${NETRA_DEMO_AS_OF:-}
seed=${NETRA_DEMO_SEED:-1}
port=${NETRA_DEMO_PORT:-8080}
dir=${NETRA_DEMO_DIR:-}
netra=${NETRA_DEMO_NETRA:-}
background=0

die() { echo "demo: $*" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --background) background=1; shift; continue ;;
    --employees|--agencies|--election|--as-of|--seed|--port|--dir|--netra)
      [[ $# -ge 2 ]] || die "$1 needs a value" ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  case $1 in
    --employees) employees=$2 ;;
    --agencies) agencies=$2 ;;
    --election) election=$2 ;;
    --as-of) as_of=$2 ;;
    --seed) seed=$2 ;;
    --port) port=$2 ;;
    --dir) dir=$2 ;;
    --netra) netra=$2 ;;
  esac
  shift 2
done
[[ $port =~ ^[0-9]+$ ]] || die "--port: \"$port\" is not a number"
if [[ -z $as_of ]]; then
  case $election in
    pemilu2024) as_of=2023-12-04 ;;
    *) as_of=2024-12-20 ;;
  esac
fi

if [[ -z $netra ]]; then
  # A build that has the service: the test suite's, else the quick start's.
  for n in build/netra build-quickstart/netra; do
    if [[ -x $n && $("$n" --help) == *"netra serve"* ]]; then netra=$n; break; fi
  done
  if [[ -z $netra ]]; then
    echo "demo: no netra built yet; building it (scripts/setup.sh)"
    NETRA_BUILD_DIR=build bash scripts/setup.sh
    netra=build/netra
  fi
fi
[[ -x $netra ]] || die "--netra: $netra is not an executable"

if [[ -z $dir ]]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/netra-demo.XXXXXX")
else
  mkdir -p "$dir"
fi
dir=$(cd "$dir" && pwd)
province=$dir/province

# The synthetic province (its summary says what is in it).
"$netra" synth province --employees "$employees" --agencies "$agencies" --election "$election" \
  --as-of "$as_of" --seed "$seed" --out "$province"

# Two tokens: the province's (every agency, may write: it loads the data) and
# the first agency's, read-only. A token that may see names and NIPs needs
# --personal-data where this netra has it.
personal=()
help_text=$("$netra" --help 2>&1 || true)  # captured whole: grep -q on a pipe would cut it short (SIGPIPE)
if grep -q -- '--personal-data' <<<"$help_text"; then
  personal=(--personal-data)
fi
# TODO(personal-data): a netra whose `serve token` lacks --personal-data
# gets a province token without it; add the flag above once it has it.
first_agency=$(sed -n '2p' "$province/im_nkk.csv")
first_agency=${first_agency%,*}
token_of() { sed -n 's/^token: //p' <<<"$1"; }
entry_of() { grep '^tokens {' <<<"$1"; }
province_out=$("$netra" serve token --name demo-provinsi --access READ_WRITE "${personal[@]}")
agency_out=$("$netra" serve token --name demo-instansi-1 --access READ_ONLY --agency "$first_agency")
province_token=$(token_of "$province_out")
agency_token=$(token_of "$agency_out")
tokens=$dir/tokens.textproto
umask 077
{
  echo "# netra serve --tokens: demo tokens (SYNTHETIC data). Only SHA-256s are kept here."
  entry_of "$province_out"
  entry_of "$agency_out"
} >"$tokens"
{
  echo "province (READ_WRITE${personal:+, personal data}): $province_token"
  echo "agency \"$first_agency\" (READ_ONLY): $agency_token"
} >"$dir/tokens.txt"

# The service, in the background while the data are loaded.
mkdir -p "$dir/data"
"$netra" serve --data "$dir/data" --tokens "$tokens" --listen "127.0.0.1:$port" \
  >"$dir/serve.out" 2>"$dir/serve.log" &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap 'stop' EXIT
# Its port from "netra serve: listening on http://127.0.0.1:PORT".
url=
for _ in $(seq 1 600); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$dir/serve.out" 2>/dev/null | head -1 || true)
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/serve.log" >&2; echo "demo: netra serve exited" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "demo: netra serve did not start in 60 s ($dir/serve.log)" >&2; exit 1; }
/usr/bin/python3 - "$url" <<'PY'
import sys, time, urllib.request, urllib.error
for _ in range(600):
    try:
        with urllib.request.urlopen(sys.argv[1] + "/readyz", timeout=5) as r:
            if r.status == 200:
                sys.exit(0)
    except (urllib.error.URLError, OSError):
        pass
    time.sleep(0.1)
sys.exit("demo: " + sys.argv[1] + "/readyz did not answer 200 in 60 s")
PY
/usr/bin/python3 scripts/demo_load.py --url "$url" --token "$province_token" "$province"

cat <<EOF

netra demo (SYNTHETIC data, $election as of $as_of): $url/
  province token (READ_WRITE${personal:+, personal data}): $province_token
  agency token, "$first_agency" (READ_ONLY): $agency_token
  files: $dir (tokens.txt, tokens.textproto, province/, data/, serve.log)
EOF
if [[ $background -eq 1 ]]; then
  trap - EXIT
  echo "  pid: $pid (stop it with: kill $pid)"
  exit 0
fi
echo "  Ctrl-C stops the service."
trap 'stop; exit 0' INT TERM
wait "$pid"
