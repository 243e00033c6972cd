"""Synthetic documents: valid PDFs that carry the case's facts and classify correctly.

Run on two cases: the repo's demo case (always present) and the shared example case (skipped
on a bare clone), so the generators do not only work for the data they were written against.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_synthetic_pdfwriter import qpdf_check

from qalsody_desktop.core.classify import WARN_NO_TEXT, classify_text
from qalsody_desktop.core.policy import ProfileError, load_default_profile
from qalsody_desktop.core.synthetic import (
    DOCUMENT_KINDS,
    EXTRA_KINDS,
    identity_from_case,
    make_document,
    other_identity,
    write_demo_set,
)
from qalsody_desktop.core.synthetic.payer import REASON_SENTENCES

REPO = Path(__file__).resolve().parents[2]
DEMO_CASE = REPO / "resources" / "demo" / "demo-case.json"
PROFILE = load_default_profile()
CATEGORIES = [c for c in PROFILE.category_ids if c != "other"]


@pytest.fixture(params=["demo", "example"])
def case(request) -> dict:
    if request.param == "demo":
        return json.loads(DEMO_CASE.read_text(encoding="utf-8"))
    return request.getfixturevalue("example_dict")


def us(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d:%m/%d/%Y}"


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def expected_values(kind: str, case: dict) -> list[str]:
    """Values from the case each document must print (what the extractors will look for)."""
    p, g, ins = case["patient"], case["genetics"], case["insurance"]
    name, dob = p["last_name"].upper(), us(p["date_of_birth"])
    latest = max(case["alsfrs_r"], key=lambda a: a["date"])
    pft = max(case["pulmonary"], key=lambda t: t["date"])
    nfl = max(case["nfl"], key=lambda t: t["date"])
    return {
        "medical_necessity_letter": [p["last_name"], dob, ins["member_id"], g["variant_protein"],
                                     "Letter of Medical Necessity", g["clia_number"]],
        "sod1_genetic_report": [name, dob, g["variant_cdna"], g["variant_protein"], "SOD1",
                                g["classification"].title(), g["lab_name"], g["clia_number"],
                                us(g["test_date"]), "Heterozygous"],
        "clinic_note": [name, dob, p["mrn"], f"ALSFRS-R total today {latest['total']}/48",
                        f"Date of service: {us(latest['date'])}", "Assessment and Plan"],
        "alsfrs_r": [name, dob, f"Total score: {latest['total']} / 48",
                     f"Date of assessment: {us(latest['date'])}", "Respiratory insufficiency"],
        "pulmonary_function": [name, dob, f"Slow vital capacity {pft['svc_percent_predicted']}%",
                               f"forced vital capacity {pft['fvc_percent_predicted']}%"],
        "emg_ncs": [name, dob, us(case["emg"][-1]["date"]), case["emg"][-1]["summary"][:40]],
        "nfl_lab": [name, dob, str(nfl["value"]), "pg/mL", us(nfl["date"])],
        "pharmacy_record": [name, dob, "Riluzole", "Radicava", ins["member_id"],
                            us(case["therapies"][0]["start"])],
        "denial_letter": [p["first_name"], ins["member_id"], "180 days", "Reference number:"],
        "insurance_card": [name, ins["member_id"], ins["group_number"], ins["plan_name"]],
        "prior_authorization_form": [p["last_name"], dob, ins["member_id"],
                                     case["prescriber"]["npi"], "J1304"],
        "published_reference": [PROFILE.statement("label_indication").text, "DOSAGE AND"],
    }[kind]  # fmt: skip


@pytest.mark.parametrize("kind", CATEGORIES)
def test_each_category_is_valid_carries_its_facts_and_classifies(kind, case, tmp_path):
    data = make_document(kind, identity_from_case(case), case, profile=PROFILE)
    qpdf_check(data, tmp_path, f"{kind}.pdf")
    text = text_of(data)
    for value in expected_values(kind, case):
        assert value in flat(text), f"{kind}: {value!r} missing"
    result = classify_text(text, PROFILE, has_text_layer=True)
    assert result.category == kind, result.scores
    assert result.confidence >= 0.6
    assert result.warnings == []


def test_alsfrs_sheet_prints_the_case_items(case):
    latest = max(case["alsfrs_r"], key=lambda a: a["date"])
    text = text_of(make_document("alsfrs_r", identity_from_case(case), case))
    rows = re.findall(r"^(\d{1,2}a?) .*? ([0-4]) \(", text, re.MULTILINE)
    scores = [int(score) for _, score in rows]
    assert len(scores) == 12 and sum(scores) == latest["total"]
    if latest.get("items"):
        assert scores == latest["items"]


def test_unrelated_document_is_other(case):
    text = text_of(make_document("other", identity_from_case(case), case))
    assert case["patient"]["last_name"] in text
    assert classify_text(text, PROFILE, has_text_layer=True).category == "other"


def test_scan_has_no_text_layer(tmp_path):
    data = make_document("scan", {}, pages=2)
    qpdf_check(data, tmp_path)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert all(len(page.images) == 1 for page in reader.pages)
    text = text_of(data)
    assert text.strip() == ""
    result = classify_text(text, PROFILE, has_text_layer=False)
    assert (result.category, result.confidence, result.warnings) == ("other", 0.0, [WARN_NO_TEXT])


def test_another_patients_note_names_someone_else(case, tmp_path):
    identity = identity_from_case(case)
    data = make_document("other_patient_note", identity, case)
    qpdf_check(data, tmp_path)
    text = text_of(data)
    stranger = other_identity(identity)
    assert stranger["last_name"].upper() in text and us(stranger["date_of_birth"]) in text
    assert identity["last_name"] not in text and identity["last_name"].upper() not in text
    assert us(identity["date_of_birth"]) not in text
    assert classify_text(text, PROFILE, has_text_layer=True).category == "clinic_note"


@pytest.mark.parametrize("reason", [r.id for r in PROFILE.denial_reasons])
def test_denial_reasons_are_worded_with_the_profiles_phrases(reason, example_dict):
    sentence = REASON_SENTENCES[reason].lower()
    assert any(p.lower() in sentence for p in PROFILE.denial_reason(reason).match_phrases)
    letter = text_of(
        make_document(
            "denial_letter", identity_from_case(example_dict), example_dict, reasons=[reason]
        )  # fmt: skip
    )
    assert REASON_SENTENCES[reason].split(".")[0][:60] in flat(letter)
    result = classify_text(letter, PROFILE, has_text_layer=True)
    assert result.category == "denial_letter" and result.confidence >= 0.6


def test_denial_letter_citing_every_reason_is_still_a_denial(example_dict):
    """It names SOD1 testing, ALSFRS-R, NfL, riluzole, formulary: all other categories' words."""
    reasons = [r.id for r in PROFILE.denial_reasons]
    letter = text_of(
        make_document(
            "denial_letter", identity_from_case(example_dict), example_dict, reasons=reasons
        )  # fmt: skip
    )
    result = classify_text(letter, PROFILE, has_text_layer=True)
    assert result.category == "denial_letter" and result.confidence >= 0.6


