"""The cases and pacts `netra serve` keeps (service netra.v1.Records), end to end.

Every method over HTTP on a SQLite store (`--data DIR`), with its refusals; the
agency scopes of tokens; a restart after `kill -9` keeping every acknowledged
write; two instances sharing one PostgreSQL database (NETRA_TEST_POSTGRES, which
scripts/test.sh sets). Answers are compared with service Netra's, which computes
the same law from what the request carries."""

from __future__ import annotations

import json
import os
import pathlib
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from service import Service  # noqa: E402

from netra.v1 import pact_pb2, records_pb2  # noqa: E402
from google.protobuf import json_format  # noqa: E402

CLI = os.environ["NETRA_CLI"]
SOURCE = pathlib.Path(os.environ.get("NETRA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE / "examples"
ELECTION = "pilkada2024"
A = "Pemerintah Kabupaten Sintetis 001"
B = "Pemerintah Kabupaten Sintetis 002"


def roster_csv(employees: int = 60, seed: int = 7) -> str:
    """A synthetic roster of two agencies (A and B)."""
    return subprocess.run([CLI, "synth", "roster", "--employees", str(employees), "--agencies", "2", "--seed",
                           str(seed)], check=True, capture_output=True, text=True).stdout


ROSTER = roster_csv()
ROWS = [dict(zip(ROSTER.splitlines()[0].split(","), line.split(","))) for line in ROSTER.splitlines()[1:]]
NIPS_A = [r["nip"] for r in ROWS if r["agency"] == A]
NIPS_B = [r["nip"] for r in ROWS if r["agency"] == B]
# The election's staff and leadership pacts (law/pakta_netralitas.textproto), by the roster's leader column.
TEMPLATES = {"0": "pakta_netralitas.pilkada2024.v1", "1": "pakta_netralitas.pilkada2024.pimpinan.v1"}


def case_of(agency: str, case_id: str, events: int | None = None) -> dict:
    """The example disciplinary case, of `agency`, with its first `events` events."""
    case = json.loads((EXAMPLES / "case_disciplinary_absence_2024.json").read_text())
    case["case_id"] = case_id
    case["employee"]["agency"]["id"] = agency
    if events is not None:
        case["events"] = case["events"][:events]
    return case


def neutrality_case_of(agency: str, case_id: str) -> dict:
    """The example neutrality case, of `agency` (by id: its name is not on the roster)."""
    case = json.loads((EXAMPLES / "case_neutrality_pilkada_2024.json").read_text())
    case["case_id"] = case_id
    case["employee"]["agency"]["id"] = agency
    return case


FULL_CASE = case_of(A, "x")
LAST_EVENT = FULL_CASE["events"][-1]


def ok(svc: Service, method: str, request: dict, token: str | None = None) -> dict:
    status, body = svc.call(method, request, token=token)
    assert status == 200, (method, status, body)
    return json.loads(body)


def refused(svc: Service, method: str, request: dict, status: int, words: str, token: str | None = None) -> dict:
    got, body = svc.call(method, request, token=token)
    assert got == status, (method, got, body)
    e = json.loads(body)
    assert set(e) == {"code", "error"} and words in e["error"], (method, e)
    return e


def metric(svc: Service, name: str, token: str | None = None) -> float:
    _, _, text = svc.request("GET", "/metrics", headers={"Authorization": f"Bearer {token}"} if token else None)
    m = re.search(rf"^{re.escape(name)} (\S+)$", text.decode(), re.M)
    return float(m.group(1)) if m else 0.0


@pytest.fixture()
def data(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "data"


def test_every_records_method_answers_as_the_law_does_and_refuses_what_it_must(data: pathlib.Path) -> None:
    with Service(CLI, "--data", str(data)) as svc:
        # Cases: created with all but the last event, which is appended.
        receipt = ok(svc, "CreateCase", {"case": case_of(A, "K-1", 7)})
        assert receipt == {"case_id": "K-1", "events": "7", "status": receipt["status"], "recorded_by": "local"}
        refused(svc, "CreateCase", {"case": case_of(A, "K-1", 7)}, 409, "K-1")
        refused(svc, "AppendCaseEvent", {"case_id": "K-1", "event": {**LAST_EVENT, "seq": 9}}, 400, "seq")
        refused(svc, "AppendCaseEvent", {"case_id": "K-1", "event": {**LAST_EVENT, "recorded_by": "someone"}}, 400,
                "event.recorded_by")
        appended = ok(svc, "AppendCaseEvent", {"case_id": "K-1", "event": {**LAST_EVENT, "seq": 8}})
        assert appended["events"] == "8"
        # A retry of the same position is refused, not stored twice.
        refused(svc, "AppendCaseEvent", {"case_id": "K-1", "event": {**LAST_EVENT, "seq": 8}}, 400, "seq")
        refused(svc, "GetCase", {"case_id": "K-404"}, 404, "K-404")
        stored = ok(svc, "GetCase", {"case_id": "K-1"})
        assert [e["seq"] for e in stored["events"]] == [str(i) for i in range(1, 9)]
        assert {e["recorded_by"] for e in stored["events"]} == {"local"} and stored["recorded_by"] == "local"
        # The stored case's state is the Netra answer for the same case.
        for as_of in ("2024-08-01", "2025-03-01"):
            _, state = svc.call("GetCaseState", {"case_id": "K-1", "as_of": as_of})
            _, same = svc.call("ReplayCase", {"case": case_of(A, "K-1"), "as_of": as_of})
            assert state == same
        ok(svc, "CreateCase", {"case": case_of(B, "K-2", 2)})
        for as_of in ("2024-07-05", "2025-06-30"):
            _, overdue = svc.call("ListOverdue", {"as_of": as_of})
            _, same = svc.call("Overdue", {"cases": [case_of(A, "K-1"), case_of(B, "K-2", 2)], "as_of": as_of})
            assert json.loads(overdue) == json.loads(same)
        refused(svc, "ListOverdue", {}, 400, "as_of")

        # Pacts: a roster loaded twice is stored once.
        loaded = ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}})
        assert loaded["added"] == str(len(ROWS)) and loaded["roster_rows"] == str(len(ROWS))
        again = ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}})
        assert "added" not in again and again["unchanged"] == str(len(ROWS))
        moved = ROSTER.replace(",Dinas Pendidikan,Pemerintah", ",Dinas Kesehatan,Pemerintah", 1)
        e = refused(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": moved}}, 400, "PACT_UNIT_CHANGED")
        line = next(i for i, (x, y) in enumerate(zip(moved.splitlines(), ROSTER.splitlines()), 1) if x != y)
        assert e["error"].startswith(f"roster line {line}: "), e
        refused(svc, "LoadRoster", {"election": "pemilu1900", "roster": {"csv": ROSTER}}, 400, "election")
        issued = ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-01"})
        assert int(issued["appended"]) > 0
        assert ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-02"}).get("appended") is None
        refused(svc, "IssuePacts", {"election": ELECTION}, 400, "date")
        refused(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-02", "leadership_template": "x.v9"}, 400,
                "leadership_template: \"x.v9\" is not a pact template")
        signed = ok(svc, "SignPact", {"election": ELECTION, "nip": NIPS_A[0], "date": "2024-09-05",
                                      "method": "INDIVIDUAL"})
        assert signed["appended"] == "1"
        refused(svc, "SignPact", {"election": ELECTION, "nip": NIPS_A[0], "date": "2024-09-06",
                                  "method": "INDIVIDUAL"}, 400, "")
        e = refused(svc, "SignPact", {"election": ELECTION, "nip": NIPS_A[2], "date": "2024-09-06",
                                      "method": "CEREMONY"}, 400, "ceremony_id: required")
        assert e["error"].startswith("ceremony_id")
        refused(svc, "SignPact", {"election": ELECTION, "nip": "199001012020121001", "date": "2024-09-06",
                                  "method": "INDIVIDUAL"}, 404, "not on the stored roster")
        ok(svc, "RecordPactEvent", {"election": ELECTION, "event": {"type": "PACT_DECLINED", "nip": NIPS_A[1],
                                                                    "date": "2024-09-07"}})
        e = refused(svc, "RecordPactEvent", {"election": ELECTION, "event": {
            "type": "PACT_SIGNED", "nip": NIPS_A[0], "signer_nip": NIPS_A[0], "date": "2024-09-08",
            "method": "INDIVIDUAL"}}, 400, "")
        assert not e["error"].startswith("events[0]") and not e["error"].startswith("event.PACT"), e
        # A recorded move: the next export, which shows the new unit, loads unchanged.
        mover = next(r for r in ROWS if r["agency"] == A and r["nip"] not in NIPS_A[:3] and r["nip"])
        other_unit = next(r["unit"] for r in ROWS if r["agency"] == A and r["unit"] != mover["unit"])
        ok(svc, "RecordPactEvent", {"election": ELECTION, "event": {"type": "PACT_UNIT_CHANGED", "nip": mover["nip"],
                                                                    "date": "2024-09-07", "unit": other_unit}})
        lines = ROSTER.splitlines()
        moved_lines = [line.replace(f",{mover['unit']},{A}", f",{other_unit},{A}") if line.startswith(mover["nip"])
                       else line for line in lines]
        assert moved_lines != lines
        again = ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": "\n".join(moved_lines) + "\n"}})
        assert again["unchanged"] == str(len(ROWS)), again
        # Progress is the Netra answer over the same roster and the stored events.
        progress = ok(svc, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"})
        assert progress["total"]["signed_on_time"] == "1" and progress["total"]["declined"] == "1"
        assert progress["total"]["issued"] == issued["appended"]
        events = [{"type": "PACT_ISSUED", "nip": r["nip"], "date": "2024-09-01", "template_id": TEMPLATES[r["leader"]]}
                  for r in ROWS if r["type"] != "NON_ASN"]
        events += [{"type": "PACT_SIGNED", "nip": NIPS_A[0], "signer_nip": NIPS_A[0], "date": "2024-09-05",
                    "method": "INDIVIDUAL"}, {"type": "PACT_DECLINED", "nip": NIPS_A[1], "date": "2024-09-07"},
                   {"type": "PACT_UNIT_CHANGED", "nip": mover["nip"], "date": "2024-09-07", "unit": other_unit}]
        same = ok(svc, "PactProgress", {"roster": {"csv": ROSTER}, "election": ELECTION, "events": events,
                                        "as_of": "2024-10-01"})
        assert same["progress"] == progress
        page, seen = "", []
        while True:
            answer = ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 7,
                                               "page_token": page})
            assert len(answer.get("entries", [])) <= 7
            seen += [e["nip"] for e in answer.get("entries", [])]
            page = answer.get("next_page_token", "")
            if not page:
                break
        assert len(seen) == len(set(seen)) == int(progress["total"]["not_signed"])
        assert NIPS_A[0] not in seen and NIPS_A[1] not in seen
        refused(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 5000}, 400,
                "page_size")
        refused(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_token": "x"}, 400,
                "page_token")
        unit = ok(svc, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01",
                                            "scope": {"agency": A, "unit": "Dinas Pendidikan"}})
        assert {(g["agency"], g["unit"]) for g in unit["groups"]} == {(A, "Dinas Pendidikan")}
        refused(svc, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01",
                                         "scope": {"unit": "Dinas Pendidikan"}}, 400, "scope.unit")
        linked = ok(svc, "LinkBreaches", {"election": ELECTION, "case_ids": ["K-1", "K-404"], "as_of": "2025-01-01"})
        assert len(linked["explanations"]) == 1 and linked["failures"][0]["index"] == "1"
        expired = ok(svc, "ExpirePacts", {"election": ELECTION, "date": "2025-01-01"})
        assert int(expired["appended"]) > 0
        again = ok(svc, "ExpirePacts", {"election": ELECTION, "date": "2025-01-02"})
        assert "appended" not in again and again["skipped"] == issued["appended"]
        assert metric(svc, "netra_log_appends_total") >= 2 + 8 + len(ROWS) + int(issued["appended"]) + int(expired["appended"])
        # Compliance: the stored roster's ASN and the stored cases, as Netra computes it from the request.
        ok(svc, "CreateCase", {"case": neutrality_case_of(A, "N-1")})
        ok(svc, "CreateCase", {"case": neutrality_case_of(B, "N-2")})
        stored_cases = [ok(svc, "GetCase", {"case_id": c}) for c in ("K-1", "K-2", "N-1", "N-2")]
        for extra in ({}, {"im_nkk_index": {A: 0.85}, "predicate_bands": "0=RENDAH;0.8=TINGGI"}):
            compliance = ok(svc, "GetCompliance", {"election": ELECTION, "as_of": "2025-06-30", **extra})
            same = ok(svc, "Compliance", {"roster": {"csv": ROSTER}, "cases": stored_cases, "as_of": "2025-06-30",
                                          **extra})
            assert compliance["report"] == same["report"] and "roster_report" not in compliance
        per = {c["agency"]: c for c in compliance["report"]["agencies"]}
        assert per[A]["reported"] == per[B]["reported"] == "1" and "unmatched_cases" not in compliance["report"]
        assert per[A]["im_nkk_predicate"] == "TINGGI"
        refused(svc, "GetCompliance", {"election": ELECTION}, 400, "as_of")
        refused(svc, "GetCompliance", {"election": ELECTION, "as_of": "2025-06-30", "im_nkk_index": {"X": 0.5}}, 400,
                "im_nkk_index: \"X\" is not an agency of the roster")
        # A Records request is protobuf too, and answers as JSON does.
        request = records_pb2.GetPactProgressRequest(election=ELECTION, as_of="2024-10-01")
        status, binary = svc.call("GetPactProgress", request.SerializeToString(),
                                  content_type="application/x-protobuf")
        assert status == 200
        assert json_format.MessageToDict(pact_pb2.PactProgress.FromString(binary),
                                         preserving_proto_field_name=True) == \
            ok(svc, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"})


def test_a_service_without_a_store_says_so() -> None:
    with Service(CLI) as svc:
        refused(svc, "GetCase", {"case_id": "K-1"}, 400, "--data DIR or --store URL")


def tokens_file(path: pathlib.Path) -> dict[str, str]:
    """Three tokens: the province (all, with personal data), Sleman-like A (read-write) and B (read-only)."""
    tokens, entries = {}, []
    for name, access, agencies in (("prov", "READ_WRITE", []), ("bkd-a", "READ_WRITE", [A]),
                                   ("bkd-b-ro", "READ_ONLY", [B])):
        args = [CLI, "serve", "token", "--name", name, "--access", access] + ["--personal-data"] * (name == "prov")
        for a in agencies:
            args += ["--agency", a]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        tokens[name] = re.search(r"^token: (\S+)$", out, re.M).group(1)
        entries.append(re.search(r"^tokens \{.*\}$", out, re.M).group(0))
    path.write_text("\n".join(entries) + "\n")
    return tokens


def test_a_token_scoped_to_an_agency_reads_and_writes_nothing_of_another(data: pathlib.Path,
                                                                          tmp_path: pathlib.Path) -> None:
    tokens = tokens_file(tmp_path / "tokens.textproto")
    prov, a, b_ro = tokens["prov"], tokens["bkd-a"], tokens["bkd-b-ro"]
    with Service(CLI, "--data", str(data), "--tokens", str(tmp_path / "tokens.textproto")) as svc:
        ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}}, prov)
        ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-01"}, prov)
        # A's own rows load unchanged; the election's size is not told to it.
        own = "\n".join([ROSTER.splitlines()[0]] + [line for line in ROSTER.splitlines()[1:] if f",{A}," in line])
        answer = ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": own + "\n"}}, a)
        assert "roster_rows" not in answer and answer["unchanged"] == str(sum(r["agency"] == A for r in ROWS))
        assert "events" not in ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-02"}, a)
        ok(svc, "CreateCase", {"case": case_of(B, "B-1", 2)}, prov)
        receipt = ok(svc, "CreateCase", {"case": case_of(A, "A-1", 2)}, a)
        assert receipt["recorded_by"] == "bkd-a"
        before = metric(svc, 'netra_refusals_total{reason="forbidden"}', prov)
        forbidden = [
            ("GetCase", {"case_id": "B-1"}, a),
            ("GetCaseState", {"case_id": "B-1", "as_of": "2024-08-01"}, a),
            ("AppendCaseEvent", {"case_id": "B-1", "event": FULL_CASE["events"][2]}, a),
            ("CreateCase", {"case": case_of(B, "B-2", 2)}, a),
            ("LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}}, a),
            ("SignPact", {"election": ELECTION, "nip": NIPS_B[0], "date": "2024-09-05", "method": "INDIVIDUAL"}, a),
            ("RecordPactEvent", {"election": ELECTION, "event": {"type": "PACT_DECLINED", "nip": NIPS_B[1],
                                                                 "date": "2024-09-05"}}, a),
            ("GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01", "scope": {"agency": B}}, a),
            ("ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "scope": {"agency": B}}, a),
            ("ListOverdue", {"as_of": "2025-01-01", "agency": B}, a),
            # Absent or another agency's: the same words, so A cannot tell which NIPs B employs.
            ("SignPact", {"election": ELECTION, "nip": "199001012020121001", "date": "2024-09-05",
                          "method": "INDIVIDUAL"}, a),
            ("SignPact", {"election": ELECTION, "nip": NIPS_B[0], "date": "2024-09-05", "method": "INDIVIDUAL"},
             b_ro),
            ("IssuePacts", {"election": ELECTION, "date": "2024-09-01"}, b_ro),
        ]
        for method, request, token in forbidden:
            refused(svc, method, request, 403, "", token)
        refused(svc, "CreateCase", {"case": {**case_of(A, "A-2", 2), "employee": {"kind": "PNS"}}}, 400,
                "agency.id", a)
        assert metric(svc, 'netra_refusals_total{reason="forbidden"}', prov) - before == len(forbidden)
        # A case of A naming B's employee links nothing of B's pacts.
        disguised = case_of(A, "A-B", 2)
        disguised["employee"]["nip"] = NIPS_B[0]
        ok(svc, "CreateCase", {"case": disguised}, a)
        linked = ok(svc, "LinkBreaches", {"election": ELECTION, "case_ids": ["A-B"], "as_of": "2025-01-01"}, a)
        assert linked["failures"][0]["code"] == "PERMISSION_DENIED" and "explanations" not in linked
        # What A's token sees holds nothing of B: no group, NIP, name or unit label of B.
        ok(svc, "SignPact", {"election": ELECTION, "nip": NIPS_A[0], "date": "2024-09-05", "method": "INDIVIDUAL"}, a)
        answers = [
            ok(svc, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"}, a),
            ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 1000}, a),
            ok(svc, "ListOverdue", {"as_of": "2025-06-30"}, a),
            ok(svc, "GetCase", {"case_id": "A-1"}, a),
            ok(svc, "GetCompliance", {"election": ELECTION, "as_of": "2025-06-30"}, a),
        ]
        text = json.dumps(answers)
        assert B not in text and "B-1" not in text
        for r in ROWS:
            if r["agency"] == B:
                assert r["name"] not in text and (not r["nip"] or r["nip"] not in text)
        progress = answers[0]
        whole = ok(svc, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"}, prov)
        assert int(progress["total"]["issued"]) == sum(1 for n in NIPS_A if n) < int(whole["total"]["issued"])
        assert progress["total"]["signed_on_time"] == "1"
        assert len(answers[1]["entries"]) == int(progress["total"]["not_signed"])
        # Its pages give the same list, and their tokens count A's rows only (not the roster's).
        page, paged, tokens = "", [], []
        while True:
            answer = ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 5,
                                               "page_token": page}, a)
            paged += answer.get("entries", [])
            page = answer.get("next_page_token", "")
            if not page:
                break
            tokens.append(int(page))
        assert paged == answers[1]["entries"] and tokens
        assert tokens == sorted(tokens) and tokens[-1] <= sum(r["agency"] == A for r in ROWS)
        # A's compliance counts A's ASN and A's cases only, its total too.
        compliance = answers[4]["report"]
        assert [c["agency"] for c in compliance["agencies"]] == [A]
        assert compliance["total"]["asn"] == str(sum(r["agency"] == A and r["type"] != "NON_ASN" for r in ROWS))
        refused(svc, "GetCompliance", {"election": ELECTION, "as_of": "2025-06-30", "im_nkk_index": {B: 0.5}}, 400,
                "is not an agency of the roster", a)
        # The read-only token reads its own agency; every write is refused.
        assert ok(svc, "GetCase", {"case_id": "B-1"}, b_ro)["employee"]["agency"]["id"] == B
        stored = ok(svc, "GetCase", {"case_id": "A-1"}, prov)
        assert {e["recorded_by"] for e in stored["events"]} == {"bkd-a"}
        # Roster rows and pact events carry their writer in the store too.
        db = sqlite3.connect(data / "netra.db")
        rows = db.execute("SELECT e.event FROM pact_events e JOIN pact_logs l USING (log_id) WHERE l.election = ?",
                          (f"roster:{ELECTION}",)).fetchall()
        assert len(rows) == len(ROWS) and {pact_pb2.RosterEntry.FromString(r[0]).recorded_by for r in rows} == {"prov"}
        events = db.execute("SELECT e.event FROM pact_events e JOIN pact_logs l USING (log_id) WHERE l.election = ?",
                            (ELECTION,)).fetchall()
        writers = [pact_pb2.PactEvent.FromString(r[0]).recorded_by for r in events]
        assert set(writers) == {"prov", "bkd-a"} and writers[-1] == "bkd-a"
        db.close()
        refused(svc, "GetCase", {"case_id": "A-1"}, 401, "bearer")


