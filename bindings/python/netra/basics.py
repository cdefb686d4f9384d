"""Dates, NIPs and messages as dicts."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from netra import _netra
from netra._convert import check_type, from_day, to_dict  # noqa: F401  (re-exported)

__all__ = ["Nip", "parse_nip", "parse_date", "to_dict"]


@dataclasses.dataclass(frozen=True)
class Nip:
    """A checked NIP (PNS/CPNS) or NI PPPK (netra/nip.h).

    ``appointed`` is the TMT CPNS month (day 1) for the PNS style and
    1 January of the appointment year for the PPPK style. ``warnings`` are
    soft findings (e.g. appointed before 18), never fatal.
    """

    digits: str
    style: str  # "PNS" or "PPPK"
    birth_date: _dt.date
    appointed: _dt.date
    sex: int  # 1 male, 2 female
    sequence: int
    agreement_count: int  # PPPK digit 14; 0 for PNS
    warnings: tuple[str, ...]


def parse_nip(text: str, field: str = "nip") -> Nip:
    """Parses and checks an 18-digit NIP or NI PPPK (spaces and dots ignored).

    Raises InvalidArgumentError naming ``field`` and the value (not 18
    digits, no such birth date, digits 13-14 neither a month nor 21-29,
    appointment before birth, sex digit not 1 or 2, sequence 000);
    TypeError if ``text`` is not a str.
    """
    check_type(text, str, "text")
    check_type(field, str, "field")
    d = _netra.parse_nip(text, field)
    return Nip(d["digits"], d["style"], from_day(d["birth_date"]), from_day(d["appointed"]), d["sex"], d["sequence"],
               d["agreement_count"], tuple(d["warnings"]))


def parse_date(text: str, field: str = "date") -> _dt.date:
    """Parses an ISO "YYYY-MM-DD" date strictly, as netra reads request dates.

    "2025-02-30" raises InvalidArgumentError ("no such day"), never becomes
    2 March; years outside 1900-2199 are refused. TypeError if not a str.
    """
    check_type(text, str, "text")
    return from_day(_netra.parse_date(text, field))
