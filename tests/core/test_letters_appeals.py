"""Appeal letters: every denial reason answered with case facts; the route by plan type."""

from __future__ import annotations

import io
import json
from datetime import date

import pypdf
import pytest
from test_letters_support import add_attachment, example_case

from qalsody_desktop.core.letters.context import DenialInfo
from qalsody_desktop.core.letters.denial_source import denial_from_events
from qalsody_desktop.core.letters.service import generate_letter, signed_copy
from qalsody_desktop.core.policy import load_default_profile

TODAY = date(2025, 7, 1)
TWO = DenialInfo(
    letter_date=date(2025, 6, 20),
    received_date=date(2025, 6, 24),
    reference="PA-2025-0620-77",
    reason_ids=("experimental_designation", "insufficient_step_therapy"),
    matched_sentences={
        "experimental_designation": "Tofersen is considered investigational for this use.",
        "insufficient_step_therapy": "Step therapy with riluzole was not documented.",
    },
)


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def make_case(store, example_path, plan_type="fully_insured", urgency="standard"):
    case = example_case(example_path)
    case.insurance.plan_type = plan_type
    case.request.urgency = urgency
    return store.cases.create(case)


def insert_event(store, case_id, event_id, type_, day, data):
    with store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO events (id, case_id, type, date, data, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (event_id, case_id, type_, day, json.dumps(data), f"{day}T09:00:00", f"{day}T09:00:00"),
        )


def test_appeal_answers_both_reasons_with_case_facts(store, example_path):
    case_id = make_case(store, example_path)
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=TWO)
    doc = result.document
    text = doc.plain_text()
    assert "Reason 1: 'Experimental' or investigational designation" in text
    assert "Reason 2: Insufficient step therapy" in text
    assert (
        "Tofersen is considered investigational for this use."
        in doc.block("q_experimental_designation").text
    )
    # experimental: the FDA approval and the label, with sources; the patient within the label
    assert "April 25, 2023" in doc.block("x_fda_approval").text
    assert "superoxide dismutase 1 (SOD1) gene" in doc.block("x_label_indication").text
    fit = doc.block("f_experimental_designation").text
    assert "59 years old" in fit and "p.Ala5Val" in fit and "the labelled use" in fit
    # step therapy: the therapy table with both drugs and their outcomes
    table = doc.block("t_insufficient_step_therapy")
    cells = ["".join(i.text for i in c) for row in table.rows for c in row]
    assert {"riluzole", "edaravone", "ineffective", "50 mg twice daily"} <= set(cells)
    # the denial itself in the RE block, and no CMS memo for a commercial plan
    re_line = doc.block("re_line").text
    assert "PA-2025-0620-77" in re_line and "06/20/2025" in re_line and "06/24/2025" in re_line
    assert "CMS" not in text and "Medicare" not in text
    assert "expedited" not in text.lower()


def test_medicare_advantage_appeal_cites_the_cms_memo_as_reconsideration(store, example_path):
    case_id = make_case(store, example_path, "medicare_advantage")
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=TWO)
    text = result.document.plain_text()
    assert "Request for reconsideration of the denial" in text
    memo = result.document.block("x_cms_memo_2024_12_09").text
    assert "December 9, 2024" in memo and "blanket 'experimental' exclusion" in memo
    assert "CMS memo to Medicare Advantage organizations, 2024-12-09" in text  # its source


@pytest.mark.parametrize(
    ("plan_type", "decision"),
    [
        ("fully_insured", "within 72 hours"),
        ("self_funded_erisa", "within 72 hours"),
        ("medicare_advantage", "within 72 hours"),
    ],
)
def test_expedited_case_asks_for_expedited_appeal(store, example_path, plan_type, decision):
    case_id = make_case(store, example_path, plan_type, urgency="expedited")
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=TWO)
    urgency = result.document.block("urgency").text
    assert urgency.startswith("Expedited review requested.")
    assert "0.84 ALSFRS-R points per month" in urgency
    assert decision in urgency


def test_nc_external_review_carries_what_smart_nc_needs(store, example_path):
    case_id = make_case(store, example_path, "state_health_plan", urgency="expedited")
    add_attachment(store, case_id, "denial_letter", "final-denial.pdf", pages=2)
    result = generate_letter(store, case_id, "external_review_request", today=TODAY, denial=TWO)
    doc = result.document
    assert "Health Insurance Smart NC" in doc.block("addressee").text
    route = doc.block("route").text
    assert "1-855-408-1212" in route
    assert "within 120 calendar days after receipt of the final internal denial notice" in route
    info = doc.block("review_info")
    rows = {"".join(i.text for i in r[0]): "".join(i.text for i in r[1]) for r in info.rows}
    assert "Harold J Vance" in rows["Covered person"] and "04/09/1966" in rows["Covered person"]
    assert "12 Pinecrest Rd" in rows["Address and phone"]
    assert "U5521098834" in rows["Health plan"] and "3310442" in rows["Health plan"]
    assert "1234567893" in rows["Treating physician"]
    final = rows["Final internal adverse determination"]
    assert "PA-2025-0620-77" in final and "06/24/2025" in final
    assert rows["Review requested"] == "Expedited"
    assert "within 3 calendar days" in doc.block("urgency").text
    assert "Denial letter: final-denial.pdf" in doc.plain_text()
    assert "CMS" not in doc.plain_text()


