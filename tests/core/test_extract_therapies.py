"""Riluzole / edaravone trials from clinic notes and pharmacy records."""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.extract import extract_facts

NOTE = """Clinic Note    Date of service: 05/19/2025
Medications: Riluzole 50 mg twice daily, started 11/20/2024. Edaravone (Radicava ORS) 105 mg
daily, 10 of 14 days, from 01/06/2025 to 04/07/2025, stopped for lack of benefit.
Patient has not tried Tiglutik.
"""

PHARMACY_CLAIMS = """Express Scripts / Accredo - Pharmacy Claims History
Fill Date    Drug                               Qty   Days Supply
11/20/2024   RILUZOLE 50 MG TABLET              60    30
12/19/2024   RILUZOLE 50 MG TABLET              60    30
01/06/2025   RADICAVA ORS 105 MG/5 ML SUSP      50    28
"""


def therapies(text):
    return [f.value for f in extract_facts(text) if f.field == "therapies[]"]


def test_clinic_note_trials_with_start_stop_and_dose():
    got = therapies(NOTE)
    assert got == [
        {
            "drug": "riluzole",
            "brand": None,
            "start": date(2024, 11, 20),
            "end": None,
            "fill_date": None,
            "dose": "50 mg twice daily",
        },
        {
            "drug": "edaravone",
            "brand": "Radicava ORS",
            "start": date(2025, 1, 6),
            "end": date(2025, 4, 7),
            "fill_date": None,
            "dose": "105 mg daily, 10 of 14 days",
        },
    ]  # "has not tried Tiglutik" gives nothing


def test_pharmacy_claims_give_one_fill_per_row():
    got = therapies(PHARMACY_CLAIMS)
    assert [(t["drug"], t["fill_date"], t["brand"]) for t in got] == [
        ("riluzole", date(2024, 11, 20), None),
        ("riluzole", date(2024, 12, 19), None),
        ("edaravone", date(2025, 1, 6), "Radicava ORS"),
    ]
    assert all(t["start"] is None and t["end"] is None for t in got)


@pytest.mark.parametrize(
    ("brand", "generic"),
    [
        ("Rilutek", "riluzole"),
        ("Tiglutik", "riluzole"),
        ("Exservan", "riluzole"),
        ("Radicava", "edaravone"),
        ("Radicava ORS", "edaravone"),
        ("riluzole", "riluzole"),
        ("EDARAVONE", "edaravone"),
    ],
)
def test_brands_map_to_generic(brand, generic):
    (entry,) = therapies(f"{brand} started 03/01/2025.")
    assert entry["drug"] == generic
    assert entry["start"] == date(2025, 3, 1)
    assert entry["brand"] == (None if brand.lower() in ("riluzole", "edaravone") else brand)


def test_discontinued_date_is_the_end():
    (entry,) = therapies("Riluzole discontinued 04/07/2025 because of nausea.")
    assert entry["end"] == date(2025, 4, 7) and entry["start"] is None


def test_two_drugs_in_one_sentence_keep_their_own_dates():
    got = therapies("Riluzole started 11/20/2024 and Radicava started 01/06/2025.")
    assert [(t["drug"], t["start"]) for t in got] == [
        ("riluzole", date(2024, 11, 20)),
        ("edaravone", date(2025, 1, 6)),
    ]


def test_current_medication_without_a_date_keeps_its_dose():
    (entry,) = therapies("He takes riluzole 50 mg BID.")
    assert entry["dose"] == "50 mg BID" and entry["start"] is None


@pytest.mark.parametrize(
    "text",
    [
        "He never took riluzole.",
        "Patient declined edaravone on 01/06/2025.",
        "Not on riluzole 50 mg at this time.",
        "Riluzole was discussed.",  # no date, no dose
        "The plan requires a trial of riluzole 50 mg twice daily.",
        "Step therapy policy: edaravone must be tried first.",
    ],
)
def test_mentions_that_are_not_trials(text):
    assert therapies(text) == []
