"""evaluate_frame: columns in, answers out, bad rows as errors."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import netra


def absence_frame(cum, cons=None, **extra):
    n = len(cum)
    data = {"kind": ["PNS"] * n, "position": ["PELAKSANA"] * n, "agency_level": ["REGENCY_CITY"] * n,
            "norm": ["pp94.duty.attendance"] * n, "act_date": pd.to_datetime(["2025-06-30"] * n),
            "cumulative_days": cum}
    if cons is not None:
        data["consecutive_days"] = cons
    data.update(extra)
    return pd.DataFrame(data)


def test_the_absence_table_row_by_row():
    # PP 94/2021 Pasal 9(2)(b), 10(2)(f), 11(2)(d): 3 R1, 4-6 R2, 7-10 R3,
    # 11-13 S1T, 14-16 S2T, 17-20 S3T, 21-24 B1, 25-27 B2, 28+ B3.
    cum = [0, 1, 3, 5, 8, 12, 15, 18, 22, 26, 30]
    out = netra.evaluate_frame(absence_frame(cum, [0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3]))
    assert list(out["types"]) == [(), (), ("R1",), ("R2",), ("R3",), ("S1T",), ("S2T",), ("S3T",), ("B1",),
                                  ("B2",), ("B3",)]
    assert list(out["outcome"].astype(str)) == ["NO_VIOLATION", "NO_SANCTION"] + ["SANCTION"] * 9
    assert list(out["level"].astype(object).fillna("-")) == ["-", "-", "RINGAN", "RINGAN", "RINGAN", "SEDANG",
                                                             "SEDANG", "SEDANG", "BERAT", "BERAT", "BERAT"]
    assert out.loc[2, "rule_ids"] == ("pp94.absence.cumulative_3_days",)
    assert "PP 94/2021 Pasal 9 ayat (2) huruf b angka 1" in out.loc[2, "citations"]
    assert out["error"].isna().all()
    assert isinstance(out["level"].dtype, pd.CategoricalDtype) and out["level"].cat.ordered
    assert out["level"].max() == "BERAT"


def test_columns_and_dtypes():
    out = netra.evaluate_frame(absence_frame([3]))
    assert list(out.columns) == ["outcome", "level", "regime", "types", "rule_ids", "citations", "missing_facts",
                                 "officials", "team", "handled_by", "stage", "candidate_status", "salary_stop",
                                 "salary_stop_from", "warnings", "error"]
    for c in ("outcome", "level", "regime", "team", "handled_by", "stage", "candidate_status"):
        assert isinstance(out[c].dtype, pd.CategoricalDtype), c
    # A cell that lists several values is a tuple of them, () when none.
    for c in ("types", "rule_ids", "citations", "missing_facts", "officials", "warnings"):
        assert out[c].dtype == object and isinstance(out.loc[0, c], tuple), c
    assert out.loc[0, "officials"] == ("OFFICIAL_PENGAWAS",)  # a pelaksana's ringan: the Pengawas (Pasal 18(4))
    assert out.loc[0, "missing_facts"] == () and out.loc[0, "warnings"] == ()


def test_list_cells_explode_and_join_and_a_bad_row_has_none():
    f = absence_frame([28, 3, 3])
    f.loc[2, "cumulative_days"] = -3
    out = netra.evaluate_frame(f)
    # 28 days: B3 only (Pasal 11(2)(d)); explode gives one row per type.
    assert out.loc[0, "types"] == ("B3",) and len(out.loc[0, "citations"]) >= 1
    assert list(out.explode("types")["types"].iloc[:2]) == ["B3", "R1"]
    assert out["types"].iloc[:2].str.join(", ").tolist() == ["B3", "R1"]
    # A row that could not be read has no answer: None, not ().
    assert out.loc[2, "error"] and out.loc[2, "types"] is None and out.loc[2, "warnings"] is None
    # Rows with one answer share its tuple: immutable, so no row can change another.
    assert out.loc[1, "types"] == ("R1",) and isinstance(out.loc[1, "types"], tuple)


def test_index_is_kept():
    f = absence_frame([3, 12], [1, 1])
    f.index = ["a", "b"]
    out = netra.evaluate_frame(f)
    assert list(out.index) == ["a", "b"] and out.loc["b", "types"] == ("S1T",)


def test_missing_value_means_not_given_and_gives_missing_facts():
    out = netra.evaluate_frame(absence_frame([15.0, np.nan], [np.nan, 1]))
    assert out.loc[0, "outcome"] == "MISSING_FACTS" and out.loc[0, "missing_facts"] == ("consecutive_days",)
    assert out.loc[1, "outcome"] == "MISSING_FACTS" and "cumulative_days" in out.loc[1, "missing_facts"]
    assert out["error"].isna().all()


def test_conviction_columns_give_the_dismissal_and_name_the_missing_fact():
    # UU 20/2023 Pasal 52(3)(h)-(i), 52(4); PP 11/2017 Pasal 248(2) (law/pp11_2017_criminal.textproto).
    n = 4
    f = pd.DataFrame({"kind": ["PNS"] * n, "position": ["PELAKSANA"] * n, "agency_level": ["REGENCY_CITY"] * n,
                      "norm": ["asn.conviction"] * n, "act_date": pd.to_datetime(["2024-03-01"] * n),
                      "prison_months": [48, 36, 12, np.nan],
                      "planned": [True, True, False, True],
                      "office_related": [True, False, False, False]})
    out = netra.evaluate_frame(f)
    assert list(out["types"]) == [("PTDH",), ("PDH",), (), ()]
    assert list(out["outcome"].astype(str)) == ["SANCTION", "SANCTION", "NO_SANCTION", "MISSING_FACTS"]
    assert out.loc[3, "missing_facts"] == ("prison_months",)
    assert "UU 20/2023 Pasal 52 ayat (3) huruf i" in out.loc[0, "citations"]
    assert out["error"].isna().all()


def test_nullable_integer_and_object_columns():
    cum = pd.array([3, None, 12], dtype="Int64")
    out = netra.evaluate_frame(absence_frame(cum, [1, 1, 1]))
    assert list(out["outcome"].astype(str)) == ["SANCTION", "MISSING_FACTS", "SANCTION"]
    out = netra.evaluate_frame(absence_frame(pd.Series([3, "x", 4.5, "12"], dtype=object), [1, 1, 1, 1]))
    assert out.loc[0, "types"] == ("R1",) and out.loc[3, "types"] == ("S1T",)
    assert out.loc[1, "error"] == "cumulative_days: 'x' is not a number"
    assert out.loc[2, "error"].startswith("cumulative_days: 4.5 is not a whole number")


def test_bad_rows_do_not_stop_the_batch_and_name_column_field_and_value():
    f = absence_frame([3, -3, 3, 3, 3], [1, 0, 1, 1, 1])
    f.loc[2, "kind"] = "PNX"
    f.loc[3, "norm"] = "pp94.duty.nonsense"
    f["act_date"] = f["act_date"].astype(object)
    f.loc[4, "act_date"] = "2025-02-30"
    out = netra.evaluate_frame(f)
    assert out.loc[0, "types"] == ("R1",) and pd.isna(out.loc[0, "error"])
    assert out.loc[1, "error"] == ("cumulative_days: acts[0].absence.cumulative_working_days: -3 is not a count of "
                                   "working days in a year (0-366)")
    assert out.loc[2, "error"].startswith("kind: unknown EmployeeKind 'PNX' (one of PNS, CPNS")
    assert out.loc[3, "error"].startswith('norm: acts[0].norm: unknown norm "pp94.duty.nonsense"')
    assert out.loc[4, "error"] == 'act_date: "2025-02-30" is not a date (no such day)' or \
        out.loc[4, "error"].startswith('act_date: "2025-02-30"')
    assert out.loc[1:, "outcome"].isna().all()


def test_errors_raise_names_the_row():
    f = absence_frame([3, 3, -3], [1, 1, 0])
    f.index = [10, 11, 12]
    with pytest.raises(netra.InvalidArgumentError, match=r"row 12: cumulative_days: .*-3"):
        netra.evaluate_frame(f, errors="raise")
    with pytest.raises(netra.InvalidArgumentError, match="errors"):
        netra.evaluate_frame(f, errors="ignore")


def test_missing_required_columns():
    f = absence_frame([3]).drop(columns=["norm", "kind"])
    with pytest.raises(netra.InvalidArgumentError, match="missing columns kind, norm"):
        netra.evaluate_frame(f)


def test_empty_frame_gives_an_empty_answer():
    out = netra.evaluate_frame(absence_frame([]).iloc[:0])
    assert len(out) == 0 and "outcome" in out.columns


def test_not_a_frame_and_bad_arguments():
    with pytest.raises(TypeError, match="DataFrame"):
        netra.evaluate_frame([{"kind": "PNS"}])
    with pytest.raises(TypeError, match="threads"):
        netra.evaluate_frame(absence_frame([3]), threads="2")
    with pytest.raises(netra.InvalidArgumentError, match="threads"):
        netra.evaluate_frame(absence_frame([3]), threads=0)
    with pytest.raises(TypeError, match="decision_date"):
        netra.evaluate_frame(absence_frame([3]), decision_date=20250101)


def test_date_forms():
    base = absence_frame([3, 3, 3, 3])
    base["act_date"] = pd.Series([dt.date(2025, 6, 30), "2025-06-30", np.datetime64("2025-06-30"),
                                  pd.Timestamp("2025-06-30")], dtype=object)
    out = netra.evaluate_frame(base)
    assert out["error"].isna().all() and (out["types"] == ("R1",)).all()
    timed = absence_frame([3, 3])
    timed["act_date"] = pd.to_datetime(["2025-06-30 00:00", "2025-06-30 13:30"])
    out = netra.evaluate_frame(timed)
    assert pd.isna(out.loc[0, "error"]) and "time of day" in out.loc[1, "error"]
    aware = absence_frame([3])
    aware["act_date"] = aware["act_date"].dt.tz_localize("Asia/Jakarta")
    with pytest.raises(TypeError, match="time-zone-aware"):
        netra.evaluate_frame(aware)
    far = absence_frame([3])
    far["act_date"] = [dt.date(2300, 1, 1)]
    assert "outside the years netra reads" in netra.evaluate_frame(far).loc[0, "error"]


def test_many_dates_keep_their_own_text():
    # Dates 512 days apart share a slot of the extension's day-text cache;
    # interleaved, each row must still carry its own date (and a date column
    # its own, not the act date's).
    days = np.datetime64("2022-01-03") + np.array([0, 512, 1, 513, 0, 1024, 512, 7]).astype("timedelta64[D]")
    f = absence_frame([3] * len(days))
    f["act_date"] = days
    f["decision_date"] = days + np.timedelta64(512, "D")
    reqs = netra.default_evaluator().frame_requests(f)
    assert [r.acts[0].act_date for r in reqs] == [str(d) for d in days]
    assert [r.decision_date for r in reqs] == [str(d + np.timedelta64(512, "D")) for d in days]
    out = netra.evaluate_frame(f)
    assert out["error"].isna().all() and (out["level"] == "RINGAN").all()


def test_decision_date_keyword_and_column():
    # Decided before the act: refused, naming the dates.
    out = netra.evaluate_frame(absence_frame([3]), decision_date=dt.date(2025, 1, 2))
    assert out.loc[0, "error"].startswith("decision_date: decision_date: 2025-01-02 is before the latest act_date")
    f = absence_frame([3], decision_date=pd.to_datetime(["2025-07-10"]))
    assert pd.isna(netra.evaluate_frame(f, decision_date="2025-01-02").loc[0, "error"])  # the column wins


def test_categoricals_intenums_and_codes_are_accepted():
    f = absence_frame([3, 3, 3])
    f["kind"] = pd.Categorical(["PNS", "CPNS", "PNS"])
    f["position"] = [netra.PositionType.PELAKSANA, 8, netra.PositionType.PELAKSANA]
    out = netra.evaluate_frame(f)
    assert out["error"].isna().all() and (out["types"] == ("R1",)).all()
    f["position"] = [netra.Level.RINGAN, True, 99]
    out = netra.evaluate_frame(f)
    assert out["error"].str.startswith("position: unknown PositionType").all()


def test_booleans():
    f = pd.DataFrame({"kind": ["PNS"] * 4, "position": ["PELAKSANA"] * 4, "agency_level": ["CENTRAL"] * 4,
                      "norm": ["pp94.duty.oath_pns"] * 4, "act_date": ["2025-03-03"] * 4,
                      "valid_reason": pd.array([True, False, None, None], dtype="boolean")})
    out = netra.evaluate_frame(f)
    assert list(out["outcome"].astype(str)) == ["NO_VIOLATION", "SANCTION", "MISSING_FACTS", "MISSING_FACTS"]
    f["valid_reason"] = pd.Series([1, 0, "yes", None], dtype=object)
    out = netra.evaluate_frame(f)
    assert out.loc[2, "error"] == "valid_reason: 'yes' is not a boolean (True, False, 1, 0 or missing)"


def test_neutrality_rows():
    f = pd.DataFrame({"kind": ["PNS", "PNS", "NON_ASN"], "position": ["PELAKSANA"] * 3,
                      "agency_level": ["REGENCY_CITY"] * 3, "norm": ["neutrality.social_media_interaction"] * 3,
                      "act_date": pd.to_datetime(["2024-08-01", "2024-11-12", "2024-11-12"]),
                      "election": ["pilkada2024"] * 3, "office": ["REGENT"] * 3})
    out = netra.evaluate_frame(f)
    assert list(out["regime"].astype(object).fillna("-")) == ["ETHICS", "DISCIPLINE", "-"]
    assert list(out["candidate_status"].astype(str)) == ["BAKAL_CALON", "CALON", "CALON"]
    assert out.loc[1, "stage"] == "CAMPAIGN" and out.loc[1, "handled_by"] == "BKN"
    assert out.loc[0, "types"] == ("MORAL_TERTUTUP", "MORAL_TERBUKA")
    assert out.loc[2, "outcome"] == "OUTSIDE_SCOPE"
    f.loc[0, "election"] = "pemilu2099"
    assert 'unknown election "pemilu2099"' in netra.evaluate_frame(f).loc[0, "error"]


def test_salary_stop_columns_are_dates():
    f = absence_frame([10], [10], tenth_consecutive_day=[dt.date(2025, 6, 30)])
    out = netra.evaluate_frame(f)
    assert out.loc[0, "salary_stop"] and out.loc[0, "salary_stop_from"] == pd.Timestamp("2025-07-01")
    assert str(out["salary_stop_from"].dtype) == "datetime64[ns]"


def test_a_column_spelt_nearly_like_one_netra_reads_is_refused_naming_it():
    f = absence_frame([15], [3]).rename(columns={"consecutive_days": "consecutve_days"})
    with pytest.raises(netra.InvalidArgumentError,
                       match="column 'consecutve_days' is not one netra reads \\(did you mean 'consecutive_days'\\?\\)"):
        netra.evaluate_frame(f)
    # Columns of the host's own (an id, a note) are left alone.
    out = netra.evaluate_frame(absence_frame([15], [3]).assign(report_id=["R-1"], catatan=["-"]))
    assert out.loc[0, "level"] == "SEDANG"


def test_threads_give_the_same_answer():
    rng = np.random.default_rng(3)
    cum = rng.integers(0, 40, 20000)
    f = absence_frame(cum, np.minimum(cum, rng.integers(0, 12, 20000)))
    one = netra.evaluate_frame(f, threads=1)
    four = netra.evaluate_frame(f, threads=4)
    pd.testing.assert_frame_equal(one.astype(str), four.astype(str))


def test_frame_columns_documents_every_column():
    cols = netra.frame_columns()
    assert {"kind", "norm", "act_date", "cumulative_days", "consecutive_days", "valid_reason", "impact",
            "agency_level", "decision_date", "election", "office", "on_cltn"} <= set(cols["name"])
    assert cols["doc"].str.len().min() > 10


def cases_frame(**extra):
    base = {"case_id": ["A", "A", "B"], "kind": "PNS", "position": "PELAKSANA", "agency_level": "REGENCY_CITY",
            "norm": ["pp94.duty.attendance", "pp94.ban.accept_gift", "pp94.duty.attendance"],
            "act_date": pd.Timestamp("2025-06-30"), "cumulative_days": [5, None, 15],
            "consecutive_days": [2, None, 3]}
    base.update(extra)
    return pd.DataFrame(base, index=[10, 11, 12])


def test_a_case_of_several_rows_is_one_request_with_all_its_acts():
    out = netra.evaluate_cases(cases_frame())
    assert list(out.index) == ["A", "B"] and out.loc["A", "rows"] == [10, 11]
    # The same as evaluating the merged request (Pasal 35: one sanction for the case).
    merged = netra.evaluate({"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"},
                                          "agency": {"level": "REGENCY_CITY"}},
                             "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",
                                       "absence": {"cumulative_working_days": 5, "consecutive_working_days": 2}},
                                      {"norm": "pp94.ban.accept_gift", "act_date": "2025-06-30"}]})
    assert (out.loc["A", "outcome"], out.loc["A", "level"], out.loc["A", "types"]) == (
        netra.Outcome(merged.outcome).name, netra.Level(merged.level).name,
        tuple(s.code for s in merged.allowed_sanctions)) == ("SANCTION", "BERAT", ("B1", "B2", "B3"))
    single = netra.evaluate_frame(cases_frame().loc[[12]])
    assert out.loc["B", "level"] == single.loc[12, "level"] == "SEDANG"
    assert str(out["level"].dtype) == "category" and out["level"].cat.ordered


def test_a_case_names_each_missing_fact_by_its_column_and_row():
    out = netra.evaluate_cases(cases_frame(case_id=["A", "B", "B"], consecutive_days=[2, None, None]))
    assert out.loc["B", "outcome"] == "MISSING_FACTS"
    # The second act of case B (row 12) lacks its consecutive run.
    assert out.loc["B", "missing_facts"] == ("consecutive_days (row 12)",)


def test_prior_sanctions_of_every_row_count_once():
    f = cases_frame(prior_sanction=["R2", "R2", None], prior_norm=["pp94.duty.attendance"] * 2 + [None],
                    prior_decision_date=[pd.Timestamp("2024-03-01")] * 2 + [pd.NaT])
    requests = netra.default_evaluator().frame_requests(f, [0, 1])
    assert all(len(r.employee.prior_sanctions) == 1 for r in requests)
    out = netra.evaluate_cases(f)
    assert out.loc["A", "error"] is None


def test_a_case_that_cannot_be_answered_says_why():
    out = netra.evaluate_cases(cases_frame(kind=["PNS", "PPPK", "PNS"]))
    assert out.loc["A", "error"] == "row 11 names another employee than row 10"
    assert pd.isna(out.loc["A", "outcome"]) and out.loc["B", "error"] is None
    bad = netra.evaluate_cases(cases_frame(norm=["pp94.duty.attendance", "pp94.nope", "pp94.duty.attendance"]))
    assert 'unknown norm "pp94.nope"' in bad.loc["A", "error"]
    with pytest.raises(netra.InvalidArgumentError, match="case 'A': row 11 names another employee"):
        netra.evaluate_cases(cases_frame(kind=["PNS", "PPPK", "PNS"]), errors="raise")
    with pytest.raises(netra.InvalidArgumentError, match="case_column: 'kasus' is not a column"):
        netra.evaluate_cases(cases_frame(), "kasus")
