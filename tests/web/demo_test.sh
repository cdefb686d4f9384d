#!/usr/bin/env bash
# scripts/demo.sh, the one command of the README's "A demo in one command":
# it starts a service loaded with a synthetic province and prints two tokens
# that work as it says (the province token sees names, the agency token only
# its agency and no names), and the dashboard's page is served.
#   NETRA=build/netra bash tests/web/demo_test.sh SOURCE_DIR
set -euo pipefail
src=$1
dir=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "demo test: $*" >&2; exit 1; }

out=$(bash "$src/scripts/demo.sh" --netra "$NETRA" --employees 400 --agencies 2 --port 0 --background \
  --dir "$dir/demo" 2>&1) || fail "demo.sh failed: $out"
pid=$(sed -n 's/^  pid: \([0-9]*\).*/\1/p' <<<"$out")
url=$(sed -n 's|^netra demo .*: \(http://[^ ]*/\)$|\1|p' <<<"$out")
province=$(sed -n 's/^  province token .*: \(netra_[^ ]*\)$/\1/p' <<<"$out")
agency=$(sed -n 's/^  agency token, "\([^"]*\)".*: \(netra_[^ ]*\)$/\2/p' <<<"$out")
agency_name=$(sed -n 's/^  agency token, "\([^"]*\)".*/\1/p' <<<"$out")
[[ -n $pid && -n $url && -n $province && -n $agency ]] || fail "demo.sh did not print its pid, address and tokens: $out"

call() {  # call TOKEN METHOD JSON
  curl -sf -H "Authorization: Bearer $1" "${url}v1/$2" -d "$3" || fail "$2 with a demo token failed"
}
# Whole answers in variables: `curl | grep -q` fails under pipefail when grep
# stops reading before curl has written everything.
page=$(curl -sf "$url") || fail "the dashboard is not served at $url"
[[ $page == *'<html lang="id">'* ]] || fail "the page at $url is not the dashboard"
whole=$(call "$province" ListNotSigned '{"election":"pilkada2024","as_of":"2024-12-20","page_size":1000}')
grep -q '"nip":' <<<"$whole" || fail "the province token sees no NIP: $whole"
grep -q 'Sintetis 001' <<<"$whole" && grep -q 'Sintetis 002' <<<"$whole" || fail "the province token does not see both agencies"
own=$(call "$agency" ListNotSigned '{"election":"pilkada2024","as_of":"2024-12-20","page_size":1000}')
grep -q '"personal_data_hidden":true' <<<"$own" || fail "the agency token sees names: $own"
other=$([[ $agency_name == *001 ]] && echo "Sintetis 002" || echo "Sintetis 001")
! grep -q "$other" <<<"$own" || fail "the agency token ($agency_name) sees $other"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $agency" "${url}v1/SignPact" -d '{}')
[[ $status == 403 ]] || fail "the read-only agency token may write (HTTP $status)"
echo "demo test: ok ($url)"
