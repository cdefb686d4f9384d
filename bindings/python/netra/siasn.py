"""Records as BKN's SIASN holds them, read into netra (docs/siasn.md).

A SIMPEG that syncs with SIASN keeps the person (``pns/data-utama``), the
sanction history (``pns/rw-hukdis``), the position history
(``pns/rw-jabatan``) and the unit and agency references in SIASN's shape.
These functions map them to netra's roster, employees and decided cases
through the request layer (methods ``FromSiasn`` and ``SiasnReport`` of
netra.v1.Netra), the same code as ``netra siasn``:

    >>> import netra
    >>> out = netra.siasn.report("examples/siasn_synthetic", election="pilkada2024", as_of="2024-10-01")
    >>> out.audit_summary.cases, out.audit_summary.within_law, out.pact_progress.total.issued
    (9, 5, 59)
    >>> records = netra.siasn.read_folder("examples/siasn_synthetic")   # a SiasnReportRequest
    >>> mapped = netra.siasn.from_siasn(records.records)   # SiasnImport: roster, employees, decided_cases
    >>> len(mapped.roster), len(mapped.decided_cases), list(mapped.without_facts)[:1]
    (59, 9, ['0000000B000000050000000000000003'])

A folder holds pegawai, rw-hukdis, rw-jabatan, ref-unor and instansi as
``.json`` or ``.csv``, with ``facts.json`` (the case files, by hukdis id)
and ``pakta.jsonl`` (the pact events). A row netra cannot map is a refusal
(table, row, reason naming the field and value), never an exception; an
unreadable folder or table raises NotFoundError, UnavailableError or
InvalidArgumentError with the words of the command.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from netra import _netra
from netra.api import Engine, default_engine
from netra.v1 import siasn_pb2

__all__ = ["read_folder", "from_siasn", "report", "synth_export"]


def _path(folder: str | os.PathLike[str], name: str) -> str:
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"{name}: expected a path, got {type(folder).__name__}")
    return os.fspath(folder)


def read_folder(folder: str | os.PathLike[str]) -> siasn_pb2.SiasnReportRequest:
    """The tables, facts and pact events of an export folder, as
    ``netra siasn`` reads them (election and as_of left unset)."""
    return siasn_pb2.SiasnReportRequest.FromString(_netra.read_siasn_folder(_path(folder, "folder")))


def from_siasn(records: siasn_pb2.SiasnRecords | Mapping[str, Any] | str | os.PathLike[str], *,
               engine: Engine | None = None) -> siasn_pb2.SiasnImport:
    """The mapping (``netra siasn import``): ``records`` as a SiasnRecords,
    its JSON form as a dict, or a folder."""
    if isinstance(records, (str, os.PathLike)):
        records = read_folder(records).records
    return (engine or default_engine()).call("FromSiasn", records)


def report(folder: str | os.PathLike[str] | siasn_pb2.SiasnReportRequest, *, election: str | None = None,
           as_of: str | None = None, max_not_signed: int = 0,
           engine: Engine | None = None) -> siasn_pb2.SiasnReportResponse:
    """The mapping, the audit of every decided case and, with ``election``
    and ``as_of``, pact progress from the folder's pact events
    (``netra siasn report``). Without an election the pact events are not
    counted."""
    request = folder if isinstance(folder, siasn_pb2.SiasnReportRequest) else read_folder(_path(folder, "folder"))
    request = siasn_pb2.SiasnReportRequest.FromString(request.SerializeToString())
    if election is None:
        request.ClearField("pact_events")
    else:
        request.election = election
        request.as_of = as_of or ""
        request.max_not_signed = max_not_signed
    return (engine or default_engine()).call("SiasnReport", request)


def synth_export(folder: str | os.PathLike[str], employees: int, *, decisions: int = 0, seed: int = 1,
                 agencies: int = 0, as_of: str = "") -> dict[str, int]:
    """Writes a SYNTHETIC export into ``folder`` (``netra synth siasn``;
    created, and refused when it holds files) and returns its counts."""
    e, a, d, w = _netra.synth_siasn_export(seed, employees, agencies, decisions, as_of, _path(folder, "folder"))
    return {"employees": e, "agencies": a, "decisions": d, "without_facts": w}
