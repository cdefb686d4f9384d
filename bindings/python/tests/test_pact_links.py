"""Breach links, the leaders-first order and compliance with IM NKK indexes
(the pact features added to the C++ library after the first bindings)."""

import copy
import json
import math

import numpy as np
import pandas as pd
import pytest

import netra

from conftest import EXAMPLES, SOURCE_DIR

ROSTER = EXAMPLES / "roster_synthetic_500.csv"
AGENCY = "Pemerintah Kabupaten Sintetis 001"
LEADER = "197711282004081001"       # head of Dinas Pendidikan
HEALTH_HEAD = "197009151997041001"  # head of Dinas Kesehatan
HEALTH_STAFF = "200302132024052001"
TEACHER = "197907032006082001"      # a PNS of Dinas Kesehatan, the violator below
CASE_ID = "BAWASLU-KAB-2024-117"
C3 = "pact.c3.wise_social_media_no_hate_hoax"


def neutrality_case(nip=TEACHER, case_id=CASE_ID, agency=AGENCY):
    """The example neutrality case (BKN recommendation of 2024-12-10 on a
    like-and-share of 2024-11-12, decree row D06), for an employee of the
    example roster."""
    log = json.loads((EXAMPLES / "case_neutrality_pilkada_2024.json").read_text(encoding="utf-8"))
    log = copy.deepcopy(log)
    log["case_id"] = case_id
    log["employee"]["nip"] = nip
    log["employee"]["agency"]["name"] = agency
    return netra.CaseMachine().replay(log)


@pytest.fixture()
def registry():
    roster = netra.Roster.from_csv(ROSTER)
    reg = netra.PactRegistry(roster, "pilkada2024")
    assert reg.issue_all("2024-09-02") == 481
    return reg


def test_a_confirmed_case_breaches_the_commitment_of_its_decree_row(registry):
    registry.sign(TEACHER, "2024-09-05")
    case = neutrality_case()
    link = registry.link_breaches(case, "2024-12-31")
    assert isinstance(link, netra.PactBreachLink)
    events, explanation = link  # a NamedTuple
    assert len(events) == 1
    e = events[0]
    assert isinstance(e, netra.v1.pact_pb2.PactEvent)
    assert (e.type, e.nip, e.commitment_id, e.linked_case_id, e.date) == (
        netra.PactEventType.PACT_BREACHED, TEACHER, C3, CASE_ID, "2024-12-10")
    assert "D06" in explanation and C3 in explanation
    # Not applied unless asked.
    assert registry.totals("2024-12-31")["breached"] == 0
    # Before the recommendation the violation is not confirmed.
    early = registry.link_breaches(case, "2024-12-09")
    assert early.events == [] and "no confirmed violation" in early.explanation

    applied = registry.link_breaches(case, "2024-12-31", apply=True)
    assert [x.commitment_id for x in applied.events] == [C3]
    assert registry.totals("2024-12-31")["breached"] == 1
    b = registry.breaches("2024-12-31").set_index("commitment")["breached"]
    assert b[C3] == 1 and b.sum() == 1
    # Linking again adds nothing.
    again = registry.link_breaches(case, "2024-12-31", apply=True)
    assert again.events == [] and "already linked" in again.explanation
    assert registry.totals("2024-12-31")["breached"] == 1


def test_no_link_without_a_signature_before_the_act(registry):
    case = neutrality_case()
    link = registry.link_breaches(case, "2024-12-31")
    assert link.events == [] and "had not signed" in link.explanation
    registry.sign(TEACHER, "2024-11-20")  # after the act of 2024-11-12
    link = registry.link_breaches(case, "2024-12-31")
    assert link.events == [] and "outside the signed pact" in link.explanation
    stranger = neutrality_case(nip="199001012015031001")
    assert "not on the roster" in registry.link_breaches(stranger, "2024-12-31").explanation


def test_applied_links_go_through_the_store(tmp_path):
    roster = netra.Roster.from_csv(ROSTER)
    store = netra.Store(tmp_path / "netra.db")
    reg = netra.PactRegistry(roster, "pilkada2024", store=store)
    reg.issue_all("2024-09-02")
    reg.sign(TEACHER, "2024-09-05")
    assert len(reg.link_breaches(neutrality_case(), "2024-12-31", apply=True).events) == 1
    reopened = netra.PactRegistry(roster, "pilkada2024", store=netra.Store(tmp_path / "netra.db"))  # replays
    assert reopened.totals("2024-12-31")["breached"] == 1
    assert reopened.link_breaches(neutrality_case(), "2024-12-31").events == []


