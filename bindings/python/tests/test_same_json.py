"""The command, the C ABI, Python and the HTTP service give byte-identical
JSON for every law vector (tests/vectors/) and every audit vector
(tests/vectors/audit/).

All go through the one request layer (include/netra/api.h): ``netra
evaluate FILE`` / ``netra audit FILE``, ``netra_call`` of libnetra.so (run by
tests/c_abi_call.c in its own process: libnetra.so and this package both
register the netra.v1 descriptors, so they do not share a process),
``netra.call_json`` and, when the command has it (NETRA_SERVE=1), ``POST
/v1/<Method>?pretty=true`` of ``netra serve``. The JSON is the request of
each vector as a host would send it.

Every vector in the normal build (about 25 s: one command process per
vector). In the sanitized build every 8th law vector and every audit vector:
there each process of the Debug + ASan command takes about a second, and the
whole set would make the sanitized pytest run seven minutes instead of one.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
from concurrent.futures import ThreadPoolExecutor

import sys

import pytest
from google.protobuf import json_format, text_format

import netra
from netra.v1 import conformance_pb2

from conftest import SANITIZED, SOURCE_DIR, VECTORS

CLI = os.environ.get("NETRA_CLI")
C_ABI_CALL = os.environ.get("NETRA_C_ABI_CALL")


def _requests(tmp: pathlib.Path) -> list[tuple[str, str, pathlib.Path]]:
    """(vector name, method, JSON request file) for every vector."""
    out = []
    for path in sorted(VECTORS.glob("*.textproto")):
        v = text_format.Parse(path.read_text(), conformance_pb2.TestVector())
        out.append((path.name, "Evaluate", v.request))
    for path in sorted((VECTORS / "audit").glob("*.textproto")):
        v = text_format.Parse(path.read_text(), conformance_pb2.AuditVector())
        out.append(("audit/" + path.name, "Audit", v.decided))
    files = []
    for i, (name, method, message) in enumerate(out):
        f = tmp / f"{i}.json"
        f.write_text(json_format.MessageToJson(message, preserving_proto_field_name=True))
        files.append((name, method, f))
    return files


@pytest.mark.skipif(not CLI or not C_ABI_CALL, reason="needs NETRA_CLI and NETRA_C_ABI_CALL (ctest python)")
def test_cli_c_abi_and_python_give_the_same_bytes_for_every_vector(tmp_path: pathlib.Path) -> None:
    requests = _requests(tmp_path)
    assert len(requests) >= 360, "the vectors were not found"
    if SANITIZED:
        requests = [r for i, r in enumerate(requests) if r[1] == "Audit" or i % 8 == 0]

    def cli(item: tuple[str, str, pathlib.Path]) -> bytes:
        _, method, f = item
        r = subprocess.run([CLI, method.lower(), str(f)], capture_output=True, check=False)
        assert r.returncode == 0, (item[0], r.stderr)
        return r.stdout

    with ThreadPoolExecutor(max_workers=2) as pool:
        by_cli = list(pool.map(cli, requests))

    by_c = {}
    for method in ("Evaluate", "Audit"):
        items = [(i, f) for i, (_, m, f) in enumerate(requests) if m == method]
        out = tmp_path / method
        out.mkdir()
        subprocess.run([C_ABI_CALL, method, str(out)] + [str(f) for _, f in items], check=True)
        for n, (i, _) in enumerate(items):
            assert not (out / f"{n}.err").exists(), (requests[i][0], (out / f"{n}.err").read_text())
            by_c[i] = (out / f"{n}.json").read_bytes()

    by_http = by_cli
    if os.environ.get("NETRA_SERVE") == "1":
        sys.path.insert(0, str(SOURCE_DIR / "tests" / "serve"))
        from service import Service

        with Service(CLI, "--quiet") as service:
            def http(item: tuple[str, str, pathlib.Path]) -> bytes:
                status, body = service.call(item[1], item[2].read_bytes(), query="?pretty=true")
                assert status == 200, (item[0], body)
                return body

            with ThreadPoolExecutor(max_workers=2) as pool:
                by_http = list(pool.map(http, requests))

    different = []
    for i, (name, method, f) in enumerate(requests):
        by_python = netra.call_json(method, f.read_text()).encode()
        if not (by_cli[i] == by_c[i] == by_python == by_http[i]):
            different.append(name)
    assert not different, f"{len(different)} of {len(requests)} vectors differ, the first: {different[:3]}"
    # The answers are real determinations and findings, not empty documents.
    assert all(b'"rule_book_revision"' in by_cli[i] for i, r in enumerate(requests) if r[1] == "Evaluate")
    assert all(b'"verdict"' in by_cli[i] for i, r in enumerate(requests) if r[1] == "Audit")


def test_python_single_calls_equal_the_layer() -> None:
    # netra.evaluate (the package's own call) and netra.call give the same message.
    request = {"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
               "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",
                         "absence": {"cumulative_working_days": 15, "consecutive_working_days": 4}}]}
    assert netra.evaluate(request) == netra.call("Evaluate", request)
    assert netra.default_rule_book().rule_file("2025-01-01") == netra.call("Rules", {"as_of": "2025-01-01"})
    assert netra.default_rule_book().elections_file() == netra.call("Elections")
    assert netra.methods()[0] == "Evaluate" and "PactProgress" in netra.methods()


def test_errors_carry_the_commands_words() -> None:
    with pytest.raises(netra.InvalidArgumentError, match=r'acts\[0\]\.act_date: "2025-02-30" is not a date'):
        netra.call_json("Evaluate", '{"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance", '
                                    '"act_date": "2025-02-30"}]}')
    with pytest.raises(netra.NetraError, match="is not a method of netra.v1.Netra") as e:
        netra.call("Evaluat")
    assert e.value.code == "UNIMPLEMENTED"


def test_emit_defaults_writes_every_field() -> None:
    text = netra.call_json("WorkingDays", '{"is_working_day": "2025-01-01"}', pretty=False, emit_defaults=True)
    assert '"working_day":false' in text and '"count":0' in text
    assert '"count"' not in netra.call_json("WorkingDays", '{"is_working_day": "2025-01-01"}', pretty=False)
