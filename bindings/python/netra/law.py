"""The law as data: loading rule books, the rule table, settings, elections."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pandas as pd

from netra import _netra
from netra._convert import DateLike, check_type, from_day, opt_day, once
from netra.enums import ElectionKind, Level, Office, Outcome, Regime
from netra.errors import NetraError, NotFoundError
from netra.v1 import api_pb2, common_pb2, law_pb2

__all__ = ["RuleBook", "default_rule_book", "rules", "settings", "elections"]


class RuleBook:
    """An immutable, validated rule book: the embedded law plus any law files.

    ``RuleBook()`` is the law compiled into netra. ``law_files`` adds files
    (paths to text-format ``netra.v1.RuleFile``, e.g. a regional regulation
    or a correction); ``law_texts`` adds ``(name, text)`` pairs without a
    file. As with ``netra --law``, a file named like an embedded one
    (an edited ``pp94_2021.textproto``) replaces it. With
    ``include_embedded=False`` only the given files are loaded
    (``require_evaluator_rules=False`` to check a partial file alone, like
    ``netra check-law --standalone``).

    Errors: NotFoundError / PermissionDeniedError for an unreadable file;
    InvalidArgumentError naming the file, line and rule id for an invalid
    law (an overlap, a gap, a bad citation). TypeError for wrong types.

    Thread safety: immutable; share one between threads and evaluators.
    Loading takes a few milliseconds.
    """

    def __init__(self, law_files: Iterable[str | os.PathLike[str]] = (), *,
                 law_texts: Iterable[tuple[str, str]] = (), include_embedded: bool = True,
                 require_evaluator_rules: bool = True) -> None:
        if isinstance(law_files, (str, os.PathLike)):
            law_files = [law_files]
        sources = []
        for i, f in enumerate(law_files):
            check_type(f, (str, os.PathLike), f"law_files[{i}]")
            sources.append(tuple(_netra.read_law_file(os.fspath(f))))
        for i, pair in enumerate(law_texts):
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise TypeError(f"law_texts[{i}]: expected a (name, text) pair of str")
            sources.append(pair)
        check_type(include_embedded, bool, "include_embedded")
        check_type(require_evaluator_rules, bool, "require_evaluator_rules")
        self._book = _netra.RuleBook.load(sources, include_embedded, require_evaluator_rules)

    @classmethod
    def _wrap(cls, handle: Any) -> "RuleBook":
        self = cls.__new__(cls)
        self._book = handle
        return self

    @property
    def revision(self) -> str:
        """Content hash of the law texts ("fnv1a64:..."); determinations carry it."""
        return self._book.revision

    def __len__(self) -> int:
        return self._book.rule_count()

    def __repr__(self) -> str:
        return f"<netra.RuleBook {len(self)} rules {self.revision}>"

    def rules(self, as_of: DateLike | None = None) -> pd.DataFrame:
        """The rule table, one row per rule (only those in force on ``as_of``).

        Columns: rule_id, kind (norm, level, sanction_type, authority,
        procedure, scope, principle, handling, deadline), norm (the norm a
        level rule maps; a norm's own id), outcome, level, regime
        (Categoricals; level rules and sanction types), sanction_types,
        citation ("PP 94/2021 Pasal 9 ayat (2) huruf b angka 1"), instruments
        (ids), instrument_titles, in_force_from, in_force_until
        (datetime64, NaT = open), confidence, setting (the setting the rule
        depends on), file, line, paraphrase. Index: the rule order of the
        book (embedded files first).
        """
        t = self._book.rules_table(opt_day(as_of, "as_of"))
        frame = pd.DataFrame(t)
        for col, cls, ordered in (("outcome", Outcome, False), ("level", Level, True), ("regime", Regime, True)):
            names = [m.name for m in cls if m.value != 0]
            frame[col] = pd.Categorical([cls(v).name if v else None for v in t[col]], categories=names, ordered=ordered)
        for col in ("in_force_from", "in_force_until"):
            frame[col] = pd.to_datetime(frame[col].replace("", None), format="%Y-%m-%d")
        for col in ("kind", "confidence"):
            frame[col] = frame[col].astype("category")
        return frame

    def rules_text(self, as_of: DateLike | None = None) -> str:
        """The rule table as ``netra rules`` prints it."""
        return self._book.rules_text(opt_day(as_of, "as_of"))

    def rule_file(self, as_of: DateLike | None = None) -> law_pb2.RuleFile:
        """Instruments, settings, elections and rules (with their effective
        dates) as one ``netra.v1.RuleFile``, as ``netra rules --json``."""
        day = opt_day(as_of, "as_of")
        engine = self._engine()
        if engine is None:  # a partial law without the evaluator's rules
            return law_pb2.RuleFile.FromString(self._book.rules_file(day))
        request = api_pb2.RulesRequest(as_of="" if day is None else from_day(day).isoformat())
        return law_pb2.RuleFile.FromString(engine.call("Rules", request.SerializeToString()))

    def _engine(self) -> Any:
        """The request layer (netra/api.h) on this book with default settings,
        made on first use; None for a book it cannot serve (a stand-alone
        partial law without the evaluator's rules)."""
        engine = getattr(self, "_eng", None)
        if engine is None:
            try:
                engine = _netra.Engine(self._book, {})
            except NetraError:
                engine = False
            self._eng = engine
        return engine or None

    def rule(self, rule_id: str) -> law_pb2.Rule:
        """One rule by id. NotFoundError for an unknown id."""
        check_type(rule_id, str, "rule_id")
        found = self._book.find_rule(rule_id)
        if found is None:
            raise NotFoundError(f"rule_id: unknown rule \"{rule_id}\" (RuleBook.rules() lists them)")
        return law_pb2.Rule.FromString(found[0])

    def settings(self) -> pd.DataFrame:
        """The settings for uncertain law: name, type, default, choices (a
        tuple), doc, why."""
        rows = []
        for b in self._book.settings():
            s = law_pb2.Setting.FromString(b)
            rows.append({"name": s.name, "type": law_pb2.Setting.Type.Name(s.type), "default": s.default_value,
                         "choices": tuple(s.choices), "doc": s.doc, "why": s.why})
        return pd.DataFrame(rows, columns=["name", "type", "default", "choices", "doc", "why"])

    def elections(self) -> pd.DataFrame:
        """The election calendars, one row per contest: election, contest,
        offices, regions (tuples), and the registration, determination,
        campaign, quiet and voting dates (datetime64). ``elections_file()``
        has the citations."""
        rows = []
        for e in self.elections_file().elections:
            for k in e.contests:
                rows.append({
                    "election": e.id, "kind": ElectionKind(e.kind).name, "contest": k.id,
                    "offices": tuple(Office(o).name for o in k.offices), "regions": tuple(k.regions),
                    "registration": _first(k.registration), "determination": _first(k.determination),
                    "campaign_from": _first(k.campaign), "campaign_until": k.campaign.until or None,
                    "quiet_from": _first(k.quiet), "quiet_until": k.quiet.until or None, "voting": _first(k.voting),
                })
        frame = pd.DataFrame(rows)
        for col in ("registration", "determination", "campaign_from", "campaign_until", "quiet_from", "quiet_until",
                    "voting"):
            if col in frame:
                frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        return frame

    def elections_file(self) -> law_pb2.RuleFile:
        """The election calendars with their sources (``RuleFile.elections``)."""
        engine = self._engine()
        if engine is None:
            return law_pb2.RuleFile.FromString(self._book.elections())
        return law_pb2.RuleFile.FromString(engine.call("Elections", b""))

    def elections_text(self) -> str:
        """The calendars as ``netra elections`` prints them."""
        return self._book.elections_text()

    def cite(self, citation: common_pb2.Citation) -> str:
        """"PP 94/2021 Pasal 10 ayat (2) huruf f angka 2" for a Citation."""
        if not isinstance(citation, common_pb2.Citation):
            raise TypeError(f"citation: expected netra.v1.Citation, got {type(citation).__name__}")
        return self._book.cite(citation.SerializeToString())


def _first(entry: Any) -> str | None:
    # CalendarEntry.from is a Python keyword: read it by name.
    return getattr(entry, "from") or None


@once
def default_rule_book() -> RuleBook:
    """The embedded law, loaded once per process and shared."""
    return RuleBook()


def _book_of(book: RuleBook | None) -> RuleBook:
    if book is None:
        return default_rule_book()
    if not isinstance(book, RuleBook):
        raise TypeError(f"book: expected netra.RuleBook, got {type(book).__name__}")
    return book


def rules(as_of: DateLike | None = None, *, book: RuleBook | None = None) -> pd.DataFrame:
    """The rule table of ``book`` (default: the embedded law) as a DataFrame.
    See ``RuleBook.rules``."""
    return _book_of(book).rules(as_of)


def settings(*, book: RuleBook | None = None) -> pd.DataFrame:
    """The settings for uncertain law. See ``RuleBook.settings``."""
    return _book_of(book).settings()


def elections(*, book: RuleBook | None = None) -> pd.DataFrame:
    """The election calendars, one row per contest. See ``RuleBook.elections``."""
    return _book_of(book).elections()
