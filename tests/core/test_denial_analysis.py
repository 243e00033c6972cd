"""Denial letters analysed from PDF text: date, reference, appeal window, reasons, answers."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest
from testpaths import CORPUS, require_shared

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.checklist import evaluate_checklist
from qalsody_desktop.core.evidence.records import Attachment, PageState
from qalsody_desktop.core.intake.inspect import inspect_bytes, inspect_file
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic.documents import (
    identity_from_case,
    make_document,
    write_demo_set,
)
from qalsody_desktop.core.synthetic.payer import REASON_SENTENCES
from qalsody_desktop.core.tracking.denial import analyse_denial, answer_reasons
from qalsody_desktop.core.tracking.events import validate_event

PROFILE = load_default_profile()
REASON_IDS = [r.id for r in PROFILE.denial_reasons]


def letter_texts(example_dict, reasons, **options) -> list[str]:
    data = make_document(
        "denial_letter", identity_from_case(example_dict), example_dict, reasons=reasons, **options
    )
    inspection = inspect_bytes(data, "denial.pdf")
    assert inspection.status == "ok"
    return list(inspection.page_texts)


def test_demo_set_denial_letter_with_two_reasons_reads_as_exactly_those_two(example_dict, tmp_path):
    reasons = ["non_neurologist_prescriber", "experimental_designation"]
    paths = write_demo_set(tmp_path, example_dict, reasons=reasons)
    (letter,) = [p for p in paths if p.name.endswith("denial_letter.pdf")]
    inspection = inspect_file(letter)
    analysis = analyse_denial(inspection.page_texts, PROFILE)
    assert [m.reason.id for m in analysis.reasons] == reasons
    assert analysis.scope == "reasons_section" and analysis.warnings == []
    # each reason with the sentence that stated it, from the letter's own prose
    for m in analysis.reasons:
        assert m.sentence in " ".join(REASON_SENTENCES[m.reason.id].split())
    # the case example's latest visit is 2025-05-19: request +7 = 05-26, letter +12 = 06-07
    assert analysis.letter_date == date(2025, 6, 7)
    assert analysis.reference == "PA-2025-102934-Q"
    window = analysis.appeal_window
    assert (window.amount, window.unit, window.counted_from) == (180, "days", "receipt")


@pytest.mark.parametrize("reason", REASON_IDS)
def test_each_reason_alone_is_found_alone(example_dict, reason):
    analysis = analyse_denial(letter_texts(example_dict, [reason]), PROFILE)
    assert [m.reason.id for m in analysis.reasons] == [reason]


@pytest.mark.parametrize(
    "pair", [list(p) for p in combinations(REASON_IDS, 2)], ids=lambda p: "+".join(p)
)
def test_pairs_of_reasons_are_found_in_the_letters_order(example_dict, pair):
    analysis = analyse_denial(letter_texts(example_dict, pair[::-1]), PROFILE)
    assert [m.reason.id for m in analysis.reasons] == pair[::-1]


def test_the_proposed_event_is_a_valid_denied_event(example_dict):
    texts = letter_texts(
        example_dict,
        ["not_on_formulary", "incomplete_clinical_documentation"],
        letter_date="2025-12-30",
        reference="CG-77-1234",
    )
    analysis = analyse_denial(texts, PROFILE)
    proposed = analysis.proposed_event(received=date(2026, 1, 5))
    assert proposed["type"] == "denied" and proposed["date"] == "2025-12-30"
    day, data = validate_event(
        "denied", proposed["date"], proposed["data"], reason_ids=tuple(REASON_IDS)
    )
    assert data["letter_date"] == "2025-12-30" and data["received"] == "2026-01-05"
    assert data["reference"] == "CG-77-1234"
    assert data["reasons"] == ["not_on_formulary", "incomplete_clinical_documentation"]
    assert set(data["sentences"]) == set(data["reasons"])
    assert data["appeal_window"]["amount"] == 180


def test_appeal_rights_boilerplate_adds_no_reason():
    text = """Acme Health Plan
