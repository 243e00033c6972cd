"""Turning case facts into letter text without ever inventing one.

A ``Fact`` is a value or its absence with a human label. ``sentence`` writes present facts as
text and absent ones as visible placeholders (``[diagnosis date missing]``); when every fact of
a sentence is absent the whole sentence becomes one placeholder, so a letter never carries a
sentence full of gaps. Formatting (dates, rates) lives here so every letter writes a fact the
same way, which is also how tests find them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..document import Inline, Placeholder, Run
from ..model import Case

PLAN_TYPE_NAMES = {
    "fully_insured": "fully insured plan",
    "self_funded_erisa": "self-funded employer (ERISA) plan",
    "medicare_advantage": "Medicare Advantage plan",
    "medicaid": "Medicaid plan",
    "state_health_plan": "North Carolina State Health Plan",
}
VENTILATION_NAMES = {
    "none": "no ventilatory support",
    "non_invasive_part_time": "part-time non-invasive ventilation",
    "non_invasive_permanent": "permanent non-invasive ventilation",
    "invasive": "invasive ventilation",
}


def us_date(d: date) -> str:
    return d.strftime("%m/%d/%Y")


def long_date(d: date) -> str:
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def number(value: float) -> str:
    """71.5 -> "71.5", 78.0 -> "78": a measured value as the case holds it, no invented digits."""
    return f"{value:g}"


def rate(value: float) -> str:
    return f"{value:.2f}"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return us_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float | int):
        return number(float(value))
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class Fact:
    """A case value as text, or None with the label its placeholder will show."""

    value: str | None
    label: str

    @property
    def missing(self) -> bool:
        return self.value is None

    def inline(self) -> Inline:
        return Run(self.value) if self.value is not None else Placeholder(f"{self.label} missing")


def fact(value: object, label: str) -> Fact:
    return Fact(_text(value), label)


Part = str | Run | Placeholder | Fact | None


def sentence(*parts: Part, missing: str) -> list[Inline]:
    """Inlines for one sentence; all facts absent -> one placeholder ``[missing]`` instead."""
    facts = [p for p in parts if isinstance(p, Fact)]
    if facts and all(f.missing for f in facts):
        return [Placeholder(missing)]
    out: list[Inline] = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, Fact):
            out.append(part.inline())
        elif isinstance(part, str):
            out.append(Run(part))
        else:
            out.append(part)
    return out


def join(sentences: Iterable[Sequence[Inline]], sep: str = " ") -> list[Inline]:
    """Sentences one after another, skipping empty ones."""
    out: list[Inline] = []
    for s in sentences:
        if not s:
            continue
        if out:
            out.append(Run(sep))
        out.extend(s)
    return out


def optional(value: object, template: str) -> str:
    """``template`` with ``{}`` filled, or "" when the value is absent (a detail, not a gap)."""
    text = _text(value)
    return template.format(text) if text is not None else ""


def patient_name(case: Case) -> str | None:
    p = case.patient
    parts = [p.first_name, p.middle_name, p.last_name]
    name = " ".join(x.strip() for x in parts if x and x.strip())
    return name or None


def prescriber_name(case: Case) -> str | None:
    p = case.prescriber
    if not p.name:
        return None
    return f"{p.name}, {p.credentials}" if p.credentials else p.name


def plan_type_name(plan_type: str | None) -> str | None:
    return PLAN_TYPE_NAMES.get(plan_type or "")


def plan_description(case: Case) -> str | None:
    """ "Cigna Open Access Plus (fully insured plan, NC)" from what the case has."""
    ins = case.insurance
    payer, plan = (ins.payer or "").strip(), (ins.plan_name or "").strip()
    if payer and plan.lower().startswith(payer.lower()):
        payer = ""  # "Cigna" + "Cigna Open Access Plus": the payer once
    name = " ".join(x for x in (payer, plan) if x)
    detail = ", ".join(x for x in (plan_type_name(ins.plan_type), ins.state) if x)
    if name and detail:
        return f"{name} ({detail})"
    return name or detail or None


def drug_name(case: Case) -> str | None:
    return case.request.drug or None


def disease(case: Case) -> str:
    """ "amyotrophic lateral sclerosis (ALS)", with the recorded variant when there is one."""
    g = case.genetics
    variant = g.variant_protein or g.variant_cdna
    if g.gene and variant:
        return f"amyotrophic lateral sclerosis (ALS) with the {g.gene} variant {variant}"
    return "amyotrophic lateral sclerosis (ALS)"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]
