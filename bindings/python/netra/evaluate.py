"""Evaluating reports: one request, or a DataFrame of a million rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, Literal

import pandas as pd

from netra import _frame, _netra
from netra._convert import DateLike, check_int, message_bytes, opt_day, settings_dict, once
from netra.enums import CandidateStatus, HandlingBody, Level, Official, Outcome, Regime, Stage, Team
from netra.errors import InvalidArgumentError
from netra.law import RuleBook, _book_of
from netra.v1 import api_pb2, conduct_pb2, determination_pb2

__all__ = ["Evaluator", "evaluate", "evaluate_frame", "evaluate_cases", "frame_columns", "determination_text",
           "default_evaluator"]

Request = conduct_pb2.EvaluationRequest | Mapping[str, Any]
Errors = Literal["coerce", "raise"]

# Answer columns of evaluate_frame, in order.
ANSWER_COLUMNS = ("outcome", "level", "regime", "types", "rule_ids", "citations", "missing_facts", "officials", "team",
                  "handled_by", "stage", "candidate_status", "salary_stop", "salary_stop_from", "warnings", "error")


def _threads(threads: int | None) -> int:
    if threads is None:
        return 0
    n = check_int(threads, "threads")
    if n < 1:
        raise InvalidArgumentError(f"threads: {n} is not a positive count")
    return n


def _errors(errors: str) -> str:
    if errors not in ("coerce", "raise"):
        raise InvalidArgumentError(f"errors: {errors!r} is neither 'coerce' nor 'raise'")
    return errors


def _raise_first(frame: pd.DataFrame, errors: list[tuple[int, str]]) -> None:
    if errors:
        row, message = min(errors)
        e = InvalidArgumentError(f"row {frame.index[row]!r}: {message}")
        e.row = row  # type: ignore[attr-defined]
        raise e


class Evaluator:
    """Applies a rule book to reports (netra/evaluator.h).

    ``Evaluator(book=None, settings=None)``: ``book`` defaults to the
    embedded law; ``settings`` overrides the defaults of the settings for
    uncertain law by name (``{"skb_d08_level": "SEDANG"}``; values may be
    str, bool, int or date). InvalidArgumentError for an unknown setting or
    a bad value.

    Thread safety: immutable. ``evaluate_frame`` releases the GIL and runs
    on several threads; other Python threads may use the same Evaluator at
    the same time. It keeps its RuleBook alive.
    """

    def __init__(self, book: RuleBook | None = None, settings: Mapping[str, Any] | None = None) -> None:
        self._book = _book_of(book)
        self._settings = settings_dict(settings)
        self._ev = _netra.Evaluator(self._book._book, self._settings)
        self._eng: Any = None

    def _engine(self) -> Any:
        # The request layer (netra/api.h) for single calls, made on first
        # use; the frame paths use the evaluator directly.
        if self._eng is None:
            self._eng = _netra.Engine(self._book._book, self._settings)
        return self._eng

    @property
    def book(self) -> RuleBook:
        """The rule book this evaluator applies."""
        return self._book

    @property
    def settings(self) -> dict[str, str]:
        """The effective value of every setting, by name."""
        return {name: value for name, value, _ in self._ev.settings()}

    def evaluate(self, request: Request) -> determination_pb2.Determination:
        """The determination for one request.

        ``request`` is a ``netra.v1.EvaluationRequest`` or a dict in the
        protobuf JSON mapping (field names as in conduct.proto; dates as
        ISO strings or ``datetime.date``; enums by name, int or IntEnum)::

            {"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"},
                          "agency": {"level": "REGENCY_CITY"}},
             "acts": [{"norm": "pp94.duty.attendance", "act_date": date(2025, 6, 30),
                       "absence": {"cumulative_working_days": 15, "consecutive_working_days": 4}}]}

        Returns a ``netra.v1.Determination``; a legal answer
        (NO_STATUTORY_MAPPING, MISSING_FACTS, ...) is never an error.
        Raises InvalidArgumentError naming the field and value
        ("acts[0].act_date: ... is not a date"), or, for a dict that is not
        valid protobuf JSON, the JSON reader's message (as the CLI).
        """
        data = message_bytes(request, conduct_pb2.EvaluationRequest, "request", self._ev.request_from_json)
        return determination_pb2.Determination.FromString(self._engine().call("Evaluate", data))

    def evaluate_frame(self, frame: pd.DataFrame, *, decision_date: DateLike | None = None,
                       errors: Errors = "coerce", threads: int | None = None) -> pd.DataFrame:
        """Evaluates every row of ``frame`` (one report = one act per row) in
        one call, without a Python step per row.

        Columns read (``frame_columns()`` documents each; others are
        ignored): required ``kind``, ``norm``, ``act_date``; employee
        ``position``, ``jf_level``, ``agency_level``, ``is_ppk``,
        ``party_member``, ``nip``; absence ``cumulative_days``,
        ``consecutive_days``, ``late_minutes``, ``tenth_consecutive_day``;
        ``impact``, ``valid_reason``, ``wealth_report_obliged``,
        ``reference_sanction``; neutrality ``election``, ``office``,
        ``route``, ``region``, ``on_cltn``, ``active_support``,
        ``resigned_in_writing``, ``cltn_conduct_breach``,
        ``campaign_attributes``, ``mobilised_staff``, ``state_facilities``;
        one earlier
        sanction ``prior_sanction``, ``prior_norm``,
        ``prior_decision_date``; ``examination_date``, ``decision_date``.

        Values: enums by name ("PNS"), number or IntEnum (Categoricals are
        fastest); dates as datetime64 (midnight, no time zone), datetime.date
        or "YYYY-MM-DD"; booleans as bool, boolean, 0/1; counts as numbers.
        A missing value (None, NaN, NaT, pd.NA) means "not given": where the
        law needs it the answer is MISSING_FACTS, never a guess.
        ``decision_date`` (keyword) applies to rows without a
        ``decision_date`` column value.

        Returns a DataFrame with ``frame``'s index and the columns outcome,
        level, regime (Categoricals of the enum names; Level and Regime
        ordered), types (allowed sanction codes, ``("B1", "B2", "B3")``),
        rule_ids and citations (the deciding rules and their articles),
        missing_facts (the input columns the law needs), officials (who may
        impose it), team (examination team), handled_by, stage and
        candidate_status (neutrality acts), salary_stop, salary_stop_from
        (datetime64, NaT when none), warnings, error. A column that lists
        several values holds a tuple per row (``()`` when there are none,
        None for a row without an answer): ``out.explode("types")`` gives a
        row per type, ``out["types"].str.join(", ")`` the text.

        Bad rows do not stop the batch: with ``errors="coerce"`` a bad row
        gets the reason in ``error`` ("cumulative_days:
        acts[0].absence.cumulative_working_days: -3 is not a count of working
        days in a year (0-366)") and missing answers; with
        ``errors="raise"`` the first bad row raises InvalidArgumentError
        ("row 17: ..."). A missing required column raises
        InvalidArgumentError; a column of the wrong kind (time-zone-aware
        timestamps, booleans as counts) raises TypeError.

        ``threads``: worker threads (default: up to 8, one per core). The
        GIL is released while rows are evaluated.
        """
        _errors(errors)
        spec, row_errors = _frame.columns_spec(frame, _frame.EVALUATE_COLUMNS, _frame.REQUIRED_EVALUATE,
                                               "evaluate_frame")
        cols, errs = self._ev.evaluate_columns(len(frame), spec, row_errors, opt_day(decision_date, "decision_date"),
                                               _threads(threads))
        if errors == "raise":
            _raise_first(frame, errs)
        data = _frame.decode(cols)
        data["error"] = _frame.error_column(len(frame), errs)
        # A dict already in column order, without ``columns=``: given columns,
        # pandas 1.5 first packs the arrays into an object Series, which
        # materialises every Categorical (a quarter of a second per million
        # rows). copy=False: the arrays are new and the frame's own; copying
        # would stack the object columns into one block twice (0.15 s per
        # million rows).
        return pd.DataFrame({c: data[c] for c in ANSWER_COLUMNS}, index=frame.index, copy=False)

    def frame_requests(self, frame: pd.DataFrame, rows: Iterable[int] | None = None, *,
                       decision_date: DateLike | None = None) -> list[conduct_pb2.EvaluationRequest]:
        """The EvaluationRequest that ``evaluate_frame`` builds for each of
        ``rows`` (positions, default all): to see the full Determination of
        a row, ``evaluator.evaluate(evaluator.frame_requests(df, [i])[0])``.
        InvalidArgumentError for a row whose values cannot be read."""
        spec, row_errors = _frame.columns_spec(frame, _frame.EVALUATE_COLUMNS, _frame.REQUIRED_EVALUATE,
                                               "frame_requests")
        which = list(range(len(frame))) if rows is None else [check_int(r, "rows[]") for r in rows]
        out = _netra.Evaluator.frame_requests(len(frame), spec, row_errors, opt_day(decision_date, "decision_date"),
                                              which, False, False)
        return [conduct_pb2.EvaluationRequest.FromString(b) for b in out]

    def evaluate_cases(self, frame: pd.DataFrame, case_column: str = "case_id", *,
                       decision_date: DateLike | None = None, errors: Errors = "coerce") -> pd.DataFrame:
        """One answer per case, where a case may hold several acts: the rows
        that share a value of ``case_column`` form one request (Pasal 35:
        one sanction for all its acts), its acts in row order, its employee
        the first row's, and the prior sanctions of every row
        (``prior_sanction``, ``prior_norm``, ``prior_decision_date``), each
        once. The columns read are ``evaluate_frame``'s.

        Returns a DataFrame indexed by the case ids (in order of first row)
        with ``evaluate_frame``'s answer columns and ``rows`` (the frame's
        index labels of the case's rows). A fact the law needs is named by
        its column and row (``"consecutive_days (row 7)"``). A case with a
        row that cannot be read, or whose rows name different employees, has
        no answer and its ``error`` says why (``errors="raise"``: raised)."""
        _errors(errors)
        if not isinstance(case_column, str) or case_column not in frame.columns:
            raise InvalidArgumentError(f"case_column: {case_column!r} is not a column of the frame")
        spec, row_errors = _frame.columns_spec(frame, _frame.EVALUATE_COLUMNS, _frame.REQUIRED_EVALUATE,
                                               "evaluate_cases", extra={case_column: None})
        rows = _netra.Evaluator.frame_requests(len(frame), spec, row_errors, opt_day(decision_date, "decision_date"),
                                               list(range(len(frame))), False, True)
        groups: dict[Any, list[int]] = {}
        for i, key in enumerate(frame[case_column].tolist()):
            groups.setdefault(key, []).append(i)
        batch = api_pb2.EvaluateBatchRequest(form=api_pb2.SUMMARY)
        answered: list[Any] = []  # per case: the position of its request in the batch, or its error
        for key, members in groups.items():
            request, error = _merge_case(frame, members, rows)
            if error is not None:
                if errors == "raise":
                    raise InvalidArgumentError(f"case {key!r}: {error}")
                answered.append(error)
                continue
            answered.append(len(batch.requests))
            batch.requests.append(request)
        reply = api_pb2.EvaluateBatchResponse.FromString(
            self._engine().call("EvaluateBatch", batch.SerializeToString()))
        records = []
        for (key, members), slot in zip(groups.items(), answered):
            labels = [frame.index[i] for i in members]
            if isinstance(slot, str):
                records.append({"rows": labels, "error": slot})
                continue
            item = reply.items[slot]
            if item.HasField("error"):
                if errors == "raise":
                    raise InvalidArgumentError(f"case {key!r}: {item.error.message}")
                records.append({"rows": labels, "error": item.error.message})
                continue
            records.append(_summary_record(item.summary, labels))
        out = pd.DataFrame.from_records(records, index=pd.Index(list(groups), name=case_column),
                                        columns=[*ANSWER_COLUMNS[:-1], "rows", "error"])
        return _case_columns(out)


# Request paths of the frame's columns ("acts[0].absence.consecutive_working_days"
# -> "consecutive_days"), for naming a case's missing facts by column and row.
def _column_of_path() -> dict[str, str]:
    return {field: name for name, _, field, *_ in _frame.COLUMNS}


def _merge_case(frame: pd.DataFrame, members: list[int], rows: list[Any]
                ) -> tuple[conduct_pb2.EvaluationRequest | None, str | None]:
    """The request of one case from its rows' requests, or why there is none."""
    merged: conduct_pb2.EvaluationRequest | None = None
    for i in members:
        if isinstance(rows[i], str):
            return None, f"row {frame.index[i]!r}: {rows[i]}"
        r = conduct_pb2.EvaluationRequest.FromString(rows[i])
        if merged is None:
            merged = r
            continue
        priors = list(r.employee.prior_sanctions)
        r.employee.ClearField("prior_sanctions")
        first = type(merged.employee)()
        first.CopyFrom(merged.employee)
        first.ClearField("prior_sanctions")
        if r.HasField("employee") and r.employee != first:
            return None, f"row {frame.index[i]!r} names another employee than row {frame.index[members[0]]!r}"
        merged.acts.extend(r.acts)
        for p in priors:
            if p not in merged.employee.prior_sanctions:
                merged.employee.prior_sanctions.append(p)
        for field in ("decision_date", "examination_date"):
            if getattr(r, field) and getattr(r, field) != getattr(merged, field):
                return None, f"row {frame.index[i]!r}: {field} differs from row {frame.index[members[0]]!r}"
    return merged, None


def _fact_name(path: str, labels: list[Any], columns: dict[str, str]) -> str:
    """A request path of a merged case as a column and the row it came from."""
    if path.startswith("acts["):
        close = path.index("]")
        act = int(path[5:close])
        name = columns.get("acts[0]" + path[close + 1:], path)
        return f"{name} (row {labels[act]!r})" if act < len(labels) else name
    return columns.get(path, path)


def _summary_record(s: Any, labels: list[Any]) -> dict[str, Any]:
    columns = _column_of_path()
    return {
        "outcome": Outcome(s.outcome).name,
        "level": Level(s.level).name if s.level else None,
        "regime": Regime(s.regime).name if s.regime else None,
        "types": tuple(s.allowed_types),
        "rule_ids": tuple(s.rule_ids),
        "citations": tuple(s.citations),
        "missing_facts": tuple(_fact_name(p, labels, columns) for p in s.missing_facts),
        "officials": tuple(Official(o).name for o in s.officials),
        "team": Team(s.team).name if s.team else None,
        "handled_by": HandlingBody(s.handled_by).name if s.handled_by else None,
        "stage": Stage(s.stage).name if s.stage else None,
        "candidate_status": CandidateStatus(s.candidate_status).name if s.candidate_status else None,
        "salary_stop": bool(s.salary_stop),
        "salary_stop_from": pd.Timestamp(s.salary_stop_from) if s.salary_stop_from else pd.NaT,
        "warnings": tuple(s.warnings),
        "rows": labels,
        "error": None,
    }


def _case_columns(out: pd.DataFrame) -> pd.DataFrame:
    """evaluate_frame's column types: enum Categoricals (Level and Regime
    ordered), datetime64, bool; the list columns stay tuples."""
    for column, cls in (("outcome", Outcome), ("level", Level), ("regime", Regime), ("team", Team),
                        ("handled_by", HandlingBody), ("stage", Stage), ("candidate_status", CandidateStatus)):
        names = [m.name for m in cls if m.value]
        out[column] = pd.Categorical(out[column], categories=names, ordered=cls in (Level, Regime))
    out["salary_stop"] = out["salary_stop"].fillna(False).astype(bool)
    out["salary_stop_from"] = pd.to_datetime(out["salary_stop_from"]).astype("datetime64[ns]")
    return out


@once
def default_evaluator() -> Evaluator:
    """An Evaluator of the embedded law with default settings, made once."""
    return Evaluator()


def _evaluator(settings: Mapping[str, Any] | None, book: RuleBook | None) -> Evaluator:
    if settings is None and book is None:
        return default_evaluator()
    return Evaluator(book, settings)


def evaluate(request: Request, *, settings: Mapping[str, Any] | None = None,
             book: RuleBook | None = None) -> determination_pb2.Determination:
    """The determination for one request (see ``Evaluator.evaluate``), on the
    embedded law unless ``book`` is given."""
    return _evaluator(settings, book).evaluate(request)


def evaluate_frame(frame: pd.DataFrame, *, decision_date: DateLike | None = None, errors: Errors = "coerce",
                   settings: Mapping[str, Any] | None = None, book: RuleBook | None = None,
                   threads: int | None = None) -> pd.DataFrame:
    """Evaluates a DataFrame of reports (see ``Evaluator.evaluate_frame``)."""
    return _evaluator(settings, book).evaluate_frame(frame, decision_date=decision_date, errors=errors,
                                                     threads=threads)


def evaluate_cases(frame: pd.DataFrame, case_column: str = "case_id", *, decision_date: DateLike | None = None,
                   errors: Errors = "coerce", settings: Mapping[str, Any] | None = None,
                   book: RuleBook | None = None) -> pd.DataFrame:
    """One answer per case of several rows (``Evaluator.evaluate_cases``)."""
    return _evaluator(settings, book).evaluate_cases(frame, case_column, decision_date=decision_date, errors=errors)


def frame_columns() -> pd.DataFrame:
    """The columns ``evaluate_frame`` and ``audit_frame`` read: name, type
    ("enum:EmployeeKind", "str", "date", "bool", "int"), the request field
    it fills, and what it means. The last three (case_id, sanction_type,
    official) are read by the audit only."""
    return pd.DataFrame(_frame.COLUMNS, columns=["name", "type", "field", "doc"])


def determination_text(determination: determination_pb2.Determination) -> str:
    """A determination as readable text (``netra evaluate --text``)."""
    if not isinstance(determination, determination_pb2.Determination):
        raise TypeError(f"determination: expected netra.v1.Determination, got {type(determination).__name__}")
    return _netra.determination_text(determination.SerializeToString())


