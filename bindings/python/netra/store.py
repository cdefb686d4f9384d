"""Where cases and pact registries live (netra/store.h): a SQLite file or a
PostgreSQL database, shared with the `netra` command and other processes."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from netra import _netra
from netra._convert import check_int, check_type, message_bytes
from netra.cases import Case, CaseLogLike, CaseMachine, EventLike, _default_machine
from netra.v1 import case_pb2

__all__ = ["Store"]

CASE_COLUMNS = ["case_id", "kind", "status", "events", "last_date"]


class Store:
    """A store of cases and pact registries (netra/store.h).

    ``Store(address)``: a SQLite file path (created owner-only if absent) or
    a ``postgresql://`` URL (a libpq URI). Every event is checked against
    the state replayed from the store and appended in the same transaction,
    so two writers (processes, servers) never both pass the check on one
    state; events are never updated or deleted, and each is hash-chained: a
    removed, reordered or altered event is DataLossError with its position.
    An append that returned is committed and survives a crash.

    A refused event raises (FailedPreconditionError with the law's reason,
    InvalidArgumentError naming the field) and writes nothing; an I/O error
    or a lost server is UnavailableError. Pact registries in a store:
    ``netra.PactRegistry(roster, election, store=store)``.

    One connection: not thread-safe (one Store per thread; they may share a
    file or server).
    """

    def __init__(self, address: str | os.PathLike[str]) -> None:
        check_type(address, (str, os.PathLike), "address")
        self._s = _netra.Store(os.fspath(address))

    @property
    def kind(self) -> str:
        """"sqlite" or "postgresql"."""
        return self._s.kind

    def create_case(self, log: CaseLogLike, machine: CaseMachine | None = None) -> None:
        """Stores a new case from a CaseLog (message, dict or JSON file path):
        its header checked, its events, if any, checked and appended, all in
        one transaction. AlreadyExistsError if the case id is taken."""
        m = _default_machine() if machine is None else machine
        self._s.create_case(m._log_bytes(log), m._m)

    def append(self, case_id: str, event: EventLike, machine: CaseMachine | None = None) -> int:
        """Checks one event against the stored case and appends it (its seq
        assigned), in one transaction. Returns the case's event count after
        it."""
        check_type(case_id, str, "case_id")
        m = _default_machine() if machine is None else machine
        data = message_bytes(event, case_pb2.CaseEvent, "event", m._m.event_from_json)
        return self._s.append_case_event(case_id, data, m._m).events

    def read_case(self, case_id: str) -> case_pb2.CaseLog:
        """The stored case with its events, every hash verified. NotFoundError."""
        check_type(case_id, str, "case_id")
        return case_pb2.CaseLog.FromString(self._s.read_case(case_id))

    def case(self, case_id: str, machine: CaseMachine | None = None) -> Case:
        """The stored case replayed (a Case: state, deadlines, ...). Changes
        to the returned Case are not stored: append events with ``append``."""
        m = _default_machine() if machine is None else machine
        return m.replay(self.read_case(case_id))

    def list_cases(self, after: str = "", limit: int = 100) -> pd.DataFrame:
        """At most ``limit`` (1-10,000) cases with ids after ``after``, in id
        order (a page): case_id, kind, status, events, last_date."""
        check_type(after, str, "after")
        rows: list[Any] = self._s.list_cases(after, check_int(limit, "limit"))
        return pd.DataFrame(rows, columns=CASE_COLUMNS)

    def elections(self) -> list[str]:
        """The elections with a pact registry in the store."""
        return list(self._s.elections())