def test_self_funded_plan_gets_the_federal_route_not_smart_nc(store, example_path):
    case_id = make_case(store, example_path, "self_funded_erisa")
    result = generate_letter(store, case_id, "external_review_request", today=TODAY, denial=TWO)
    route = result.document.block("route").text
    assert "federal external review" in route and "within 4 months" in route
    assert "1-855-408-1212" not in result.document.plain_text()
    assert "Smart NC" not in result.document.block("addressee").text


def test_medicare_advantage_external_review_explains_reconsideration(store, example_path):
    case_id = make_case(store, example_path, "medicare_advantage")
    result = generate_letter(store, case_id, "external_review_request", today=TODAY, denial=TWO)
    route = result.document.block("route").text
    rule = load_default_profile().deadline("ma_reconsideration_deadline")  # 60, 65 since 2025
    assert "Medicare Advantage" in route and "reconsideration" in route
    assert f"within {rule.amount} calendar days after the date of the denial notice" in route
    assert "1-855-408-1212" not in result.document.plain_text()
    assert any("Smart NC external review does not apply" in w for w in result.warnings)


def test_medicaid_has_no_route_in_the_profile_so_a_placeholder(store, example_path):
    case_id = make_case(store, example_path, "medicaid")
    result = generate_letter(store, case_id, "external_review_request", today=TODAY, denial=TWO)
    assert "external review route for Medicaid plan missing" in result.placeholders
    assert any("no external review route" in w for w in result.warnings)


def test_unknown_or_missing_reasons_are_placeholders(store, example_path):
    case_id = make_case(store, example_path)
    odd = DenialInfo(reason_ids=("coverage_exhausted",))
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=odd)
    assert "answer to denial reason 'coverage_exhausted' missing" in result.placeholders
    assert "denial reference number and dates missing" in result.placeholders
    none = generate_letter(store, case_id, "internal_appeal", today=TODAY)
    assert "denial reasons missing" in none.placeholders
    assert any("no denial is recorded" in w for w in none.warnings)


def test_denial_comes_from_the_latest_denied_event(store, example_path):
    case_id = make_case(store, example_path)
    insert_event(store, case_id, "e1", "denied", "2025-05-01", {"reasons": ["not_on_formulary"]})
    later = {
        "letter_date": "2025-06-20",
        "received": "2025-06-24",
        "reference": "PA-77",
        "reasons": ["no_sod1_documentation", "not_medically_necessary"],
        "sentences": {"no_sod1_documentation": "No SOD1 mutation was documented."},
    }
    insert_event(store, case_id, "e2", "denied", "2025-06-20", later)
    insert_event(store, case_id, "e3", "call", "2025-06-25", {"reference": "CALL-1"})
    denial = denial_from_events(store, case_id)
    assert denial == DenialInfo(
        date(2025, 6, 20),
        date(2025, 6, 24),
        "PA-77",
        ("no_sod1_documentation", "not_medically_necessary"),
        {"no_sod1_documentation": "No SOD1 mutation was documented."},
        event_id="e2",
    )
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY)
    doc = result.document
    assert "Reason 1: No SOD1 mutation documented" in doc.plain_text()
    assert "Reason 2: Not medically necessary (criteria not met)" in doc.plain_text()
    assert "No SOD1 mutation was documented." in doc.block("q_no_sod1_documentation").text
    criteria = [
        "".join(i.text for i in item) for item in doc.block("c_not_medically_necessary").items
    ]
    assert any(c.startswith("Patient is 18 years or older: age 59") for c in criteria)
    assert any("76%" in c for c in criteria if c.startswith("Slow vital capacity"))
    assert denial_from_events(store, make_case(store, example_path)) is None


def test_synthetic_denial_with_two_reasons_is_answered_end_to_end(
    store, example_path, example_dict
):
    analysis_mod = pytest.importorskip("qalsody_desktop.core.tracking.denial")
    from qalsody_desktop.core.synthetic import identity_from_case, make_document

    profile = load_default_profile()
    reasons = ["non_neurologist_prescriber", "incomplete_clinical_documentation"]
    pdf = make_document(
        "denial_letter", identity_from_case(example_dict), example_dict, reasons=reasons
    )
    pages = [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    analysis = analysis_mod.analyse_denial(pages, profile, today=TODAY)
    assert sorted(m.reason.id for m in analysis.reasons) == sorted(reasons)
    case_id = make_case(store, example_path)
    event = analysis.proposed_event(received=date(2025, 6, 24))
    insert_event(store, case_id, "e9", "denied", event["date"] or "2025-06-20", event["data"])
    doc = generate_letter(store, case_id, "internal_appeal", today=TODAY).document
    prescriber = doc.block("a_non_neurologist_prescriber").text
    assert "Anika Rosen" in prescriber and "Neurology" in prescriber and "ABPN" in prescriber
    assert "0.84 points per month" in doc.block("s_incomplete_clinical_documentation").text
    for reason in reasons:
        assert doc.block(f"q_{reason}").text.startswith("Your letter states:")


def test_signed_copy_is_the_newest_medical_necessity_letter(store, example_path):
    case_id = make_case(store, example_path)
    assert signed_copy(store, case_id) is None
    add_attachment(store, case_id, "medical_necessity_letter", "v1.pdf", added_at="2025-06-01")
    newest = add_attachment(
        store, case_id, "medical_necessity_letter", "v2-signed.pdf", added_at="2025-06-05"
    )
    add_attachment(store, case_id, "clinic_note", "note.pdf", added_at="2025-06-09")
    assert signed_copy(store, case_id).id == newest.id