def test_unknown_denial_reason_and_kind_are_refused(example_dict):
    identity = identity_from_case(example_dict)
    with pytest.raises(ProfileError, match="not_a_reason"):
        make_document("denial_letter", identity, example_dict, reasons=["not_a_reason"])
    with pytest.raises(ValueError, match="unknown document kind"):
        make_document("x_ray", identity, example_dict)
    with pytest.raises(ValueError, match="date_of_birth"):
        make_document("clinic_note", {"first_name": "A", "last_name": "B"})


def test_vus_report_says_so_and_the_note_does_not_plan_tofersen(example_dict):
    vus = json.loads(json.dumps(example_dict))
    vus["genetics"]["classification"] = "uncertain significance"
    identity = identity_from_case(vus)
    report = flat(text_of(make_document("sod1_genetic_report", identity, vus)))
    assert "VARIANT OF UNCERTAIN SIGNIFICANCE" in report and "POSITIVE" not in report
    note = flat(text_of(make_document("clinic_note", identity, vus)))
    assert "not indicated" in note and "prior authorization for Qalsody" not in note


def test_necessity_letter_cites_the_cms_memo_only_for_medicare_advantage(example_dict):
    memo = PROFILE.statement("cms_memo_2024_12_09").text[:60]
    identity = identity_from_case(example_dict)
    commercial = flat(text_of(make_document("medical_necessity_letter", identity, example_dict)))
    assert memo not in commercial
    ma = json.loads(json.dumps(example_dict))
    ma["insurance"]["plan_type"] = "medicare_advantage"
    assert memo in flat(text_of(make_document("medical_necessity_letter", identity, ma)))


def test_documents_work_from_a_bare_identity(tmp_path):
    identity = {"first_name": "Wren", "last_name": "Talbot", "dob": "1970-02-03"}
    for kind in DOCUMENT_KINDS:
        data = make_document(kind, identity)
        assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    qpdf_check(make_document("clinic_note", identity), tmp_path)


def test_generation_is_deterministic(example_dict):
    identity = identity_from_case(example_dict)
    for kind in ("denial_letter", "pharmacy_record", "scan"):
        assert make_document(kind, identity, example_dict) == make_document(
            kind, identity, example_dict
        )


def test_write_demo_set(tmp_path, case):
    paths = write_demo_set(tmp_path / "demo", case)
    assert [p.name for p in paths] == [
        f"{i:02d}-{c}.pdf" for i, c in enumerate(PROFILE.category_ids, start=1)
    ]
    assert all(p.is_file() and p.read_bytes().startswith(b"%PDF") for p in paths)
    extras = write_demo_set(tmp_path / "extras", case, include_extras=True)
    assert [p.name.split("-", 1)[1] for p in extras[-2:]] == [f"{k}.pdf" for k in EXTRA_KINDS]
    denial = text_of((tmp_path / "demo" / "09-denial_letter.pdf").read_bytes())
    assert "step therapy" in denial and "SOD1 mutation" in denial