def test_link_breaches_frame(registry):
    registry.sign(TEACHER, "2024-09-05")
    linked, unsigned = neutrality_case(), neutrality_case(nip=HEALTH_STAFF, case_id="C-2")
    f = registry.link_breaches_frame([linked, unsigned, linked], "2024-12-31")
    assert list(f.columns) == ["case_id", "nip", "commitment_id", "date", "explanation"]
    # One row per event (the repeated case once) and one for the case linking nothing.
    assert f["case_id"].tolist() == [CASE_ID, "C-2"]
    assert f.loc[0, "nip"] == TEACHER and f.loc[0, "commitment_id"] == C3
    assert f.loc[0, "date"] == pd.Timestamp("2024-12-10") and f["date"].dtype == "datetime64[ns]"
    assert f.loc[1, "commitment_id"] is None and pd.isna(f.loc[1, "date"]) and "had not signed" in f.loc[1, "explanation"]
    assert f["commitment_id"].notna().sum() == 1
    assert registry.totals("2024-12-31")["breached"] == 0
    registry.link_breaches_frame([linked, linked], "2024-12-31", apply=True)
    assert registry.totals("2024-12-31")["breached"] == 1
    assert registry.link_breaches_frame([linked], "2024-12-31")["commitment_id"].isna().all()
    empty = registry.link_breaches_frame([], "2024-12-31")
    assert empty.empty and list(empty.columns) == ["case_id", "nip", "commitment_id", "date", "explanation"]


def test_link_breaches_bad_input(registry):
    case = neutrality_case()
    registry.sign(TEACHER, "2024-09-20")  # so that the case would link a breach
    with pytest.raises(TypeError, match="case: expected netra.Case"):
        registry.link_breaches("case.json", "2024-12-31")
    with pytest.raises(netra.InvalidArgumentError, match="as_of"):
        registry.link_breaches(case, "2024-02-30")
    with pytest.raises(TypeError, match="apply"):
        registry.link_breaches(case, "2024-12-31", apply="yes")
    with pytest.raises(TypeError, match=r"cases\[1\]"):
        registry.link_breaches_frame([case, {"case_id": "x"}], "2024-12-31", apply=True)
    with pytest.raises(TypeError, match="cases"):
        registry.link_breaches_frame(case, "2024-12-31")
    with pytest.raises(TypeError, match="as_of"):
        registry.link_breaches_frame([case], 20241231)
    # A refusal changes nothing: the first case would have linked a breach,
    # and the batch that failed on the second recorded none of it.
    assert registry.link_breaches(case, "2024-12-31").events
    assert registry.totals("2024-12-31")["breached"] == 0


def test_leadership_frame_reports_who_signed_first(registry):
    # Dinas Pendidikan: the head signs, then a teacher: in order.
    registry.sign(LEADER, "2024-09-03")
    registry.sign("197903242025241001", "2024-09-04")
    # Dinas Kesehatan: staff sign before their head.
    registry.sign(HEALTH_STAFF, "2024-09-03")
    registry.sign(HEALTH_HEAD, "2024-09-06")
    f = registry.leadership_frame("2024-09-30")
    assert list(f.columns) == ["agency", "unit", "leaders", "leaders_signed", "leaders_done", "staff_signed",
                               "staff_signed_before_leaders", "order"]
    by_unit = f.set_index("unit")
    edu, health = by_unit.loc["Dinas Pendidikan"], by_unit.loc["Dinas Kesehatan"]
    assert (edu["leaders"], edu["leaders_signed"], edu["staff_signed"], edu["staff_signed_before_leaders"]) == (1, 1, 1, 0)
    assert edu["leaders_done"] == pd.Timestamp("2024-09-03") and edu["order"] == "LEADERS_FIRST"
    assert health["staff_signed_before_leaders"] == 1 and health["order"] == "STAFF_AHEAD"
    others = f[~f["unit"].isin(["Dinas Pendidikan", "Dinas Kesehatan"])]
    assert (others["order"].isin(["PENDING", "NO_LEADER"])).all() and others["leaders_done"].isna().all()
    # The registry's own counts, per unit class.
    counts = f["order"].value_counts()
    assert f.attrs["units_leaders_first"] == counts["LEADERS_FIRST"] == 1
    assert f.attrs["units_staff_ahead_of_leaders"] == counts["STAFF_AHEAD"] == 1
    assert f.attrs["units_without_leader"] == counts["NO_LEADER"]
    # On an earlier date the health staff member had signed, the head not yet.
    before = registry.leadership_frame("2024-09-04").set_index("unit")
    assert before.loc["Dinas Kesehatan", "leaders_signed"] == 0
    assert before.loc["Dinas Kesehatan", "order"] == "STAFF_AHEAD"
    with pytest.raises(netra.InvalidArgumentError, match="as_of"):
        registry.leadership_frame("30/09/2024")


def test_leadership_frame_before_any_issue():
    reg = netra.PactRegistry(netra.Roster.from_csv(ROSTER), "pilkada2024")
    f = reg.leadership_frame("2024-09-30")
    assert f.empty and f.attrs["units_leaders_first"] == 0


