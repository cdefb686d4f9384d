"""NIPs, dates, enums, errors, stubs and docstrings."""

import ast
import datetime as dt
import enum
import inspect
import pathlib

import numpy as np
import pytest

import netra
from netra import errors

PKG = pathlib.Path(netra.__file__).parent


def test_parse_nip():
    n = netra.parse_nip("19771128 200408 1 001")
    assert n.digits == "197711282004081001" and n.style == "PNS"
    assert n.birth_date == dt.date(1977, 11, 28) and n.appointed == dt.date(2004, 8, 1)
    assert n.sex == 1 and n.sequence == 1
    p = netra.parse_nip("197903242025241001")
    assert p.style == "PPPK" and p.appointed == dt.date(2025, 1, 1)


@pytest.mark.parametrize("bad", ["12345", "197702302004081001", "197711282004131001", "197711282004083001",
                                 "197711282004081000", "19771128200408100x"])
def test_bad_nips_name_field_and_value(bad):
    with pytest.raises(netra.InvalidArgumentError, match="employee.nip") as e:
        netra.parse_nip(bad, "employee.nip")
    assert e.value.code == "INVALID_ARGUMENT"


def test_parse_date_is_strict():
    assert netra.parse_date("2024-02-29") == dt.date(2024, 2, 29)
    for bad in ("2025-02-29", "2025-2-1", "2025-02-01T00:00", "3000-01-01", ""):
        with pytest.raises(netra.InvalidArgumentError):
            netra.parse_date(bad)
    with pytest.raises(TypeError, match="text"):
        netra.parse_date(dt.date(2025, 1, 1))
    with pytest.raises(TypeError, match="text"):
        netra.parse_nip(197711282004081001)


def test_enums_are_intenums_from_the_schema():
    assert issubclass(netra.Level, enum.IntEnum)
    assert netra.Level.SEDANG == 2 and netra.Level["BERAT"] > netra.Level.SEDANG
    assert netra.Outcome.MISSING_FACTS.name == "MISSING_FACTS"
    assert netra.DeadlineStatus.OVERDUE == netra.v1.case_pb2.Deadline.OVERDUE
    assert netra.Team.REQUIRED == netra.v1.law_pb2.ProcedureRule.REQUIRED
    for name in ("EmployeeKind", "PositionType", "AgencyLevel", "Impact", "Official", "Office", "Stage",
                 "CandidateStatus", "Verdict", "CaseStatus", "EventType", "PactEventType", "SigningMethod"):
        assert issubclass(getattr(netra, name), enum.IntEnum)


def test_the_enum_stub_lists_exactly_the_generated_enums():
    tree = ast.parse((PKG / "enums.pyi").read_text(encoding="utf-8"))
    stub = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            stub[node.name] = {t.targets[0].id: t.value.value for t in node.body
                               if isinstance(t, ast.Assign) and isinstance(t.value, ast.Constant)}
    live = {name: {m.name: int(m) for m in cls} for name, cls in netra.enums.ALL.items()}
    assert stub == live, "regenerate bindings/python/netra/enums.pyi (bindings/python/gen_enum_stub.py)"


def test_the_extension_stub_lists_exactly_the_extension():
    # _netra.pyi is written by hand: a method added to module.cc without its
    # stub line (or a stub line left after a removal) fails here.
    from netra import _netra
    tree = ast.parse((PKG / "_netra.pyi").read_text(encoding="utf-8"))
    stub = {n.name: {m.name for m in n.body if isinstance(m, ast.FunctionDef)}
            | {m.target.id for m in n.body if isinstance(m, ast.AnnAssign)}
            for n in tree.body if isinstance(n, ast.ClassDef)}
    stub_functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    live = {k: getattr(_netra, k) for k in dir(_netra) if not k.startswith("__")}
    assert {k for k, v in live.items() if not isinstance(v, type)} == stub_functions
    assert {k for k, v in live.items() if isinstance(v, type)} == set(stub)
    for name, methods in stub.items():
        # Public and private methods, __len__; __init__ only where the stub
        # declares a constructor (pybind11 gives every class one that raises).
        cls = getattr(_netra, name)
        members = {k for k in vars(cls) if not k.startswith("__") and k != "_pybind11_conduit_v1_"}
        members |= {k for k in ("__len__",) if k in vars(cls)}
        assert members == methods - {"__init__"}, name


def test_status_codes_map_to_the_exception_classes():
    cases = {3: (netra.InvalidArgumentError, ValueError), 5: (netra.NotFoundError, LookupError),
             6: (netra.AlreadyExistsError, FileExistsError), 9: (netra.FailedPreconditionError, netra.NetraError),
             11: (netra.OutOfRangeError, ValueError), 15: (netra.DataLossError, OSError),
             7: (netra.PermissionDeniedError, PermissionError), 13: (netra.InternalError, netra.NetraError)}
    for code, (cls, base) in cases.items():
        e = errors._from_status(code, "field: value is wrong")
        assert type(e) is cls and isinstance(e, base) and isinstance(e, netra.NetraError)
        assert str(e) == e.message == "field: value is wrong"


def test_every_public_function_and_class_has_a_docstring():
    missing = []
    for name in netra.__all__:
        obj = getattr(netra, name)
        if inspect.isfunction(obj) or inspect.isclass(obj) and not issubclass(obj, enum.Enum):
            if not (obj.__doc__ or "").strip():
                missing.append(name)
            if inspect.isclass(obj):
                for mname, m in vars(obj).items():
                    if not mname.startswith("_") and (inspect.isfunction(m) or isinstance(m, (property, classmethod))):
                        f = m.fget if isinstance(m, property) else getattr(m, "__func__", m)
                        if not (f.__doc__ or "").strip() and mname not in ("case_id", "events", "election",
                                                                           "dropped_bytes"):
                            missing.append(f"{name}.{mname}")
    assert missing == []


def test_py_typed_and_stubs_are_shipped():
    assert (PKG / "py.typed").exists() and (PKG / "_netra.pyi").exists() and (PKG / "enums.pyi").exists()
    assert (PKG / "v1" / "conduct_pb2.pyi").exists()


def test_to_dict():
    d = netra.to_dict(netra.evaluate({"employee": {"kind": "PNS"}, "acts": [
        {"norm": "pp94.duty.attendance", "act_date": "2025-06-30", "absence": {"cumulative_working_days": 3}}]}))
    assert d["outcome"] == "SANCTION" and d["level"] == "RINGAN"
    with pytest.raises(TypeError):
        netra.to_dict({"a": 1})


def test_numpy_dates_in_dicts():
    d = netra.evaluate({"employee": {"kind": "PNS"}, "acts": [
        {"norm": "pp94.duty.attendance", "act_date": np.datetime64("2025-06-30"),
         "absence": {"cumulative_working_days": np.int64(3)}}]})
    assert d.level == netra.Level.RINGAN
