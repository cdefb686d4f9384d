"""Conversions at the boundary: dates, messages and dicts, argument checks.

Dates: netra counts civil days. A ``datetime.date`` is taken as it is; a
naive ``datetime``/``pandas.Timestamp``/``numpy.datetime64`` only when it is
exactly midnight (pandas' representation of a date); a time-zone-aware one
is refused, because it is an instant whose day depends on a zone netra will
not guess. Strings must be ISO "YYYY-MM-DD" and are parsed strictly by the
C++ library ("2025-02-30" is an error, not 2 March). Nothing here reads the
clock or the machine's time zone.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import json
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Callable, TypeVar

import numpy as np
from google.protobuf import json_format
from google.protobuf.message import Message

from netra import _netra
from netra.errors import InvalidArgumentError

_EPOCH = _dt.date(1970, 1, 1).toordinal()

DateLike = Any  # datetime.date | str | numpy.datetime64 | pandas.Timestamp
M = TypeVar("M", bound=Message)


def to_day(value: DateLike, name: str) -> int:
    """Day number (days since 1970-01-01) of a date-like value."""
    if isinstance(value, _dt.datetime):  # also pandas.Timestamp
        if value.tzinfo is not None:
            raise TypeError(f"{name}: {value!r} is time-zone aware (an instant, not a civil date); "
                            "pass a datetime.date")
        if (value.hour, value.minute, value.second, value.microsecond, getattr(value, "nanosecond", 0)) != (0, 0, 0, 0, 0):
            raise InvalidArgumentError(f"{name}: {value.isoformat()} has a time of day; netra counts civil days "
                                       "(pass a datetime.date)")
        value = value.date()
    if isinstance(value, _dt.date):
        return value.toordinal() - _EPOCH
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise InvalidArgumentError(f"{name}: NaT is not a date")
        day = value.astype("datetime64[D]")
        if day != value:
            raise InvalidArgumentError(f"{name}: {value} has a time of day; netra counts civil days")
        return int(day.astype(np.int64))
    if isinstance(value, str):
        return _netra.parse_date(value, name)
    raise TypeError(f"{name}: expected a datetime.date or an ISO 'YYYY-MM-DD' string, got {type(value).__name__}")


def opt_day(value: DateLike | None, name: str) -> int | None:
    return None if value is None else to_day(value, name)


def from_day(days: int) -> _dt.date:
    return _dt.date.fromordinal(int(days) + _EPOCH)


def iso_to_date(text: str) -> _dt.date | None:
    """A message's "YYYY-MM-DD" field as a date; "" (not given) as None."""
    return _dt.date.fromisoformat(text) if text else None


def check_type(value: Any, types: type | tuple[type, ...], name: str) -> None:
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
        want = " or ".join(t.__name__ for t in _tuple(types))
        raise TypeError(f"{name}: expected {want}, got {type(value).__name__}")


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def check_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected int, got {type(value).__name__}")
    return int(value)


def settings_dict(settings: Mapping[str, Any] | None, name: str = "settings") -> dict[str, str]:
    """Setting overrides as strings ("true", "2026-01-01", "14")."""
    if settings is None:
        return {}
    if not isinstance(settings, Mapping):
        raise TypeError(f"{name}: expected a mapping of setting names to values, got {type(settings).__name__}")
    out: dict[str, str] = {}
    for k, v in settings.items():
        if not isinstance(k, str):
            raise TypeError(f"{name}: setting names are strings, got {type(k).__name__}")
        if isinstance(v, bool):
            out[k] = "true" if v else "false"
        elif isinstance(v, (_dt.date, np.datetime64)):
            out[k] = from_day(to_day(v, f"{name}[{k!r}]")).isoformat()
        elif isinstance(v, enum.Enum):
            out[k] = v.name
        elif isinstance(v, (str, int, np.integer)):
            out[k] = str(v)
        else:
            raise TypeError(f"{name}[{k!r}]: expected str, bool, int or date, got {type(v).__name__}")
    return out


def jsonable(value: Any, name: str) -> Any:
    """A dict as protobuf JSON: dates as ISO strings, enums by name."""
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{name}: keys are field names (str), got {type(k).__name__}")
            out[k] = jsonable(v, f"{name}.{k}")
        return out
    if isinstance(value, (list, tuple)):
        return [jsonable(v, f"{name}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (_dt.date, np.datetime64)):
        return from_day(to_day(value, name)).isoformat()
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, Message):
        return json_format.MessageToDict(value, preserving_proto_field_name=True)
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{name}: {type(value).__name__} cannot be a message field")


def message_bytes(value: Any, cls: type[M], name: str, from_json: Callable[[str], bytes]) -> bytes:
    """Serialized bytes of a message given as an instance of `cls`, a dict
    (protobuf JSON field names; parsed by the C++ JSON reader, with the
    CLI's messages) or serialized bytes."""
    if isinstance(value, cls):
        return value.SerializeToString()
    if isinstance(value, Message):
        raise TypeError(f"{name}: expected {cls.DESCRIPTOR.full_name}, got {value.DESCRIPTOR.full_name}")
    if isinstance(value, Mapping):
        return from_json(json.dumps(jsonable(value, name)))
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{name}: expected a {cls.DESCRIPTOR.full_name} message or a dict, got {type(value).__name__}")


def to_dict(message: Message) -> dict[str, Any]:
    """A message as a dict with the proto field names (enums by name)."""
    if not isinstance(message, Message):
        raise TypeError(f"message: expected a protobuf message, got {type(message).__name__}")
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def is_path(value: Any) -> bool:
    return isinstance(value, os.PathLike) or (isinstance(value, str) and "\n" not in value and os.path.exists(value))


def as_list(values: Any, name: str) -> list[Any]:
    if isinstance(values, (str, bytes, Mapping, Message)) or not isinstance(values, Iterable):
        raise TypeError(f"{name}: expected a list (or another iterable), got {type(values).__name__}")
    return list(values)


_T = TypeVar("_T")


def once(make: Callable[[], _T]) -> Callable[[], _T]:
    """Decorates a zero-argument factory of a shared default (rule book,
    evaluator, case machine): the first call makes it under a lock, so
    threads racing on first use share one; later calls return it."""
    lock = threading.Lock()
    made: list[_T] = []

    @functools.wraps(make)
    def get() -> _T:
        with lock:
            if not made:
                made.append(make())
            return made[0]

    return get
