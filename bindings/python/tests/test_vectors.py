"""Every law vector (tests/vectors/*.textproto) and audit vector through the
Python API, checked as the C++ conformance test checks them; and every
vector that fits in one frame row through evaluate_frame, which must give
the same answer as evaluate()."""

import pandas as pd
import pytest
from google.protobuf import text_format

import netra
from netra.v1 import conformance_pb2

from conftest import VECTORS


def _load(subdir, cls):
    files = sorted((VECTORS / subdir).glob("*.textproto"))
    return [(f.name, text_format.Parse(f.read_text(encoding="utf-8"), cls())) for f in files]


LAW = _load("", conformance_pb2.TestVector)
AUDIT = _load("audit", conformance_pb2.AuditVector)


def test_the_vectors_are_there():
    assert len(LAW) >= 349 and len(AUDIT) >= 19


def _rule_ids(d):
    ids = {b.rule_id for b in d.basis}
    for a in d.acts:
        ids |= {b.rule_id for b in a.basis} | {s.rule_id for s in a.allowed_sanctions}
    ids |= {s.rule_id for s in d.allowed_sanctions}
    for c in d.competent_officials:
        ids |= {c.rule_id, *c.also_rule_ids}
    for m in d.missing_facts:
        ids |= {alt.rule_id for alt in m.alternatives if alt.rule_id}
    ids.add(d.procedure.rule_id)
    ids.add(d.handling.rule_id)
    return ids


def _check(x, d):
    if x.outcome:
        assert netra.Outcome(d.outcome) == netra.Outcome(x.outcome)
    if x.level:
        assert netra.Level(d.level) == netra.Level(x.level)
    if x.regime:
        assert netra.Regime(d.regime) == netra.Regime(x.regime)
    if x.handling:
        assert netra.HandlingBody(d.handling.body) == netra.HandlingBody(x.handling)
    if x.allowed_sanctions:
        assert {s.code for s in d.allowed_sanctions} == set(x.allowed_sanctions)
    ids = _rule_ids(d)
    for rid in x.basis_includes:
        assert rid in ids
    if x.competent_officials:
        assert sorted(c.official for c in d.competent_officials) == sorted(x.competent_officials)
    if x.team:
        assert d.procedure.team == x.team
    for f in x.missing_facts:
        assert f in {m.field for m in d.missing_facts}
    assert len(x.acts) <= len(d.acts)
    for xa, a in zip(x.acts, d.acts):
        if xa.outcome:
            assert a.outcome == xa.outcome
        if xa.level:
            assert a.level == xa.level
        if xa.regime:
            assert a.regime == xa.regime
        if xa.candidate_status:
            assert a.election_stage.candidate_status == xa.candidate_status
        if xa.stage:
            assert a.election_stage.stage == xa.stage
        if xa.allowed_sanctions:
            assert {s.code for s in a.allowed_sanctions} == set(xa.allowed_sanctions)
        for rid in xa.basis_includes:
            assert rid in {b.rule_id for b in a.basis}
        for f in xa.missing_facts:
            assert f in {m.field for m in a.missing_facts}
        if xa.salary_stop:
            assert a.salary_stop
        if xa.salary_stop_from:
            assert a.salary_stop_from == xa.salary_stop_from


@pytest.mark.parametrize("name,vector", LAW, ids=[n[:90] for n, _ in LAW])
def test_law_vector(name, vector):
    _check(vector.expect, netra.evaluate(vector.request))


def test_a_vector_can_fail():
    # The checker is not vacuous: the 3-day absence vector checked against
    # another level fails.
    name, v = next((n, v) for n, v in LAW if n.startswith("absence_of_3_days"))
    wrong = conformance_pb2.Expectation()
    wrong.CopyFrom(v.expect)
    wrong.level = netra.Level.BERAT
    with pytest.raises(AssertionError):
        _check(wrong, netra.evaluate(v.request))


@pytest.mark.parametrize("name,vector", AUDIT, ids=[n[:90] for n, _ in AUDIT])
def test_audit_vector(name, vector):
    f = netra.audit_one(vector.decided)
    x = vector.expect
    assert netra.Verdict(f.verdict) == netra.Verdict(x.verdict)
    if x.verdicts:
        assert sorted(f.verdicts) == sorted(x.verdicts)
    ids = {b.rule_id for b in f.basis}
    for rid in x.basis_includes:
        assert rid in ids


def test_audit_frame_of_the_audit_vectors_with_and_without_detail():
    # Each case is audited under its own request.settings on both paths (some vectors set a reading).
    cases = [v.decided for _, v in AUDIT]
    assert any(c.request.settings for c in cases)
    full = netra.audit(cases)
    fast = netra.audit(cases, detail=False)
    expected = [netra.Verdict(v.expect.verdict).name for _, v in AUDIT]
    assert list(full["verdict"].astype(str)) == expected
    # The fast path (Auditor::Verdicts) picks the same verdicts.
    assert list(fast["verdict"].astype(str)) == expected
    assert list(fast["verdicts"]) == list(full["verdicts"])
    assert full["error"].isna().all() and fast["error"].isna().all()
    assert "reasons" in full and "reasons" not in fast
    assert (full["reasons"].str.len() > 0).all() and full["articles"].notna().all()


# --- evaluate_frame == evaluate, on every vector that fits one row ---------

_ACT_ABSENCE = {"cumulative_working_days": "cumulative_days", "consecutive_working_days": "consecutive_days",
                "late_or_early_minutes": "late_minutes", "tenth_consecutive_day": "tenth_consecutive_day"}


