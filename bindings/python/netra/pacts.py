"""Rosters and integrity pacts on ASN neutrality (netra/pact.h)."""

from __future__ import annotations

import datetime as _dt
import enum
import math
import numbers
import os
from collections.abc import Mapping
from typing import Any, Iterable, NamedTuple

import numpy as np
import pandas as pd

from netra import _frame, _netra
from netra._convert import DateLike, as_list, check_int, check_type, from_day, message_bytes, opt_day, to_day
from netra.cases import Case
from netra.enums import EmployeeKind, PactEventType, PositionClass, SigningMethod
from netra.errors import InvalidArgumentError
from netra.law import RuleBook, _book_of
from netra.v1 import law_pb2, pact_pb2

__all__ = ["Roster", "PactRegistry", "PactBreachLink", "compliance"]

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


class PactBreachLink(NamedTuple):
    """What a confirmed neutrality violation does to the violator's pact
    (``PactRegistry.link_breaches``): ``events`` are PACT_BREACHED
    ``netra.v1.PactEvent`` messages, one per commitment breached, dated the
    day the violation was confirmed and naming the case; ``explanation``
    says which decree rows breach which commitments, or why nothing is
    linked (not confirmed by ``as_of``, not on the roster, no pact signed
    by then, the act before the signature, already linked). The pact adds
    no sanction: the case is judged by the rules."""

    events: list[pact_pb2.PactEvent]
    explanation: str


