#!/usr/bin/env bash
# The dashboard's test in a real browser (README, "The dashboard").
#
# A synthetic province (`netra synth province`) is loaded into `netra serve`
# through its public API only (scripts/demo_load.py), and beside it a large
# election (pemilu2024: a roster of 50,000, pacts issued, nobody signing);
# the numbers the page must show are taken from the command on the same data
# (`netra pact progress` on the service's store, `netra compliance` on the
# generated cases); then tests/web/dashboard_test.mjs drives Debian's
# Chromium headless (playwright-core, pinned in package-lock.json) against
# the service, compares, and checks every tab with axe-core (pinned too).
# Screenshots: BUILD/web-test/screenshots.
#
#   bash tests/web/run.sh [BUILD]     (BUILD: the build folder, default build)
#
# While working on the pages: NETRA_WEB_DIR=web/dashboard serves them from
# the work tree (`netra serve --web`), so an edit needs no rebuild.
#
# Needs /usr/bin/chromium and tests/web/node_modules (scripts/test.sh
# installs both: apt-get install chromium; npm ci in tests/web).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
netra=$build/netra
python=/usr/bin/python3
work=$build/web-test
election=pilkada2024
as_of=2024-12-20        # after the due date and the vote: late signatures, cases past their follow-up
other_as_of=2024-09-10  # during the signing

