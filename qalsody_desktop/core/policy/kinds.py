"""The vocabularies a profile may use: rule kinds with their parameters, units, events.

A new criterion kind is one entry in ``RULE_KINDS`` (its parameters and their types); the
loader and the ``Criterion`` dataclass stay as they are, and the checklist engine can check it
handles every kind listed here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import PLAN_TYPES, VARIANT_CLASSIFICATIONS, VENTILATION, PulmonaryTest

UNITS = ("calendar_days", "business_days", "hours", "months")
DIRECTIONS = ("after", "before")
URGENCIES = ("standard", "expedited")
ROUTE_KINDS = ("portal", "fax", "mail", "email")

# Events a deadline counts from (or an ``event_recorded`` criterion looks for). The case will
# record them as they happen (submission, letters received); the deadline engine maps each to
# a date. "_date" is the date printed on a letter, "_received" the day it arrived.
EVENTS = (
    "pa_submitted",
    "denial_notice_date",
    "denial_notice_received",
    "internal_appeal_submitted",
    "final_denial_date",
    "final_denial_received",
    "external_review_requested",
    "external_review_accepted_received",
    "reconsideration_submitted",
    "reconsideration_unfavourable",
    "approval_date",
    "approval_valid_to",
)

# Case list fields a presence rule may name, and what each holds.
SERIES = ("alsfrs_r", "nfl", "pulmonary", "emg", "therapies")
LAB_SERIES = ("nfl",)
PULMONARY_MEASURES = tuple(
    f for f in PulmonaryTest.__dataclass_fields__ if f.endswith("_percent_predicted")
)


@dataclass(frozen=True)
class Param:
    """One parameter of a rule kind: its type tag and whether it must be given."""

    type: str  # str | int | number | bool | list[str] | table[list[str]]
    required: bool = True
    choices: tuple[str, ...] = ()


RULE_KINDS: Mapping[str, Mapping[str, Param]] = {
    "min_age": {"min": Param("int")},
    "alsfrs_baseline_min": {"min": Param("int")},
    "sod1_pathogenic": {
        "gene": Param("str"),
        "accepted_classifications": Param("list[str]", choices=VARIANT_CLASSIFICATIONS),
        "require_clia": Param("bool", required=False),
    },
    "specialty_in": {"specialties": Param("list[str]")},
    "therapy_tried": {
        "drugs": Param("list[str]"),
        "min_count": Param("int", required=False),
        "aliases": Param("table[list[str]]", required=False),
    },
    "diagnostic_criteria": {
        "criteria_sets": Param("list[str]"),
        "categories": Param("list[str]"),
    },
    "lab_present": {
        "series": Param("str", choices=LAB_SERIES),
        "max_age_days": Param("int", required=False),
    },
    "measure_present": {
        "series": Param("str", choices=SERIES),
        "max_age_days": Param("int", required=False),
    },
    "vital_capacity_min": {
        "min_percent": Param("number"),
        "measure": Param("str", choices=PULMONARY_MEASURES),
        "fallback_measures": Param("list[str]", required=False, choices=PULMONARY_MEASURES),
    },
    "ventilation_not": {"excluded": Param("list[str]", choices=VENTILATION)},
    "event_recorded": {"event": Param("str", choices=EVENTS)},
}


def _check_therapy(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems = []
    drugs = params.get("drugs", [])
    if params.get("min_count", 1) > len(drugs):
        problems.append(("min_count", f"is more than the {len(drugs)} drug(s) listed"))
    problems.extend(
        ("aliases", f"names '{name}', which is not in drugs")
        for name in params.get("aliases", {})
        if name not in drugs
    )
    return problems


def _check_min(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [("min", "must not be negative")] if params.get("min", 0) < 0 else []


# Checks a parameter's type cannot express; each returns (key, problem) pairs.
KIND_CHECKS: Mapping[str, Callable[[Mapping[str, Any]], list[tuple[str, str]]]] = {
    "therapy_tried": _check_therapy,
    "min_age": _check_min,
    "alsfrs_baseline_min": _check_min,
}

__all__ = [
    "DIRECTIONS",
    "EVENTS",
    "KIND_CHECKS",
    "PLAN_TYPES",
    "ROUTE_KINDS",
    "RULE_KINDS",
    "SERIES",
    "UNITS",
    "URGENCIES",
    "Param",
]
