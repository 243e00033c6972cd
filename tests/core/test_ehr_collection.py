"""The HL7 C-CDA Examples collection (../shared/ehr): every file imports or is refused with a
reason (never an exception), and the complete documents propose what their headers say."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from testpaths import SHARED, require_shared

from qalsody_desktop.core.ehr import EhrImportError, build_review, read_export
from qalsody_desktop.core.model import Case

COLLECTION = SHARED / "ehr" / "ccda-examples"


def xml_files() -> list[Path]:
    root = require_shared(COLLECTION)
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")


def test_every_collection_file_imports_without_exception():
    files = xml_files()
    assert len(files) > 400
    refused: list[str] = []
    proposals = 0
    for path in files:
        try:
            imp = read_export(path)
        except EhrImportError as exc:  # a clear reason is fine; anything else fails the test
            refused.append(str(exc))
            continue
        build_review(imp, Case())
        proposals += len(imp.proposals)
    # the one example in the collection that is not well-formed XML
    assert len(refused) <= 1 and all("not well-formed" in r for r in refused), refused
    assert proposals > 300


def value(imp, field):
    found = [p.value for p in imp.proposals if p.field == field and p.info is None]
    return found[0] if found else None


def test_ccd_header_and_payer_are_proposed_as_in_the_file():
    path = require_shared(COLLECTION / "Documents" / "CCD" / "CCD 1" / "CCD.XML")
    imp = read_export(path)
    assert imp.document_type == "Continuity of Care Document"
    assert (value(imp, "patient.first_name"), value(imp, "patient.last_name")) == (
        "Eve",
        "Betterhalf",
    )
    assert value(imp, "patient.date_of_birth") == date(1975, 5, 1)
    assert value(imp, "patient.sex") == "F"
    assert value(imp, "patient.address.city") == "Beaverton"
    assert value(imp, "prescriber.npi") == "5555555555"
    assert value(imp, "insurance.payer") == "Good Health Insurance"
    assert value(imp, "insurance.member_id") == "1138345"
    assert imp.unmapped and imp.narratives


@pytest.mark.parametrize(
    ("rel", "doc_type", "category", "last_name"),
    [
        (
            "Documents/Discharge Summary/Discharge_Summary.xml",
            "Discharge Summary",
            "clinic_note",
            None,
        ),
        (
            "Documents/History and Physical/History_and_Physical.xml",
            "History and Physical",
            "clinic_note",
            None,
        ),
        ("Documents/Care Plan/Care_Plan.xml", "Care Plan", "other", None),
    ],
)
def test_complete_documents_read_their_type(rel, doc_type, category, last_name):
    imp = read_export(require_shared(COLLECTION / rel))
    assert imp.document_type == doc_type and imp.evidence_category == category
    assert value(imp, "patient.last_name")
    assert imp.identity.date_of_birth is not None


def test_unstructured_document_with_embedded_pdf():
    path = require_shared(
        COLLECTION / "Unstructured" / "CDA with Embedded PDF 1" / "Unstructured_Document_embed.xml"
    )
    imp = read_export(path)
    assert imp.embedded and imp.embedded[0].data.startswith(b"%PDF")


def test_masked_ssn_is_never_proposed():
    path = require_shared(
        COLLECTION
        / "Header"
        / "Masked Social Security Number"
        / "Masked Social Security Number.xml"
    )
    ssn = re.findall(r'root="2\.16\.840\.1\.113883\.4\.1"\s+extension="([^"]+)"', path.read_text())
    assert ssn  # the file carries one
    imp = read_export(path)
    assert not [p for p in imp.proposals if str(p.value) in ssn]
    assert not set(ssn) & set(imp.identity.ids)


def _header_facts(path: Path) -> dict[str, str | None] | None:
    """The patient's family name, birth date and sex read straight from the file's XML."""
    from defusedxml.ElementTree import parse

    ns = {"v3": "urn:hl7-org:v3"}
    try:
        root = parse(str(path), forbid_dtd=True).getroot()
    except Exception:  # fragments with undeclared prefixes: not complete documents
        return None
    if root.tag != "{urn:hl7-org:v3}ClinicalDocument":
        return None
    pat = root.find("v3:recordTarget/v3:patientRole/v3:patient", ns)
    if pat is None:
        return None
    names = pat.findall("v3:name", ns)
    name = next((n for n in names if n.get("use") == "L"), names[0] if names else None)
    family = name.find("v3:family", ns) if name is not None else None
    birth = pat.find("v3:birthTime", ns)
    sex = pat.find("v3:administrativeGenderCode", ns)
    return {
        "family": " ".join("".join(family.itertext()).split()) if family is not None else None,
        "birth": (birth.get("value") or "")[:8] if birth is not None else None,
        "sex": sex.get("code") if sex is not None else None,
    }


def test_complete_documents_propose_the_patient_their_header_names():
    checked = 0
    for path in xml_files():
        facts = _header_facts(path)
        if facts is None:
            continue
        imp = read_export(path)
        if facts["family"]:
            assert value(imp, "patient.last_name") == facts["family"], path.name
        if facts["birth"] and len(facts["birth"]) == 8:
            born = value(imp, "patient.date_of_birth")
            assert born is not None and born.strftime("%Y%m%d") == facts["birth"], path.name
        if facts["sex"] in ("M", "F"):
            assert value(imp, "patient.sex") == facts["sex"], path.name
        checked += 1
    assert checked >= 15