[[ -x /usr/bin/chromium ]] || { echo "dashboard test: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }
[[ -d $src/tests/web/node_modules/playwright-core && -d $src/tests/web/node_modules/axe-core ]] ||
  { echo "dashboard test: tests/web/node_modules is missing (cd tests/web && npm ci)" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/screenshots"
"$netra" synth province --employees 3000 --agencies 4 --election "$election" --as-of "$as_of" --seed 15 \
  --out "$work/province" >"$work/synth.txt"

# A province token that may see names, and a read-only token of one agency that may not.
agency=$(awk -F, 'NR == 2 { print $8 }' "$work/province/roster.csv")
token() { "$netra" serve token "$@"; }
token --name province --access READ_WRITE --personal-data >"$work/province.token"
token --name agency --access READ_ONLY --agency "$agency" >"$work/agency.token"
grep -h '^tokens {' "$work/province.token" "$work/agency.token" >"$work/tokens.textproto"
province_token=$(sed -n 's/^token: //p' "$work/province.token")
agency_token=$(sed -n 's/^token: //p' "$work/agency.token")

web=()
[[ -n ${NETRA_WEB_DIR:-} ]] && web=(--web "$(cd "$NETRA_WEB_DIR" && pwd)")
"$netra" serve --listen 127.0.0.1:0 --data "$work/data" --tokens "$work/tokens.textproto" "${web[@]}" \
  >"$work/serve.out" 2>"$work/serve.log" &
serve=$!
trap 'kill $serve 2>/dev/null; wait $serve 2>/dev/null || true' EXIT
url=
for _ in $(seq 600); do
  url=$(sed -n 's/^netra serve: listening on \(http:[^ ]*\).*/\1/p' "$work/serve.out" | head -n 1)
  [[ -n $url ]] && break
  kill -0 $serve 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "dashboard test: the service did not start" >&2; exit 1; }
"$python" "$src/scripts/demo_load.py" --url "$url" --token "$province_token" "$work/province" >"$work/load.txt"

# A second, large election in the same service: 50,000 on the roster, their
# pacts issued about three weeks before the due date (2023-11-27), nobody
# signing; the page must stay responsive (the not-signed list is paged on
# the server). One LoadRoster call (the CSV is ~7.5 MB, under kMaxBatchBytes).
large_election=pemilu2024
large_issued=2023-11-06
large_as_of=2023-11-08
mkdir -p "$work/large"
"$netra" synth roster --employees 50000 --agencies 2 --seed 3 --out "$work/large/roster.csv"
"$python" - "$work/large" "$large_election" "$large_issued" <<'PY'
import json, pathlib, sys
large, election, issued = pathlib.Path(sys.argv[1]), *sys.argv[2:]
calls = [{"method": "LoadRoster", "request": {"election": election, "roster": {"csv": (large / "roster.csv").read_text()}}},
         {"method": "IssuePacts", "request": {"election": election, "date": issued}}]
(large / "calls.jsonl").write_text("".join(json.dumps(c, separators=(",", ":")) + "\n" for c in calls))
PY
"$python" "$src/scripts/demo_load.py" --url "$url" --token "$province_token" "$work/large" >"$work/load-large.txt"
"$netra" pact progress --roster "$work/large/roster.csv" --election "$large_election" --store "$work/data/netra.db" \
  --as-of "$large_as_of" --not-signed 1000000 >"$work/progress-large.json"

# What the page must show, from the command on the same data.
for d in "$as_of" "$other_as_of"; do
  "$netra" pact progress --roster "$work/province/roster.csv" --election "$election" --store "$work/data/netra.db" \
    --as-of "$d" --not-signed 1000000 >"$work/progress-$d.json"
done
"$netra" compliance --roster "$work/province/roster.csv" --as-of "$as_of" "$work/province/cases/"*.json \
  >"$work/compliance.json"
"$python" - "$work" "$election" "$as_of" "$other_as_of" "$agency" "$large_election" "$large_as_of" <<'PY'
import csv, hashlib, json, pathlib, sys
work, election, as_of, other, agency, large_election, large_as_of = pathlib.Path(sys.argv[1]), *sys.argv[2:]
def progress(day):
    return json.loads((work / f"progress-{day}.json").read_text())
def total(p):
    t = p["total"]
    n = lambda k: int(t.get(k, 0))
    return {"issued": n("issued"), "signed": n("signed_on_time") + n("signed_late"), "not_signed": n("not_signed")}
now = progress(as_of)
units = {}
for g in now["groups"]:
    u = units.setdefault((g["agency"], g["unit"]), {"agency": g["agency"], "unit": g["unit"], "issued": 0,
                                                    "signed": 0, "not_signed": 0})
    u["issued"] += int(g.get("issued", 0))
    u["signed"] += int(g.get("signed_on_time", 0)) + int(g.get("signed_late", 0))
    u["not_signed"] += int(g.get("not_signed", 0))
# The unit to drill into: the one with most not signed (its bar is among the first).
unit = max(units.values(), key=lambda u: (u["not_signed"], u["agency"], u["unit"]))
compliance = [{k: int(a.get(k, 0)) if k != "agency" else a[k]
               for k in ("agency", "asn", "reported", "open", "proven", "followed_up", "follow_up_overdue")}
              for a in json.loads((work / "compliance.json").read_text())["agencies"]]
expected = {"election": election, "as_of": as_of, "other_as_of": other, "agency": agency,
            "total_at_as_of": total(now), "total_at_other_as_of": total(progress(other)), "unit": unit,
            "units": list(units.values()),
            "not_signed_nips": now.get("not_signed_nips", []), "compliance": compliance}
# The large election: the count, a digest of the NIPs (the CSV's must match)
# and a search by name with the count the server must give (a name or NIP
# holding the text, letters in any case; ListNotSignedRequest.query).
large = json.loads((work / "progress-large.json").read_text())
nips = large.get("not_signed_nips", [])
query = "Sintetis 00123"
with open(work / "large" / "roster.csv", newline="") as f:
    names = {r["nip"]: r["name"] for r in csv.DictReader(f)}
expected["large"] = {"election": large_election, "as_of": large_as_of, "not_signed": int(large["total"].get("not_signed", 0)),
                     "nips_sha256": hashlib.sha256("\n".join(sorted(nips)).encode()).hexdigest(), "query": query,
                     "query_not_signed": sum(query.lower() in n or query.lower() in names[n].lower() for n in nips)}
assert expected["large"]["not_signed"] == len(nips) > 40000, f"the large election: {expected['large']}"
assert 0 < expected["large"]["query_not_signed"] < 1000, f"the large election's search: {expected['large']}"
assert expected["total_at_as_of"]["not_signed"] == len(expected["not_signed_nips"]) > 0, "no one left unsigned"
(work / "expected.json").write_text(json.dumps(expected, indent=1))
PY

NETRA_URL=$url NETRA_PROVINCE_TOKEN=$province_token NETRA_AGENCY_TOKEN=$agency_token \
  NETRA_EXPECTED=$work/expected.json NETRA_SCREENSHOTS=$work/screenshots CHROMIUM=/usr/bin/chromium \
  node "$src/tests/web/dashboard_test.mjs"
