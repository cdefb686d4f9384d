"""pandas columns <-> the plain column forms of the C++ batch path.

Each input column is turned, with vectorised numpy/pandas operations and a
Python step per *distinct* value only, into one of the forms frame.cc reads:
codes into category values (enums, booleans, dates given as objects or
strings), codes into strings (norm ids, elections, sanction codes), day
numbers (datetime64 columns) or float64 numbers (counts; NaN = not given).
A value that cannot be read (an unknown enum name, a word in a count
column, an impossible date) becomes an error of its rows, not of the batch.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import enum
from typing import Any

import numpy as np
import pandas as pd

from netra import _netra
from netra._convert import to_day
from netra.enums import ALL as ENUMS
from netra.errors import InvalidArgumentError

NO_INT = np.iinfo(np.int64).min
_NS_PER_DAY = 86_400_000_000_000

# (name, type, request field, doc) of every column a frame may carry.
COLUMNS: list[tuple[str, str, str, str]] = [tuple(c) for c in _netra.frame_columns()]
TYPES = {c[0]: c[1] for c in COLUMNS}
AUDIT_ONLY = ("case_id", "sanction_type", "official")
EVALUATE_COLUMNS = tuple(c[0] for c in COLUMNS if c[0] not in AUDIT_ONLY)
REQUIRED_EVALUATE = ("kind", "norm", "act_date")
REQUIRED_AUDIT = ("kind", "norm", "act_date", "sanction_type", "decision_date")

# Enums whose values are ordered by weight in the schema ("a higher number
# is heavier"): their Categoricals are ordered, so sorting and max() work.
_ORDERED = {"Level", "Regime"}


class _RowErrors:
    """The first problem found in each row."""

    def __init__(self, n: int) -> None:
        self.codes = np.full(n, -1, dtype=np.int32)
        self.messages: list[str] = []

    def add(self, rows: np.ndarray, message: str) -> None:
        rows = rows & (self.codes < 0)
        if rows.any():
            self.codes[rows] = len(self.messages)
            self.messages.append(message)

    def spec(self) -> tuple[np.ndarray, list[str]] | None:
        return (self.codes, self.messages) if self.messages else None


def _factorize(series: pd.Series) -> tuple[np.ndarray, list[Any]]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(dtype=np.int32), list(series.cat.categories)
    # An object column as a numpy array: uniques stay Python objects (an
    # Index would try to infer a dtype from mixed values).
    values = series.to_numpy(dtype=object) if series.dtype == object else series
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int32, copy=False), list(uniques)


def _enum_value(value: Any, cls: type[enum.IntEnum]) -> int | None:
    if isinstance(value, enum.Enum):
        return int(value) if isinstance(value, cls) else None
    if isinstance(value, str):
        member = cls.__members__.get(value)
        return None if member is None else int(member)
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        try:
            return int(cls(int(value)))
        except ValueError:
            return None
    return None


def _names(cls: type[enum.IntEnum]) -> str:
    return ", ".join(m.name for m in cls if m.value != 0)


def _enum_column(name: str, series: pd.Series, cls: type[enum.IntEnum], errors: _RowErrors) -> tuple:
    codes, uniques = _factorize(series)
    values = []
    for i, u in enumerate(uniques):
        v = _enum_value(u, cls)
        if v is None:
            errors.add(codes == i, f"{name}: unknown {cls.__name__} {u!r} (one of {_names(cls)})")
            v = 0
        values.append(v)
    return ("codes", codes, values)


def _str_column(name: str, series: pd.Series, errors: _RowErrors) -> tuple:
    codes, uniques = _factorize(series)
    values = []
    for i, u in enumerate(uniques):
        if isinstance(u, str):
            values.append(u)
        elif name == "nip" and isinstance(u, (int, np.integer)) and not isinstance(u, (bool, np.bool_)):
            values.append(str(int(u)))  # read_csv reads an 18-digit NIP as int64
        else:
            errors.add(codes == i, f"{name}: {u!r} is not a string")
            values.append("")
    return ("strings", codes, values)


_TRUE = {"true": 1, "false": 0}


def _bool_column(name: str, series: pd.Series, errors: _RowErrors) -> tuple:
    if series.dtype == np.bool_:
        return ("codes", series.to_numpy(dtype=np.int32), [0, 1])
    if isinstance(series.dtype, pd.BooleanDtype):
        arr = series.array
        codes = np.where(arr.isna(), -1, arr.to_numpy(dtype=bool, na_value=False).astype(np.int32))
        return ("codes", codes.astype(np.int32), [0, 1])
    codes, uniques = _factorize(series)
    values = []
    for i, u in enumerate(uniques):
        if isinstance(u, (bool, np.bool_)):
            values.append(int(bool(u)))
        elif isinstance(u, (int, float, np.integer, np.floating)) and u in (0, 1):
            values.append(int(u))
        elif isinstance(u, str) and u.lower() in _TRUE:
            values.append(_TRUE[u.lower()])
        else:
            errors.add(codes == i, f"{name}: {u!r} is not a boolean (True, False, 1, 0 or missing)")
            values.append(0)
    return ("codes", codes, values)


def _int_column(name: str, series: pd.Series, errors: _RowErrors) -> tuple:
    dtype = series.dtype
    if dtype == np.bool_ or isinstance(dtype, pd.BooleanDtype):
        raise TypeError(f"column {name}: expected counts (numbers), got booleans")
    if isinstance(dtype, pd.CategoricalDtype):
        series = series.astype(object)
        dtype = series.dtype
    if pd.api.types.is_extension_array_dtype(dtype) and pd.api.types.is_numeric_dtype(dtype):
        return ("numbers", series.to_numpy(dtype=np.float64, na_value=np.nan))
    if dtype.kind in "iuf":
        return ("numbers", np.array(series.to_numpy(), dtype=np.float64))  # a copy the C++ loop can own
    # Objects (or strings): numbers as numbers; any other value is an error
    # of its row, never silently "not given".
    numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = np.isnan(numbers) & series.notna().to_numpy()
    if bad.any():
        codes, uniques = pd.factorize(series.where(bad, None), use_na_sentinel=True)
        for i, u in enumerate(uniques):
            errors.add(codes == i, f"{name}: {u!r} is not a number")
    return ("numbers", numbers)


def _date_column(name: str, series: pd.Series, errors: _RowErrors) -> tuple:
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        raise TypeError(f"column {name}: time-zone-aware timestamps are instants, not civil dates; convert them "
                        "first (e.g. series.dt.tz_convert('Asia/Jakarta').dt.date)")
    if dtype.kind == "M":
        ns = series.to_numpy(dtype="datetime64[ns]").view(np.int64)
        nat = ns == NO_INT
        timed = ~nat & (ns % _NS_PER_DAY != 0)
        if timed.any():
            first = series.iloc[int(np.flatnonzero(timed)[0])]
            errors.add(timed, f"{name}: a timestamp with a time of day (e.g. {first}); netra counts civil days "
                              "(use .dt.normalize() or dates)")
        days = np.where(nat, NO_INT, ns // _NS_PER_DAY)
        return ("ints", days.astype(np.int64))
    codes, uniques = _factorize(series)
    values = []
    for i, u in enumerate(uniques):
        try:
            values.append(to_day(u, name))
        except (InvalidArgumentError, TypeError) as e:
            errors.add(codes == i, str(e) if str(e).startswith(name) else f"{name}: {e}")
            values.append(0)
    return ("codes", codes, values)


def columns_spec(frame: pd.DataFrame, allowed: tuple[str, ...], required: tuple[str, ...], what: str,
                 extra: dict[str, Any] | None = None) -> tuple[dict[str, tuple], tuple | None]:
    """The C++ column dict of `frame` and its per-row conversion errors."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in required if c not in frame.columns and not (extra and c in extra)]
    if missing:
        raise InvalidArgumentError(f"{what}: missing column{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(missing)} (required: {', '.join(required)}; "
                                   "netra.frame_columns() lists all)")
    if frame.columns.duplicated().any():
        dup = sorted(set(frame.columns[frame.columns.duplicated()]))
        raise InvalidArgumentError(f"{what}: duplicate columns {dup}")
    # Other columns (a report id, a note) are left alone, but one spelt
    # nearly like a column netra reads is a typo that would silently drop a
    # fact: refused, naming the column meant.
    known = set(allowed) | set(extra or ())
    for c in frame.columns:
        if isinstance(c, str) and c not in known:
            near = difflib.get_close_matches(c, sorted(known), n=1, cutoff=0.85)
            if near:
                raise InvalidArgumentError(f"{what}: column {c!r} is not one netra reads (did you mean {near[0]!r}?)")
    n = len(frame)
    errors = _RowErrors(n)
    spec: dict[str, tuple] = {}
    for name in allowed:  # the order in which a row's problems are reported
        if name not in frame.columns:
            continue
        series = frame[name]
        kind = TYPES[name]
        if kind.startswith("enum:"):
            spec[name] = _enum_column(name, series, ENUMS[kind[5:]], errors)
        elif kind == "str":
            spec[name] = _str_column(name, series, errors)
        elif kind == "bool":
            spec[name] = _bool_column(name, series, errors)
        elif kind == "int":
            spec[name] = _int_column(name, series, errors)
        elif kind == "date":
            spec[name] = _date_column(name, series, errors)
    return spec, errors.spec()


