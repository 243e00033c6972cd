"""Never invent: a missing fact is a visible placeholder and a warning, never a guess or a gap."""

from __future__ import annotations

import re
from datetime import date

import pytest
from test_letters_support import docx_text, example_case, pdf_text, squash

from qalsody_desktop.core.letters.service import LETTER_KINDS, generate_letter, write_letter
from qalsody_desktop.core.model import AlsfrsR, Case, Genetics, Patient

TODAY = date(2025, 6, 10)
# Gaps a sentence would show if a missing fact were simply left out.
EMPTY_SLOT = re.compile(
    r"\(\s*\)|\s[,.;:](?!\d)|:\s*[.;,]|\bon\s*[.,;]|\bat\s*[.,;]|\bNone\b|\bnull\b|\s{2,}\S"
)


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def case_id(store, example_path):
    return store.cases.create(example_case(example_path))


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not set(ln) <= set("_ ")]


def test_removed_facts_become_placeholders_and_a_warning(store, case_id, example_path, tmp_path):
    case = example_case(example_path)
    case.patient.date_of_birth = None
    case.insurance.member_id = None
    case.diagnosis.diagnosis_date = None
    case.genetics.clia_number = None
    case.alsfrs_r[1].date = None  # the 02/17/2025 assessment loses its date
    case.nfl = []
    case.prescriber.npi = None
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY, case=case)
    for label in (
        "date of birth missing",
        "member ID missing",
        "diagnosis date missing",
        "CLIA number missing",
        "ALSFRS-R date missing",
        "neurofilament light chain (NfL) result missing",
        "prescriber NPI missing",
    ):
        assert label in result.placeholders, label
    assert result.warnings[0].startswith("missing facts: ")
    assert "ALSFRS-R assessment lacks its date" in " ".join(result.warnings)
    out_docx, out_pdf = tmp_path / "l.docx", tmp_path / "l.pdf"
    write_letter(result, docx=out_docx, pdf=out_pdf)
    for text in (squash(docx_text(out_docx)), squash(pdf_text(out_pdf))):
        assert squash("[ALSFRS-R date missing]") in text
        assert squash("[CLIA number missing]") in text
        # the removed values are nowhere: not guessed, not remembered
        for gone in (
            "04/09/1966",
            "U5521098834",
            "diagnosedon11/18/2024",
            "34D0000001",
            "71.5",
            "age59",
        ):
            assert gone not in text, gone
    # the undated assessment is in the table but not in the decline: 42 -> 37 over 182 days
    assert "0.84 points per month" in result.document.block("alsfrs").text


def test_a_sentence_whose_facts_are_all_missing_is_one_placeholder(store, case_id, example_path):
    case = example_case(example_path)
    case.genetics = Genetics()
    case.diagnosis.criteria = None
    case.diagnosis.criteria_category = None
    case.pulmonary = []
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY, case=case)
    doc = result.document
    assert doc.block("genetics").text == "[SOD1 genetic test result missing]"
    assert doc.block("pulmonary").text == "[vital capacity (SVC/FVC) missing]"
    assert "[diagnostic criteria met missing]" in doc.block("diagnosis").text
    assert "criteria for" not in doc.block("diagnosis").text


def test_single_alsfrs_assessment_asks_for_a_serial_one(store, case_id, example_path):
    case = example_case(example_path)
    case.alsfrs_r = [AlsfrsR(date(2025, 5, 19), 37)]
    case.diagnosis.symptom_onset_date = None
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY, case=case)
    text = result.document.block("alsfrs").text
    assert text.startswith("The ALSFRS-R total was 37/48 on 05/19/2025.")
    assert "[serial ALSFRS-R assessment missing]" in text
    assert "alsfrs_chart" not in result.document.ids()  # one point is not a trend


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_nearly_empty_case_gives_no_gaps_and_no_inventions(store, kind):
    case = Case(patient=Patient(first_name="Ada", last_name="Testcase"))
    case_id = store.cases.create(case)
    result = generate_letter(store, case_id, kind, today=TODAY)
    assert result.placeholders, "an empty case must show what is missing"
    assert any("missing" in w or "blank" in w for w in result.warnings)
    text = result.document.plain_text()
    bad = [ln for ln in _lines(text) if EMPTY_SLOT.search(ln)]
    assert bad == []
    # nothing from the example case or any other patient leaks in
    for invented in ("Vance", "Rosen", "c.14C>T", "p.Ala5Val", "71.5", "Piedmont", "50 mg", "76%"):
        assert invented not in text, invented


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_complete_case_text_has_no_empty_slots(store, case_id, kind):
    result = generate_letter(store, case_id, kind, today=TODAY)
    bad = [ln for ln in _lines(result.document.plain_text()) if EMPTY_SLOT.search(ln)]
    assert bad == []
