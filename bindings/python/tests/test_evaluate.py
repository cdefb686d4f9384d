"""netra.evaluate / Evaluator on single requests: legal values of the
absence table (PP 94/2021 Pasal 9-11, 15), neutrality, dicts and messages,
settings, and every kind of bad input."""

import datetime as dt

import pytest

import netra
from netra.v1 import conduct_pb2, determination_pb2

from conftest import absence_request


def codes(d):
    return [s.code for s in d.allowed_sanctions]


def test_three_days_absent_is_ringan_oral_reprimand_pasal_9_2_b_1():
    d = netra.evaluate(absence_request(3))
    assert d.outcome == netra.Outcome.SANCTION and d.level == netra.Level.RINGAN
    assert codes(d) == ["R1"]
    cited = [c for a in d.acts for b in a.basis for c in b.cited_as]
    assert "PP 94/2021 Pasal 9 ayat (2) huruf b angka 1" in cited


def test_fifteen_days_with_a_run_of_four_is_sedang_s2t_pasal_10_2_f_2():
    d = netra.evaluate(absence_request(15, 4))
    assert (d.outcome, d.level, codes(d)) == (netra.Outcome.SANCTION, netra.Level.SEDANG, ["S2T"])
    assert d.procedure.team == netra.Team.OPTIONAL


def test_fifteen_days_without_the_run_is_missing_facts_with_alternatives():
    d = netra.evaluate(absence_request(15))
    assert d.outcome == netra.Outcome.MISSING_FACTS
    (m,) = [m for m in d.missing_facts if m.field == "acts[0].absence.consecutive_working_days"]
    assert m.alternatives  # what each value would give; netra never guesses


def test_ten_days_in_a_row_is_berat_b3_and_stops_salary_pasal_11_2_d_4_and_15_2():
    req = absence_request(10, 10)
    req["acts"][0]["absence"]["tenth_consecutive_day"] = "2025-06-30"
    d = netra.evaluate(req)
    assert d.level == netra.Level.BERAT and codes(d) == ["B3"]
    assert d.acts[0].salary_stop and d.acts[0].salary_stop_from == "2025-07-01"


def test_zero_days_is_no_violation():
    assert netra.evaluate(absence_request(0)).outcome == netra.Outcome.NO_VIOLATION


def test_neutrality_like_of_a_regent_candidate_post_during_the_campaign_is_berat():
    d = netra.evaluate({
        "employee": {"kind": "PNS", "position": {"type": "FUNGSIONAL_KEAHLIAN", "jf_level": "AHLI_PERTAMA"},
                     "agency": {"level": "REGENCY_CITY"}},
        "acts": [{"norm": "neutrality.social_media_interaction", "act_date": dt.date(2024, 11, 12),
                  "neutrality": {"target": {"election": "pilkada2024", "office": "REGENT"}}}]})
    assert d.level == netra.Level.BERAT and d.regime == netra.Regime.DISCIPLINE
    assert d.acts[0].election_stage.candidate_status == netra.CandidateStatus.CALON
    assert d.acts[0].election_stage.stage == netra.Stage.CAMPAIGN
    assert d.handling.body == netra.HandlingBody.BKN
    assert {"B1", "B2", "B3"} <= set(codes(d))


def test_dict_message_and_enum_forms_agree():
    as_dict = absence_request(12, 2)
    msg = conduct_pb2.EvaluationRequest()
    msg.employee.kind = netra.EmployeeKind.PNS
    msg.employee.position.type = netra.PositionType.PELAKSANA
    msg.employee.agency.level = netra.AgencyLevel.REGENCY_CITY
    a = msg.acts.add(norm="pp94.duty.attendance", act_date="2025-06-30")
    a.absence.cumulative_working_days = 12
    a.absence.consecutive_working_days = 2
    with_enums = absence_request(12, 2, kind=netra.EmployeeKind.PNS, act_date=dt.date(2025, 6, 30))
    results = [netra.evaluate(x) for x in (as_dict, msg, with_enums, msg.SerializeToString())]
    assert all(isinstance(r, determination_pb2.Determination) for r in results)
    assert results[0] == results[1] == results[2] == results[3]
    assert codes(results[0]) == ["S1T"]


def test_settings_change_the_answer_and_are_listed():
    req = {"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
           "acts": [{"norm": "neutrality.partisan_activity", "act_date": "2024-11-12",
                     "neutrality": {"target": {"election": "pilkada2024", "office": "REGENT"}}}]}
    default = netra.evaluate(req)  # SKB 2/2022 row D08, level behind setting skb_d08_level
    ev = netra.Evaluator(settings={"skb_d08_level": "SEDANG"})
    assert ev.settings["skb_d08_level"] == "SEDANG"
    other = ev.evaluate(req)
    assert default.level == netra.Level.BERAT and other.level == netra.Level.SEDANG


