"""Every validation rule rejects a bad value with a message that names the field."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.errors import CaseValidationError
from qalsody_desktop.core.validation import npi_is_valid, validate_case

TODAY = date(2026, 11, 28)


def _errors_for(data: dict) -> list[str]:
    with pytest.raises(CaseValidationError) as info:
        validate_case(case_from_dict(data), TODAY)
    return [str(e) for e in info.value.errors]


def _mutated(example: dict, path: list, value) -> dict:
    data = copy.deepcopy(example)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def test_example_is_valid(example_dict):
    case = validate_case(case_from_dict(example_dict), TODAY)
    assert case.patient.last_name == "Vance"
    assert case.alsfrs_r[1].items == [4, 4, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3]


@pytest.mark.parametrize(
    ("path", "value", "field", "words"),
    [
        (["patient", "date_of_birth"], "1966-02-30", "patient.date_of_birth", "impossible date"),
        (["patient", "date_of_birth"], "04/09/1966", "patient.date_of_birth", "YYYY-MM-DD"),
        (["patient", "date_of_birth"], "2030-01-01", "patient.date_of_birth", "future"),
        (["patient", "date_of_birth"], "1850-01-01", "patient.date_of_birth", "before 1900"),
        (
            ["diagnosis", "diagnosis_date"],
            "2024-02-01",
            "diagnosis.symptom_onset_date",
            "after the diagnosis",
        ),
        (["genetics", "test_date"], "1960-01-01", "genetics.test_date", "before the date of birth"),
        (["alsfrs_r", 0, "total"], 49, "alsfrs_r[0].total", "maximum 48"),
        (["alsfrs_r", 0, "total"], -1, "alsfrs_r[0].total", "minimum 0"),
        (["alsfrs_r", 0, "total"], 40.5, "alsfrs_r[0].total", "whole number"),
        (["alsfrs_r", 0, "total"], "42", "alsfrs_r[0].total", "whole number"),
        (["alsfrs_r", 1, "items"], [4] * 11, "alsfrs_r[1].items", "ALSFRS-R has 12"),
        (
            ["alsfrs_r", 1, "items"],
            [5, 4, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3],
            "alsfrs_r[1].items",
            "outside 0-4",
        ),
        (
            ["alsfrs_r", 1, "items"],
            [4, 4, 4, 4, 3, 3, 4, 3, 3, 3, 3, 3],
            "alsfrs_r[1].items",
            "sum to 41",
        ),
        (["alsfrs_r", 2, "date"], "2024-11-18", "alsfrs_r[2].date", "second assessment"),
        (["prescriber", "npi"], "1234567890", "prescriber.npi", "not a valid NPI"),
        (["prescriber", "npi"], "12345", "prescriber.npi", "not a valid NPI"),
        (["insurance", "plan_type"], "ppo", "insurance.plan_type", "not one of"),
        (["diagnosis", "icd10"], "G1221", "diagnosis.icd10", "ICD-10"),
        (["diagnosis", "icd10"], "12.21", "diagnosis.icd10", "ICD-10"),
        (["genetics", "classification"], "bad", "genetics.classification", "not one of"),
        (["genetics", "clia_number"], "34-0000001", "genetics.clia_number", "CLIA"),
        (["patient", "last_name"], "", "patient.last_name", "required"),
        (["patient", "first_name"], 42, "patient.first_name", "expected text"),
        (
            ["functional_status", "feeding_tube"],
            "no",
            "functional_status.feeding_tube",
            "true or false",
        ),
        (["alsfrs_r"], {"date": "x"}, "alsfrs_r", "expected a list"),
        (["patient", "nickname"], "Hal", "patient.nickname", "unknown field"),
        (["format"], "qalsody-case/9", "format", "unsupported format"),
    ],
)
def test_rule_names_field(example_dict, path, value, field, words):
    messages = _errors_for(_mutated(example_dict, path, value))
    matching = [m for m in messages if m.startswith(field + ":")]
    assert matching, f"no error for {field}: {messages}"
    assert any(words in m for m in matching), matching


def test_therapy_end_before_start(example_dict):
    data = _mutated(example_dict, ["therapies", 1, "end"], "2024-12-01")
    assert any(
        m.startswith("therapies[1].end:") and "before it starts" in m for m in _errors_for(data)
    )


def test_all_problems_reported_at_once(example_dict):
    data = _mutated(example_dict, ["prescriber", "npi"], "1234567890")
    data["alsfrs_r"][0]["total"] = 60
    data["insurance"]["plan_type"] = "hmo"
    fields = {m.split(":")[0] for m in _errors_for(data)}
    assert {"prescriber.npi", "alsfrs_r[0].total", "insurance.plan_type"} <= fields


def test_normalization_of_harmless_variants(example_dict):
    data = copy.deepcopy(example_dict)
    data["genetics"]["classification"] = "VUS"
    data["insurance"]["plan_type"] = "Fully_Insured"
    data["diagnosis"]["icd10"] = "g12.21"
    case = validate_case(case_from_dict(data), TODAY)
    assert case.genetics.classification == "uncertain significance"
    assert case.insurance.plan_type == "fully_insured"
    assert case.diagnosis.icd10 == "G12.21"


@pytest.mark.parametrize(
    ("npi", "ok"),
    [("1234567893", True), ("1245319599", True), ("1234567890", False), ("123456789a", False)],
)
def test_npi_check_digit(npi, ok):
    assert npi_is_valid(npi) is ok


def test_minimal_case_needs_only_a_name():
    case = validate_case(
        case_from_dict({"patient": {"first_name": "Ada", "last_name": "Lark"}}), TODAY
    )
    assert case.request.hcpcs == "J1304"
    assert case.alsfrs_r == []