# --- Output ---------------------------------------------------------------

def _enum_categorical(values: np.ndarray, enum_name: str) -> pd.Categorical:
    cls = ENUMS[enum_name]
    members = [m for m in cls if m.value != 0]
    lut = np.full(max(int(m.value) for m in cls) + 1, -1, dtype=np.int32)
    for i, m in enumerate(members):
        lut[m.value] = i
    values = np.asarray(values)
    codes = lut[np.clip(values, 0, len(lut) - 1)]
    codes[(values < 0) | (values >= len(lut))] = -1
    return pd.Categorical.from_codes(codes, categories=[m.name for m in members], ordered=enum_name in _ORDERED)


def decode(columns: dict[str, tuple]) -> dict[str, Any]:
    """Python column values from the C++ column forms."""
    out: dict[str, Any] = {}
    for name, spec in columns.items():
        kind = spec[0]
        if kind == "enum":
            out[name] = _enum_categorical(spec[1], spec[2])
        elif kind == "cat":
            out[name] = pd.Categorical.from_codes(np.asarray(spec[1], dtype=np.int32), categories=list(spec[2]))
        elif kind == "objects":  # built whole in C++ (frame.cc KeyColumn::Lists)
            out[name] = spec[1]
        elif kind == "bool":
            out[name] = np.asarray(spec[1]).astype(bool)
        elif kind == "tristate":
            v = np.asarray(spec[1])
            out[name] = pd.arrays.BooleanArray(v == 1, v < 0)
        elif kind == "date":
            days = np.asarray(spec[1], dtype=np.int64)
            nat = days == NO_INT
            out[name] = np.where(nat, np.datetime64("NaT", "D"), days.astype("datetime64[D]")).astype("datetime64[ns]")
        elif kind == "str":
            out[name] = list(spec[1])
        else:
            raise AssertionError(f"unknown column form {kind}")
    return out


def error_column(n: int, errors: list[tuple[int, str]]) -> np.ndarray:
    col = np.full(n, None, dtype=object)
    for row, message in errors:
        col[row] = message
    return col