def test_tukin_setting_turns_on_the_tukin_cut_types():
    ev = netra.Evaluator(settings={"tukin_sedang_operative_from": dt.date(2025, 1, 1)})
    assert codes(ev.evaluate(absence_request(15, 4))) == ["S2"]
    assert codes(netra.evaluate(absence_request(15, 4))) == ["S2T"]


def test_a_marriage_law_breach_is_berat_and_the_later_wife_reading_is_a_setting():
    # PP 10/1983 jo PP 45/1990 under PP 94/2021 Pasal 41 (law/pp10_1983_marriage.textproto).
    req = {"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
           "acts": [{"norm": "pp10.ban.living_together", "act_date": "2024-06-15"}]}
    d = netra.evaluate(req)
    assert (d.outcome, d.level, codes(d)) == (netra.Outcome.SANCTION, netra.Level.BERAT, ["B1", "B2", "B3"])
    cited = [c for a in d.acts for b in a.basis for c in b.cited_as]
    assert "PP 94/2021 Pasal 41" in cited and "PP 45/1990 Pasal I angka 10" in cited
    req["acts"][0]["norm"] = "pp10.ban.later_wife"
    assert codes(netra.evaluate(req)) == ["B1", "B2", "B3"]
    ptdh = netra.Evaluator(settings={"pp45_later_wife_sanction": "PTDH"}).evaluate(req)
    assert codes(ptdh) == ["PTDH"] and ptdh.regime == netra.Regime.DISMISSAL
    assert any("pp45_later_wife_sanction=PTDH" in e for a in ptdh.acts for e in a.explanation)


def test_a_conviction_gives_the_dismissal_the_law_of_the_decision_date_fixes():
    req = {"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
           "acts": [{"norm": "asn.conviction", "act_date": "2022-03-01",
                     "criminal": {"prison_months": 36, "planned": False, "office_related": False}}],
           "decision_date": "2022-06-01"}
    d = netra.evaluate(req)  # UU 5/2014 Pasal 87(2), PP 11/2017 Pasal 247-248: the retention conditions decide
    assert d.outcome == netra.Outcome.MISSING_FACTS
    assert [m.field for m in d.missing_facts] == ["acts[0].criminal.retention_conditions_met"]
    req["acts"][0]["criminal"]["retention_conditions_met"] = False
    assert codes(netra.evaluate(req)) == ["PDH"]
    req["decision_date"] = "2024-06-03"  # UU 20/2023 Pasal 52(3)(h): the conditions no longer matter
    del req["acts"][0]["criminal"]["retention_conditions_met"]
    assert codes(netra.evaluate(req)) == ["PDH"]


