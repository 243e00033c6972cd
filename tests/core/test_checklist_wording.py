"""Spelling variants of the same clinical fact must not change a verdict."""

from __future__ import annotations

import dataclasses

import pytest

from qalsody_desktop.core.checklist import evaluate_checklist
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.extract import extract_facts
from qalsody_desktop.core.extract.compare import compare_with_case
from qalsody_desktop.core.policy import load_default_profile


@pytest.mark.parametrize(
    ("category", "accepted"),
    [
        ("clinically probable - laboratory supported", True),
        ("Clinically Probable, Laboratory-Supported", True),
        ("clinically definite", True),
        ("clinically possible", False),
        ("suspected", False),
    ],
)
def test_el_escorial_category_spellings(example_dict, category, accepted):
    case = case_from_dict(example_dict)
    case.diagnosis.criteria_category = category
    item = evaluate_checklist(case, [], load_default_profile()).item("als_diagnosis_criteria")
    # without documents the item is not met either way; the detail says why
    assert ("category is" in item.detail) is not accepted, item.detail


def test_bag_strength_is_not_a_dose_conflict(example_dict):
    case = case_from_dict(example_dict)
    case.therapies[-1].drug, case.therapies[-1].dose = "Edaravone", "60 mg IV daily, 10 of 14 days"
    record = "Radicava (edaravone) 30 mg/100 mL injection, filled 2024-03-01, qty 28 bags."
    facts = [f for f in extract_facts(record) if f.field == "therapies[]"]
    facts[0].value["dose"] = "30 mg/100 mL"
    findings = compare_with_case(facts, dataclasses.asdict(case))
    assert not [f for f in findings if f.field == "therapies[].dose"]
    facts[0].value["dose"] = "30 mg IV daily"
    findings = compare_with_case(facts, dataclasses.asdict(case))
    assert [f.kind for f in findings if f.field == "therapies[].dose"] == ["conflict"]
