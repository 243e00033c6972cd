"""Bad input for the EHR import: a clear one-line refusal, nothing written, no network."""

from __future__ import annotations

import base64
import json
import socket
from pathlib import Path

import pytest

from qalsody_desktop.core.ehr import EhrCancelled, EhrImportError, prepare_import, read_export

FIX = Path(__file__).resolve().parents[1] / "ehr_fixtures"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("the EHR import opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol3;</title></ClinicalDocument>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/secret">]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&x;</title></ClinicalDocument>"""
XXE_FILE = """<?xml version="1.0"?>
<!DOCTYPE d SYSTEM "file:///etc/passwd"><ClinicalDocument xmlns="urn:hl7-org:v3"/>"""


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bomb.xml", BOMB, "refused"),
        ("xxe.xml", XXE, "refused"),
        ("dtd.xml", XXE_FILE, "refused"),
        ("broken.xml", "<ClinicalDocument><title>x</ClinicalDocument>", "not well-formed"),
        ("page.xml", "<html><body>hello</body></html>", "unknown document type"),
        ("fhir.xml", '<Bundle xmlns="http://hl7.org/fhir"/>', "FHIR XML"),
        ("notes.json", "hello world", "neither XML"),
        ("bad.json", '{"resourceType": "Bundle", "entry": [', "not valid JSON"),
        ("list.json", "[1, 2, 3]", "not FHIR JSON"),
        ("empty.xml", "", "empty"),
        ("scan.xml", b"%PDF-1.7\n", "a PDF"),
        ("utf16.xml", "<a/>".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_input_is_refused_with_a_reason(tmp_path, name, data, message):
    with pytest.raises(EhrImportError, match=message) as exc:
        read_export(write(tmp_path, name, data))
    assert name in str(exc.value)
    assert "\n" not in str(exc.value)


def test_another_patients_export_writes_nothing(store, tmp_path):
    from datetime import date

    from qalsody_desktop.core.ehr import IdentityMismatch
    from qalsody_desktop.core.model import Case, Patient

    case_id = store.cases.create(
        Case(patient=Patient(first_name="Robin", last_name="Else", date_of_birth=date(1980, 2, 2)))
    )
    before = store.cases.get(case_id)
    with pytest.raises(IdentityMismatch, match="date of birth"):
        prepare_import(store, FIX / "als_ccd.xml", case_id)
    after = store.cases.get(case_id)
    assert after.revision == before.revision
    assert store.attachments.list(case_id) == []


def test_cancel_stops_reading_a_large_bundle(tmp_path):
    entry = {
        "resource": {
            "resourceType": "Observation",
            "id": "x",
            "status": "final",
            "code": {"text": "Heart rate"},
            "valueQuantity": {"value": 70},
        }
    }
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [entry] * 60000}
    path = write(tmp_path, "big.json", json.dumps(bundle))
    seen: list[int] = []

    def progress(done, total, _msg):
        seen.append(done)

    with pytest.raises(EhrCancelled):
        read_export(path, progress=progress, cancelled=lambda: len(seen) > 3)
    assert seen and seen == sorted(seen)


def test_embedded_pdf_and_referenced_document(tmp_path):
    pdf = (FIX.parent / "ehr_fixtures" / "als_ccd.xml").read_bytes()[:10]  # any bytes
    doc = {
        "resourceType": "DocumentReference",
        "id": "d",
        "status": "current",
        "content": [
            {
                "attachment": {
                    "contentType": "application/pdf",
                    "data": base64.b64encode(b"%PDF-1.4 x" + pdf).decode(),
                }
            }
        ],
    }
    path = write(tmp_path, "doc.json", json.dumps(doc))
    imp = read_export(path)
    assert imp.embedded and imp.embedded[0].mime == "application/pdf"
    bad = dict(doc, content=[{"attachment": {"contentType": "application/pdf", "data": "@@@"}}])
    imp = read_export(write(tmp_path, "bad64.json", json.dumps(bad)))
    assert not imp.embedded and "not valid base64" in imp.warnings[0]


def test_cancel_stops_reading_a_large_xml_document(tmp_path):
    row = "<tr><td>Heart rate</td><td>72 /min</td></tr>" * 20000
    text = (
        '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody><component>'
        f"<section><title>VITALS</title><text><table>{row}</table></text></section>"
        "</component></structuredBody></component></ClinicalDocument>"
    )
    path = write(tmp_path, "big.xml", text * 1)
    assert path.stat().st_size > 800_000
    reports: list[int] = []
    with pytest.raises(EhrCancelled, match="nothing was written"):
        read_export(
            path, progress=lambda d, t, m: reports.append(d), cancelled=lambda: bool(reports)
        )
    complete: list[int] = []
    imp = read_export(path, progress=lambda d, t, m: complete.append(d))
    assert complete[-1] == 1000 and imp.narratives
