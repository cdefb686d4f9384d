"""netra.siasn: a SIASN export through the request layer (docs/siasn.md),
the same answers as ``netra siasn``."""

from __future__ import annotations

import os
import subprocess

import pytest
from google.protobuf import json_format

import netra
from netra.v1 import siasn_pb2

from conftest import SOURCE_DIR

EXPORT = SOURCE_DIR / "examples" / "siasn_synthetic"
CLI = os.environ.get("NETRA_CLI")


def test_the_report_audits_every_decision_and_counts_the_pacts() -> None:
    r = netra.siasn.report(EXPORT, election="pilkada2024", as_of="2024-10-01")
    assert isinstance(r, siasn_pb2.SiasnReportResponse)
    assert r.employees == 59 and r.hukdis_rows == 12 and not r.refusals
    s = r.audit_summary
    assert s.cases == r.hukdis_rows - len(r.without_facts) == len(r.findings)
    assert s.within_law > 0 and s.too_heavy > 0 and s.invalid == 0
    assert r.pact_progress.total.issued == 59


@pytest.mark.skipif(not CLI, reason="NETRA_CLI not set")
def test_the_report_is_the_commands_byte_for_byte() -> None:
    out = subprocess.run([CLI, "siasn", "report", str(EXPORT), "--election", "pilkada2024", "--as-of", "2024-10-01"],
                         capture_output=True, text=True, check=True).stdout
    request = netra.siasn.read_folder(EXPORT)
    request.election, request.as_of = "pilkada2024", "2024-10-01"
    text = json_format.MessageToJson(request, preserving_proto_field_name=True)
    assert out == netra.call_json("SiasnReport", text) + "\n"


def test_without_an_election_pact_events_are_not_counted() -> None:
    r = netra.siasn.report(EXPORT)
    assert not r.HasField("pact_progress") and r.audit_summary.cases > 0


def test_the_mapping_gives_a_roster_the_pact_registry_takes() -> None:
    m = netra.siasn.from_siasn(EXPORT)
    assert len(m.roster) == len(m.employees) == 59
    kinds = {e.kind for e in m.employees}
    assert netra.EmployeeKind.PNS in kinds and netra.EmployeeKind.PPPK in kinds
    assert all(c.imposed.siasn_jenis_hukuman_id > 0 for c in m.decided_cases)


def test_a_bad_row_is_a_refusal_and_a_bad_table_an_exception() -> None:
    m = netra.siasn.from_siasn({"pegawai": {"csv": "id,nipBaru,nama\nA1,12345,X\n"}})
    assert len(m.refusals) == 1
    assert m.refusals[0].table == "pegawai" and m.refusals[0].row == 2
    assert m.refusals[0].reason.startswith('nipBaru: not a valid NIP (has 5 digits')
    with pytest.raises(netra.InvalidArgumentError, match=r"^pegawai: invalid JSON"):
        netra.siasn.from_siasn({"pegawai": {"json": "{\"id\": "}})
    with pytest.raises(netra.NotFoundError, match="not a folder"):
        netra.siasn.read_folder(EXPORT / "pegawai.json")
    with pytest.raises(TypeError, match="folder: expected a path"):
        netra.siasn.read_folder(42)  # type: ignore[arg-type]


def test_the_synthetic_export_is_the_commands(tmp_path) -> None:
    counts = netra.siasn.synth_export(tmp_path / "x", 60, decisions=12, seed=11)
    assert counts == {"employees": 59, "agencies": 1, "decisions": 12, "without_facts": 3}
    for f in ("pegawai.json", "rw-hukdis.json", "facts.json", "pakta.jsonl"):
        assert (tmp_path / "x" / f).read_bytes() == (EXPORT / f).read_bytes(), f
