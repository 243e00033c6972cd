"""ALSFRS-R, pulmonary function and NfL facts: values, dates, and what must not be read."""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.extract import extract_facts, extract_from_pages

CLINIC_NOTE = """Triangle ALS & Neuromuscular Center
Clinic Note    Date of service: 05/19/2025
Patient: Harold J. Vance   DOB: 04/09/1966   MRN: TAC-102934
Provider: Anika Rosen, MD

Assessment: ALSFRS-R: 37/48 on 05/19/2025, down from 40 in February. FVC 78% predicted;
SVC: 76 % pred. Plasma NfL 71.5 pg/mL (collected 05/12/2025).
The plan requires an ALSFRS-R score of 24 or higher and SVC >= 65%.

ALSFRS-R history:
2024-11-18    42
2025-02-17    40/48
"""

ALSFRS_SHEET = """ALS Functional Rating Scale - Revised (ALSFRS-R)
Patient: Harold Vance      Date of assessment: 02/17/2025
1. Speech                                   4
2. Salivation                               4
3. Swallowing                               4
4. Handwriting                              3
5a. Cutting food and handling utensils      3
6. Dressing and hygiene                     3
7. Turning in bed and adjusting bed clothes 4
8. Walking                                  3
9. Climbing stairs                          3
10. Dyspnea                                 3
11. Orthopnea                               3
12. Respiratory insufficiency               3
Total: {total}/48
"""
ITEMS = [4, 4, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3]

PFT_REPORT = """Duke Pulmonary Function Laboratory
Test date: 05/19/2025
Spirometry (seated): FVC 3.12 L (78% predicted). FEV1/FVC 82%.
Slow vital capacity 76 % of predicted. Supine FVC 70% predicted.
MIP -62 cmH2O.
"""

NFL_LAB = """Test: Neurofilament Light Chain (NfL), Plasma
Specimen: Plasma    Collected: 05/12/2025
Result: 71.5 pg/mL    Reference interval: <= 9.6 pg/mL
"""


def of(facts, field):
    return [f.value for f in facts if f.field == field]


def test_clinic_note_series_and_measures():
    facts = extract_facts(CLINIC_NOTE)
    assert of(facts, "alsfrs_r[]") == [
        {"date": date(2025, 5, 19), "total": 37},
        {"date": date(2024, 11, 18), "total": 42},
        {"date": date(2025, 2, 17), "total": 40},
    ]
    assert of(facts, "pulmonary[]") == [
        {"date": date(2025, 5, 19), "fvc_percent_predicted": 78, "svc_percent_predicted": 76}
    ]
    assert of(facts, "nfl[]") == [
        {"date": date(2025, 5, 12), "value": 71.5, "unit": "pg/mL", "specimen": "plasma"}
    ]


@pytest.mark.parametrize(
    ("text", "when", "total"),
    [
        ("ALSFRS-R: 37/48 on 05/19/2025", date(2025, 5, 19), 37),
        ("ALSFRS-R total score 40 (02/17/2025).", date(2025, 2, 17), 40),
        ("On 11/18/2024 the ALSFRS-R total score was 42.", date(2024, 11, 18), 42),
        (
            "ALS Functional Rating Scale-Revised (ALSFRS-R) score: 39 on Mar 3, 2025",
            date(2025, 3, 3),
            39,
        ),
        ("ALSFRS-R on 2025-05-19: 37", date(2025, 5, 19), 37),
        ("ALSFRSR 41/48 on 20 December 2024", date(2024, 12, 20), 41),
        ("ALSFRS–R = 0/48 (12/01/2024)", date(2024, 12, 1), 0),
    ],
)
def test_alsfrs_inline_spellings(text, when, total):
    facts = extract_facts(text)
    assert of(facts, "alsfrs_r[]") == [{"date": when, "total": total}]
    assert facts[0].confidence >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "ALSFRS-R: 52/48 on 05/19/2025",  # over 48: impossible
        "ALSFRS-R total 49 on 05/19/2025",
        "Coverage requires an ALSFRS-R score of 24 or higher.",
        "Criteria: ALSFRS-R >= 24 and SVC >= 65%.",
        "ALSFRS-R score of at least 24 is required.",
        "ALSFRS-R declined by 3 points since February.",
        "ALSFRS-R 42 -> 37 over six months.",
        "ALSFRS 38 on 05/19/2025",  # the original 40-point scale
        "ALSFRS-R 37/40 on 05/19/2025",
    ],
)
def test_alsfrs_rules_changes_and_impossible_totals_are_not_read(text):
    assert of(extract_facts(text), "alsfrs_r[]") == []


def test_undated_total_takes_the_notes_date_with_less_confidence():
    facts = extract_facts("Visit date: 02/17/2025\nExam: ALSFRS-R total score 40.")
    assert of(facts, "alsfrs_r[]") == [{"date": date(2025, 2, 17), "total": 40}]
    assert 0.6 < facts[0].confidence < 0.9


def test_date_of_birth_is_never_a_measurement_date():
    facts = extract_facts("DOB: 04/09/1966. ALSFRS-R 40 today.")
    assert of(facts, "alsfrs_r[]") == [{"date": None, "total": 40}]
    assert facts[0].confidence < 0.6
    assert "no date" in facts[0].display


