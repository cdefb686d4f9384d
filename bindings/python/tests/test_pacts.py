"""Rosters, integrity pacts and compliance figures."""

import datetime as dt

import pytest

import netra

from conftest import EXAMPLES

ROSTER = EXAMPLES / "roster_synthetic_500.csv"
LEADER = "197711282004081001"


def test_the_example_roster_imports_cleanly():
    r = netra.Roster.from_csv(ROSTER)
    assert len(r) == 500 and r.report.accepted == 500 and r.report.rejected == 0
    f = r.to_frame()
    assert list(f.columns) == ["nip", "name", "kind", "grade", "position_type", "unit", "agency", "leader"]
    assert f.loc[0, "nip"] == LEADER and f.loc[0, "kind"] == "PNS" and f.loc[0, "position_type"] == "JPT_PRATAMA"


def test_refused_rows_are_listed_with_their_line():
    text = ("nip,name,type\n197711282004081001,A,PNS\n12345,B,PNS\n197711282004081001,C,PNS\n"
            "197903242025241001,D,GURU\n")
    r = netra.Roster.from_csv(text)
    assert len(r) == 1
    rej = r.rejections()
    assert list(rej["line"]) == [3, 4, 5]
    assert rej["reason"].str.len().min() > 5
    with pytest.raises(netra.InvalidArgumentError):
        netra.Roster.from_csv("name,type\nA,PNS\n")  # no nip column
    with pytest.raises(netra.NotFoundError):
        netra.Roster.from_csv("/no/such/roster.csv")


def test_from_frame_checks_like_the_csv():
    df = netra.synth_roster(300, seed=3)
    r = netra.Roster.from_frame(df)
    assert len(r) == 300
    df.loc[5, "nip"] = "999"
    assert netra.Roster.from_frame(df).rejections()["line"].tolist() == [7]
    with pytest.raises(netra.InvalidArgumentError, match="nip"):
        netra.Roster.from_frame(df.drop(columns=["nip"]))
    with pytest.raises(TypeError):
        netra.Roster.from_frame("roster.csv")


def test_pacts_issue_sign_and_progress():
    roster = netra.Roster.from_csv(ROSTER)
    reg = netra.PactRegistry(roster, "pilkada2024")
    assert reg.issue_all(dt.date(2024, 9, 2)) == 481
    reg.sign(LEADER, "2024-09-05", "CEREMONY", ceremony_id="apel-1")
    totals = reg.totals("2024-09-30")
    assert (totals["issued"], totals["signed_on_time"], totals["signed_late"], totals["not_signed"]) == (481, 1, 0, 480)
    p = reg.progress("2024-09-30", not_signed=5)
    assert p.total.issued == 481 and len(p.not_signed_nips) == 5
    assert reg.not_signed("2024-09-30", limit=3) == list(p.not_signed_nips)[:3]
    groups = reg.progress_frame("2024-09-30")
    assert groups["issued"].sum() == 481 and groups["signed_on_time"].sum() == 1
    by_agency = reg.progress_frame("2024-09-30", by="agency")
    assert len(by_agency) == 1 and by_agency.loc[0, "signed_rate"] == pytest.approx(1 / 481)
    by_class = reg.progress_frame("2024-09-30", by=["position_class"])
    assert by_class["issued"].sum() == 481
    with pytest.raises(netra.InvalidArgumentError, match="by"):
        reg.progress_frame("2024-09-30", by="nip")
    # A second signature is refused and changes nothing.
    with pytest.raises(netra.FailedPreconditionError, match="already signed"):
        reg.sign(LEADER, "2024-09-06")
    assert reg.totals("2024-09-30")["signed_on_time"] == 1
    other = roster.to_frame().loc[1, "nip"]
    with pytest.raises(netra.NetraError, match="not the employee"):
        reg.record({"type": "PACT_SIGNED", "nip": other, "signer_nip": LEADER, "date": "2024-09-06",
                    "method": "INDIVIDUAL"})
    with pytest.raises(netra.InvalidArgumentError, match="method"):
        reg.sign(other, "2024-09-06", "FAX")
    assert reg.due == dt.date(2024, 9, 24)
    assert len(reg.templates) == 2


def test_breaches_by_commitment():
    roster = netra.Roster.from_csv(ROSTER)
    reg = netra.PactRegistry(roster, "pilkada2024")
    reg.issue_all("2024-09-02")
    reg.sign(LEADER, "2024-09-05")
    staff = next(t for t in reg.templates if not t.leadership)
    nip = roster.to_frame().loc[1, "nip"]
    reg.sign(nip, "2024-09-05")
    reg.record({"type": "PACT_BREACHED", "nip": nip, "date": "2024-11-20", "linked_case_id": "C-1",
                "commitment_id": staff.commitments[0].id})
    b = reg.breaches("2024-12-01")
    assert b.loc[0, "commitment"] == staff.commitments[0].id and b.loc[0, "breached"] == 1
    assert b["breached"].sum() == 1
    assert reg.breaches("2024-11-01")["breached"].sum() == 0


def test_pacts_in_a_store(tmp_path):
    roster = netra.Roster.from_csv(ROSTER)
    store = netra.Store(tmp_path / "netra.db")
    reg = netra.PactRegistry(roster, "pilkada2024", store=store)
    assert reg.issue_all("2024-09-02") == 481
    assert reg.issue_all("2024-09-03") == 0  # everyone has an active pact: all skipped
    reg.sign(LEADER, "2024-09-05")
    with pytest.raises(netra.FailedPreconditionError, match="already signed"):
        reg.sign(LEADER, "2024-09-06")  # refused: nothing written
    again = netra.PactRegistry(roster, "pilkada2024", store=netra.Store(tmp_path / "netra.db"))  # replays
    assert again.totals("2024-09-30")["signed_on_time"] == 1 and again.totals("2024-09-30")["issued"] == 481
    # What another writer stores is read by sync().
    again.sign(again.not_signed("2024-09-30", 1)[0], "2024-09-06")
    assert reg.sync() == 483 and reg.totals("2024-09-30")["signed_on_time"] == 2
    assert store.elections() == ["pilkada2024"]
    with pytest.raises(TypeError, match="store"):
        netra.PactRegistry(roster, "pilkada2024", store=str(tmp_path / "netra.db"))


def test_registry_errors():
    roster = netra.Roster.from_csv(ROSTER)
    with pytest.raises(netra.NetraError, match="pemilu2099"):
        netra.PactRegistry(roster, "pemilu2099")
    with pytest.raises(TypeError, match="roster"):
        netra.PactRegistry("roster.csv", "pilkada2024")
    own = netra.PactRegistry(roster, "pilkada2024", due="2024-09-10")
    assert own.due == dt.date(2024, 9, 10)


def test_compliance_per_agency():
    text = ("nip,name,type,unit,agency\n197711282004081001,A,PNS,Dinas,Pemerintah Kabupaten Contoh\n")
    roster = netra.Roster.from_csv(text)
    case = netra.CaseMachine().replay(EXAMPLES / "case_neutrality_pilkada_2024.json")
    c = netra.compliance(roster, [case], "2025-01-31")
    assert {"agency", "asn", "reported", "cases_per_1000"} <= set(c.columns)
    with pytest.raises(TypeError, match=r"cases\[0\]"):
        netra.compliance(roster, ["case.json"], "2025-01-31")