def test_names_and_nips_go_only_to_tokens_that_may_see_them(data: pathlib.Path, tmp_path: pathlib.Path) -> None:
    tokens = tokens_file(tmp_path / "tokens.textproto")
    prov, a = tokens["prov"], tokens["bkd-a"]
    with Service(CLI, "--data", str(data), "--tokens", str(tmp_path / "tokens.textproto")) as svc:
        assert ok(svc, "GetCaller", {}, prov) == {"name": "prov", "may_write": True, "personal_data": True}
        assert ok(svc, "GetCaller", {}, a) == {"name": "bkd-a", "may_write": True, "agencies": [A]}
        ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}}, prov)
        ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-01"}, prov)
        ok(svc, "CreateCase", {"case": {**case_of(A, "A-1", 2), "employee": {
            **case_of(A, "A-1")["employee"], "nip": NIPS_A[0]}}}, prov)
        listed = ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 1000}, prov)
        hidden = ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 1000}, a)
        assert "personal_data_hidden" not in listed and hidden["personal_data_hidden"] is True
        assert {"nip", "name"} <= set(listed["entries"][0])
        assert hidden["entries"] and all(not {"nip", "name"} & set(e) for e in hidden["entries"])
        assert hidden["entries"] == [{k: v for k, v in e.items() if k not in ("nip", "name")}
                                     for e in listed["entries"] if e["agency"] == A]
        assert "nip" in ok(svc, "GetCase", {"case_id": "A-1"}, prov)["employee"]
        assert "nip" not in ok(svc, "GetCase", {"case_id": "A-1"}, a)["employee"]
        # A search by name or NIP is for who may see them; its total counts every page.
        refused(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "query": "Sintetis"}, 403,
                "may not see names and NIPs", a)
        refused(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "query": "x" * 101}, 400,
                "query: needs at most 100 bytes", prov)
        name = listed["entries"][3]["name"]
        found = ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "query": name.upper()}, prov)
        assert found["total"] == "1" and [e["name"] for e in found["entries"]] == [name]
        nip = listed["entries"][5]["nip"]
        assert [e["nip"] for e in ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01",
                                                            "query": nip[2:]}, prov)["entries"]] == [nip]
        word = ok(svc, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "query": "sintetis 00000",
                                         "page_size": 2}, prov)
        expected = [e for e in listed["entries"] if "sintetis 00000" in e["name"].lower()]
        assert int(word["total"]) == len(expected) > 2 and word["entries"] == expected[:2]
        assert listed["total"] == str(len(listed["entries"]))


