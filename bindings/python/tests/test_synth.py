"""Synthetic rosters and reports: deterministic, valid, evaluable."""

import pandas as pd
import pytest

import netra


def test_synthetic_roster_frame_is_deterministic_and_valid():
    a = netra.synth_roster(2000, seed=7)
    b = netra.synth_roster(2000, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(netra.synth_roster(2000, seed=8))
    assert list(a.columns) == ["nip", "name", "type", "grade", "position", "position_type", "unit", "agency",
                               "leader"]
    # Each unit's first row is its head, and only that row.
    first = ~a.duplicated(["agency", "unit"])
    assert (a["leader"] == first).all()
    assert a["name"].str.contains("Sintetis").all()
    nips = a["nip"].dropna()
    assert nips.is_unique
    for n in nips.head(50):
        netra.parse_nip(n)
    assert len(netra.Roster.synthetic(2000, seed=7)) == len(netra.Roster.from_frame(a)) == 2000


def test_synthetic_reports_evaluate_without_errors():
    r = netra.synth_reports(3000, "pilkada2024", seed=5)
    assert r["report_id"].iloc[0].startswith("SYN-pilkada2024-")
    assert r["report_id"].is_unique
    out = netra.evaluate_frame(r)
    assert out["error"].isna().all()
    assert (out["outcome"] == "SANCTION").mean() > 0.5
    # Same seed, same reports, as messages too.
    msgs = netra.synth_report_messages(20, "pilkada2024", seed=5)
    assert [m.report_id for m in msgs] == list(r["report_id"].astype(str)[:20])
    assert all(m.synthetic for m in msgs)
    d = netra.evaluate(msgs[0].request)
    assert d.outcome == netra.Outcome[out.loc[0, "outcome"]]


def test_rates_and_bad_options():
    none = netra.synth_reports(500, "pemilu2024", p_proven=0.0)
    assert not none["proven"].any() and not none["sanctioned"].any()
    with pytest.raises(netra.InvalidArgumentError):
        netra.synth_reports(10, "pilkada2099")
    with pytest.raises(netra.InvalidArgumentError):
        netra.synth_reports(10, "pilkada2024", p_proven=1.5)
    with pytest.raises(netra.InvalidArgumentError):
        netra.synth_roster(0)
    with pytest.raises(TypeError, match="employees"):
        netra.synth_roster("many")
    with pytest.raises(TypeError, match="p_proven"):
        netra.synth_reports(10, "pilkada2024", p_proven="half")