def test_table_with_several_measure_columns():
    text = (
        "Serial measures\n"
        "Date          ALSFRS-R    FVC (L)    FVC % pred    NfL plasma (pg/mL)\n"
        "11/18/2024    42          3.60       88            52.0\n"
        "02/17/2025    40          3.35       82            63.4\n"
        "05/19/2025    52          3.12       78            71.5\n"
    )
    facts = extract_facts(text)
    assert of(facts, "alsfrs_r[]") == [
        {"date": date(2024, 11, 18), "total": 42},
        {"date": date(2025, 2, 17), "total": 40},
    ]  # 52 rejected
    pulmonary = of(facts, "pulmonary[]")
    assert pulmonary[0] == {"date": date(2024, 11, 18), "fvc_percent_predicted": 88}
    assert [p["fvc_percent_predicted"] for p in pulmonary] == [88, 82, 78]  # litres ignored
    assert [n["value"] for n in of(facts, "nfl[]")] == [52.0, 63.4, 71.5]
    assert of(facts, "nfl[]")[0]["specimen"] == "plasma"
    table_fact = next(f for f in facts if f.field == "alsfrs_r[]")
    assert "ALSFRS-R" in table_fact.evidence and "11/18/2024" in table_fact.evidence


@pytest.mark.parametrize("total", [40])
def test_alsfrs_sheet_items_attach_to_the_total(total):
    facts = extract_facts(ALSFRS_SHEET.format(total=total))
    assert of(facts, "alsfrs_r[]") == [{"date": date(2025, 2, 17), "total": 40, "items": ITEMS}]
    assert "12 items" in facts[0].display


def test_alsfrs_items_that_do_not_add_up_are_not_suggested():
    facts = extract_facts(ALSFRS_SHEET.format(total=41))
    assert of(facts, "alsfrs_r[]") == [{"date": date(2025, 2, 17), "total": 41}]


def test_alsfrs_sheet_without_a_total_sums_the_items():
    text = ALSFRS_SHEET.format(total=0).replace("Total: 0/48\n", "")
    facts = extract_facts(text)
    assert of(facts, "alsfrs_r[]") == [{"date": date(2025, 2, 17), "total": 40, "items": ITEMS}]
    assert "sum of 12 items" in facts[0].display


def test_alsfrs_item_list_on_one_line():
    text = "ALSFRS-R 40/48 on 02/17/2025. Item scores: 4, 4, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3"
    assert of(extract_facts(text), "alsfrs_r[]") == [
        {"date": date(2025, 2, 17), "total": 40, "items": ITEMS}
    ]


def test_each_note_of_a_multi_visit_pdf_dates_its_own_totals():
    pages = [
        "Clinic Note\nDate of service: 11/18/2024\nALSFRS-R total score 42.",
        "Clinic Note\nDate of service: 02/17/2025\nALSFRS-R total score 40.",
        "Addendum: ALSFRS-R total score 39.",  # no date on this page: the previous one governs
    ]
    facts = extract_from_pages(pages)
    got = [(f.page, f.value["date"], f.value["total"]) for f in facts if f.field == "alsfrs_r[]"]
    assert got == [
        (1, date(2024, 11, 18), 42),
        (2, date(2025, 2, 17), 40),
        (3, date(2025, 2, 17), 39),
    ]


def test_pft_report():
    facts = extract_facts(PFT_REPORT)
    # FEV1/FVC ratio and the supine FVC are not FVC % predicted
    assert of(facts, "pulmonary[]") == [
        {"date": date(2025, 5, 19), "fvc_percent_predicted": 78, "svc_percent_predicted": 76}
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FVC 78% predicted on 05/19/2025", {"fvc_percent_predicted": 78}),
        ("SVC: 76 % pred (05/19/2025)", {"svc_percent_predicted": 76}),
        ("05/19/2025 FVC % predicted: 81", {"fvc_percent_predicted": 81}),
        (
            "Forced vital capacity (FVC) was 80.5% of predicted on 05/19/2025.",
            {"fvc_percent_predicted": 80.5},
        ),
        ("Slow vital capacity 66% predicted, 05/19/2025", {"svc_percent_predicted": 66}),
    ],
)
def test_pulmonary_spellings(text, expected):
    assert of(extract_facts(text), "pulmonary[]") == [{"date": date(2025, 5, 19), **expected}]


@pytest.mark.parametrize(
    "text",
    [
        "FEV1/FVC 82% on 05/19/2025",
        "Policy: SVC >= 65% predicted.",
        "Requires slow vital capacity of at least 65% predicted.",
        "SVC ≥65% predicted is required.",
        "Supine FVC 70% predicted on 05/19/2025",
        "FVC 250% predicted on 05/19/2025",
        "FVC 3.12 L on 05/19/2025",
    ],
)
def test_pulmonary_values_that_are_not_read(text):
    assert of(extract_facts(text), "pulmonary[]") == []


def test_nfl_lab_report():
    facts = extract_facts(NFL_LAB)
    assert of(facts, "nfl[]") == [
        {"date": date(2025, 5, 12), "value": 71.5, "unit": "pg/mL", "specimen": "plasma"}
    ]  # the reference limit 9.6 is not a result


@pytest.mark.parametrize(
    ("text", "value", "specimen"),
    [
        ("Plasma NfL 71.5 pg/mL on 05/12/2025", 71.5, "plasma"),
        ("NfL (serum): 48 ng/L, drawn 05/12/2025", 48.0, "serum"),
        ("CSF neurofilament light chain 1200 pg/mL (05/12/2025)", 1200.0, "CSF"),
        ("NfL 71.5 pg/mL on 05/12/2025", 71.5, None),
    ],
)
def test_nfl_spellings(text, value, specimen):
    assert of(extract_facts(text), "nfl[]") == [
        {"date": date(2025, 5, 12), "value": value, "unit": "pg/mL", "specimen": specimen}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NfL reference range 0-15 pg/mL.",
        "NfL: pending. Reference interval <= 9.6 pg/mL.",
        "A baseline NfL is required before approval.",
        "Vitamin B12 450 pg/mL on 05/12/2025",  # another analyte in pg/mL
    ],
)
def test_nfl_values_that_are_not_read(text):
    assert of(extract_facts(text), "nfl[]") == []
