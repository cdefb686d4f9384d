"""Seeded SYNTHETIC rosters and neutrality reports (netra/synth.h).

Every output is labelled synthetic: names "Pegawai Sintetis 0000123",
agencies "Pemerintah Kabupaten Sintetis 001", report ids "SYN-...". The
rates are derived suggestions from news-reported statements, never
official statistics, and describe no real person, agency or case. The same
seed and options give the same data on every machine.
"""

from __future__ import annotations

import io

import pandas as pd

from netra import _frame, _netra
from netra._convert import check_int, check_type
from netra.v1 import synth_pb2

__all__ = ["synth_roster", "synth_roster_csv", "synth_reports", "synth_report_messages"]

_ROSTER_CATEGORIES = ("type", "grade", "position", "position_type", "unit", "agency")


def synth_roster_csv(employees: int, *, seed: int = 1, agencies: int = 0) -> str:
    """The roster as CSV text (``netra synth roster``): header
    nip,name,type,grade,position,position_type,unit,agency.
    InvalidArgumentError for employees outside 1-100,000,000 or agencies
    outside 0-min(employees, 10,000) (0 = about one per 9,300 employees)."""
    return _netra.synth_roster_csv(check_int(seed, "seed"), check_int(employees, "employees"),
                                   check_int(agencies, "agencies"))


def synth_roster(employees: int, *, seed: int = 1, agencies: int = 0) -> pd.DataFrame:
    """A synthetic roster as a DataFrame (the CSV's columns; repeated values
    as Categoricals, NIPs as strings). ``Roster.from_frame`` imports it;
    ``Roster.synthetic`` makes the same roster without the frame."""
    text = synth_roster_csv(employees, seed=seed, agencies=agencies)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[])
    for c in _ROSTER_CATEGORIES:
        frame[c] = frame[c].astype("category")
    frame["nip"] = frame["nip"].replace("", None)
    frame["leader"] = frame["leader"] == "1"  # the unit's head (signs the leadership pact)
    return frame


def _rates(p_proven: float | None, p_sanctioned: float | None, p_blocked: float | None) -> tuple[float, float, float]:
    out = []
    for name, p in (("p_proven", p_proven), ("p_sanctioned", p_sanctioned), ("p_blocked", p_blocked)):
        if p is None:
            out.append(-1.0)
        else:
            check_type(p, (float, int), name)
            out.append(float(p))
    return out[0], out[1], out[2]


def synth_reports(count: int, election: str, *, seed: int = 1, p_proven: float | None = None,
                  p_sanctioned: float | None = None, p_blocked: float | None = None) -> pd.DataFrame:
    """``count`` synthetic neutrality reports as a DataFrame that
    ``evaluate_frame`` reads as it is: report_id, nip, kind, position,
    jf_level, position_name, agency_level, agency, unit, norm, act_date,
    election, office, route, on_cltn, active_support, resigned_in_writing,
    decision_date, and the synthetic follow-up labels proven, sanctioned,
    blocked. ``election`` is "pilkada2024" or "pemilu2024"; the p_* override
    the default rates (None = the election's default).
    InvalidArgumentError for a bad count, election or probability."""
    check_type(election, str, "election")
    pp, ps, pb = _rates(p_proven, p_sanctioned, p_blocked)
    cols = _netra.synth_report_columns(check_int(seed, "seed"), check_int(count, "count"), election, pp, ps, pb)
    return pd.DataFrame(_frame.decode(cols))


def synth_report_messages(count: int, election: str, *, seed: int = 1, p_proven: float | None = None,
                          p_sanctioned: float | None = None, p_blocked: float | None = None
                          ) -> list[synth_pb2.SyntheticReport]:
    """The same reports as ``netra.v1.SyntheticReport`` messages (same seed,
    same reports as ``synth_reports``)."""
    check_type(election, str, "election")
    pp, ps, pb = _rates(p_proven, p_sanctioned, p_blocked)
    return [synth_pb2.SyntheticReport.FromString(b)
            for b in _netra.synth_reports(check_int(seed, "seed"), check_int(count, "count"), election, pp, ps, pb)]
