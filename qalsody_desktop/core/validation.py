"""Semantic checks on a Case; each problem names the field it is about.

Rules come from the field metadata in ``model.py`` (required, enum, pattern, range, past date,
NPI, ICD-10) plus a few cross-field rules (date order, ALSFRS-R items summing to the total).
The same function serves import, the CLI and the editor's inline messages.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from .errors import CaseValidationError, FieldError
from .model import TEXT_MAX, Case
from .textclean import clean_text

EARLIEST_DATE = date(1900, 1, 1)
ICD10_RE = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")

_SYNONYMS = {
    "vus": "uncertain significance",
    "variant of uncertain significance": "uncertain significance",
    "likely_pathogenic": "likely pathogenic",
    "likely_benign": "likely benign",
    "uncertain_significance": "uncertain significance",
    "male": "M",
    "female": "F",
}


def npi_is_valid(npi: str) -> bool:
    """CMS NPI check digit: Luhn over the prefix 80840 plus the first nine digits."""
    if not re.fullmatch(r"\d{10}", npi):
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10 == int(npi[9])


def _walk(obj: Any, path: str = "") -> Iterator[tuple[Any, dataclasses.Field[Any], str]]:
    """Yield (owner, field, path) for every field of every nested dataclass."""
    for f in dataclasses.fields(obj):
        where = f"{path}.{f.name}" if path else f.name
        yield obj, f, where
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from _walk(value, where)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    yield from _walk(item, f"{where}[{i}]")


def normalize_case(case: Case) -> None:
    """Clean every text (NFC, no bidi or other format characters: see ``textclean``) and fold
    harmless spelling variants (case, VUS, male) onto the canonical enum values."""
    for owner, f, _ in _walk(case):
        value = getattr(owner, f.name)
        if not isinstance(value, str):
            continue
        cleaned = clean_text(value)
        if cleaned != value:
            setattr(owner, f.name, cleaned)
            value = cleaned
        enum = f.metadata.get("enum")
        if enum:
            key = value.strip().lower()
            key = _SYNONYMS.get(key, key)
            for member in enum:
                if member.lower() == key.lower():
                    setattr(owner, f.name, member)
                    break
        elif f.metadata.get("pattern") == r"^[A-Z]{2}$" or f.metadata.get("icd10"):
            setattr(owner, f.name, value.strip().upper())


def _check_field(f: dataclasses.Field[Any], value: Any, where: str, today: date) -> list[str]:
    m = f.metadata
    problems: list[str] = []
    if value is None or value == "" or value == []:
        if m.get("required"):
            problems.append("is required")
        return problems
    if "enum" in m and value not in m["enum"]:
        allowed = ", ".join(m["enum"])
        problems.append(f"{value!r} is not one of: {allowed}")
    if isinstance(value, str) and len(value) > m.get("max_length", TEXT_MAX):
        limit = m.get("max_length", TEXT_MAX)
        # The value itself is not echoed: it is long, and may be a patient's name.
        problems.append(f"is {len(value):,} characters long; at most {limit:,} are allowed")
        return problems
    if "pattern" in m and isinstance(value, str) and not re.fullmatch(m["pattern"], value):
        problems.append(f"{value!r} is not a valid {m['title']} ({m.get('hint', 'wrong format')})")
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(f"{value} is not a finite number")
        return problems
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "min" in m and value < m["min"]:
            problems.append(f"{value} is below the minimum {m['min']}")
        if "max" in m and value > m["max"]:
            problems.append(f"{value} is above the maximum {m['max']}")
    if m.get("npi") and not npi_is_valid(str(value)):
        problems.append(f"{value!r} is not a valid NPI (10 digits with a correct check digit)")
    if m.get("icd10") and not ICD10_RE.fullmatch(str(value)):
        problems.append(f"{value!r} is not a valid ICD-10-CM code (like G12.21)")
    if isinstance(value, date):
        if value < EARLIEST_DATE:
            problems.append(f"{value.isoformat()} is before 1900")
        elif m.get("past") and value > today:
            problems.append(f"{value.isoformat()} is in the future")
    if "length" in m and isinstance(value, list):
        if len(value) != m["length"]:
            problems.append(f"has {len(value)} item scores; ALSFRS-R has {m['length']}")
        bad = [i + 1 for i, v in enumerate(value) if not m["item_min"] <= v <= m["item_max"]]
        if bad:
            items = ", ".join(str(i) for i in bad)
            problems.append(f"item {items} outside {m['item_min']}-{m['item_max']}")
    return problems


def check_case(case: Case, today: date | None = None) -> list[FieldError]:
    """All problems with ``case``; an empty list means it may be saved."""
    today = today or date.today()
    errors: list[FieldError] = []
    for owner, f, where in _walk(case):
        for problem in _check_field(f, getattr(owner, f.name), where, today):
            errors.append(FieldError(where, problem))
    errors.extend(_cross_field(case))
    return errors


def _cross_field(case: Case) -> list[FieldError]:
    errors: list[FieldError] = []
    dob = case.patient.date_of_birth
    if dob:
        for owner, f, where in _walk(case):
            value = getattr(owner, f.name)
            if isinstance(value, date) and where != "patient.date_of_birth" and value < dob:
                errors.append(FieldError(where, f"{value.isoformat()} is before the date of birth"))
    dx = case.diagnosis
    if dx.symptom_onset_date and dx.diagnosis_date and dx.symptom_onset_date > dx.diagnosis_date:
        errors.append(
            FieldError("diagnosis.symptom_onset_date", "symptom onset is after the diagnosis date")
        )
    for i, t in enumerate(case.therapies):
        if t.start and t.end and t.end < t.start:
            errors.append(FieldError(f"therapies[{i}].end", "therapy ends before it starts"))
    seen: dict[date, int] = {}
    for i, a in enumerate(case.alsfrs_r):
        if a.items and a.total is not None and len(a.items) == 12 and sum(a.items) != a.total:
            errors.append(
                FieldError(
                    f"alsfrs_r[{i}].items",
                    f"item scores sum to {sum(a.items)}, not to the total {a.total}",
                )
            )
        if a.date is not None:
            if a.date in seen:
                errors.append(
                    FieldError(
                        f"alsfrs_r[{i}].date",
                        f"a second assessment on {a.date.isoformat()}"
                        f" (see alsfrs_r[{seen[a.date]}])",
                    )
                )
            seen.setdefault(a.date, i)
    return errors


def validate_case(case: Case, today: date | None = None) -> Case:
    """Normalize, then raise CaseValidationError if anything is wrong."""
    normalize_case(case)
    errors = check_case(case, today)
    if errors:
        raise CaseValidationError(errors)
    return case
