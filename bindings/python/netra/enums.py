"""The enums of the netra.v1 schema as ``enum.IntEnum`` classes.

They are generated at import time from the protobuf descriptors (the single
source of truth, proto/netra/v1), so a value added to the schema appears
here without code; ``enums.pyi`` lists them for type checkers and a test
keeps the two in step. Members compare equal to the integers the messages
hold: ``det.level == Level.SEDANG``.

Nested enums get their parent's name as a prefix: ``Deadline.Status`` is
``DeadlineStatus``, ``ProcedureRule.Team`` is ``Team``, ``Setting.Type`` is
``SettingType``, ``Norm.Kind`` is ``NormKind``.
"""

from __future__ import annotations

import enum
from typing import Any

from netra.v1 import (audit_pb2, calendar_pb2, case_pb2, common_pb2, conduct_pb2, determination_pb2, election_pb2,
                      employee_pb2, law_pb2, pact_pb2)

_MODULES = (common_pb2, employee_pb2, election_pb2, calendar_pb2, law_pb2, conduct_pb2, determination_pb2, audit_pb2,
            case_pb2, pact_pb2)

# Nested enums and the names they are exported under.
_NESTED = {
    "netra.v1.Deadline.Status": "DeadlineStatus",
    "netra.v1.ProcedureRule.Team": "Team",
    "netra.v1.Setting.Type": "SettingType",
    "netra.v1.Norm.Kind": "NormKind",
}


def _make(descriptor: Any, name: str) -> type[enum.IntEnum]:
    cls = enum.IntEnum(name, [(v.name, v.number) for v in descriptor.values], module=__name__)  # type: ignore[misc]
    cls.__doc__ = f"netra.v1 enum {descriptor.full_name} (values as in proto/netra/v1)."
    return cls


ALL: dict[str, type[enum.IntEnum]] = {}
for _m in _MODULES:
    for _name, _d in _m.DESCRIPTOR.enum_types_by_name.items():
        ALL[_name] = _make(_d, _name)
    for _msg in _m.DESCRIPTOR.message_types_by_name.values():
        for _d in _msg.enum_types:
            if _d.full_name in _NESTED:
                ALL[_NESTED[_d.full_name]] = _make(_d, _NESTED[_d.full_name])

globals().update(ALL)
__all__ = sorted(ALL)


def enum_named(name: str) -> type[enum.IntEnum]:
    """The enum class called ``name`` ("Level", "DeadlineStatus", ...).

    Raises KeyError for an unknown name.
    """
    return ALL[name]
