"""Cases, deadlines, the working-day calendar and case log files."""

import datetime as dt
import json

import pandas as pd
import pytest

import netra

from conftest import EXAMPLES

DISC = EXAMPLES / "case_disciplinary_absence_2024.json"
NEUT = EXAMPLES / "case_neutrality_pilkada_2024.json"


def test_replay_from_a_path_and_from_a_dict_agree():
    m = netra.CaseMachine()
    a = m.replay(DISC)
    b = m.replay(json.loads(DISC.read_text(encoding="utf-8")))
    assert a.case_id == b.case_id == "BKPSDM-2024-DISC-031" and a.events == b.events == 8
    assert a.state(dt.date(2024, 8, 12)) == b.state(dt.date(2024, 8, 12))


def test_state_deadlines_and_effect_of_the_disciplinary_example():
    case = netra.CaseMachine().replay(DISC)
    s = case.state(dt.date(2024, 8, 12))
    assert netra.CaseStatus(s.status) == netra.CaseStatus.RECEIVED_BY_EMPLOYEE
    d = case.deadlines("2024-08-12").set_index("name")
    # keberatan: 14 working days after receipt on 2024-08-05 (PP 79/2021 Pasal 4(2))
    assert d.loc["objection_filing", "due"] == pd.Timestamp("2024-08-23")
    # Every date column is datetime64 (midnight, no time zone; NaT when none).
    for frame, columns in ((d, ("counted_from", "due", "met_on")), (case.next_steps("2024-08-12"), ("due",))):
        for c in columns:
            assert str(frame[c].dtype) == "datetime64[ns]", (c, frame[c].dtype)
    assert d.loc["objection_filing", "status"] == "OPEN"
    assert "PP 79/2021 Pasal 4 ayat (2)" in d.loc["objection_filing", "articles"]
    final = case.state(dt.date(2024, 8, 26))
    assert final.status == netra.CaseStatus.FINAL and final.sanction.effective_from == "2024-08-26"
    assert final.sanction.siasn.sk_nomor == "800.1.6.4/123/BKPSDM/2024"
    assert "FINAL as of 2024-08-26" in netra.case_state_text(final)
    steps = case.next_steps("2024-08-12")
    assert "OBJECTION_FILED" in set(steps["event"])
    assert all(isinstance(r, tuple) for r in steps["roles"]) and any(steps["roles"])


def test_overdue_neutrality_follow_up():
    out = netra.overdue([DISC, NEUT], "2025-01-06")
    assert out.to_dict("records") == [{"case_id": "BAWASLU-KAB-2024-117", "period": "neutrality_follow_up",
                                       "due": pd.Timestamp("2024-12-24"),
                                       "rule_id": "skb2022.deadline.neutrality_follow_up"}]
    assert len(netra.overdue([DISC, NEUT], "2024-12-24")) == 0
    seven = netra.CaseMachine(settings={"neutrality_follow_up_days": 7})
    assert netra.overdue([NEUT], "2024-12-18", machine=seven).loc[0, "due"] == pd.Timestamp("2024-12-17")
    assert str(netra.overdue([DISC], "2024-12-24")["due"].dtype) == "datetime64[ns]"  # also when empty


def test_a_refused_event_changes_nothing():
    case = netra.CaseMachine().replay(DISC)
    before = case.state()
    with pytest.raises(netra.FailedPreconditionError) as e:
        case.apply({"type": "DECISION", "date": "2024-08-06", "sanction_type": "B3",
                    "actor": {"role": "ROLE_SANCTIONING_OFFICIAL", "official": "PPK"}})
    assert e.value.code == "FAILED_PRECONDITION" and e.value.message
    assert case.state() == before and case.events == 8
    with pytest.raises(netra.InvalidArgumentError):
        case.apply({"type": "RECEIVED", "date": "2024-02-30"})


def test_start_and_apply_build_a_case():
    m = netra.CaseMachine()
    log = json.loads(DISC.read_text(encoding="utf-8"))
    case = m.start(log)
    assert case.events == 0 and case.last_date is None
    for e in log["events"]:
        case.apply(e)
    assert case.status == netra.CaseStatus.RECEIVED_BY_EMPLOYEE and case.last_date == dt.date(2024, 8, 5)
    assert [e.seq for e in case.log.events] == list(range(1, 9))


def test_cases_in_a_store(tmp_path):
    path = tmp_path / "netra.db"
    store = netra.Store(path)
    assert store.kind == "sqlite"
    log = json.loads(NEUT.read_text(encoding="utf-8"))
    events = log.pop("events")
    store.create_case(log)
    for i, e in enumerate(events):
        assert store.append(log["case_id"], e) == i + 1
    with pytest.raises(netra.AlreadyExistsError):
        store.create_case(log)
    with pytest.raises(netra.NetraError):
        store.append(log["case_id"], events[0])  # out of order: refused, nothing written
    again = netra.Store(path)
    assert len(again.read_case(log["case_id"]).events) == len(events)
    assert again.read_case(log["case_id"]).case_id == log["case_id"]
    assert again.case(log["case_id"]).status == netra.replay_case(NEUT).status
    page = again.list_cases()
    assert page["case_id"].tolist() == [log["case_id"]] and page.loc[0, "events"] == len(events)
    with pytest.raises(netra.NotFoundError):
        again.read_case("none")
    with pytest.raises(netra.NotFoundError):
        netra.read_case_log(tmp_path / "none.json")
    old = tmp_path / "old.log"
    old.write_bytes(b"NETRALG2NREC")
    with pytest.raises(netra.InvalidArgumentError, match="netra store import"):
        netra.read_case_log(old)


def test_calendar():
    cal = netra.Calendar()
    assert not cal.is_working_day(dt.date(2024, 12, 25))  # Natal, a national holiday
    assert not cal.is_working_day("2024-08-17") and cal.is_working_day("2024-08-19")
    assert cal.add_working_days(dt.date(2024, 8, 5), 14) == dt.date(2024, 8, 23)
    assert cal.working_days_between("2024-08-05", "2024-08-23") == 14
    assert cal.day_off("2024-12-25").kind == netra.DayOffKind.LIBUR_NASIONAL
    assert cal.day_off("2024-12-26").kind == netra.DayOffKind.CUTI_BERSAMA
    assert cal.day_off("2024-12-24") is None
    assert 2024 in cal.years and cal.version.startswith("fnv1a64:")
    with pytest.raises(netra.FailedPreconditionError, match="2031"):
        cal.is_working_day(dt.date(2031, 1, 2))
    saturday = netra.Calendar(working_weekdays=0b0111111)
    assert saturday.is_working_day("2024-08-24") and not cal.is_working_day("2024-08-24")
    own = netra.Calendar(extra_days_off=[dt.date(2024, 8, 19)])
    assert not own.is_working_day("2024-08-19")
    with pytest.raises(netra.InvalidArgumentError, match="working_weekdays"):
        netra.Calendar(working_weekdays=0)
    with pytest.raises(TypeError, match="working_weekdays"):
        netra.Calendar(working_weekdays="weekdays")
    with pytest.raises(TypeError, match="n"):
        cal.add_working_days("2024-08-05", 1.5)
    assert netra.CaseMachine().calendar.is_working_day("2024-08-19")


def test_wrong_types():
    with pytest.raises(TypeError, match="log"):
        netra.CaseMachine().replay(42)
    with pytest.raises(TypeError, match="tukin"):
        netra.CaseMachine().replay(DISC).state(tukin="lots")
    with pytest.raises(netra.InvalidArgumentError, match="tukin"):
        netra.CaseMachine().replay(DISC).state(tukin=-1)