LINK_COLUMNS = ["case_id", "nip", "commitment_id", "date", "explanation"]
LEADERSHIP_COLUMNS = ["agency", "unit", "leaders", "leaders_signed", "leaders_done", "staff_signed",
                      "staff_signed_before_leaders", "order"]


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
    ``store=netra.Store(...)`` the election's events live in that store
    (SQLite or PostgreSQL, shared with `netra pact` and other processes):
    the events already stored are replayed first, and each event is checked
    against the state replayed from the store and written in the same
    transaction (``sync()`` reads what others wrote since).

    Not thread-safe. It keeps its Roster (and its Store) alive.
    """

    def __init__(self, roster: Roster, election: str, *, book: RuleBook | None = None, due: DateLike | None = None,
                 agency_due: Mapping[str, DateLike] | None = None, include_non_asn: bool = False,
                 store: "Store | None" = None) -> None:
        if not isinstance(roster, Roster):
            raise TypeError(f"roster: expected netra.Roster, got {type(roster).__name__}")
        check_type(election, str, "election")
        check_type(include_non_asn, bool, "include_non_asn")
        agencies = {}
        for k, v in (agency_due or {}).items():
            check_type(k, str, "agency_due keys")
            agencies[k] = to_day(v, f"agency_due[{k!r}]")
        self._roster = roster
        self._store = None
        self._stored = None
        if store is None:
            self._reg = _netra.PactRegistry(_book_of(book)._book, roster._r, election, include_non_asn,
                                            opt_day(due, "due"), agencies)
        else:
            from netra.store import Store
            if not isinstance(store, Store):
                raise TypeError(f"store: expected netra.Store, got {type(store).__name__}")
            self._store = store
            self._stored = _netra.StoredPacts(_book_of(book)._book, roster._r, election, include_non_asn,
                                              opt_day(due, "due"), agencies)
            self._reg = self._stored.registry
            store._s.sync_pacts(self._stored)

    def sync(self) -> int:
        """With a store: replays the events others wrote since the last read
        (every hash verified). Returns how many events the registry holds."""
        if self._store is None:
            raise InvalidArgumentError("store: this registry keeps no store")
        self._store._s.sync_pacts(self._stored)
        return self._stored.events

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
        if self._store is not None:
            self._store._s.append_pact_events(self._stored, [data], False)
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
        if self._store is None:
            return self._reg.issue_all(day, tid, lead)
        # With a store, issue through events so that it holds the history.
        rows = self._roster.to_frame()
        date = from_day(day).isoformat()
        events = [pact_pb2.PactEvent(type=PactEventType.PACT_ISSUED, date=date, nip=nip,
                                     template_id=lead if leader and lead else tid).SerializeToString()
                  for nip, leader in zip(rows["nip"], rows["leader"]) if nip]
        appended, _refused = self._store._s.append_pact_events(self._stored, events, True)
        return appended

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

    def leadership_frame(self, as_of: DateLike) -> pd.DataFrame:
        """Whether each unit's heads signed before their staff on ``as_of``
        (the recommended order and observed practice, not law: netra reports
        it and never refuses a staff signature because of it).

        One row per unit with a pact issued: agency, unit, leaders (heads of
        unit, roster column ``leader``, issued a pact and still in service),
        leaders_signed, leaders_done (datetime64: the day the last head
        signed, NaT until all have), staff_signed, staff_signed_before_leaders
        (staff who signed on a day before every head had; a signature on the
        same day as the last head's counts as in order, as at a ceremony),
        and ``order``: NO_LEADER (no head on the roster), STAFF_AHEAD (some
        staff signed first), LEADERS_FIRST (every head signed, no staff
        ahead) or PENDING (heads still to sign, no staff ahead yet).

        ``frame.attrs`` holds the registry's unit counts
        ``units_leaders_first``, ``units_staff_ahead_of_leaders`` and
        ``units_without_leader``; they equal the counts of ``order``."""
        cols, first, ahead, without = self._reg.leadership(to_day(as_of, "as_of"))
        frame = pd.DataFrame(cols, columns=LEADERSHIP_COLUMNS[:-1])
        for c in ("leaders", "leaders_signed", "staff_signed", "staff_signed_before_leaders"):
            frame[c] = frame[c].astype(np.int64)
        frame["leaders_done"] = pd.to_datetime(frame["leaders_done"].replace("", None), format="%Y-%m-%d")
        # The same classification as PactRegistry::LeadershipOrder (pact.cc),
        # so the per-unit rows add up to the registry's own counts (a test
        # checks the sums).
        order = np.select([frame["leaders"] == 0, frame["staff_signed_before_leaders"] > 0,
                           frame["leaders_signed"] == frame["leaders"]],
                          ["NO_LEADER", "STAFF_AHEAD", "LEADERS_FIRST"], "PENDING")
        frame["order"] = pd.Categorical(order, categories=["LEADERS_FIRST", "STAFF_AHEAD", "PENDING", "NO_LEADER"])
        frame.attrs.update(units_leaders_first=first, units_staff_ahead_of_leaders=ahead,
                           units_without_leader=without)
        return frame

    def link_breaches(self, case: Case, as_of: DateLike, *, apply: bool = False) -> PactBreachLink:
        """The pact breaches of one replayed case on ``as_of``
        (``netra pact link``; docs/law/pakta_netralitas.md).

        A violation counts once confirmed: a neutrality case's
        RECOMMENDATION (the handling body found it proven), or a
        disciplinary case's DECISION imposing a sanction that still stands.
        Each act of the findings dated on or after the employee's signature
        (and before the pact expired) breaches the commitments whose decree
        rows (``PactCommitment.skb_rows``) include a row the act matched.
        The case's ``employee.nip`` finds the pact. A link already recorded
        (same case, same commitment) is left out, so linking again gives no
        events.

        With ``apply=False`` (default) nothing changes. With ``apply=True``
        the events are recorded as ``record`` would (in the store, if the
        registry has one); all are checked before any is
        recorded. Returns ``PactBreachLink(events, explanation)``.
        TypeError if ``case`` is not a ``netra.Case``; InvalidArgumentError
        for a bad date or findings that do not evaluate (the C++ message)."""
        _check_case(case, "case")
        check_type(apply, bool, "apply")
        events, explanation = self._reg.link_breaches(case._p, to_day(as_of, "as_of"))
        link = PactBreachLink([pact_pb2.PactEvent.FromString(b) for b in events], explanation)
        if apply:
            self._record_all(link.events)
        return link

    def link_breaches_frame(self, cases: Iterable[Case], as_of: DateLike, *, apply: bool = False) -> pd.DataFrame:
        """``link_breaches`` over many cases, as a DataFrame: case_id, nip,
        commitment_id, date (datetime64), explanation. One row per breach
        event; a case that links nothing gets one row with its explanation
        and nip, commitment_id and date missing, so every case given is
        accounted for (``frame.commitment_id.notna().sum()`` counts the
        breaches).

        Every case is linked before anything is recorded: a case that
        raises (see ``link_breaches``; the message is prefixed with
        ``cases[i]`` and the case id) leaves the registry unchanged. With
        ``apply=True`` the events are then recorded in order. A case given
        twice is linked once: its events appear (and are recorded) once."""
        items = as_list(cases, "cases")
        for i, c in enumerate(items):
            _check_case(c, f"cases[{i}]")
        check_type(apply, bool, "apply")
        day = to_day(as_of, "as_of")
        rows: list[dict[str, Any]] = []
        events: list[pact_pb2.PactEvent] = []
        seen: set[tuple[str, str, str]] = set()
        for i, c in enumerate(items):
            try:
                data, explanation = self._reg.link_breaches(c._p, day)
            except InvalidArgumentError as e:
                raise InvalidArgumentError(f"cases[{i}] (case {c.case_id}): {e.message}") from None
            if not data:
                rows.append({"case_id": c.case_id, "nip": None, "commitment_id": None, "date": None,
                             "explanation": explanation})
                continue
            for b in data:
                e = pact_pb2.PactEvent.FromString(b)
                key = (e.linked_case_id, e.nip, e.commitment_id)
                if key in seen:
                    continue
                seen.add(key)
                events.append(e)
                rows.append({"case_id": c.case_id, "nip": e.nip, "commitment_id": e.commitment_id, "date": e.date,
                             "explanation": explanation})
        if apply:
            self._record_all(events)
        frame = pd.DataFrame(rows, columns=LINK_COLUMNS)
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        return frame

    def _record_all(self, events: list[pact_pb2.PactEvent]) -> None:
        # Checked first, so a refused event leaves none of the batch recorded.
        # In date order, each event passes after the earlier ones as it passed
        # against the starting state: a breach is refused only for its date
        # (before the pact's last event) or for a link already recorded, and
        # the batch holds each (case, commitment) once.
        events = sorted(events, key=lambda e: e.date)
        data = [e.SerializeToString() for e in events]
        for b in data:
            self._reg.check(b)
        if self._store is not None:
            if data:
                self._store._s.append_pact_events(self._stored, data, False)  # one transaction
            return
        for b in data:
            self._reg.apply(b)

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
        skb_rows (a tuple), breached (count). Commitments in the template's order."""
        p = self.progress(as_of)
        counts = list(p.total.breached_by_commitment)
        staff = next((t for t in self.templates if not t.leadership), None)
        rows = []
        if staff is not None:
            for i, c in enumerate(staff.commitments):
                rows.append({"commitment": c.id, "paraphrase": c.paraphrase, "skb_rows": tuple(c.skb_rows),
                             "breached": counts[i] if i < len(counts) else 0})
        return pd.DataFrame(rows, columns=["commitment", "paraphrase", "skb_rows", "breached"])


def _check_case(case: Any, name: str) -> None:
    if not isinstance(case, Case):
        raise TypeError(f"{name}: expected netra.Case (CaseMachine.replay), got {type(case).__name__}")


def _default_bands(book: RuleBook | None) -> str:
    """The default of setting im_nkk_predicate_bands in ``book`` ("" when the
    book has no such setting: then no predicate, as with the empty default)."""
    for b in _book_of(book)._book.settings():
        s = law_pb2.Setting.FromString(b)
        if s.name == "im_nkk_predicate_bands":
            return s.default_value
    return ""


def _index_map(index: Any) -> dict[str, float]:
    if isinstance(index, pd.Series):
        index = index.to_dict()
    if not isinstance(index, Mapping):
        raise TypeError(f"im_nkk_index: expected a mapping (or Series) of agency names to numbers, got "
                        f"{type(index).__name__}")
    out: dict[str, float] = {}
    for k, v in index.items():
        if not isinstance(k, str):
            raise TypeError(f"im_nkk_index: agency names are strings, got {type(k).__name__}")
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
            raise TypeError(f"im_nkk_index[{k!r}]: expected a number, got {type(v).__name__}")
        out[k] = float(v)  # NaN passes through: the C++ check refuses it with the agency's name
    return out


COMPLIANCE_COLUMNS = ["agency", "asn", "reported", "proven", "not_proven", "followed_up", "escalated",
                      "follow_up_overdue", "cases_per_1000", "share_proven", "share_followed_up", "has_im_nkk_index",
                      "im_nkk_index", "im_nkk_predicate"]


def compliance(roster: Roster, cases: Iterable[Case], as_of: DateLike, *,
               im_nkk_index: Mapping[str, float] | pd.Series | None = None, predicate_bands: str | None = None,
               book: RuleBook | None = None) -> pd.DataFrame:
    """Neutrality compliance per agency on ``as_of`` from its cases
    (``netra compliance``), one row per agency of the roster: asn,
    reported, proven, not_proven, followed_up, escalated,
    follow_up_overdue, cases_per_1000, share_proven, share_followed_up,
    has_im_nkk_index, im_nkk_index, im_nkk_predicate. Computed figures, not
    official statistics.

    ``im_nkk_index`` maps agency names (as on the roster) to the IM NKK
    index KASN/BKN published for them, in [0, 1]; netra does not compute the
    index. Agencies without one have has_im_nkk_index False, im_nkk_index
    NaN and im_nkk_predicate None.

    ``predicate_bands`` is a predicate scale in the form of setting
    im_nkk_predicate_bands, ``"0=RENDAH;0.6=SEDANG;0.8=TINGGI"`` (the band
    whose threshold is the highest at or below the index); ``""`` = no
    predicate; None = the setting's default in ``book`` (the embedded law's
    is empty: no IM NKK scale is published, so any scale set is the user's
    and ``frame.attrs["note"]`` says so).

    ``frame.attrs`` holds ``note``, ``predicate_bands`` (the scale
    applied, "" = none), ``unmatched_cases`` and ``as_of``.

    InvalidArgumentError (the C++ message) for bands not in the setting's
    form, an index outside [0, 1] or NaN, or an agency not on the roster;
    TypeError for arguments of the wrong type."""
    if not isinstance(roster, Roster):
        raise TypeError(f"roster: expected netra.Roster, got {type(roster).__name__}")
    items = as_list(cases, "cases")
    for i, c in enumerate(items):
        _check_case(c, f"cases[{i}]")
    index = {} if im_nkk_index is None else _index_map(im_nkk_index)
    book = _book_of(book)  # checked even when predicate_bands is given
    if predicate_bands is None:
        bands = _default_bands(book)
    else:
        check_type(predicate_bands, str, "predicate_bands")
        bands = predicate_bands
    report = pact_pb2.ComplianceReport.FromString(
        _netra.compliance(roster._r, [c._p for c in items], to_day(as_of, "as_of"), index, bands))
    rows = []
    for a in report.agencies:
        row = {f: getattr(a, f) for f in COMPLIANCE_COLUMNS}
        if not a.has_im_nkk_index:
            row["im_nkk_index"] = math.nan
        row["im_nkk_predicate"] = a.im_nkk_predicate or None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COMPLIANCE_COLUMNS)
    frame["has_im_nkk_index"] = frame["has_im_nkk_index"].astype(bool)
    frame["im_nkk_index"] = frame["im_nkk_index"].astype(float)
    frame.attrs.update(note=report.note, predicate_bands=report.predicate_bands,
                       unmatched_cases=report.unmatched_cases, as_of=report.as_of)
    return frame
