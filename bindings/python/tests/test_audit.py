"""The audit of decisions: one case, lists of dicts, DataFrames."""

import json

import pandas as pd
import pytest

import netra

from conftest import EXAMPLES


def example_cases():
    lines = (EXAMPLES / "audit_neutrality_decisions_2024.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


def test_one_case_within_the_law():
    f = netra.audit_one(example_cases()[0])
    assert f.case_id == "BKD-2024-001" and f.verdict == netra.Verdict.WITHIN_LAW
    assert "Case BKD-2024-001: WITHIN_LAW" in netra.audit_finding_text(f)


def test_a_moral_sanction_for_a_like_of_a_determined_candidate_is_too_light():
    f = netra.audit_one(example_cases()[1])  # MORAL_TERBUKA for an act during the campaign
    assert f.verdict == netra.Verdict.TOO_LIGHT
    assert f.reasons and any("B1" in r or "berat" in r.lower() for r in f.reasons)


def test_audit_frame_from_dicts_matches_audit_one():
    cases = example_cases()
    out = netra.audit(cases)
    assert list(out["case_id"].astype(str)) == [c["case_id"] for c in cases]
    bad = [i for i, c in enumerate(cases) if c["request"]["acts"][0]["act_date"] == "2024-13-01"]
    assert bad == [8]  # the example file holds one invalid line on purpose
    assert out.loc[8, "error"].startswith('act_date: request.acts[0].act_date: "2024-13-01"')
    good = [i for i in range(len(cases)) if i not in bad]
    assert list(out.loc[good, "verdict"].astype(str)) == [
        netra.Verdict(netra.audit_one(cases[i]).verdict).name for i in good]
    assert out.loc[good, "error"].isna().all()


def test_audit_frame_from_a_dataframe():
    df = pd.DataFrame({
        "case_id": ["A", "B", "C"], "kind": ["PNS"] * 3, "position": ["PELAKSANA"] * 3,
        "agency_level": ["REGENCY_CITY"] * 3, "norm": ["pp94.duty.attendance"] * 3,
        "act_date": pd.to_datetime(["2025-06-30"] * 3), "cumulative_days": [3, 15, 15],
        "consecutive_days": [1, 4, 4], "sanction_type": ["R1", "R1", "S2T"],
        "official": [None, None, "PPK"], "decision_date": pd.to_datetime(["2025-07-20"] * 3)})
    out = netra.audit(df)
    assert list(out["verdict"].astype(str)) == ["WITHIN_LAW", "TOO_LIGHT", "WITHIN_LAW"]
    assert list(out["law_types"]) == [("R1",), ("S2T",), ("S2T",)]
    assert any("Pasal" in a for a in out.loc[1, "articles"])
    assert out.loc[1, "verdicts"] == ("TOO_LIGHT",) and len(out.loc[1, "reasons"]) == 1
    fast = netra.audit(df, detail=False)
    assert list(fast["verdict"].astype(str)) == ["WITHIN_LAW", "TOO_LIGHT", "WITHIN_LAW"]
    # The answer owns its columns: changing it leaves the input as it was.
    out.loc[0, "case_id"] = "changed"
    assert list(df["case_id"]) == ["A", "B", "C"]


def test_bad_cases_are_errors_of_their_row():
    df = pd.DataFrame({"kind": ["PNS", "PNS"], "norm": ["pp94.duty.attendance"] * 2, "act_date": ["2025-06-30"] * 2,
                       "cumulative_days": [3, 3], "sanction_type": ["R1", "X9"],
                       "decision_date": ["2025-07-20", "2025-07-20"]})
    out = netra.audit(df)
    assert pd.isna(out.loc[0, "error"])
    assert out.loc[1, "error"].startswith('sanction_type: imposed.sanction_type: unknown sanction type "X9"')
    with pytest.raises(netra.InvalidArgumentError, match='row 1: sanction_type'):
        netra.audit(df, errors="raise")
    with pytest.raises(netra.InvalidArgumentError, match="missing column sanction_type"):
        netra.audit(df.drop(columns=["sanction_type"]))
    with pytest.raises(netra.InvalidArgumentError, match="imposed"):
        netra.audit_one({"request": {"employee": {"kind": "PNS"}}})


def test_wrong_types():
    with pytest.raises(TypeError, match="cases"):
        netra.audit("cases.jsonl")
    with pytest.raises(TypeError, match=r"cases\[0\]"):
        netra.audit([42])
    with pytest.raises(TypeError, match="detail"):
        netra.audit([], detail="yes")
    assert len(netra.audit([])) == 0
