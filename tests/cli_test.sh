#!/usr/bin/env bash
# The `netra` command's contract: outputs and exit codes a script relies on.
# Usage: NETRA=path/to/netra cli_test.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {  # check NAME EXPECTED_EXIT PATTERN -- command...
  local name=$1 want=$2 pattern=$3; shift 4
  local out code
  out=$("$@" 2>&1); code=$?
  if [[ $code -eq $want ]] && grep -qE -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL: $name (exit $code, want $want; pattern '$pattern')"; echo "$out" | head -5
  fi
}
ex=$src/examples/absence_15_days_2025.json
check "evaluate --text names level, types and articles" 0 'Level: SEDANG' -- "$NETRA" evaluate "$ex" --text
check "evaluate --text cites Pasal 10 and the Pasal 42 substitute" 0 'S2T .*substitutes S2' -- "$NETRA" evaluate "$ex" --text
check "evaluate writes JSON by default" 0 '"outcome": "SANCTION"' -- "$NETRA" evaluate "$ex"
check "evaluate reads standard input" 0 '"level": "SEDANG"' -- bash -c "\"$NETRA\" evaluate - < '$ex'"
check "evaluate --set overrides a setting" 0 '"code": "S2"' -- "$NETRA" evaluate "$ex" --set tukin_sedang_operative_from=2025-01-01
check "unknown setting is a request error" 1 'unknown setting' -- "$NETRA" evaluate "$ex" --set nope=1
echo '{"employee": {"kind": "PNS"}, "acts": [' > "$tmp/truncated.json"
check "malformed JSON exits 1" 1 'invalid request JSON' -- "$NETRA" evaluate "$tmp/truncated.json"
echo '{"employee": {"kind": "HONORER"}, "acts": []}' > "$tmp/enum.json"
check "unknown enum exits 1" 1 'invalid request JSON' -- "$NETRA" evaluate "$tmp/enum.json"
echo '{"employee": {"kind": "PNS", "nip": "12345"}, "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-01-02"}]}' > "$tmp/nip.json"
check "bad NIP exits 1 naming the field" 1 'employee.nip' -- "$NETRA" evaluate "$tmp/nip.json"
echo '{"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-01-02", "absence": {"cumulative_working_days": -3}}]}' > "$tmp/neg.json"
check "negative count exits 1" 1 'cumulative_working_days: -3' -- "$NETRA" evaluate "$tmp/neg.json"
check "missing file exits 4" 4 'no such file' -- "$NETRA" evaluate "$tmp/none.json"
check "unknown command exits 2" 2 'unknown command' -- "$NETRA" frobnicate
check "unknown flag exits 2" 2 'unknown flag' -- "$NETRA" evaluate "$ex" --fast
check "rules lists ids, articles and dates" 0 'pp94.absence.cumulative_14_16_days' -- "$NETRA" rules
check "rules --as-of before PP 94 lists no PP 94 rule" 0 '^[0-9]+ rules in force on 2021-01-01' -- "$NETRA" rules --as-of 2021-01-01
check "rules --json is a RuleFile" 0 '"in_force_from": "2021-08-31"' -- "$NETRA" rules --json
check "rules --as-of rejects a bad date" 2 'not a date' -- "$NETRA" rules --as-of 2021-02-30
cat > "$tmp/regional.textproto" <<'LAW'
instruments { id: "perbup_contoh_2024" kind: KEPUTUSAN number: "7" year: 2024 in_force_from: "2024-01-01" }
rules { id: "perbup.x" citations { instrument: "perbup_contoh_2024" pasal: 1 } paraphrase: "p"
        norm { kind: OBLIGATION } }