def test_compliance_with_published_indexes_and_a_user_scale():
    roster = netra.Roster.from_csv(ROSTER)
    case = neutrality_case()
    plain = netra.compliance(roster, [case], "2025-01-31")
    assert list(plain.columns)[-3:] == ["has_im_nkk_index", "im_nkk_index", "im_nkk_predicate"]
    row = plain.set_index("agency").loc[AGENCY]
    assert row["reported"] == 1 and row["proven"] == 1
    assert not row["has_im_nkk_index"] and math.isnan(row["im_nkk_index"]) and row["im_nkk_predicate"] is None
    assert plain.attrs["predicate_bands"] == "" and "not official" in plain.attrs["note"]

    # An index without a scale: no predicate (the embedded setting is empty).
    idx = netra.compliance(roster, [case], "2025-01-31", im_nkk_index={AGENCY: 0.83})
    r = idx.set_index("agency").loc[AGENCY]
    assert r["has_im_nkk_index"] and r["im_nkk_index"] == pytest.approx(0.83) and r["im_nkk_predicate"] is None
    assert idx["has_im_nkk_index"].dtype == bool and idx["im_nkk_index"].dtype == float

    bands = "0=RENDAH;0.6=SEDANG;0.8=TINGGI"
    for value, label in ((0.83, "TINGGI"), (0.8, "TINGGI"), (0.79, "SEDANG"), (0.0, "RENDAH")):
        f = netra.compliance(roster, [case], "2025-01-31", im_nkk_index=pd.Series({AGENCY: value}),
                             predicate_bands=bands)
        assert f.set_index("agency").loc[AGENCY, "im_nkk_predicate"] == label
    assert f.attrs["predicate_bands"] == bands and "not an official one" in f.attrs["note"]
    # An explicit "" turns the predicate off.
    off = netra.compliance(roster, [case], "2025-01-31", im_nkk_index={AGENCY: 0.9}, predicate_bands="")
    assert off.loc[0, "im_nkk_predicate"] is None


def test_compliance_bad_input_gives_the_cpp_message():
    roster = netra.Roster.from_csv(ROSTER)
    case = neutrality_case()
    with pytest.raises(netra.InvalidArgumentError, match=r"im_nkk_index\[\"Pemerintah Kabupaten Sintetis 001\"\]: "
                                                         r"1.5 is not an index in \[0, 1\]"):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index={AGENCY: 1.5})
    with pytest.raises(netra.InvalidArgumentError, match="is not an index"):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index={AGENCY: float("nan")})
    with pytest.raises(netra.InvalidArgumentError, match='"Kota Lain" is not an agency of the roster'):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index={"Kota Lain": 0.5})
    with pytest.raises(netra.InvalidArgumentError, match="im_nkk_predicate_bands"):
        netra.compliance(roster, [case], "2025-01-31", predicate_bands="TINGGI")
    with pytest.raises(netra.InvalidArgumentError, match="im_nkk_predicate_bands"):
        netra.compliance(roster, [case], "2025-01-31", predicate_bands="0.8=TINGGI;0=RENDAH")
    with pytest.raises(TypeError, match="im_nkk_index"):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index=[(AGENCY, 0.5)])
    with pytest.raises(TypeError, match=r"im_nkk_index\['Pemerintah"):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index={AGENCY: "0.5"})
    with pytest.raises(TypeError, match=r"im_nkk_index\['Pemerintah"):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index={AGENCY: True})
    with pytest.raises(TypeError, match="agency names"):
        netra.compliance(roster, [case], "2025-01-31", im_nkk_index={1: 0.5})
    with pytest.raises(TypeError, match="predicate_bands"):
        netra.compliance(roster, [case], "2025-01-31", predicate_bands=0.8)
    assert np.isnan(netra.compliance(roster, [case], "2025-01-31").loc[0, "im_nkk_index"])


def test_compliance_takes_the_default_scale_from_the_rule_book():
    # A host replaces the embedded file that holds the setting (same base
    # name), giving its own default scale: predicate_bands=None uses it.
    text = (SOURCE_DIR / "law" / "compliance_im_nkk.textproto").read_text(encoding="utf-8")
    assert 'default_value: ""' in text
    book = netra.RuleBook(law_texts=[("law/compliance_im_nkk.textproto",
                                      text.replace('default_value: ""', 'default_value: "0=RENDAH;0.7=TINGGI"', 1))])
    roster = netra.Roster.from_csv(ROSTER)
    f = netra.compliance(roster, [neutrality_case()], "2025-01-31", im_nkk_index={AGENCY: 0.75}, book=book)
    assert f.loc[0, "im_nkk_predicate"] == "TINGGI" and f.attrs["predicate_bands"] == "0=RENDAH;0.7=TINGGI"
    # An explicit scale wins over the book's; "" turns it off.
    f = netra.compliance(roster, [neutrality_case()], "2025-01-31", im_nkk_index={AGENCY: 0.75}, book=book,
                         predicate_bands="0=LOW;0.8=HIGH")
    assert f.loc[0, "im_nkk_predicate"] == "LOW"
    assert netra.compliance(roster, [], "2025-01-31", im_nkk_index={AGENCY: 0.75}, book=book,
                            predicate_bands="").loc[0, "im_nkk_predicate"] is None
    with pytest.raises(TypeError, match="book"):
        netra.compliance(roster, [], "2025-01-31", book="law/")