def test_the_signing_curve_is_the_progress_on_each_of_its_days(data: pathlib.Path, tmp_path: pathlib.Path) -> None:
    tokens = tokens_file(tmp_path / "tokens.textproto")
    prov, a = tokens["prov"], tokens["bkd-a"]
    with Service(CLI, "--data", str(data), "--tokens", str(tmp_path / "tokens.textproto")) as svc:
        ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}}, prov)
        curve = {"election": ELECTION, "as_of": "2024-09-30"}
        assert ok(svc, "GetSigningCurve", curve, prov) == {"election": ELECTION, "due": "2024-09-24"}
        ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-02", "scope": {"agency": B}}, prov)
        ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-05", "scope": {"agency": A}}, prov)
        for i, nip in enumerate([n for n in NIPS_A if n][:6] + [n for n in NIPS_B if n][:3]):
            ok(svc, "SignPact", {"election": ELECTION, "nip": nip, "date": f"2024-09-{6 + 3 * i:02d}",
                                 "method": "INDIVIDUAL"}, prov)
        for token, scope, first in ((prov, {}, "2024-09-02"), (a, {}, "2024-09-05"), (prov, {"agency": A},
                                                                                      "2024-09-05")):
            got = ok(svc, "GetSigningCurve", {**curve, "scope": scope, "points": 8}, token)
            assert got["first_issued"] == first and got["due"] == "2024-09-24"
            dates = [p["date"] for p in got["points"]]
            assert dates[0] == first and dates[-1] == "2024-09-30" and len(dates) == 8 and dates == sorted(dates)
            for p in got["points"]:
                total = ok(svc, "GetPactProgress", {"election": ELECTION, "as_of": p["date"], "scope": scope},
                           token)["total"]
                assert {k: v for k, v in p.items() if k != "date"} == {
                    k: total[k] for k in ("issued", "signed_on_time", "signed_late", "not_signed", "declined",
                                          "signed_rate") if k in total}, p["date"]
            # B's last signatures came after the due date.
            assert ("signed_late" in got["points"][-1]) == (token == prov and not scope)
        # A span shorter than the points asked for has every day once.
        short = ok(svc, "GetSigningCurve", {**curve, "as_of": "2024-09-04", "points": 31}, prov)
        assert [p["date"] for p in short["points"]] == ["2024-09-02", "2024-09-03", "2024-09-04"]
        assert ok(svc, "GetSigningCurve", {**curve, "as_of": "2024-09-01"}, prov) == {
            "election": ELECTION, "due": "2024-09-24"}
        refused(svc, "GetSigningCurve", {**curve, "points": 1}, 400, "points: 1 is outside 2..366", prov)
        refused(svc, "GetSigningCurve", {**curve, "scope": {"agency": B}}, 403, "is not an agency of caller", a)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_restart_after_kill_9_keeps_every_acknowledged_write(backend: str, data: pathlib.Path,
                                                               tmp_path: pathlib.Path) -> None:
    address = str(data / "netra.db") if backend == "sqlite" else postgres_database()
    store = ["--data", str(data)] if backend == "sqlite" else ["--store", address]
    svc = Service(CLI, *store)
    acked_cases: list[str] = []
    acked_signatures: list[str] = []
    try:
        ok(svc, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}})
        ok(svc, "IssuePacts", {"election": ELECTION, "date": "2024-09-01"})
        stop = threading.Event()

        def write_cases() -> None:
            for i in range(5_000):
                if stop.is_set():
                    return
                try:
                    status, _ = svc.call("CreateCase", {"case": case_of(A, f"KILL-{i}", 3)})
                except OSError:
                    return
                if status == 200:
                    acked_cases.append(f"KILL-{i}")

        def sign() -> None:
            for nip in NIPS_A + NIPS_B:
                if stop.is_set():
                    return
                try:
                    status, _ = svc.call("SignPact", {"election": ELECTION, "nip": nip, "date": "2024-09-05",
                                                      "method": "CEREMONY", "ceremony_id": "apel-2024-09-05"})
                except OSError:
                    return
                if status == 200:
                    acked_signatures.append(nip)

        threads = [threading.Thread(target=write_cases), threading.Thread(target=sign)]
        for t in threads:
            t.start()
        # Killed mid-stream, once some writes of both kinds were acknowledged.
        deadline = time.monotonic() + 60
        while (len(acked_cases) < 20 or len(acked_signatures) < 5) and time.monotonic() < deadline:
            time.sleep(0.01)
        svc.proc.send_signal(signal.SIGKILL)
        svc.proc.wait(30)
        stop.set()
        for t in threads:
            t.join(60)
    finally:
        if svc.proc.poll() is None:
            svc.proc.kill()
            svc.proc.wait()
    assert len(acked_cases) >= 20 and len(acked_signatures) >= 5
    with Service(CLI, *store) as again:
        for case_id in acked_cases:
            assert len(ok(again, "GetCase", {"case_id": case_id})["events"]) == 3
        listed = []
        page = ""
        while True:
            answer = ok(again, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 1000,
                                                 "page_token": page})
            listed += [e["nip"] for e in answer.get("entries", [])]
            page = answer.get("next_page_token", "")
            if not page:
                break
        assert not set(acked_signatures) & set(listed)
        progress = ok(again, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"})
        assert int(progress["total"].get("signed_on_time", "0")) >= len(acked_signatures)
        # The store verifies: every chain holds.
        check = subprocess.run([CLI, "store", "check", address], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        # Exported, the stored roster is the one loaded, owner-only, and loads back unchanged.
        out = tmp_path / "export"
        exported = subprocess.run([CLI, "store", "export", address, str(out)], capture_output=True, text=True)
        assert exported.returncode == 0 and " and 1 rosters " in exported.stdout, exported.stdout + exported.stderr
        roster = out / f"roster-{ELECTION}.jsonl"
        assert roster.stat().st_mode & 0o777 == 0o600
        rows = [json.loads(line) for line in roster.read_text().splitlines()]
        assert [r.get("nip", "") for r in rows] == [r["nip"] for r in ROWS]
        assert {r["recorded_by"] for r in rows} == {"local"}
        loaded = ok(again, "LoadRoster", {"election": ELECTION, "roster": {"jsonl": roster.read_text()}})
        assert loaded["unchanged"] == str(len(ROWS)) and "added" not in loaded


def postgres_database() -> str:
    uri = os.environ.get("NETRA_TEST_POSTGRES", "")
    if not uri:
        if os.environ.get("NETRA_REQUIRE_POSTGRES") == "1":
            pytest.fail("NETRA_REQUIRE_POSTGRES=1 but no NETRA_TEST_POSTGRES")
        pytest.skip("NETRA_TEST_POSTGRES is not set (scripts/test.sh sets it)")
    db = f"netra_serve_{uuid.uuid4().hex[:12]}"
    # psql is not built with the sanitizers the sanitized test run preloads (it hangs with them).
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS")}
    subprocess.run(["psql", uri, "-q", "-c", f"CREATE DATABASE {db}"], check=True, capture_output=True, env=env,
                   timeout=120)
    base, _, query = uri.partition("?")
    head = base[: base.index("/", base.index("://") + 3) + 1]
    return f"{head}{db}" + (f"?{query}" if query else "")


def test_two_instances_on_one_postgresql_see_each_others_writes() -> None:
    url = postgres_database()
    with Service(CLI, "--store", url, "--store-connections", "4") as one, \
            Service(CLI, "--store", url, "--store-connections", "4") as two:
        ok(one, "LoadRoster", {"election": ELECTION, "roster": {"csv": ROSTER}})
        progress = ok(two, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"})
        assert int(progress["total"]["must_sign"]) > 0 and "issued" not in progress["total"]
        ok(two, "IssuePacts", {"election": ELECTION, "date": "2024-09-01"})
        ok(one, "SignPact", {"election": ELECTION, "nip": NIPS_A[0], "date": "2024-09-05", "method": "INDIVIDUAL"})
        listed = ok(two, "ListNotSigned", {"election": ELECTION, "as_of": "2024-10-01", "page_size": 1000})
        assert NIPS_A[0] not in [e["nip"] for e in listed["entries"]]
        # Rows loaded on one instance after the other read the roster: both see them.
        nips = {r["nip"] for r in ROWS}
        extra_lines = [line for line in roster_csv(40, seed=8).splitlines()[1:]
                       if line.split(",")[0] and line.split(",")[0] not in nips]
        more = ROSTER + "\n".join(extra_lines) + "\n"
        loaded = ok(two, "LoadRoster", {"election": ELECTION, "roster": {"csv": more}})
        assert loaded["added"] == str(len(extra_lines)) and loaded["unchanged"] == str(len(ROWS))
        extra = [line.split(",")[0] for line in extra_lines]
        ok(two, "IssuePacts", {"election": ELECTION, "date": "2024-09-10"})
        ok(one, "SignPact", {"election": ELECTION, "nip": extra[0], "date": "2024-09-12", "method": "INDIVIDUAL"})
        assert ok(two, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"})["total"][
            "signed_on_time"] == "2"
        # Readers on two, queued behind one another, each see every signature one acknowledged before
        # it asked (calls waiting on one refresh share it only if it began after they arrived).
        acked = [2]
        low: list[tuple[int, int]] = []

        def read() -> None:
            for _ in range(40):
                before = acked[0]
                got = int(ok(two, "GetPactProgress", {"election": ELECTION, "as_of": "2024-10-01"})["total"][
                    "signed_on_time"])
                if got < before:
                    low.append((before, got))

        readers = [threading.Thread(target=read) for _ in range(8)]
        for t in readers:
            t.start()
        for nip in [n for n in NIPS_B if n][:10]:
            ok(one, "SignPact", {"election": ELECTION, "nip": nip, "date": "2024-09-12", "method": "INDIVIDUAL"})
            acked[0] += 1
        for t in readers:
            t.join(120)
        assert not low, low
        # Cases: written on one, read on the other.
        ok(one, "CreateCase", {"case": case_of(A, "PG-1", 7)})
        assert len(ok(two, "GetCase", {"case_id": "PG-1"})["events"]) == 7
        # Sixteen racers per instance append event 8: exactly one is stored.
        results: list[int] = []

        def race(svc: Service) -> None:
            status, _ = svc.call("AppendCaseEvent", {"case_id": "PG-1", "event": {**LAST_EVENT, "seq": 8}})
            results.append(status)

        threads = [threading.Thread(target=race, args=(s,)) for s in (one, two) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert sorted(results) == [200] + [400] * 31, results
        assert len(ok(one, "GetCase", {"case_id": "PG-1"})["events"]) == 8
    check = subprocess.run([CLI, "store", "check", url], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.skipif(os.environ.get("NETRA_GRPC") != "1", reason="built without gRPC")
def test_grpc_serves_the_records_with_the_same_scopes(data: pathlib.Path, tmp_path: pathlib.Path) -> None:
    import grpc
    from google.protobuf import message_factory

    tokens = tokens_file(tmp_path / "tokens.textproto")

    def call(port: int, method: str, request, token: str):
        desc = records_pb2.DESCRIPTOR.services_by_name["Records"].methods_by_name[method]
        out = message_factory.MessageFactory().GetPrototype(desc.output_type)
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = channel.unary_unary(f"/netra.v1.Records/{method}", request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=out.FromString)
            try:
                return stub(request, metadata=[("authorization", f"Bearer {token}")], timeout=60), None
            except grpc.RpcError as e:
                return None, e

    with Service(CLI, "--data", str(data), "--tokens", str(tmp_path / "tokens.textproto"),
                 "--grpc-listen", "127.0.0.1:0") as svc:
        ok(svc, "CreateCase", {"case": case_of(B, "B-1", 2)}, tokens["prov"])
        request = json_format.ParseDict({"case": case_of(A, "A-1", 2)}, records_pb2.CreateCaseRequest())
        receipt, error = call(svc.grpc_port, "CreateCase", request, tokens["bkd-a"])
        assert error is None and receipt.recorded_by == "bkd-a" and receipt.events == 2
        log, error = call(svc.grpc_port, "GetCase", records_pb2.GetCaseRequest(case_id="A-1"), tokens["bkd-a"])
        assert error is None and [e.recorded_by for e in log.events] == ["bkd-a", "bkd-a"]
        _, error = call(svc.grpc_port, "GetCase", records_pb2.GetCaseRequest(case_id="B-1"), tokens["bkd-a"])
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "B-1" in error.details()
        _, error = call(svc.grpc_port, "CreateCase", request, tokens["bkd-b-ro"])
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "may only read" in error.details()