LAW
check "check-law names file, line and rule of an error" 3 'regional.textproto:2: rule perbup.x: norm has no level rule' -- "$NETRA" check-law "$tmp/regional.textproto"
check "check-law of the embedded files themselves" 0 '^ok: ' -- "$NETRA" check-law "$src"/law/*.textproto "$src"/law/elections/*.textproto
# netra test: the project's own vectors, and what a law author sees when one does not hold.
check "test runs the project's own law and audit vectors" 0 '^[0-9]{3} law vectors and [0-9]{2} audit vectors: [0-9]+ passed, 0 failed$' -- "$NETRA" test "$src/tests/vectors" --quiet
check "test reports the rules no law vector cites" 0 '^coverage: ([0-9]+) of \1 rules are cited' -- "$NETRA" test "$src/tests/vectors" --quiet
mkdir -p "$tmp/vectors/audit"
sed 's/level: BERAT/level: RINGAN/' "$src/tests/vectors/a_berat_case_must_be_examined_by_a_team_pp94_pasal_29_2.textproto" > "$tmp/vectors/berat_as_ringan.textproto"
cp "$src/tests/vectors/audit/"$(ls "$src/tests/vectors/audit" | head -1) "$tmp/vectors/audit/"
check "test names the vector that fails and why" 1 'level: got BERAT, expected RINGAN' -- "$NETRA" test "$tmp/vectors"
check "test prints FAIL with the file and its sentence" 1 '^FAIL  berat_as_ringan.textproto  A berat case must be examined by a team$' -- "$NETRA" test "$tmp/vectors"
check "test counts what it ran, and lists the rules a small folder leaves unexercised" 1 '^1 law vectors and 1 audit vectors: 1 passed, 1 failed' -- "$NETRA" test "$tmp/vectors"
printf 'name: "x"\nexpect { level: HUGE }\n' > "$tmp/vectors/bad.textproto"
check "test names the line and column of a file that does not parse" 1 'line 2, column [0-9]+: .*HUGE' -- "$NETRA" test "$tmp/vectors/bad.textproto"
check "test of a path that does not exist exits 4" 4 'no such file or folder' -- "$NETRA" test "$tmp/none"
mkdir "$tmp/no-vectors"
check "test of a folder without vectors exits 2" 2 'no vector files' -- "$NETRA" test "$tmp/no-vectors"
check "evaluate --law with an invalid file exits 3" 3 'invalid law' -- "$NETRA" evaluate "$ex" --law "$tmp/regional.textproto"
nx=$src/examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json
check "a like on 12 Nov 2024 is a berat violation: the candidate was determined on 22 Sep" 0 'Level: BERAT' -- "$NETRA" evaluate "$nx" --text
check "the determination names the calendar stage it used" 0 'pilkada2024 REGENT on the act date: CAMPAIGN, CALON' -- "$NETRA" evaluate "$nx" --text
check "the determination names the handling body of its date" 0 'Handled by: BKN' -- "$NETRA" evaluate "$nx" --text
sed 's/"act_date": "2024-11-12"/"act_date_range": {"from": "2024-08-01", "until": "2024-10-31"}/' "$nx" >"$tmp/range.json"
check "an act date range over several stages is named so in the text, never as an unspecified stage" 0 'REGENT over the act date range: more than one stage' -- "$NETRA" evaluate "$tmp/range.json" --text
check "elections lists the calendars with their sources" 0 'determination: 2024-09-22 \(PKPU 2/2024' -- "$NETRA" elections
check "elections --json is a RuleFile of elections" 0 '"id": "pilkada2024"' -- "$NETRA" elections --json
sed 's/"election": "pilkada2024"/"election": "pilkada2099"/' "$nx" > "$tmp/unknown_election.json"
check "an unknown election is a request error naming the field" 1 'acts\[0\].neutrality.target.election: unknown election "pilkada2099"' -- "$NETRA" evaluate "$tmp/unknown_election.json"
audit=$src/examples/audit_neutrality_decisions_2024.jsonl
check "audit of a JSON-lines file writes one finding per line" 1 '"case_id":"BKD-2024-001","verdict":"WITHIN_LAW"' -- "$NETRA" audit "$audit"
check "audit reports a bad line with its number and goes on" 1 '"line":9,"code":"INVALID_ARGUMENT","error":"request.acts\[0\].act_date' -- "$NETRA" audit "$audit"
check "audit prints the counts" 1 '"cases":"11".*"invalid":"1"' -- bash -c "\"$NETRA\" audit '$audit' 2>&1 >/dev/null"
audit_csv=$src/examples/audit_decisions_2024.csv
check "audit of a CSV file writes one finding per row" 1 '"case_id":"BKD-2024-001","verdict":"WITHIN_LAW"' -- "$NETRA" audit "$audit_csv"
check "audit names a bad CSV row by its line (the header is line 1) and column" 1 '"line":10,"code":"INVALID_ARGUMENT","error":"column act_date: ' -- "$NETRA" audit "$audit_csv"
check "audit counts the refused CSV rows" 1 'rows refused: 1' -- bash -c "\"$NETRA\" audit '$audit_csv' 2>&1 >/dev/null"
printf 'kind,norm,act_date,colour\n' > "$tmp/bad_header.csv"
check "a CSV column that is not one is named with the known ones" 1 '"colour" is not a column \(kind, position,' -- bash -c "\"$NETRA\" audit '$tmp/bad_header.csv' 2>&1"
head -1 "$audit" > "$tmp/one.json"
check "audit of one case as text" 0 'Case BKD-2024-001: WITHIN_LAW' -- "$NETRA" audit "$tmp/one.json" --text
sed -n 2p "$audit" > "$tmp/light.json"
check "a moral sanction for a berat neutrality violation is too light" 0 '"verdict": "TOO_LIGHT"' -- "$NETRA" audit "$tmp/light.json"
cd_ex=$src/examples/case_disciplinary_absence_2024.json
cn_ex=$src/examples/case_neutrality_pilkada_2024.json
check "case --text shows the status on the as-of date" 0 'RECEIVED_BY_EMPLOYEE as of 2024-08-12 after 8 events' -- "$NETRA" case "$cd_ex" --text --as-of 2024-08-12
check "case --text shows a deadline with its article" 0 'objection_filing: 14 working days after 2024-08-05 -> 2024-08-23 \[OPEN\] PP 79/2021 Pasal 4 ayat \(2\)' -- "$NETRA" case "$cd_ex" --text --as-of 2024-08-12
check "case --text: the sanction is final from the 15th working day" 0 'FINAL as of 2024-08-26' -- "$NETRA" case "$cd_ex" --text --as-of 2024-08-26
check "case JSON names when the sanction takes effect" 0 '"effective_from": "2024-08-26"' -- "$NETRA" case "$cd_ex"
check "case JSON carries the SIASN record" 0 '"sk_nomor": "800.1.6.4/123/BKPSDM/2024"' -- "$NETRA" case "$cd_ex"
check "case --tukin needs an amount" 2 'tukin' -- "$NETRA" case "$cd_ex" --tukin lots
check "case of a neutrality recommendation past its follow-up period" 0 'neutrality_follow_up: 14 days after 2024-12-10 -> 2024-12-24 \[OVERDUE\]' -- "$NETRA" case "$cn_ex" --text --as-of 2025-01-06
check "overdue lists the neutrality follow-up past due and exits 0" 0 $'^BAWASLU-KAB-2024-117\tneutrality_follow_up\tdue 2024-12-24\tskb2022.deadline.neutrality_follow_up$' -- "$NETRA" overdue --as-of 2025-01-06 "$cd_ex" "$cn_ex"
out=$("$NETRA" overdue --as-of 2024-12-24 "$cd_ex" "$cn_ex" 2>&1); code=$?
if [[ $code -eq 0 && -z "$out" ]]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: overdue on the due date itself lists nothing (exit $code): $out"; fi
check "overdue --set changes the follow-up period" 0 'due 2024-12-17' -- "$NETRA" overdue --as-of 2024-12-18 --set neutrality_follow_up_days=7 "$cn_ex"
check "overdue without --as-of exits 2" 2 'as-of' -- "$NETRA" overdue "$cd_ex" "$cn_ex"
db=$tmp/store.db
check "log init stores a case with its events" 0 "created case BAWASLU-KAB-2024-117 with 3 events" -- "$NETRA" log init --store "$db" "$cn_ex"
check "log init never replaces a case" 4 'BAWASLU-KAB-2024-117 is already in the store' -- "$NETRA" log init --store "$db" "$cn_ex"
check "the store file is readable by its owner only" 0 '^600$' -- stat -c %a "$db"
echo '{"type": "ESCALATED", "date": "2024-12-27", "actor": {"role": "ROLE_HANDLING_BODY", "body": "BKN"}}' > "$tmp/escalated.json"
check "log append adds an event the machine accepts" 0 'appended event 4; status ESCALATED_BLOCKED' -- "$NETRA" log append --store "$db" --case BAWASLU-KAB-2024-117 "$tmp/escalated.json"
echo '{"type": "REPORT", "date": "2024-12-30", "actor": {"role": "ROLE_REPORTER"}}' > "$tmp/report.json"
check "log append of a refused event exits 1 with the reason" 1 'refused: REPORT is not allowed in state ESCALATED_BLOCKED' -- "$NETRA" log append --store "$db" --case BAWASLU-KAB-2024-117 "$tmp/report.json"
check "a refused event is not stored" 0 $'BAWASLU-KAB-2024-117\tNEUTRALITY\tESCALATED_BLOCKED\t4 events' -- "$NETRA" log list --store "$db"
echo '{"type": "FOLLOW_UP", "date": "2024-12-30", "actor": {"role": "ROLE_PPK"}}' > "$tmp/unlinked.json"
check "log append of a malformed event exits 1 naming the field" 1 'linked_case_id' -- "$NETRA" log append --store "$db" --case BAWASLU-KAB-2024-117 "$tmp/unlinked.json"
check "log show replays the stored case" 0 'ESCALATED_BLOCKED as of 2024-12-27 after 4 events' -- "$NETRA" log show --store "$db" --case BAWASLU-KAB-2024-117 --text
check "log append to a case not in the store exits 4" 4 'no case NONE in the store' -- "$NETRA" log append --store "$db" --case NONE "$tmp/escalated.json"
check "log init stores a second case" 0 'created case BKPSDM-2024-DISC-031 with 8 events' -- "$NETRA" log init --store "$db" "$cd_ex"
check "log show on a past date counts only the events up to it" 0 'SUMMONED as of 2024-07-05 after 2 events' -- "$NETRA" log show --store "$db" --case BKPSDM-2024-DISC-031 --as-of 2024-07-05 --text
check "case --as-of a past date counts only the events up to it" 0 'SUMMONED as of 2024-07-05 after 2 events' -- "$NETRA" case "$cd_ex" --as-of 2024-07-05 --text
check "log overdue scans the store's open cases" 0 $'^BAWASLU-KAB-2024-117\tneutrality_follow_up\tdue 2024-12-24' -- "$NETRA" log overdue --store "$db" --as-of 2025-01-06
check "without --store, NETRA_STORE names the store" 0 $'^BAWASLU-KAB-2024-117\tNEUTRALITY' -- env NETRA_STORE="$db" "$NETRA" log list
# Migration: the old log files (written here by store export, in the format
# netra wrote before the store) are imported into a new store and back.
check "store export writes every case and registry as log files" 0 'exported 2 cases, 0 pact registries and 0 rosters' -- "$NETRA" store export "$db" "$tmp/export"
check "case refuses an old-format log file, pointing to store import" 1 'netra store import' -- "$NETRA" case "$tmp/export/case-BAWASLU-KAB-2024-117.log" --text
c_log=$tmp/export/case-BAWASLU-KAB-2024-117.log
size=$(wc -c < "$c_log")
head -c $((size - 5)) "$c_log" > "$tmp/torn.log"
check "store import reads old case log files into a new store" 0 'imported case BKPSDM-2024-DISC-031 \(8 events\)' -- "$NETRA" store import "$tmp/new.db" "$tmp/export/case-BKPSDM-2024-DISC-031.log"
check "store import of a torn log keeps its complete records and names the torn record" 0 'torn.log: record 5: torn \([0-9]+ bytes' -- bash -c "\"$NETRA\" store import '$tmp/new.db' '$tmp/torn.log' 2>&1"
check "the imported case replays" 0 'RECOMMENDATION_ISSUED as of 2024-12-10 after 3 events' -- "$NETRA" log show --store "$tmp/new.db" --case BAWASLU-KAB-2024-117 --text
# A log whose third record (event 2) has a flipped payload byte: refused with the record number.
cp "$c_log" "$tmp/flipped.log"
/usr/bin/python3 - "$tmp/flipped.log" <<'PY'
import struct, sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
off = 8
for _ in range(2):                    # skip the header record and event 1
    n = struct.unpack_from('<I', b, off + 4)[0]
    off += 12 + n
b[off + 12] ^= 0x01                   # the first payload byte of event 2 (record 3)
open(p, 'wb').write(bytes(b))
PY
check "store import of a damaged log file is refused naming where" 1 'flipped.log: refused: record 3: damaged \(CRC mismatch at byte [0-9]+\) and valid records follow' -- "$NETRA" store import "$tmp/new2.db" "$tmp/flipped.log"
check "store check verifies every chain" 0 'sqlite store: 2 cases with 12 events, 0 pact registries with 0 events, 0 rosters with 0 rows; chains verified' -- "$NETRA" store check "$db"
cat > "$tmp/roster.csv" <<'CSV'
nip,name,type,grade,position,position_type,unit,agency,leader
198609262015051001,Pegawai Satu,PNS,III/b,Pengadministrasi Umum,PELAKSANA,Dinas Pendidikan,Pemerintah Kabupaten Contoh,
197001011995031002,Pegawai Dua,PNS,IV/a,Kepala Dinas,JPT_PRATAMA,Dinas Pendidikan,Pemerintah Kabupaten Contoh,1
199009132025242014,Pegawai Tiga,PPPK_PARUH_WAKTU,V,Guru,FUNGSIONAL_KEAHLIAN,SMP Negeri 1,Pemerintah Kabupaten Contoh,
12345,Salah,PNS,,,,Dinas Pendidikan,Pemerintah Kabupaten Contoh,
CSV
check "roster check reports a refused row with its line" 1 '"line": "5"' -- "$NETRA" roster check "$tmp/roster.csv"
check "pact issue issues to everyone who must sign" 0 'issued 3 pacts of pilkada2024' -- "$NETRA" pact issue --roster "$tmp/roster.csv" --election pilkada2024 --store "$db" --date 2024-09-10
echo '{"type":"PACT_SIGNED","date":"2024-09-20","nip":"198609262015051001","signer_nip":"198609262015051001","method":"CEREMONY","ceremony_id":"apel-1"}' > "$tmp/sign.json"
check "pact record appends a signature" 0 'recorded PACT_SIGNED' -- "$NETRA" pact record "$tmp/sign.json" --roster "$tmp/roster.csv" --election pilkada2024 --store "$db"
check "a second signature is refused" 1 'already signed' -- "$NETRA" pact record "$tmp/sign.json" --roster "$tmp/roster.csv" --election pilkada2024 --store "$db"
echo '{"type":"PACT_SIGNED","date":"2024-09-20","nip":"197001011995031002","signer_nip":"198609262015051001","method":"INDIVIDUAL"}' > "$tmp/other.json"
check "a signature by someone else is refused" 1 'not the employee' -- "$NETRA" pact record "$tmp/other.json" --roster "$tmp/roster.csv" --election pilkada2024 --store "$db"
check "pact progress counts on time and not signed" 0 'issued 3, signed on time 1, late 0, not signed 2' -- "$NETRA" pact progress --roster "$tmp/roster.csv" --election pilkada2024 --store "$db" --as-of 2024-10-01 --text
sed 's/"kind": "PNS",/"nip": "198609262015051001", "kind": "PNS",/' "$src/examples/case_neutrality_pilkada_2024.json" > "$tmp/case_signer.json"
check "pact link turns a confirmed violation into a breach of the matched commitment" 0 'D06, which breach pact.c3' -- "$NETRA" pact link --roster "$tmp/roster.csv" --election pilkada2024 --store "$db" --as-of 2024-12-31 "$tmp/case_signer.json"
check "linking again appends nothing" 0 'already linked' -- "$NETRA" pact link --roster "$tmp/roster.csv" --election pilkada2024 --store "$db" --as-of 2024-12-31 "$tmp/case_signer.json"
check "a case without the employee's NIP links no pact and says why" 0 'no valid NIP' -- "$NETRA" pact link --roster "$tmp/roster.csv" --election pilkada2024 --store "$db" --as-of 2024-12-31 "$src/examples/case_neutrality_pilkada_2024.json"
check "progress counts the linked breach" 0 'breached 1' -- "$NETRA" pact progress --roster "$tmp/roster.csv" --election pilkada2024 --store "$db" --as-of 2024-12-31 --text
check "pact progress needs --as-of" 2 'as-of' -- "$NETRA" pact progress --roster "$tmp/roster.csv" --election pilkada2024 --store "$db"
check "compliance per agency from neutrality cases" 0 '"cases_per_1000"' -- "$NETRA" compliance --roster "$tmp/roster.csv" --as-of 2025-01-31 "$src/examples/case_neutrality_pilkada_2024.json"
printf 'agency,index\nPemerintah Kabupaten Contoh,0.75\n' > "$tmp/imnkk.csv"
check "an IM NKK index gets no predicate without a scale" 0 '"im_nkk_index": 0.75' -- "$NETRA" compliance --roster "$tmp/roster.csv" --as-of 2025-01-31 --im-nkk "$tmp/imnkk.csv" "$src/examples/case_neutrality_pilkada_2024.json"
check "a scale the user sets labels the index" 0 '"im_nkk_predicate": "SEDANG"' -- "$NETRA" compliance --roster "$tmp/roster.csv" --as-of 2025-01-31 --im-nkk "$tmp/imnkk.csv" --set 'im_nkk_predicate_bands=0=RENDAH;0.6=SEDANG;0.8=TINGGI' "$src/examples/case_neutrality_pilkada_2024.json"
printf 'agency,index\nPemerintah Kabupaten Contoh,tinggi\n' > "$tmp/imnkk_bad.csv"
check "an IM NKK line without a number is refused, quoted" 1 '"Pemerintah Kabupaten Contoh,tinggi" is not "agency,index"' -- "$NETRA" compliance --roster "$tmp/roster.csv" --as-of 2025-01-31 --im-nkk "$tmp/imnkk_bad.csv" "$src/examples/case_neutrality_pilkada_2024.json"
printf '"Pemerintah Kabupaten Contoh",0.7\nPemerintah Kabupaten Contoh,0.8\n' > "$tmp/imnkk_twice.csv"
check "an agency given twice in the IM NKK file is refused" 1 'agency "Pemerintah Kabupaten Contoh" appears twice' -- "$NETRA" compliance --roster "$tmp/roster.csv" --as-of 2025-01-31 --im-nkk "$tmp/imnkk_twice.csv" "$src/examples/case_neutrality_pilkada_2024.json"
check "a malformed scale is refused" 1 'thresholds ascend from 0' -- "$NETRA" compliance --roster "$tmp/roster.csv" --as-of 2025-01-31 --im-nkk "$tmp/imnkk.csv" --set 'im_nkk_predicate_bands=0.5=X' "$src/examples/case_neutrality_pilkada_2024.json"
ex5=$src/examples/roster_synthetic_500.csv
check "the example roster imports cleanly" 0 '"accepted": "500"' -- "$NETRA" roster check "$ex5"
check "pact issue on the example roster" 0 'issued 481 pacts' -- "$NETRA" pact issue --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --date 2024-09-02
check "pact sign from flags" 0 'recorded PACT_SIGNED' -- "$NETRA" pact sign --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --nip 197711282004081001 --date 2024-09-05 --method CEREMONY --ceremony apel-1
check "progress after a ceremony signature" 0 'issued 481, signed on time 1, late 0, not signed 480' -- "$NETRA" pact progress --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --as-of 2024-09-30 --text
check "a staff signature before the head's is accepted" 0 'recorded PACT_SIGNED' -- "$NETRA" pact sign --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --nip 197903242025241001 --date 2024-09-04 --method INDIVIDUAL
check "progress reports staff who signed ahead of their head" 0 'staff ahead: Pemerintah Kabupaten Sintetis 001 / Dinas Pendidikan: 1 signed before' -- "$NETRA" pact progress --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --as-of 2024-09-30 --text
check "pact expire ends every active pact after the election" 0 'expired 481 pacts' -- "$NETRA" pact expire --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --date 2024-12-31
check "an expired pact is not issued again" 0 'issued 0 pacts' -- "$NETRA" pact issue --roster "$ex5" --election pilkada2024 --store "$tmp/ex.db" --date 2025-01-02
check "the pact registry is exported as a pact log file" 0 'exported 0 cases, 1 pact registries and 0 rosters' -- "$NETRA" store export "$tmp/ex.db" "$tmp/export-ex"
check "store import of an old pact log checks it against the roster" 0 'imported 964 pact events of pilkada2024' -- "$NETRA" store import "$tmp/ex2.db" --roster "$ex5" "$tmp/export-ex/pacts-pilkada2024.log"
check "the imported registry counts as the original" 0 'issued 481, signed on time 2, late 0, not signed 479' -- "$NETRA" pact progress --roster "$ex5" --election pilkada2024 --store "$tmp/ex2.db" --as-of 2024-09-30 --text
check "importing the same pact log again is refused with its record number" 1 'pacts-pilkada2024.log: refused: record 2: ' -- "$NETRA" store import "$tmp/ex2.db" --roster "$ex5" "$tmp/export-ex/pacts-pilkada2024.log"
check "synth province writes the calls of a SYNTHETIC province" 0 '^SYNTHETIC province written to .*prov \(pilkada2024, as of 2024-10-01, due 2024-09-24\)' -- "$NETRA" synth province --employees 300 --agencies 2 --election pilkada2024 --as-of 2024-10-01 --seed 5 --out "$tmp/prov"
check "synth province: calls.jsonl starts with LoadRoster" 0 '^\{"method":"LoadRoster","request":\{"election":"pilkada2024","roster":\{"csv":"nip,name,type' -- head -c 120 "$tmp/prov/calls.jsonl"
check "synth province: the same options give the same bytes" 0 'same' -- bash -c "\"$NETRA\" synth province --employees 300 --agencies 2 --election pilkada2024 --as-of 2024-10-01 --seed 5 --out '$tmp/prov2' >/dev/null && diff -r '$tmp/prov' '$tmp/prov2' && echo same"
check "synth province: its roster and cases are what netra compliance reads" 0 '"unmatched_cases"|"reported"' -- bash -c "\"$NETRA\" compliance --roster '$tmp/prov/roster.csv' --as-of 2024-10-01 --im-nkk '$tmp/prov/im_nkk.csv' '$tmp/prov'/cases/*.json"
check "synth province refuses a directory that holds files" 4 'exists and is not an empty directory' -- "$NETRA" synth province --employees 300 --election pilkada2024 --as-of 2024-10-01 --out "$tmp/prov"
check "synth province: an as-of before the pacts are issued is a usage error naming it" 2 '\-\-as-of: 2024-01-01 is before the first day a pact of pilkada2024 is issued' -- "$NETRA" synth province --employees 300 --election pilkada2024 --as-of 2024-01-01 --out "$tmp/prov3"
check "synth province: an unknown election is a usage error naming it" 2 '\-\-election: "pilpres" is not one of' -- "$NETRA" synth province --employees 300 --election pilpres --as-of 2024-10-01 --out "$tmp/prov3"
check "synth province: a bad date is a usage error naming the flag" 2 '\-\-as-of' -- "$NETRA" synth province --employees 300 --election pilkada2024 --as-of 2024-02-30 --out "$tmp/prov3"
check "synth province needs --out" 2 'synth province needs' -- "$NETRA" synth province --employees 300 --election pilkada2024 --as-of 2024-10-01
# netra siasn: a SIASN export folder (docs/siasn.md) into an audit and pact progress in one command.
sx=$src/examples/siasn_synthetic
check "siasn report audits every decision and counts the pacts" 0 '^Audit of 9 decisions: within the law [0-9]+, .*too heavy [1-9]' -- "$NETRA" siasn report "$sx" --election pilkada2024 --as-of 2024-10-01 --text
check "siasn report counts the pacts of the folder's pakta.jsonl" 0 '^Pacts of pilkada2024 as of 2024-10-01 \(due 2024-09-24\): issued 59, ' -- "$NETRA" siasn report "$sx" --election pilkada2024 --as-of 2024-10-01 --text
check "siasn report without an election says the pacts are not counted" 0 'pakta.jsonl not counted' -- "$NETRA" siasn report "$sx"
check "siasn roster writes RosterEntry lines the pact commands take" 0 '^\{"nip":"[0-9]{18}","name":"Pegawai Sintetis' -- "$NETRA" siasn roster "$sx"
check "siasn cases writes DecidedCase lines for audit --lines" 0 '"imposed":\{"decision_date":"20[0-9-]+","siasn_jenis_hukuman_id":[0-9]+\}' -- "$NETRA" siasn cases "$sx"
mkdir "$tmp/sx" && cp "$sx"/pegawai.json "$tmp/sx/" && printf 'id,pnsOrang,jenisHukuman,skTanggal\nH1,nobody,4,02-05-2019\nH2,%s,4,2019-05-02T17:00:00Z\n' "$(grep -o '"id":"[0-9A-F]*"' "$sx/pegawai.json" | head -1 | cut -d'"' -f4)" > "$tmp/sx/rw-hukdis.csv"
check "siasn names each refused row with its table, row, field and value, exit 1" 1 'hukdis row 2: pnsOrang: "nobody" is not in the pegawai table' -- "$NETRA" siasn import "$tmp/sx"
check "siasn refuses a timestamp with a time of day" 1 'hukdis row 3: skTanggal: "2019-05-02T17:00:00Z" has a time of day' -- "$NETRA" siasn import "$tmp/sx"
cp "$sx"/pegawai.json "$tmp/sx/rw-hukdis.json"
check "siasn refuses a table given twice" 1 'both rw-hukdis.json and rw-hukdis.csv' -- "$NETRA" siasn import "$tmp/sx"
check "siasn of a folder that does not exist exits 4" 4 'not a folder' -- "$NETRA" siasn report "$tmp/none"
check "siasn with an unknown subcommand exits 2" 2 'siasn: unknown subcommand audit' -- "$NETRA" siasn audit "$sx"
check "synth siasn writes the labelled synthetic export" 0 '^SYNTHETIC SIASN export written to .*: 59 employees in 1 agencies, 12 sanction decisions \(3 without facts\)' -- "$NETRA" synth siasn --employees 60 --decisions 12 --seed 11 --out "$tmp/sx2"
check "synth siasn gives the same bytes for the same options" 0 '^$' -- diff -r "$sx" "$tmp/sx2"
# Files netra writes respect the umask (issue 18 item 6): 0666 less it, for a file and for an export's files.
check "synth roster --out under umask 077 makes a file only its owner reads" 0 '^600$' -- bash -c "umask 077 && \"$NETRA\" synth roster --employees 3 --out '$tmp/um.csv' && stat -c %a '$tmp/um.csv'"
check "synth roster --out under umask 022 makes a file others may read" 0 '^644$' -- bash -c "umask 022 && \"$NETRA\" synth roster --employees 3 --out '$tmp/um2.csv' && stat -c %a '$tmp/um2.csv'"
check "synth siasn under umask 027 writes its files 640" 0 '^640 640 640 640 640 640 640 640$' -- bash -c "umask 027 && \"$NETRA\" synth siasn --employees 5 --out '$tmp/sx3' >/dev/null && stat -c %a '$tmp/sx3'/* | xargs"
# Help and suggestions: every command's --help exits 0 with its usage and an example.
for c in evaluate audit case overdue log store roster pact compliance siasn elections rules check-law test synth serve version; do
  check "$c --help exits 0 with its usage and an example" 0 "^  netra $c" -- "$NETRA" "$c" --help
done
check "a command's help ends with an example" 0 '^Example:' -- "$NETRA" siasn -h
check "--version prints the version" 0 '^netra [0-9]+\.[0-9]+\.[0-9]+' -- "$NETRA" --version
check "a mistyped command gets a suggestion" 2 'unknown command "evalute" \(did you mean evaluate\?\)' -- "$NETRA" evalute x
check "a mistyped flag gets the command's nearest flag" 2 'unknown flag --txt \(did you mean --text\?\)' -- "$NETRA" evaluate "$ex" --txt
check "--flag=value is --flag value" 0 '^[0-9]+ rules in force on 2021-01-01' -- "$NETRA" rules --as-of=2021-01-01
check "--emit-defaults writes fields at their default value too" 0 '"missing_facts": \[\]' -- "$NETRA" evaluate "$ex" --emit-defaults
check "--camel-case writes lowerCamelCase names" 0 '"allowedSanctions": \[' -- "$NETRA" evaluate "$ex" --camel-case
check "a case log given to evaluate names the command it belongs to" 1 'it looks like a netra.v1.CaseLog: give it to `netra case`' -- "$NETRA" evaluate "$src/examples/case_disciplinary_absence_2024.json"
echo '{"employee":{"kind":"PNS"},"acts":[{"norm":"pp94.duty.attendance","absense":{}}]}' > "$tmp/typo.json"
check "a mistyped JSON field gets the field meant" 1 '\(acts\[0\]\) absense: Cannot find field. \(did you mean absence\?\)' -- "$NETRA" evaluate "$tmp/typo.json"
echo '{"employee":{"kind":"PNX"}}' > "$tmp/kind.json"
check "a wrong enum name lists the valid values" 1 'EmployeeKind: EMPLOYEE_KIND_UNSPECIFIED, PNS, CPNS, PPPK, PPPK_PARUH_WAKTU, NON_ASN' -- "$NETRA" evaluate "$tmp/kind.json"
tr -d '\n' < "$ex" > "$tmp/two.jsonl"; printf '\n{"acts": 3}\n' >> "$tmp/two.jsonl"
check "evaluate --lines answers a line each and names a refused line" 1 '^\{"line":2,"code":"INVALID_ARGUMENT"' -- "$NETRA" evaluate "$tmp/two.jsonl" --lines
check "evaluate --lines --summary writes DeterminationSummary rows" 1 '^\{"outcome":"SANCTION","level":"SEDANG"' -- "$NETRA" evaluate "$tmp/two.jsonl" --summary
printf 'kind,position,agency_level,norm,act_date,cumulative_days,consecutive_days\nPNS,PELAKSANA,REGENCY_CITY,pp94.duty.attendance,2025-06-30,15,3\n' > "$tmp/batch.csv"
check "evaluate of a .csv answers each row" 0 '"allowed_types":\["S2T"\]' -- "$NETRA" evaluate "$tmp/batch.csv" --summary
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
