"""Exceptions raised by netra.

Every error of the C++ library (an ``absl::Status``) becomes an instance of
the class for its code, carrying ``.code`` (the canonical code name, e.g.
``"INVALID_ARGUMENT"``) and ``.message`` (the exact C++ message, which names
the field and the value, and for a law file the file, line and rule id).
The classes also derive from the closest built-in exception, so
``except ValueError`` catches a bad value and ``except LookupError`` an
unknown id.

Wrong Python types are ``TypeError`` naming the argument; they never reach
the C++ library.

A legal answer is never an error: "the law gives no level", "fact X is
missing" and "outside scope" are outcomes of a Determination.
"""

from __future__ import annotations

__all__ = [
    "NetraError",
    "InvalidArgumentError",
    "NotFoundError",
    "AlreadyExistsError",
    "FailedPreconditionError",
    "OutOfRangeError",
    "DataLossError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "InternalError",
    "UnknownError",
]


class NetraError(Exception):
    """Base class of netra's errors. ``code`` and ``message`` as in C++."""

    code: str = "UNKNOWN"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:  # KeyError-like bases would add quotes
        return self.message


class InvalidArgumentError(NetraError, ValueError):
    """Malformed input: a request field, a setting, a law file (INVALID_ARGUMENT)."""

    code = "INVALID_ARGUMENT"


class NotFoundError(NetraError, LookupError):
    """A file, rule, election or employee that does not exist (NOT_FOUND)."""

    code = "NOT_FOUND"


class AlreadyExistsError(NetraError, FileExistsError):
    """Something that already exists: a case id taken in a store (ALREADY_EXISTS)."""

    code = "ALREADY_EXISTS"


class FailedPreconditionError(NetraError):
    """The law or the state does not allow it now: a refused case or pact
    event, a date in a year without calendar data (FAILED_PRECONDITION)."""

    code = "FAILED_PRECONDITION"


class OutOfRangeError(NetraError, ValueError):
    """A value beyond a limit (OUT_OF_RANGE)."""

    code = "OUT_OF_RANGE"


class DataLossError(NetraError, OSError):
    """Damage found in a store: an event removed, reordered or altered (DATA_LOSS)."""

    code = "DATA_LOSS"


class PermissionDeniedError(NetraError, PermissionError):
    """A file that cannot be opened (PERMISSION_DENIED)."""

    code = "PERMISSION_DENIED"


class ResourceExhaustedError(NetraError):
    """RESOURCE_EXHAUSTED."""

    code = "RESOURCE_EXHAUSTED"


class InternalError(NetraError):
    """INTERNAL: a bug in netra; please report it with the message."""

    code = "INTERNAL"


class UnknownError(NetraError):
    """UNKNOWN (e.g. an output stream that failed)."""

    code = "UNKNOWN"


# absl::StatusCode numbers (absl/status/status.h).
_BY_CODE: dict[int, tuple[str, type[NetraError]]] = {
    1: ("CANCELLED", NetraError),
    2: ("UNKNOWN", UnknownError),
    3: ("INVALID_ARGUMENT", InvalidArgumentError),
    4: ("DEADLINE_EXCEEDED", NetraError),
    5: ("NOT_FOUND", NotFoundError),
    6: ("ALREADY_EXISTS", AlreadyExistsError),
    7: ("PERMISSION_DENIED", PermissionDeniedError),
    8: ("RESOURCE_EXHAUSTED", ResourceExhaustedError),
    9: ("FAILED_PRECONDITION", FailedPreconditionError),
    10: ("ABORTED", NetraError),
    11: ("OUT_OF_RANGE", OutOfRangeError),
    12: ("UNIMPLEMENTED", NetraError),
    13: ("INTERNAL", InternalError),
    14: ("UNAVAILABLE", NetraError),
    15: ("DATA_LOSS", DataLossError),
    16: ("UNAUTHENTICATED", NetraError),
}


def _from_status(code: int, message: str) -> NetraError:
    """The exception for an absl::Status (called by the C++ extension)."""
    name, cls = _BY_CODE.get(code, ("UNKNOWN", UnknownError))
    return cls(message, name)