March 4, 2026
Member: Test Patient   Date of birth: 01/02/1960
Case number: UM-2026-00042
Reason for denial: This drug is not on the formulary for your plan.
Your rights
You may ask for an appeal within 60 calendar days of the date of this notice. A neurologist
or other specialist may send records. If the drug is experimental, say so.
"""
    analysis = analyse_denial([text], PROFILE)
    assert [m.reason.id for m in analysis.reasons] == ["not_on_formulary"]
    assert analysis.scope == "reasons_section"
    assert analysis.letter_date == date(2026, 3, 4)
    assert analysis.reference == "UM-2026-00042"
    window = analysis.appeal_window
    assert (window.amount, window.day_kind, window.counted_from) == (60, "calendar", "letter_date")


def test_without_a_reasons_heading_the_whole_letter_is_read():
    text = (
        "Date: 11/03/2025\nRe: prior authorization\nAfter review we have denied coverage because"
        " the requested drug is considered investigational for this use.\n"
    )
    analysis = analyse_denial([text], PROFILE)
    assert [m.reason.id for m in analysis.reasons] == ["experimental_designation"]
    assert analysis.scope == "whole_letter"
    assert analysis.letter_date == date(2025, 11, 3)
    assert analysis.reference is None and analysis.appeal_window is None


def test_table_cells_one_per_line_and_other_wordings():
    text = """Member name:
Test Patient
Date of birth:
01/02/1960
Notice date
February 3, 2026
Denial reason(s):
1. Prescriber specialty: the request must come from a neurologist.
Other information
You have 65 days from the date of this notice to ask for a reconsideration.
"""
    analysis = analyse_denial([text], PROFILE)
    # the birth date's line comes first but belongs to its label; the notice date is the letter's
    assert analysis.letter_date == date(2026, 2, 3)
    assert [m.reason.id for m in analysis.reasons] == ["non_neurologist_prescriber"]
    window = analysis.appeal_window
    assert (window.amount, window.counted_from) == (65, "letter_date")


def test_a_reasons_heading_without_a_known_reason_falls_back_to_the_whole_letter():
    text = """Reason for our decision:
See the enclosed clinical review.
Sincerely,
Utilization Review
Enclosure: the requested drug is not on the formulary of your plan.
"""
    analysis = analyse_denial([text], PROFILE)
    assert [m.reason.id for m in analysis.reasons] == ["not_on_formulary"]
    assert analysis.scope == "whole_letter"
    assert any("whole letter" in w for w in analysis.warnings)


def test_answers_name_the_checklist_items_and_evidence_for_each_reason(example_dict, example_path):
    analysis = analyse_denial(
        letter_texts(example_dict, ["no_sod1_documentation", "insufficient_step_therapy"]), PROFILE
    )
    case = load_case_file(example_path)
    report = Attachment(
        id="a1",
        case_id="c1",
        file_name="genetics.pdf",
        original_sha256="0" * 64,
        working_sha256="0" * 64,
        kind="pdf",
        mime="application/pdf",
        size=1,
        pages=1,
        has_text_layer=True,
        needs_conversion=False,
        category="sod1_genetic_report",
        category_source="user",
        confidence=1.0,
        matched=[],
        warnings=[],
        analysis={},
        pages_state=PageState(),
        document_date=None,
        position=1,
        added_at="",
    )
    checklist = evaluate_checklist(case, [report], PROFILE, today=date(2025, 6, 20))
    answer_reasons(analysis.reasons, PROFILE, checklist=checklist, attachments=[report])
    sod1, step = analysis.reasons
    assert [i["id"] for i in sod1.checklist_items] == ["sod1_mutation_confirmed"]
    assert sod1.checklist_items[0]["status"] == checklist.item("sod1_mutation_confirmed").status
    assert {e["category"]: e["attached"] for e in sod1.evidence} == {
        "sod1_genetic_report": ["a1"],
        "medical_necessity_letter": [],
    }
    assert [i["id"] for i in step.checklist_items] == ["step_therapy_documented"]
    assert [e["category"] for e in step.evidence] == [
        "pharmacy_record",
        "clinic_note",
        "medical_necessity_letter",
    ]


def test_a_document_that_is_no_denial_letter_is_flagged():
    path = require_shared(CORPUS / "normal" / "pdfjs__tracemonkey.pdf")
    inspection = inspect_file(path)
    analysis = analyse_denial(inspection.page_texts, PROFILE)
    assert any("does not read like a denial letter" in w for w in analysis.warnings)


def test_a_scan_without_text_asks_for_the_reasons_by_hand(example_dict):
    data = make_document("scan", identity_from_case(example_dict))
    analysis = analyse_denial(inspect_bytes(data, "scan.pdf").page_texts, PROFILE)
    assert analysis.reasons == [] and analysis.letter_date is None
    assert any("no text layer" in w for w in analysis.warnings)
