"""Working days, cases and their deadlines (netra/calendar.h, case.h)."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from typing import Any, Iterable

import pandas as pd

from netra import _netra
from netra._convert import (DateLike, as_list, check_int, check_type, from_day, iso_to_date, message_bytes,
                            settings_dict, to_day, once)
from netra.errors import InvalidArgumentError, NotFoundError
from netra.enums import CaseStatus, DeadlineStatus, EventType, Official, Role
from netra.law import RuleBook, _book_of
from netra.v1 import api_pb2, calendar_pb2, case_pb2

__all__ = ["Calendar", "CaseMachine", "Case", "replay_case", "overdue", "read_case_log",
           "case_state_text"]

MONDAY_TO_FRIDAY = 0b0011111

CaseLogLike = case_pb2.CaseLog | Mapping[str, Any] | str | os.PathLike[str]
EventLike = case_pb2.CaseEvent | Mapping[str, Any]


def _days(values: Iterable[DateLike], name: str) -> list[int]:
    return [to_day(v, f"{name}[{i}]") for i, v in enumerate(as_list(values, name))]


def _weekdays(mask: int) -> int:
    return check_int(mask, "working_weekdays")


class Calendar:
    """The working-day calendar deadlines run on.

    National holidays, cuti bersama and election days of the years the law
    data covers (2010-2026 embedded), each cited; Monday to Friday unless
    ``working_weekdays`` (a bit per weekday, bit 0 = Monday; a six-day unit
    is 0b0111111) says otherwise; ``extra_days_off`` and
    ``extra_working_days`` are the agency's own.

    A date in a year without data raises FailedPreconditionError (never a
    year without holidays). Immutable and thread-safe.
    """

    def __init__(self, book: RuleBook | None = None, *, working_weekdays: int = MONDAY_TO_FRIDAY,
                 extra_days_off: Iterable[DateLike] = (), extra_working_days: Iterable[DateLike] = ()) -> None:
        self._cal = _netra.Calendar(_book_of(book)._book, _weekdays(working_weekdays),
                                    _days(extra_days_off, "extra_days_off"),
                                    _days(extra_working_days, "extra_working_days"))

    @classmethod
    def _wrap(cls, handle: Any) -> "Calendar":
        self = cls.__new__(cls)
        self._cal = handle
        return self

    def is_working_day(self, day: DateLike) -> bool:
        """Whether ``day`` is a working day."""
        return self._cal.is_working_day(to_day(day, "day"))

    def add_working_days(self, start: DateLike, n: int) -> _dt.date:
        """The n-th working day after ``start`` (``start`` itself never
        counts): the last day of a period "of n working days from start".
        InvalidArgumentError for n outside 0-3660."""
        return from_day(self._cal.add_working_days(to_day(start, "start"), check_int(n, "n")))

    def working_days_between(self, start: DateLike, end: DateLike) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
        return self._cal.working_days_between(to_day(start, "start"), to_day(end, "end"))

    def day_off(self, day: DateLike) -> calendar_pb2.DayOff | None:
        """The national or agency day off on ``day`` (name, kind, citation), or None."""
        b = self._cal.day_off(to_day(day, "day"))
        return None if b is None else calendar_pb2.DayOff.FromString(b)

    @property
    def years(self) -> list[int]:
        """The years with holiday data."""
        return list(self._cal.years())

    @property
    def version(self) -> str:
        """The rule book revision and agency options deadlines were computed with."""
        return self._cal.version


def read_case_log(path: str | os.PathLike[str]) -> case_pb2.CaseLog:
    """A CaseLog JSON file, read. Cases kept in a store are read with
    ``netra.Store.read_case``; a log file of the storage before the store
    (``NETRALG2``) is refused with InvalidArgumentError saying so (move it
    into a store with ``netra store import``). NotFoundError,
    InvalidArgumentError (bad JSON)."""
    check_type(path, (str, os.PathLike), "path")
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise NotFoundError(f"{path}: cannot open (not a regular file)")
    with open(path, "rb") as f:
        head = f.read(8)
    if head in (b"NETRALG2", b"NETRAPK1"):
        raise InvalidArgumentError(f"{path}: a log file of the storage before the store: move it into a store with "
                                   "`netra store import` and read it with netra.Store")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return case_pb2.CaseLog.FromString(_default_machine()._m.log_from_json(text))


class CaseMachine:
    """Replays case logs and checks events against the law
    (PP 94/2021 Pasal 26-39, PP 79/2021, the neutrality flow of the 2022
    joint decree), on a working-day calendar.

    ``settings`` (effective_day_count, period_counting, summons_1_reading,
    neutrality_follow_up_days, tukin_cut_months_from, and the evaluator's)
    and the calendar options as for Calendar. Immutable and thread-safe; a
    Case it returns is not (one thread per Case).
    """

    def __init__(self, book: RuleBook | None = None, *, settings: Mapping[str, Any] | None = None,
                 working_weekdays: int = MONDAY_TO_FRIDAY, extra_days_off: Iterable[DateLike] = (),
                 extra_working_days: Iterable[DateLike] = ()) -> None:
        extra_days_off, extra_working_days = list(extra_days_off), list(extra_working_days)
        self._book = _book_of(book)
        self._settings = settings_dict(settings)
        # The request layer serves machines on the law calendar (Monday to
        # Friday, no agency days): made on first use by replay_case.
        self._law_calendar = working_weekdays == MONDAY_TO_FRIDAY and not extra_days_off and not extra_working_days
        self._eng: Any = None
        self._m = _netra.CaseMachine(self._book._book, _weekdays(working_weekdays),
                                     _days(extra_days_off, "extra_days_off"),
                                     _days(extra_working_days, "extra_working_days"), settings_dict(settings))

    def _engine(self) -> Any:
        if not self._law_calendar:
            return None
        if self._eng is None:
            self._eng = _netra.Engine(self._book._book, self._settings)
        return self._eng

    def _log_bytes(self, log: CaseLogLike) -> bytes:
        if isinstance(log, os.PathLike) or (isinstance(log, str)):
            return read_case_log(log).SerializeToString()
        return message_bytes(log, case_pb2.CaseLog, "log", self._m.log_from_json)

    def replay(self, log: CaseLogLike) -> "Case":
        """Replays a case: a CaseLog message, a dict, or the path of a
        CaseLog JSON file (a stored case: ``Store.case``). FailedPreconditionError naming the
        first refused event (its seq, the state and the article);
        InvalidArgumentError for a malformed event."""
        data = self._log_bytes(log)
        progress = self._m.replay(data)
        return Case(self, progress, case_pb2.CaseLog.FromString(data))

    def start(self, header: CaseLogLike) -> "Case":
        """Opens a case from a header (case_id, kind, employee,
        organisation); its events, if any, are ignored: add them with
        ``Case.apply``."""
        data = self._log_bytes(header)
        log = case_pb2.CaseLog.FromString(data)
        del log.events[:]
        return Case(self, self._m.start(log.SerializeToString()), log)

    @property
    def calendar(self) -> Calendar:
        """The working-day calendar of this machine."""
        return Calendar._wrap(self._m.calendar())


class Case:
    """One case: its log and replayed state. Made by CaseMachine.replay or
    .start. Not thread-safe (``apply`` mutates it)."""

    def __init__(self, machine: CaseMachine, progress: Any, log: case_pb2.CaseLog) -> None:
        self._machine = machine
        self._p = progress
        self._log = log

    def __repr__(self) -> str:
        return f"<netra.Case {self.case_id!r} {self.status.name} after {self.events} events>"

    @property
    def case_id(self) -> str:
        return self._p.case_id

    @property
    def status(self) -> CaseStatus:
        """Status after the last event (``state(as_of)`` for a given date)."""
        return CaseStatus(self._p.status)

    @property
    def events(self) -> int:
        return self._p.events

    @property
    def last_date(self) -> _dt.date | None:
        """Date of the last event (None before any)."""
        return from_day(self._p.last_date) if self._p.events else None

    @property
    def log(self) -> case_pb2.CaseLog:
        """The log: header and accepted events (with their seq)."""
        return self._log

    def apply(self, event: EventLike) -> None:
        """Checks and applies one event (message or dict). A refused event
        raises FailedPreconditionError (the reason and the article) or
        InvalidArgumentError (the field) and changes nothing."""
        data = message_bytes(event, case_pb2.CaseEvent, "event", self._machine._m.event_from_json)
        e = case_pb2.CaseEvent.FromString(data)
        if e.seq == 0:
            e.seq = self._p.events + 1
        self._machine._m.apply(self._p, e.SerializeToString())
        self._log.events.append(e)

    def _as_of(self, as_of: DateLike | None) -> int:
        if as_of is None:
            return self._p.last_date
        return to_day(as_of, "as_of")

    def state(self, as_of: DateLike | None = None, *, tukin: int = 0) -> case_pb2.CaseState:
        """The CaseState on ``as_of`` (default: the last event's date):
        status, next steps, deadlines with their status and articles, the
        law's answer on the findings, the sanction's effect, blocks, SIASN
        record, and with ``tukin`` (monthly amount) the deductions."""
        return case_pb2.CaseState.FromString(self._machine._m.describe(self._p, self._as_of(as_of),
                                                                       check_int(tukin, "tukin")))

    def deadlines(self, as_of: DateLike | None = None) -> pd.DataFrame:
        """Deadlines on ``as_of``: name, status (DeadlineStatus), counted_from,
        due, met_on (datetime64, NaT when none), days, working_days, rule_id, articles
        (a tuple), consequence."""
        s = self.state(as_of)
        rows = [{"name": d.name, "status": DeadlineStatus(d.status).name, "counted_from": iso_to_date(d.counted_from),
                 "due": iso_to_date(d.due), "met_on": iso_to_date(d.met_on), "days": d.days,
                 "working_days": d.working_days, "rule_id": d.rule_id, "articles": tuple(d.cited_as),
                 "consequence": d.consequence} for d in s.deadlines]
        frame = pd.DataFrame(rows, columns=["name", "status", "counted_from", "due", "met_on", "days", "working_days",
                                            "rule_id", "articles", "consequence"])
        return _dates(frame, "counted_from", "due", "met_on")

    def next_steps(self, as_of: DateLike | None = None) -> pd.DataFrame:
        """What may happen next on ``as_of``: event, roles, officials
        (competent for a decision; tuples of names), due (datetime64, NaT when none), note."""
        s = self.state(as_of)
        rows = [{"event": EventType(n.event).name, "roles": tuple(Role(r).name for r in n.roles),
                 "officials": tuple(Official(o).name for o in n.officials), "due": iso_to_date(n.due),
                 "note": n.note} for n in s.next_steps]
        return _dates(pd.DataFrame(rows, columns=["event", "roles", "officials", "due", "note"]), "due")

    def overdue(self, as_of: DateLike) -> pd.DataFrame:
        """Duties open and past due on ``as_of``: case_id, period, due
        (datetime64), rule_id."""
        items = self._machine._m.overdue(self._p, to_day(as_of, "as_of"))
        return _dates(pd.DataFrame([{"case_id": self.case_id, "period": p, "due": from_day(d), "rule_id": r}
                                    for p, d, r in items], columns=["case_id", "period", "due", "rule_id"]), "due")


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Date columns as datetime64 (midnight, no time zone; NaT when none),
    as every date column of the package."""
    for c in columns:
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ns]")
    return frame


@once
def _default_machine() -> CaseMachine:
    """A CaseMachine of the embedded law with default settings, made once."""
    return CaseMachine()


def replay_case(log: CaseLogLike, as_of: DateLike | None = None, *, tukin: int = 0,
                machine: CaseMachine | None = None) -> case_pb2.CaseState:
    """Replays a case and returns its CaseState on ``as_of`` (``netra case``)."""
    m = _default_machine() if machine is None else machine
    if not isinstance(m, CaseMachine):
        raise TypeError(f"machine: expected netra.CaseMachine, got {type(m).__name__}")
    engine = m._engine()
    if engine is None:  # an agency's own calendar: the machine itself
        return m.replay(log).state(as_of, tukin=tukin)
    # The request layer (netra/api.h), as `netra case` and the C ABI.
    request = api_pb2.ReplayCaseRequest(tukin=check_int(tukin, "tukin"))
    request.case.ParseFromString(m._log_bytes(log))
    if as_of is not None:
        request.as_of = from_day(to_day(as_of, "as_of")).isoformat()
    return case_pb2.CaseState.FromString(engine.call("ReplayCase", request.SerializeToString()))


def overdue(cases: Iterable[CaseLogLike | Case], as_of: DateLike, *,
            machine: CaseMachine | None = None) -> pd.DataFrame:
    """Every duty past due on ``as_of`` across ``cases`` (Case objects, logs,
    dicts or paths), one row each: case_id, period, due, rule_id
    (``netra overdue``). A case that cannot be replayed raises."""
    m = _default_machine() if machine is None else machine
    day = to_day(as_of, "as_of")
    frames = []
    for c in as_list(cases, "cases"):
        case = c if isinstance(c, Case) else m.replay(c)
        frames.append(case.overdue(from_day(day)))
    if not frames:
        return _dates(pd.DataFrame(columns=["case_id", "period", "due", "rule_id"]), "due")
    return pd.concat(frames, ignore_index=True)


def case_state_text(state: case_pb2.CaseState) -> str:
    """A case state as readable text (``netra case --text``)."""
    if not isinstance(state, case_pb2.CaseState):
        raise TypeError(f"state: expected netra.v1.CaseState, got {type(state).__name__}")
    return _netra.case_state_text(state.SerializeToString())

