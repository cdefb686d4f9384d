"""netra's C++ extension and python3-protobuf's generated classes in one
process: one libprotobuf, one descriptor pool, messages crossing both ways."""

import subprocess
import sys
import textwrap

import netra
from google.protobuf import descriptor_pool
from google.protobuf.internal import api_implementation
from netra import _netra
from netra.v1 import common_pb2, conduct_pb2, determination_pb2, employee_pb2


def test_python_protobuf_uses_the_cpp_implementation():
    # Debian's python3-protobuf 3.21: the C++ implementation, linked to the
    # same libprotobuf.so.32 as the extension.
    assert api_implementation.Type() == "cpp"


def test_generated_classes_resolve_to_the_cpp_generated_descriptors():
    for name in ("netra/v1/conduct.proto", "netra/v1/determination.proto", "netra/v1/case.proto"):
        assert _netra.generated_pool_has_file(name)
    pool = descriptor_pool.Default()
    assert pool.FindMessageTypeByName("netra.v1.EvaluationRequest") is conduct_pb2.EvaluationRequest.DESCRIPTOR
    assert pool.FindFileByName("netra/v1/conduct.proto") is conduct_pb2.DESCRIPTOR
    assert _netra.message_full_names() == ["netra.v1.EvaluationRequest", "netra.v1.Determination"]


def test_a_request_built_in_python_gives_a_python_determination():
    req = conduct_pb2.EvaluationRequest()
    req.employee.kind = employee_pb2.PNS
    req.employee.position.type = employee_pb2.PELAKSANA
    req.employee.agency.level = employee_pb2.REGENCY_CITY
    act = req.acts.add(norm="pp94.duty.attendance", act_date="2025-06-30")
    act.absence.cumulative_working_days = 3
    d = netra.evaluate(req)
    assert isinstance(d, determination_pb2.Determination)
    assert d.level == common_pb2.RINGAN and [s.code for s in d.allowed_sanctions] == ["R1"]
    # Nested messages are the generated classes too, so they mix freely
    # with messages made in Python.
    cit = d.acts[0].basis[0].citations[0]
    assert type(cit) is common_pb2.Citation
    mine = common_pb2.Citation()
    mine.CopyFrom(cit)
    assert mine == cit
    # And the answer goes back into C++ unchanged.
    assert netra.determination_text(d).startswith("Outcome: SANCTION")
    assert determination_pb2.Determination.FromString(d.SerializeToString()) == d


def _run(code):
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_importing_the_messages_before_netra_works():
    # `import netra.v1.X_pb2` imports the package first, which loads the
    # extension before any *_pb2 module: no "file already exists" conflict.
    out = _run("""
        from netra.v1 import conduct_pb2, determination_pb2
        import google.protobuf.descriptor_pool as dp
        import netra
        r = conduct_pb2.EvaluationRequest()
        r.employee.kind = 1
        r.acts.add(norm="pp94.duty.attendance", act_date="2025-06-30").absence.cumulative_working_days = 3
        d = netra.evaluate(r)
        assert isinstance(d, determination_pb2.Determination)
        assert dp.Default().FindMessageTypeByName("netra.v1.Determination") is determination_pb2.Determination.DESCRIPTOR
        print(d.level)
    """)
    assert out.strip() == "1"


def test_google_protobuf_imported_first_then_netra():
    out = _run("""
        from google.protobuf import json_format, descriptor_pool
        from google.protobuf.internal import api_implementation
        import netra
        from netra.v1 import conduct_pb2
        r = json_format.ParseDict({"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance",
                                   "act_date": "2025-06-30", "absence": {"cumulative_working_days": 3}}]},
                                  conduct_pb2.EvaluationRequest())
        print(api_implementation.Type(), netra.Level(netra.evaluate(r).level).name)
    """)
    assert out.split() == ["cpp", "RINGAN"]