def test_a_pppk_conviction_follows_pp_49_of_2018_and_a_fine_alone_is_no_ground():
    req = {"employee": {"kind": "PPPK", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
           "acts": [{"norm": "asn.conviction", "act_date": "2022-03-01",
                     "criminal": {"prison_months": 36, "planned": False, "office_related": False}}],
           "decision_date": "2022-06-01"}
    d = netra.evaluate(req)  # PP 49/2018 Pasal 53(2)(a): no retention conditions for a PPPK
    assert codes(d) == ["PDH"] and d.regime == netra.Regime.DISMISSAL
    assert "PP 49/2018 Pasal 53 ayat (2) huruf a" in [c for a in d.acts for b in a.basis for c in b.cited_as]
    req["acts"][0]["criminal"] = {"prison_months": 12, "office_related": False}
    assert codes(netra.evaluate(req)) == ["PTDH"]  # 'dan/atau pidana umum', setting pidana_umum_reading=TEXT
    court = netra.Evaluator(settings={"pidana_umum_reading": "COURT_READING"}).evaluate(req)
    assert court.outcome == netra.Outcome.NO_SANCTION
    req["acts"][0]["criminal"] = {}
    d = netra.evaluate(req)  # nothing known: custodial or a fine alone, and the term (under 2 years decides)
    assert sorted(m.field for m in d.missing_facts) == ["acts[0].criminal.custodial", "acts[0].criminal.prison_months"]
    req["acts"][0]["criminal"] = {"custodial": False, "office_related": True}
    assert netra.evaluate(req).outcome == netra.Outcome.NO_SANCTION


def test_a_pppk_breach_is_the_agencys_unless_its_rules_adopt_the_pns_rules():
    req = {"employee": {"kind": "PPPK", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
           "acts": [{"norm": "pp94.duty.attendance", "act_date": "2024-10-31",
                     "absence": {"cumulative_working_days": 28, "consecutive_working_days": 1}}],
           "decision_date": "2024-11-20"}
    assert netra.evaluate(req).outcome == netra.Outcome.OUTSIDE_SCOPE  # PP 49/2018 Pasal 52(1)-(2)
    adopted = netra.Evaluator(settings={"pppk_discipline_rules": "PNS_RULES"})
    d = adopted.evaluate(req)  # PP 94 Pasal 11(2)(d) fixes B3; the PPPK's termination with honour stands for it
    assert (d.outcome, d.level, codes(d)) == (netra.Outcome.SANCTION, netra.Level.BERAT, ["PPPK_PHK_DH"])
    assert any("pppk_discipline_rules=PNS_RULES" in e for a in d.acts for e in a.explanation)
    req["acts"] = [{"norm": "pp10.divorce_permit", "act_date": "2024-02-01"}]
    assert adopted.evaluate(req).outcome == netra.Outcome.OUTSIDE_SCOPE  # PP 10/1983 binds PNS only


def test_prison_said_to_be_no_custodial_sentence_is_refused_naming_the_field():
    req = {"employee": {"kind": "PPPK"}, "acts": [{"norm": "asn.conviction", "act_date": "2024-03-01",
                                                   "criminal": {"prison_months": 18, "custodial": False}}]}
    with pytest.raises(netra.InvalidArgumentError, match=r"acts\[0\]\.criminal\.custodial: false contradicts"):
        netra.evaluate(req)


def test_a_negative_prison_term_is_refused_naming_the_field():
    req = {"employee": {"kind": "PNS"}, "acts": [{"norm": "asn.conviction", "act_date": "2024-03-01",
                                                  "criminal": {"prison_months": -1}}]}
    with pytest.raises(netra.InvalidArgumentError, match=r"acts\[0\]\.criminal\.prison_months: -1 is outside"):
        netra.evaluate(req)


# --- Bad input ------------------------------------------------------------

def test_impossible_date_names_the_field_and_value():
    with pytest.raises(netra.InvalidArgumentError, match=r'acts\[0\]\.act_date: "2025-02-30"') as e:
        netra.evaluate(absence_request(3, act_date="2025-02-30"))
    assert e.value.code == "INVALID_ARGUMENT"
    assert isinstance(e.value, ValueError)


def test_negative_count_names_the_field_and_value():
    with pytest.raises(netra.InvalidArgumentError,
                       match=r"acts\[0\]\.absence\.cumulative_working_days: -3 is not a count of working days"):
        netra.evaluate(absence_request(-3))


def test_unknown_norm_and_unknown_enum_name():
    bad = absence_request(3)
    bad["acts"][0]["norm"] = "pp94.duty.nonsense"
    with pytest.raises(netra.InvalidArgumentError, match='unknown norm "pp94.duty.nonsense"'):
        netra.evaluate(bad)
    bad = absence_request(3, kind="PNX")
    with pytest.raises(netra.InvalidArgumentError, match="invalid request JSON.*PNX"):
        netra.evaluate(bad)


def test_unknown_field_in_a_dict():
    bad = absence_request(3)
    bad["acts"][0]["absense"] = {}
    with pytest.raises(netra.InvalidArgumentError, match="absense"):
        netra.evaluate(bad)


def test_unknown_setting_and_bad_setting_value():
    with pytest.raises(netra.InvalidArgumentError, match="no_such_setting"):
        netra.Evaluator(settings={"no_such_setting": "x"})
    with pytest.raises(netra.InvalidArgumentError, match="skb_d08_level"):
        netra.Evaluator(settings={"skb_d08_level": "VERY_HEAVY"})


def test_wrong_python_types_are_type_errors_naming_the_argument():
    with pytest.raises(TypeError, match="request"):
        netra.evaluate(42)
    with pytest.raises(TypeError, match="request: expected netra.v1.EvaluationRequest, got netra.v1.Determination"):
        netra.evaluate(determination_pb2.Determination())
    with pytest.raises(TypeError, match="settings"):
        netra.Evaluator(settings=["a"])
    with pytest.raises(TypeError, match="book"):
        netra.Evaluator(book="law")
    with pytest.raises(TypeError, match=r"request\.acts\[0\]\.act_date"):
        req = absence_request(3)
        req["acts"][0]["act_date"] = object()
        netra.evaluate(req)
    with pytest.raises(TypeError, match="determination"):
        netra.determination_text("text")


def test_datetimes_with_a_time_or_zone_are_refused():
    req = absence_request(3, act_date=dt.datetime(2025, 6, 30, 13, 0))
    with pytest.raises(netra.InvalidArgumentError, match="time of day"):
        netra.evaluate(req)
    req = absence_request(3, act_date=dt.datetime(2025, 6, 30, tzinfo=dt.timezone.utc))
    with pytest.raises(TypeError, match="time-zone aware"):
        netra.evaluate(req)
    # Midnight without a zone is pandas' way of writing a date.
    assert netra.evaluate(absence_request(3, act_date=dt.datetime(2025, 6, 30))).level == netra.Level.RINGAN


def test_serialized_garbage_is_an_error_not_a_crash():
    with pytest.raises(netra.InvalidArgumentError, match="not a serialized netra.v1.EvaluationRequest"):
        netra.evaluate(b"\xff\xff\xff")


def test_determination_text():
    t = netra.determination_text(netra.evaluate(absence_request(15, 4)))
    assert "Outcome: SANCTION" in t and "S2T" in t
