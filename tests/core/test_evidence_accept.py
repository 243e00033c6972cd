"""Accepting suggested facts: gaps are filled, typed values change only on explicit overwrite."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.accept import NotAcceptable, accept_finding, why_not
from qalsody_desktop.core.extract import extract_facts
from qalsody_desktop.core.extract.compare import compare_with_case
from qalsody_desktop.core.model import Case

NOTE = """Clinic note. Date of service: 2025-06-02
ALSFRS-R total 31/48 on 2025-06-02. FVC 64% predicted on 2025-06-02.
Plasma NfL 88.5 pg/mL (collected 2025-05-28).
Genetic testing: SOD1 c.14C>T (p.Ala5Val), pathogenic. Invitae, CLIA 05D2040778.
"""


def findings_for(case: Case, text: str):
    return compare_with_case(extract_facts(text), dataclasses.asdict(case))


def by_field(findings, field):
    return [f for f in findings if f.field == field]


def test_new_findings_fill_an_empty_case_and_then_match(example_dict):
    case = Case()
    case.patient.first_name, case.patient.last_name = "Test", "Person"
    findings = findings_for(case, NOTE)
    for finding in [f for f in findings if f.kind == "new" and why_not(f) is None]:
        case = accept_finding(case, finding)
    assert case.genetics.variant_cdna == "c.14C>T"
    assert case.genetics.classification == "pathogenic"
    assert case.genetics.clia_number == "05D2040778"
    assert [(e.date, e.total) for e in case.alsfrs_r] == [(date(2025, 6, 2), 31)]
    assert [(p.date, p.fvc_percent_predicted) for p in case.pulmonary] == [(date(2025, 6, 2), 64)]
    assert [(n.date, n.value) for n in case.nfl] == [(date(2025, 5, 28), 88.5)]
    again = findings_for(case, NOTE)
    assert not [f for f in again if f.kind == "new" and why_not(f) is None]
    assert not [f for f in again if f.kind == "conflict"]


def test_conflict_needs_explicit_overwrite_and_keeps_other_entries(example_dict):
    case = case_from_dict(example_dict)
    first = case.alsfrs_r[0]
    text = f"ALSFRS-R total {first.total - 5}/48 on {first.date.isoformat()}."
    conflict = next(f for f in findings_for(case, text) if f.kind == "conflict")
    with pytest.raises(NotAcceptable):
        accept_finding(case, conflict)
    changed = accept_finding(case, conflict, overwrite=True)
    assert changed.alsfrs_r[0].total == first.total - 5
    assert len(changed.alsfrs_r) == len(case.alsfrs_r)
    assert case.alsfrs_r[0].total == first.total  # the input is not modified


def test_a_total_without_a_date_cannot_be_accepted():
    case = Case()
    finding = by_field(findings_for(case, "ALSFRS-R: 30/48"), "alsfrs_r[]")[0]
    assert finding.kind == "new"
    assert "date" in (why_not(finding) or "")
    with pytest.raises(NotAcceptable):
        accept_finding(case, finding)


def test_a_new_entry_is_sorted_into_the_series(example_dict):
    case = case_from_dict(example_dict)
    earliest = min(e.date for e in case.alsfrs_r)
    older = date(earliest.year - 1, 1, 15)
    finding = by_field(findings_for(case, f"ALSFRS-R 46/48 on {older.isoformat()}."), "alsfrs_r[]")
    changed = accept_finding(case, finding[0])
    assert changed.alsfrs_r[0].date == older and changed.alsfrs_r[0].total == 46


def test_an_earlier_value_does_not_lend_its_date_to_the_current_one(example_dict):
    case = case_from_dict(example_dict)
    last = case.alsfrs_r[-1]
    text = f"ALSFRS-R {last.total - 3}/48 (previously {last.total} on {last.date.isoformat()})."
    assert not [f for f in findings_for(case, text) if f.kind == "conflict"]


def test_a_therapy_from_a_note_becomes_a_trial_and_its_stop_date_fills_in():
    case = Case()
    text = "Riluzole 50 mg twice daily was started on 2023-02-01."
    finding = next(f for f in findings_for(case, text) if f.field == "therapies[]")
    case = accept_finding(case, finding)
    assert [(t.drug, t.start) for t in case.therapies] == [("Riluzole", date(2023, 2, 1))]
    later = "Riluzole was stopped on 2023-09-15 because of elevated liver enzymes."
    stop = next(f for f in findings_for(case, later) if f.field == "therapies[].end")
    assert stop.kind == "new" and stop.key == "riluzole"
    case = accept_finding(case, stop)
    assert case.therapies[0].end == date(2023, 9, 15)
