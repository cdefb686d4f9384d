"""The JSON Schemas generated from proto/netra/v1 (build/schemas/, one per
message, installed to share/netra/schemas) accept what netra reads and
writes: every law and audit vector's request, the examples, and the answers
the request layer gives them. A host validates its JSON against them."""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from google.protobuf import json_format, text_format

import netra
from netra.v1 import conformance_pb2

from conftest import EXAMPLES, VECTORS

SCHEMAS = os.environ.get("NETRA_SCHEMA_DIR")
pytestmark = pytest.mark.skipif(not SCHEMAS, reason="the schemas are built with the service (NETRA_SCHEMA_DIR unset)")


def validator(message: str):
    import jsonschema

    schema = json.loads((pathlib.Path(SCHEMAS) / f"netra.v1.{message}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(message) -> dict:
    return json.loads(json_format.MessageToJson(message, preserving_proto_field_name=True))


def test_every_law_vector_and_its_answer_fit_their_schemas() -> None:
    request, answer = validator("EvaluationRequest"), validator("Determination")
    files = sorted(VECTORS.glob("*.textproto"))
    assert len(files) > 100
    for f in files:
        v = text_format.Parse(f.read_text(), conformance_pb2.TestVector())
        text = json_format.MessageToJson(v.request, preserving_proto_field_name=True)
        request.validate(json.loads(text))
        answer.validate(json.loads(netra.call_json("Evaluate", text)))


def test_every_audit_vector_and_its_finding_fit_their_schemas() -> None:
    decided, finding = validator("DecidedCase"), validator("AuditFinding")
    for f in sorted((VECTORS / "audit").glob("*.textproto")):
        v = text_format.Parse(f.read_text(), conformance_pb2.AuditVector())
        text = json_format.MessageToJson(v.decided, preserving_proto_field_name=True)
        decided.validate(json.loads(text))
        finding.validate(json.loads(netra.call_json("Audit", text)))


def test_answers_with_every_field_fit_too() -> None:
    answer = validator("Determination")
    text = (EXAMPLES / "absence_15_days_2025.json").read_text()
    answer.validate(json.loads(netra.call_json("Evaluate", text, emit_defaults=True)))


def test_the_siasn_report_fits_its_schema() -> None:
    request = netra.siasn.read_folder(EXAMPLES / "siasn_synthetic")
    request.election, request.as_of = "pilkada2024", "2024-10-01"
    validator("SiasnReportRequest").validate(as_json(request))
    validator("SiasnReportResponse").validate(as_json(netra.siasn.report(request, election="pilkada2024",
                                                                         as_of="2024-10-01")))


def test_a_misspelt_field_and_a_wrong_enum_name_are_refused() -> None:
    import jsonschema

    request = validator("EvaluationRequest")
    with pytest.raises(jsonschema.ValidationError, match="absense"):
        request.validate({"acts": [{"norm": "x", "absense": {}}]})
    with pytest.raises(jsonschema.ValidationError, match="PNX"):
        request.validate({"employee": {"kind": "PNX"}})
