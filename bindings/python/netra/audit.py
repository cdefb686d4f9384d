"""The audit of decisions already taken (netra/audit.h)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable

import pandas as pd

from netra import _frame, _netra
from netra._convert import as_list, message_bytes, settings_dict
from netra.evaluate import Errors, _errors, _raise_first, _threads
from netra.law import RuleBook, _book_of
from netra.v1 import audit_pb2

__all__ = ["Auditor", "audit", "audit_one", "audit_finding_text"]

DecidedCase = audit_pb2.DecidedCase | Mapping[str, Any]

AUDIT_COLUMNS = ("case_id", "verdict", "verdicts", "reasons", "articles", "law_outcome", "law_level", "law_regime",
                 "law_types", "error")


class Auditor:
    """Checks decisions already taken against the law of their date.

    For each decided case (the facts, the sanction imposed, who signed it,
    when) it evaluates the facts on the decision date and gives the
    verdict: WITHIN_LAW, TOO_LIGHT, TOO_HEAVY, OTHER_TYPE,
    TYPE_NOT_IN_FORCE, OFFICIAL_WITHOUT_AUTHORITY, NOT_SANCTIONED (no
    sanction where the law gives one), DOUBLE_SANCTION (two hukuman
    disiplin for one case), RECOMMENDATION_NOT_FOLLOWED (a KASN or BKN
    neutrality recommendation declined, answered lighter or late) or
    CANNOT_ASSESS (the law gives no clean answer: missing facts, no
    statutory level, ...).

    ``settings`` as for Evaluator. Thread safety: immutable; the batch
    calls release the GIL.
    """

    def __init__(self, book: RuleBook | None = None, settings: Mapping[str, Any] | None = None) -> None:
        self._book = _book_of(book)
        self._settings = settings_dict(settings)
        self._auditor = _netra.Auditor(self._book._book, self._settings)
        self._eng: Any = None

    def _engine(self) -> Any:
        # The request layer (netra/api.h) for single calls, made on first use.
        if self._eng is None:
            self._eng = _netra.Engine(self._book._book, self._settings)
        return self._eng

    def audit(self, case: DecidedCase) -> audit_pb2.AuditFinding:
        """The finding for one ``netra.v1.DecidedCase`` (message or dict):
        verdicts, one reason per verdict naming types and articles, the
        rules behind them and the law's own answer. InvalidArgumentError
        naming the field for a malformed case."""
        data = message_bytes(case, audit_pb2.DecidedCase, "case", self._auditor.case_from_json)
        return audit_pb2.AuditFinding.FromString(self._engine().call("Audit", data))

    def audit_frame(self, cases: pd.DataFrame | Iterable[DecidedCase], *, detail: bool = True,
                    errors: Errors = "coerce", threads: int | None = None) -> pd.DataFrame:
        """The verdicts of many decisions as a DataFrame, one row per case.

        ``cases`` is a DataFrame with the columns of ``evaluate_frame``
        (the facts) plus ``sanction_type`` (imposed), ``decision_date``
        (required: the date of the decision), ``official`` (who signed;
        optional), ``case_id`` (optional), ``no_sanction`` and one
        recommendation (``recommended_by``, ``recommendation_date``,
        ``recommended_level``, ``recommended_sanction_type``,
        ``recommendation_declined``, ``recommendation_escalated_date``) --
        or an iterable of DecidedCase messages or dicts (any number of acts,
        sanctions and recommendations per case).

        Columns: case_id, verdict (the most serious), verdicts (all),
        reasons (one sentence per verdict), articles (cited articles),
        law_outcome, law_level, law_regime, law_types (the law's answer),
        error; verdicts, reasons, articles and law_types are tuples. With ``detail=False`` the reasons and articles are left out
        and each case costs about one evaluation (about 20 times faster).

        Bad cases: as ``evaluate_frame`` (``errors="coerce"`` fills
        ``error``; ``"raise"`` raises InvalidArgumentError for the first).
        """
        _errors(errors)
        if not isinstance(detail, bool):
            raise TypeError(f"detail: expected bool, got {type(detail).__name__}")
        if isinstance(cases, pd.DataFrame):
            frame = cases
            spec, row_errors = _frame.columns_spec(frame, tuple(c[0] for c in _frame.COLUMNS), _frame.REQUIRED_AUDIT,
                                                   "audit_frame")
            cols, errs = self._auditor.audit_columns(len(frame), spec, row_errors, _threads(threads), detail)
            index = frame.index
        else:
            items = as_list(cases, "cases")
            blobs = [message_bytes(c, audit_pb2.DecidedCase, f"cases[{i}]", self._auditor.case_from_json)
                     for i, c in enumerate(items)]
            cols, errs = self._auditor.audit_messages(blobs, _threads(threads), detail)
            index = pd.RangeIndex(len(blobs))
            frame = pd.DataFrame(index=index)
        if errors == "raise":
            _raise_first(frame, errs)
        data = _frame.decode(cols)
        if isinstance(cases, pd.DataFrame) and "case_id" in cases.columns:
            data["case_id"] = cases["case_id"].to_numpy(copy=True)  # also for rows that could not be read
        data["error"] = _frame.error_column(len(index), errs)
        # In column order without ``columns=`` (see Evaluator.evaluate_frame).
        return pd.DataFrame({c: data[c] for c in AUDIT_COLUMNS if c in data}, index=index, copy=False)


def audit(cases: pd.DataFrame | Iterable[DecidedCase], *, detail: bool = True, errors: Errors = "coerce",
          settings: Mapping[str, Any] | None = None, book: RuleBook | None = None,
          threads: int | None = None) -> pd.DataFrame:
    """The verdicts of many decisions (see ``Auditor.audit_frame``)."""
    return Auditor(book, settings).audit_frame(cases, detail=detail, errors=errors, threads=threads)


def audit_one(case: DecidedCase, *, settings: Mapping[str, Any] | None = None,
              book: RuleBook | None = None) -> audit_pb2.AuditFinding:
    """The finding for one decided case (see ``Auditor.audit``)."""
    return Auditor(book, settings).audit(case)


def audit_finding_text(finding: audit_pb2.AuditFinding) -> str:
    """A finding as readable text (``netra audit --text``)."""
    if not isinstance(finding, audit_pb2.AuditFinding):
        raise TypeError(f"finding: expected netra.v1.AuditFinding, got {type(finding).__name__}")
    return _netra.audit_finding_text(finding.SerializeToString())
