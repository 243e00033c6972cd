"""Round trip of the import format, derived values, and the committed JSON Schema."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
from testpaths import drop_nulls

from qalsody_desktop.core.codec import case_from_dict, case_to_dict
from qalsody_desktop.core.derived import age_on, alsfrs_series, case_age, overall_decline
from qalsody_desktop.core.paths import resources_dir
from qalsody_desktop.core.schema import SCHEMA_PATH, build_case_schema, schema_text


def test_round_trip_keeps_every_fact(example_dict):
    exported = case_to_dict(case_from_dict(example_dict))
    assert drop_nulls(exported) == drop_nulls(example_dict)
    assert case_to_dict(case_from_dict(exported)) == exported


def test_age_counts_completed_years():
    dob = date(1966, 4, 9)
    assert age_on(dob, date(2026, 4, 8)) == 59
    assert age_on(dob, date(2026, 4, 9)) == 60
    assert age_on(date(2000, 2, 29), date(2021, 2, 28)) == 20
    assert age_on(date(2000, 2, 29), date(2021, 3, 1)) == 21


def test_alsfrs_decline_worked_by_hand(example_dict):
    case = case_from_dict(example_dict)
    series = alsfrs_series(case)
    assert [p.total for p in series] == [42, 40, 37]
    # 2024-11-18 -> 2025-02-17 is 91 days = 91 / 30.4375 months; 2 points lost
    assert series[0].decline_since_previous is None
    assert series[1].decline_since_previous == pytest.approx(2 / (91 / 30.4375))
    # 2025-02-17 -> 2025-05-19 is 91 days; 3 points lost
    assert series[2].decline_since_previous == pytest.approx(3 / (91 / 30.4375))
    # onset 2024-03-01 -> 2025-05-19 is 444 days; 48 - 37 = 11 points
    assert series[2].decline_since_onset == pytest.approx(11 / (444 / 30.4375))
    # first to last: 182 days, 5 points
    assert overall_decline(case) == pytest.approx(5 / (182 / 30.4375))
    assert case_age(case, date(2026, 11, 28)) == 60


def test_series_sorted_and_incomplete_rows_skipped(example_dict):
    example_dict["alsfrs_r"] = [
        {"date": "2025-05-19", "total": 37},
        {"date": "2024-11-18", "total": 42},
        {"date": "2025-01-01"},
    ]
    series = alsfrs_series(case_from_dict(example_dict))
    assert [p.date.isoformat() for p in series] == ["2024-11-18", "2025-05-19"]


def test_committed_schema_is_current():
    committed = (resources_dir() / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m qalsody_desktop.core.schema"


def test_schema_accepts_example_and_rejects_bad_shapes(example_dict):
    schema = build_case_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(example_dict, schema)
    bad = json.loads(json.dumps(example_dict))
    bad["insurance"]["plan_type"] = "ppo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = json.loads(json.dumps(example_dict))
    bad["alsfrs_r"][1]["items"] = [4] * 11
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
