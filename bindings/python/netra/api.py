"""The request layer: every method of the ``netra.v1.Netra`` service by name.

The package's single calls (``evaluate``, ``audit``, ``RuleBook.rule_file``,
``RuleBook.elections_file``, ``replay_case`` ...) go through the same C++
dispatch layer (include/netra/api.h) as the ``netra`` command and the C ABI
(libnetra.so), so the three give the same answers and, in JSON, the same
bytes. Methods and their messages: proto/netra/v1/api.proto.

    >>> import netra
    >>> netra.call("WorkingDays", {"add": {"from": "2025-03-28", "days": 3}}).date   # Idul Fitri 2025 in between
    '2025-04-10'
    >>> import json
    >>> text = open("examples/absence_15_days_2025.json").read()
    >>> json.loads(netra.call_json("Evaluate", text))["level"]                     # as `netra evaluate FILE`
    'SEDANG'

Thread safety: an Engine is immutable; calls release the GIL and may run
from several threads at once.
"""

from __future__ import annotations

import json as _json
from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message

from netra import _netra
from netra._convert import jsonable, once, settings_dict
from netra.law import RuleBook, _book_of
from netra.v1 import api_pb2, audit_pb2, case_pb2, conduct_pb2, determination_pb2, law_pb2, pact_pb2, siasn_pb2

__all__ = ["Engine", "call", "call_json", "default_engine", "methods"]

# Request and response classes of each method (api.proto's service Netra).
_MESSAGES: dict[str, tuple[type[Message], type[Message]]] = {
    "Evaluate": (conduct_pb2.EvaluationRequest, determination_pb2.Determination),
    "EvaluateBatch": (api_pb2.EvaluateBatchRequest, api_pb2.EvaluateBatchResponse),
    "Audit": (audit_pb2.DecidedCase, audit_pb2.AuditFinding),
    "AuditBatch": (api_pb2.AuditBatchRequest, api_pb2.AuditBatchResponse),
    "Rules": (api_pb2.RulesRequest, law_pb2.RuleFile),
    "Elections": (api_pb2.ElectionsRequest, law_pb2.RuleFile),
    "WorkingDays": (api_pb2.WorkingDaysRequest, api_pb2.WorkingDaysResponse),
    "ReplayCase": (api_pb2.ReplayCaseRequest, case_pb2.CaseState),
    "Overdue": (api_pb2.OverdueRequest, api_pb2.OverdueResponse),
    "PactProgress": (api_pb2.PactProgressRequest, api_pb2.PactProgressResponse),
    "Compliance": (api_pb2.ComplianceRequest, api_pb2.ComplianceResponse),
    "FromSiasn": (siasn_pb2.SiasnRecords, siasn_pb2.SiasnImport),
    "SiasnReport": (siasn_pb2.SiasnReportRequest, siasn_pb2.SiasnReportResponse),
}


def methods() -> list[str]:
    """The methods of the service, in the order api.proto declares them."""
    return list(_netra.Engine.methods())


def _method(method: str) -> tuple[type[Message], type[Message]]:
    if not isinstance(method, str):
        raise TypeError(f"method: expected str, got {type(method).__name__}")
    pair = _MESSAGES.get(method)
    if pair is None:
        # The C++ layer's own refusal (UNIMPLEMENTED, naming the methods).
        default_engine()._engine.call(method, b"")
    return pair


class Engine:
    """Answers the methods of ``netra.v1.Netra`` on a rule book with settings.

    ``Engine(book=None, settings=None)``: the embedded law by default;
    ``settings`` as for Evaluator. InvalidArgumentError for an unknown
    setting or a bad value.
    """

    def __init__(self, book: RuleBook | None = None, settings: Mapping[str, Any] | None = None) -> None:
        self._book = _book_of(book)
        self._engine = _netra.Engine(self._book._book, settings_dict(settings))

    def call(self, method: str, request: Message | Mapping[str, Any] | None = None) -> Message:
        """Calls ``method`` with its request (a message of its request type,
        a dict in its JSON form, or None for the empty request) and returns
        the response message. Errors are netra.errors classes with the
        message the ``netra`` command prints."""
        req_cls, resp_cls = _method(method)
        if request is None:
            req = req_cls()
        elif isinstance(request, req_cls):
            req = request
        elif isinstance(request, Mapping):
            # Through the C++ JSON reader, so that errors name the field as
            # the command does.
            text = self._engine.call_json(method, _json.dumps(jsonable(dict(request), "request")), False, False)
            return json_format.Parse(text, resp_cls())
        else:
            raise TypeError(f"request: expected {req_cls.DESCRIPTOR.full_name} or dict, got {type(request).__name__}")
        return resp_cls.FromString(self._engine.call(method, req.SerializeToString()))

    def call_json(self, method: str, request: str, *, pretty: bool = True, emit_defaults: bool = False) -> str:
        """The same in JSON (the protobuf JSON mapping, proto field names):
        the request as text, the response as the ``netra`` command prints it
        (indented; ``pretty=False`` for one line), with fields at their
        default value too if ``emit_defaults``."""
        if not isinstance(request, str):
            raise TypeError(f"request: expected str, got {type(request).__name__}")
        return self._engine.call_json(method, request, bool(pretty), bool(emit_defaults))


@once
def default_engine() -> Engine:
    """An Engine of the embedded law with default settings, made once."""
    return Engine()


def call(method: str, request: Message | Mapping[str, Any] | None = None, *,
         settings: Mapping[str, Any] | None = None, book: RuleBook | None = None) -> Message:
    """``Engine(book, settings).call(method, request)``; the shared default
    engine when neither is given."""
    engine = default_engine() if settings is None and book is None else Engine(book, settings)
    return engine.call(method, request)


def call_json(method: str, request: str, *, pretty: bool = True, emit_defaults: bool = False,
              settings: Mapping[str, Any] | None = None, book: RuleBook | None = None) -> str:
    """``Engine(book, settings).call_json(method, request, ...)``."""
    engine = default_engine() if settings is None and book is None else Engine(book, settings)
    return engine.call_json(method, request, pretty=pretty, emit_defaults=emit_defaults)
