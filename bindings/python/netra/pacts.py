"""Rosters and integrity pacts on ASN neutrality (netra/pact.h)."""

from __future__ import annotations

import datetime as _dt
import enum
import os
from collections.abc import Mapping
from typing import Any, Iterable

import numpy as np
import pandas as pd

from netra import _frame, _netra
from netra._convert import DateLike, as_list, check_int, check_type, from_day, message_bytes, opt_day, to_day
from netra.cases import Case
from netra.enums import EmployeeKind, PactEventType, PositionClass, SigningMethod
from netra.errors import InvalidArgumentError
from netra.law import RuleBook, _book_of
from netra.v1 import pact_pb2

__all__ = ["Roster", "PactRegistry", "compliance"]

ROSTER_COLUMNS = ("nip", "name", "type", "grade", "position", "position_type", "unit", "agency", "leader")
PactEventLike = pact_pb2.PactEvent | Mapping[str, Any]


class Roster:
    """A personnel roster (a SIMPEG export), checked row by row.

    Every NIP / NI PPPK is checked, kinds are read (PNS, CPNS, PPPK,
    PPPK_PARUH_WAKTU, NON_ASN; PPNPN and HONORER read as NON_ASN), and
    duplicates refused; refused rows are listed in ``rejections`` with
    their line number and reason, and the good rows are kept. Made with
    ``from_csv``, ``from_frame``, ``from_jsonl`` or ``synthetic``.

    A Roster is mutable (``add``) and not thread-safe. A PactRegistry keeps
    its roster alive. Personal data (NIPs, names) is never logged.
    """

    def __init__(self, handle: Any) -> None:
        self._r = handle

    @classmethod
    def from_csv(cls, source: str | os.PathLike[str]) -> "Roster":
        """From a CSV file path, or CSV text (a str with a newline), with a header naming at least
        nip,name,type (optional grade,position,position_type,unit,agency,
        leader). InvalidArgumentError for an unusable file (no header, a
        required column missing); NotFoundError for a missing path."""
        check_type(source, (str, os.PathLike), "source")
        if isinstance(source, str) and "\n" in source:
            return cls(_netra.Roster.from_csv_text(source))
        return cls(_netra.Roster.from_file(os.fspath(source), False))

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str]) -> "Roster":
        """From a file of netra.v1.RosterEntry JSON lines."""
        check_type(path, (str, os.PathLike), "path")
        return cls(_netra.Roster.from_file(os.fspath(path), True))

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "Roster":
        """From a DataFrame with the CSV's columns (nip, name, type required;
        ``kind`` is accepted for ``type``, ``position_type`` may hold
        PositionType names or IntEnums). Row line numbers in ``rejections``
        are the frame's positions + 2 (the CSV line, after the header)."""
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
        f = frame.rename(columns={"kind": "type"}) if "type" not in frame.columns else frame
        missing = [c for c in ("nip", "name", "type") if c not in f.columns]
        if missing:
            raise InvalidArgumentError(f"from_frame: missing columns {', '.join(missing)} (required: nip, name, type)")
        f = f[[c for c in ROSTER_COLUMNS if c in f.columns]].copy()
        for c in f.columns:
            if isinstance(f[c].dtype, pd.CategoricalDtype):
                f[c] = f[c].cat.rename_categories([_csv_value(v) for v in f[c].cat.categories])
            elif f[c].dtype == object or f[c].dtype == bool:
                f[c] = f[c].map(_csv_value, na_action="ignore")
        # The checked CSV importer reads it, so a frame is checked exactly as
        # a file (same reasons, same limits); pandas writes the CSV in C.
        return cls(_netra.Roster.from_csv_text(f.to_csv(index=False)))

    @classmethod
    def synthetic(cls, employees: int, *, seed: int = 1, agencies: int = 0) -> "Roster":
        """A seeded SYNTHETIC roster (never official figures; names read
        "Pegawai Sintetis 0000123"): valid unique NIPs, realistic agencies,
        units, kinds and positions. See ``synth_roster`` for the frame."""
        return cls(_netra.Roster.synthetic(check_int(seed, "seed"), check_int(employees, "employees"),
                                           check_int(agencies, "agencies")))

    def __len__(self) -> int:
        return len(self._r)

    def __repr__(self) -> str:
        return f"<netra.Roster {len(self)} employees, {self.report.rejected} rows refused>"

    @property
    def report(self) -> pact_pb2.RosterImportReport:
        """Rows read, accepted, rejected, the first 1,000 rejections and warnings."""
        return pact_pb2.RosterImportReport.FromString(self._r.report())

    def rejections(self) -> pd.DataFrame:
        """The refused rows: line, reason."""
        r = self.report
        return pd.DataFrame([{"line": x.line, "reason": x.reason} for x in r.rejections], columns=["line", "reason"])

    def to_frame(self) -> pd.DataFrame:
        """The accepted rows: nip, name, kind, grade, position_type, unit,
        agency (Categoricals), leader."""
        return pd.DataFrame(_frame.decode(self._r.columns()))

    def add(self, entry: pact_pb2.RosterEntry | Mapping[str, Any]) -> None:
        """Adds one checked entry. InvalidArgumentError naming the field."""
        self._r.add(message_bytes(entry, pact_pb2.RosterEntry, "entry", _entry_from_json))


