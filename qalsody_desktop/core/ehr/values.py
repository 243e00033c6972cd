"""Shared rules for both formats: dates with their precision, and coded facts to proposals.

C-CDA and FHIR differ in syntax, not in meaning: an NfL result is a coded quantity with a date
in both. Each reader extracts (codings, texts, value, unit, date) and calls the builders here,
so a rule (units, ranges, year-only dates) is written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .codes import CodeTable, Match
from .model import EhrImport, Proposal, Source, UnmappedCode

Coding = tuple[str | None, str | None, str | None]  # (system, code, display)

_TS = re.compile(r"^\s*(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?")


@dataclass(frozen=True)
class When:
    """A date with its precision: a year-only onset must not become 1 January."""

    day: date
    precision: str  # "year", "month" or "day"

    def text(self) -> str:
        if self.precision == "year":
            return f"{self.day.year}"
        if self.precision == "month":
            return f"{self.day.year}-{self.day.month:02d}"
        return self.day.isoformat()

    @property
    def exact(self) -> date | None:
        return self.day if self.precision == "day" else None


def parse_when(value: str | None) -> When | None:
    """HL7 TS (``20240315``, ``2024``, ``202403151030-0500``) or FHIR (``2024-03-15T10:30Z``)."""
    if not value:
        return None
    m = _TS.match(value)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not 1900 <= year <= 2100:
        return None
    try:
        if day and month:
            return When(date(year, int(month), int(day)), "day")
        if month:
            return When(date(year, int(month), 1), "month")
        return When(date(year, 1, 1), "year")
    except ValueError:
        return None


def note_unmapped(imp: EhrImport, table: CodeTable, codings: list[Coding], section: str) -> None:
    """List a coded fact no target took, with its first code (or its name when uncoded)."""
    for system, code, display in codings:
        if code:
            imp.add_unmapped(
                UnmappedCode(
                    table.system_name(system), code.strip(), (display or "").strip(), section
                )
            )
            return


def _number(value: Any) -> float | None:
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _specimen(text: str) -> str | None:
    low = text.lower()
    if "cerebrospinal" in low or "spinal fluid" in low or re.search(r"\bcsf\b", low):
        return "CSF"
    if "serum or plasma" in low or "ser/plas" in low:
        return None
    if "plasma" in low:
        return "plasma"
    if "serum" in low:
        return "serum"
    return None


_NFL_FACTOR = {"pg/ml": 1.0, "ng/l": 1.0, "ng/ml": 1000.0}


def measurement(
    imp: EhrImport,
    match: Match,
    raw_value: Any,
    unit: str | None,
    when: When | None,
    source: Source,
    label_text: str,
    parts: list[Any] | None = None,
) -> None:
    """NfL, FVC/SVC % predicted or an ALSFRS-R total as a proposal (or a shown-only note).

    ``parts`` are the numeric sub-results of an ALSFRS-R total (FHIR components, C-CDA
    supporting observations): taken as the 12 item scores only when they are 12 values of
    0-4 that add up to the total, the rule the case itself enforces."""
    kind, value = match.target.kind, _number(raw_value)
    unit_norm = (unit or "").strip().lower().replace(" ", "")
    day = when.exact if when else None
    label = match.target.label
    if value is None:
        imp.proposals.append(_info(label, raw_value, source, "The value is not a number."))
        return
    if kind == "nfl":
        factor = _NFL_FACTOR.get(unit_norm)
        if factor is None:
            why = f"The unit {unit or '(none)'} is not pg/mL; check the report."
            imp.proposals.append(_info(label, f"{raw_value} {unit or ''}".strip(), source, why))
            return
        amount = round(value * factor, 2)
        fact: dict[str, Any] = {"date": day, "value": amount, "specimen": _specimen(label_text)}
        _dated(imp, "nfl[]", fact, f"NfL {amount:g} pg/mL", when, source)
    elif kind in ("fvc_percent_predicted", "svc_percent_predicted"):
        if unit_norm not in ("%", "percent", "%predicted", "{%}"):
            why = f"The unit {unit or '(none)'} is not a percent of predicted."
            imp.proposals.append(_info(label, f"{raw_value} {unit or ''}".strip(), source, why))
            return
        if not 0 <= value <= 200:
            imp.proposals.append(_info(label, raw_value, source, "Outside 0-200 %."))
            return
        fact = {"date": day, kind: value}
        _dated(imp, "pulmonary[]", fact, f"{label} {value:g}%", when, source)
    elif kind == "alsfrs_r_total":
        if value != int(value) or not 0 <= value <= 48:
            imp.proposals.append(_info(label, raw_value, source, "Not a total between 0 and 48."))
            return
        items = alsfrs_items(parts or [], int(value))
        fact = {"date": day, "total": int(value), "items": items}
        _dated(imp, "alsfrs_r[]", fact, f"ALSFRS-R {int(value)}", when, source)


def alsfrs_items(parts: list[Any], total: int) -> list[int] | None:
    numbers = [_number(p) for p in parts]
    if len(numbers) != 12 or any(n is None or n != int(n) or not 0 <= n <= 4 for n in numbers):
        return None
    items = [int(n) for n in numbers if n is not None]
    return items if sum(items) == total else None


def _dated(
    imp: EhrImport,
    field: str,
    fact: dict[str, Any],
    display: str,
    when: When | None,
    source: Source,
) -> None:
    if when is None or when.exact is None:
        got = f"only {when.text()}" if when else "no date"
        why = f"The document gives {got}; type it in with its full date."
        imp.proposals.append(Proposal(field, fact, display, source, info=why))
        return
    imp.proposals.append(Proposal(field, fact, f"{display} ({when.text()})", source))


def _info(label: str, value: Any, source: Source, why: str) -> Proposal:
    return Proposal("info", value, f"{label}: {value}", source, info=why)


_STRENGTH = re.compile(
    r"\b(\d+(?:\.\d+)?\s*(?:MG|mg|MG/ML|mg/mL|ML|mL)(?:/\d+(?:\.\d+)?\s*(?:ML|mL))?)"
)


def strength_of(name: str | None) -> str | None:
    """'50 mg' from 'riluzole 50 MG Oral Tablet' (RxNorm names carry the strength)."""
    m = _STRENGTH.search(name or "")
    return m.group(1).replace("MG", "mg").replace("ML", "mL") if m else None


def diagnosis(
    imp: EhrImport,
    match: Match,
    onset: When | None,
    recorded: When | None,
    source: Source,
) -> None:
    """The ICD-10-CM code the target stands for, and the onset / recorded dates."""
    icd = match.target.icd10
    if icd:
        imp.proposals.append(
            Proposal("diagnosis.icd10", icd, f"{icd} ({match.target.label})", source)
        )
    for field, when, what in (
        ("diagnosis.symptom_onset_date", onset, "onset"),
        ("diagnosis.diagnosis_date", recorded, "recorded"),
    ):
        if when is None:
            continue
        if when.exact is None:
            why = f"The {what} date is only {when.text()}; type the full date."
            imp.proposals.append(Proposal(field, when.text(), when.text(), source, info=why))
        else:
            imp.proposals.append(Proposal(field, when.exact, when.text(), source))


def therapy(
    imp: EhrImport,
    match: Match,
    *,
    start: When | None,
    end: When | None,
    dose: str | None,
    status: str,
    refused: bool,
    source: Source,
) -> None:
    """A riluzole / edaravone trial; a refused or never-taken one is shown, not proposed."""
    label = match.target.label
    if match.target.kind == "requested_drug":
        why = "The drug being requested; it is not a prior therapy."
        imp.proposals.append(Proposal("info", label, f"{label} ({status})", source, info=why))
        return
    drug = match.target.drug or label.lower()
    if refused:
        why = "Refused or not taken: it is not a therapy trial (note it in the letter if relevant)."
        imp.proposals.append(
            Proposal("info", drug, f"{label} refused / not taken", source, info=why)
        )
        return
    fact = {
        "drug": drug,
        "start": start.exact if start else None,
        "end": end.exact if end else None,
        "fill_date": None,
        "dose": dose,
    }
    parts = [label]
    if dose:
        parts.append(dose)
    if start:
        parts.append(f"from {start.text()}")
    if end:
        parts.append(f"to {end.text()}")
    if status:
        parts.append(f"[{status}]")
    if any(w is not None and w.exact is None for w in (start, end)):
        parts.append("(a date without its day is left for you to type)")
    imp.proposals.append(Proposal("therapies[]", fact, " ".join(parts), source))