def _row(req):
    """The frame row of a request, or None if it does not fit one row."""
    e = req.employee
    if (len(req.acts) != 1 or len(e.prior_sanctions) > 1 or req.settings
            or req.organisation.vacant_posts or req.organisation.designated_officials):
        return None
    a = req.acts[0]  # its id, description and candidate name are informational
    row = {"kind": netra.EmployeeKind(e.kind).name if e.kind else None, "norm": a.norm,
           "act_date": a.act_date or None}
    if a.HasField("act_date_range"):
        row["act_date_from"] = getattr(a.act_date_range, "from")  # a Python keyword
        row["act_date_until"] = a.act_date_range.until
    if e.position.type:
        row["position"] = netra.PositionType(e.position.type).name
    if e.position.jf_level:
        row["jf_level"] = netra.JfLevel(e.position.jf_level).name
    for flag in ("is_ppk", "is_sekda", "reports_to_ppk"):
        if getattr(e.position, flag):
            row[flag] = True
    if e.golongan:
        row["golongan"] = netra.Golongan(e.golongan).name
    if req.organisation.jpt_pratama_superior:
        row["jpt_pratama_superior"] = netra.Official(req.organisation.jpt_pratama_superior).name
    if e.agency.level:
        row["agency_level"] = netra.AgencyLevel(e.agency.level).name
    if e.secondment:
        row["secondment"] = netra.Secondment(e.secondment).name
    if e.secondment_place:
        row["secondment_place"] = netra.SecondmentPlace(e.secondment_place).name
    if e.home_agency.level:
        row["home_agency_level"] = netra.AgencyLevel(e.home_agency.level).name
    if e.party_member:
        row["party_member"] = True
    if e.nip:
        row["nip"] = e.nip
    if a.impact:
        row["impact"] = netra.Impact(a.impact).name
    for field, col in _ACT_ABSENCE.items():
        optional = field in ("cumulative_working_days", "consecutive_working_days")
        if a.absence.HasField(field) if optional else getattr(a.absence, field):
            row[col] = getattr(a.absence, field)
    for field, col in (("cumulative_working_days_range", "cumulative_days"),
                       ("consecutive_working_days_range", "consecutive_days")):
        if a.absence.HasField(field):
            bounds = getattr(a.absence, field)
            row[col + "_at_least"] = bounds.at_least
            if bounds.HasField("at_most"):
                row[col + "_at_most"] = bounds.at_most
    for field in ("valid_reason", "wealth_report_obliged", "intentional", "work_target_percent"):
        if a.HasField(field):
            row[field] = getattr(a, field)
    for field in ("prison_months", "planned", "office_related", "retention_conditions_met", "custodial"):
        if a.criminal.HasField(field):
            row[field] = getattr(a.criminal, field)
    if a.reference_sanction:
        row["reference_sanction"] = a.reference_sanction
    if a.HasField("neutrality"):
        n = a.neutrality
        t = n.target
        if t.election:
            row["election"] = t.election
        if t.office:
            row["office"] = netra.Office(t.office).name
        if t.route:
            row["route"] = netra.CandidateRoute(t.route).name
        if t.region:
            row["region"] = t.region
        if t.reported_status:
            row["reported_status"] = netra.CandidateStatus(t.reported_status).name
        for field in ("on_cltn", "active_support", "resigned_in_writing", "cltn_conduct_breach",
                      "campaign_attributes", "mobilised_staff", "state_facilities"):
            if n.HasField(field):
                row[field] = getattr(n, field)
    if e.prior_sanctions:
        p = e.prior_sanctions[0]
        row["prior_sanction"] = p.sanction_type
        if p.norm:
            row["prior_norm"] = p.norm
        if p.decision_date:
            row["prior_decision_date"] = p.decision_date
    if req.examination_date:
        row["examination_date"] = req.examination_date
    if req.decision_date:
        row["decision_date"] = req.decision_date
    return row


def test_evaluate_frame_agrees_with_evaluate_on_every_vector_that_fits_a_row():
    rows, dets = [], []
    for _, v in LAW:
        row = _row(v.request)
        if row is not None:
            rows.append(row)
            dets.append(netra.evaluate(v.request))
    assert len(rows) > 250, "most vectors are one act and must be covered"
    frame = pd.DataFrame(rows)
    out = netra.evaluate_frame(frame)
    assert out["error"].isna().all(), out["error"].dropna().head().tolist()
    for i, d in enumerate(dets):
        r = out.iloc[i]
        assert r["outcome"] == netra.Outcome(d.outcome).name, i
        assert (r["level"] if isinstance(r["level"], str) else None) == (netra.Level(d.level).name if d.level else None)
        types = set(r["types"])
        assert types == {s.code for s in d.allowed_sanctions}, (i, rows[i])
        act_rules = {b.rule_id for a in d.acts for b in a.basis}
        assert set(r["rule_ids"]) <= act_rules | {b.rule_id for b in d.basis}
        if d.handling.body:
            assert r["handled_by"] == netra.HandlingBody(d.handling.body).name
        if d.acts and d.acts[0].HasField("election_stage") and d.acts[0].election_stage.stage:
            assert r["stage"] == netra.Stage(d.acts[0].election_stage.stage).name
        missing = set(r["missing_facts"])
        assert bool(missing) == bool(d.missing_facts), (i, rows[i])
        assert bool(r["salary_stop"]) == any(a.salary_stop for a in d.acts)


def test_frame_requests_rebuild_the_vector_requests():
    v = next(v for n, v in LAW if n.startswith("absence_of_10_working_days_in_a_row"))
    row = _row(v.request)
    ev = netra.Evaluator()
    (req,) = ev.frame_requests(pd.DataFrame([row]))
    assert ev.evaluate(req) == ev.evaluate(v.request)