def _entry_from_json(text: str) -> bytes:
    from google.protobuf import json_format
    try:
        return json_format.Parse(text, pact_pb2.RosterEntry()).SerializeToString()
    except json_format.ParseError as e:
        raise InvalidArgumentError(f"invalid entry JSON: {e}") from None


def _csv_value(v: Any) -> Any:
    if isinstance(v, enum.Enum):
        return v.name
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    return v


class PactRegistry:
    """The integrity pacts of one election over a roster.

    ``PactRegistry(roster, election, *, book=None, due=None,
    agency_due=None, include_non_asn=False)``: ``due`` overrides the due
    date (default: setting pact_due_rule, the day before the campaign
    starts -- a policy, not law); ``agency_due`` maps agency names to their
    own due dates. NotFoundError/InvalidArgumentError for an unknown
    election or one without pact templates.

    It refuses a signature before issuance, a second active pact, a
    signature by someone else and a re-issue after expiry
    (FailedPreconditionError with the reason; nothing changes). With
    ``log=path`` every accepted event is also written to a crash-safe pact
    log (created if absent; an existing one is replayed first).

    Not thread-safe. It keeps its Roster alive.
    """

    def __init__(self, roster: Roster, election: str, *, book: RuleBook | None = None, due: DateLike | None = None,
                 agency_due: Mapping[str, DateLike] | None = None, include_non_asn: bool = False,
                 log: str | os.PathLike[str] | None = None) -> None:
        if not isinstance(roster, Roster):
            raise TypeError(f"roster: expected netra.Roster, got {type(roster).__name__}")
        check_type(election, str, "election")
        check_type(include_non_asn, bool, "include_non_asn")
        agencies = {}
        for k, v in (agency_due or {}).items():
            check_type(k, str, "agency_due keys")
            agencies[k] = to_day(v, f"agency_due[{k!r}]")
        self._roster = roster
        self._reg = _netra.PactRegistry(_book_of(book)._book, roster._r, election, include_non_asn,
                                        opt_day(due, "due"), agencies)
        self._log = None
        if log is not None:
            check_type(log, (str, os.PathLike), "log")
            path = os.fspath(log)
            self._log = (_netra.PactLogFile.open(path, self._reg) if os.path.exists(path)
                         else _netra.PactLogFile.create(path, election))

    @property
    def election(self) -> str:
        return self._reg.election

    @property
    def due(self) -> _dt.date:
        """The default due date signatures are judged by."""
        return from_day(self._reg.due)

    @property
    def templates(self) -> list[pact_pb2.PactTemplate]:
        """The election's pact texts (staff and leadership variants)."""
        return [pact_pb2.PactTemplate.FromString(b) for b in self._reg.templates()]

    def _event_bytes(self, event: PactEventLike) -> bytes:
        return message_bytes(event, pact_pb2.PactEvent, "event", self._reg.event_from_json)

    def record(self, event: PactEventLike) -> None:
        """Checks and applies one PactEvent (issue, signature, refusal,
        breach, move, withdrawal, expiry); with a log, writes it first."""
        data = self._event_bytes(event)
        if self._log is not None:
            self._log.append(data, self._reg)
        else:
            self._reg.apply(data)

    def check(self, event: PactEventLike) -> None:
        """Raises as ``record`` would, changing nothing."""
        self._reg.check(self._event_bytes(event))

    def issue_all(self, date: DateLike, template_id: str | None = None,
                  leadership_template: str | None = None) -> int:
        """Issues the pact to everyone on the roster who must sign and has
        none active (leaders get the leadership variant). Default templates:
        the election's. Returns how many were issued."""
        day = to_day(date, "date")
        tid, lead = template_id or "", leadership_template or ""
        check_type(tid, str, "template_id")
        check_type(lead, str, "leadership_template")
        if not tid:
            for t in self.templates:
                if not t.leadership and not tid:
                    tid = t.id
                if t.leadership and not lead:
                    lead = t.id
        if self._log is None:
            return self._reg.issue_all(day, tid, lead)
        # With a log, issue through events so the file holds the history.
        n = 0
        rows = self._roster.to_frame()
        for nip, leader in zip(rows["nip"], rows["leader"]):
            e = pact_pb2.PactEvent(type=PactEventType.PACT_ISSUED, date=from_day(day).isoformat(), nip=nip,
                                   template_id=lead if leader and lead else tid)
            try:
                self._reg.check(e.SerializeToString())
            except Exception:
                continue
            self._log.append(e.SerializeToString(), self._reg)
            n += 1
        return n

    def sign(self, nip: str, date: DateLike, method: SigningMethod | str = "INDIVIDUAL", *, place: str = "",
             ceremony_id: str = "", evidence_ref: str = "") -> None:
        """Records the employee's own signature (INDIVIDUAL, CEREMONY or ELECTRONIC)."""
        check_type(nip, str, "nip")
        if isinstance(method, str):
            if method not in SigningMethod.__members__ or method == "SIGNING_METHOD_UNSPECIFIED":
                raise InvalidArgumentError(f"method: unknown SigningMethod {method!r} (INDIVIDUAL, CEREMONY or "
                                           "ELECTRONIC)")
            method = SigningMethod[method]
        elif not isinstance(method, SigningMethod):
            raise TypeError(f"method: expected SigningMethod or str, got {type(method).__name__}")
        self.record(pact_pb2.PactEvent(type=PactEventType.PACT_SIGNED, nip=nip, signer_nip=nip,
                                       date=from_day(to_day(date, "date")).isoformat(), method=int(method),
                                       place=place, ceremony_id=ceremony_id, evidence_ref=evidence_ref))

    def progress(self, as_of: DateLike, *, not_signed: int = 0) -> pact_pb2.PactProgress:
        """The counts on ``as_of`` as a PactProgress message (total, groups,
        at most ``not_signed`` NIPs of those issued and not signed)."""
        data, _ = self._reg.progress(to_day(as_of, "as_of"), check_int(not_signed, "not_signed"))
        return pact_pb2.PactProgress.FromString(data)

    def progress_frame(self, as_of: DateLike, by: str | Iterable[str] | None = None) -> pd.DataFrame:
        """Counts on ``as_of``, one row per group (agency, unit,
        position_class, kind): must_sign, issued, signed_on_time,
        signed_late, not_signed, declined, breached, withdrawn,
        signed_rate, due. ``by`` (e.g. "agency" or ["agency",
        "position_class"]) sums the counts over the other keys and
        recomputes signed_rate = (on time + late) / issued."""
        _, cols = self._reg.progress(to_day(as_of, "as_of"), 0)
        frame = pd.DataFrame(cols)
        frame["position_class"] = pd.Categorical([PositionClass(v).name for v in cols["position_class"]],
                                                 categories=[m.name for m in PositionClass if m.value])
        frame["kind"] = pd.Categorical([EmployeeKind(v).name for v in cols["kind"]],
                                       categories=[m.name for m in EmployeeKind if m.value])
        frame["due"] = pd.to_datetime(frame["due"].replace("", None), format="%Y-%m-%d")
        if by is None:
            return frame
        keys = [by] if isinstance(by, str) else as_list(by, "by")
        for k in keys:
            if k not in ("agency", "unit", "position_class", "kind"):
                raise InvalidArgumentError(f"by: {k!r} is not one of agency, unit, position_class, kind")
        counts = ["must_sign", "issued", "signed_on_time", "signed_late", "not_signed", "declined", "breached",
                  "withdrawn"]
        out = frame.groupby(keys, observed=True, as_index=False)[counts].sum()
        issued = out["issued"].to_numpy(dtype=float)
        signed = (out["signed_on_time"] + out["signed_late"]).to_numpy(dtype=float)
        out["signed_rate"] = np.divide(signed, issued, out=np.zeros_like(signed), where=issued > 0)
        return out

    def totals(self, as_of: DateLike) -> dict[str, int]:
        """The national roll-up on ``as_of`` (no groups; fast)."""
        c = self._reg.totals(to_day(as_of, "as_of"))
        return dict(zip(("issued", "signed_on_time", "signed_late", "not_signed", "declined", "breached",
                         "withdrawn", "must_sign"), c))

    def not_signed(self, as_of: DateLike, limit: int = 100) -> list[str]:
        """NIPs (at most ``limit``) issued a pact and not signed on ``as_of``."""
        return list(self.progress(as_of, not_signed=limit).not_signed_nips)

    def breaches(self, as_of: DateLike) -> pd.DataFrame:
        """Breaches by commitment on ``as_of``: commitment (id), text,
        skb_rows, breached (count). Commitments in the template's order."""
        p = self.progress(as_of)
        counts = list(p.total.breached_by_commitment)
        staff = next((t for t in self.templates if not t.leadership), None)
        rows = []
        if staff is not None:
            for i, c in enumerate(staff.commitments):
                rows.append({"commitment": c.id, "paraphrase": c.paraphrase, "skb_rows": ", ".join(c.skb_rows),
                             "breached": counts[i] if i < len(counts) else 0})
        return pd.DataFrame(rows, columns=["commitment", "paraphrase", "skb_rows", "breached"])


def compliance(roster: Roster, cases: Iterable[Case], as_of: DateLike) -> pd.DataFrame:
    """Neutrality compliance per agency on ``as_of`` from its cases: asn,
    reported, proven, not_proven, followed_up, escalated,
    follow_up_overdue, cases_per_1000, share_proven, share_followed_up.
    Computed figures, not official statistics."""
    if not isinstance(roster, Roster):
        raise TypeError(f"roster: expected netra.Roster, got {type(roster).__name__}")
    items = as_list(cases, "cases")
    for i, c in enumerate(items):
        if not isinstance(c, Case):
            raise TypeError(f"cases[{i}]: expected netra.Case (CaseMachine.replay), got {type(c).__name__}")
    report = pact_pb2.ComplianceReport.FromString(
        _netra.compliance(roster._r, [c._p for c in items], to_day(as_of, "as_of")))
    fields = ["agency", "asn", "reported", "proven", "not_proven", "followed_up", "escalated", "follow_up_overdue",
              "cases_per_1000", "share_proven", "share_followed_up"]
    return pd.DataFrame([{f: getattr(a, f) for f in fields} for a in report.agencies], columns=fields)

