"""The therapies tried, as a table and in sentences: the step-therapy part of every letter.

A therapy without an end date counts as ongoing only when the case says so (its stop reason
reads "ongoing"); otherwise the missing end date is a placeholder, never assumed.
"""

from __future__ import annotations

from ..derived import alsfrs_series
from ..document import Inline, Placeholder, Run, Table
from ..model import Case, TherapyTrial
from .facts import cap, fact, join, optional, sentence, us_date
from .parts import Draft


def is_ongoing(t: TherapyTrial) -> bool:
    reason = (t.stop_reason or "").strip().lower()
    return t.end is None and ("ongoing" in reason or "continu" in reason)


def therapy_dates(t: TherapyTrial) -> list[Inline]:
    start = fact(t.start, "start date").inline()
    if t.end:
        return [start, Run(f" to {us_date(t.end)}")]
    if is_ongoing(t):
        return [Run("from "), start, Run(", ongoing")]
    return [Run("from "), start, Run(" to "), Placeholder("end date missing")]


def therapy_table(d: Draft, id: str = "therapy_table", caption: str | None = None) -> bool:
    """The table of every therapy tried; False (and a placeholder) when none is recorded."""
    therapies = d.case.therapies
    if not therapies:
        d.para(
            [
                Placeholder(
                    "prior ALS therapies (drug, dates, dose, response, reason stopped) missing"
                )
            ],
            id=f"{id}_missing",
        )
        d.ctx.warn("no prior ALS therapy is recorded: the step-therapy section is a placeholder")
        return False
    rows = []
    for t in sorted(therapies, key=lambda t: (t.start is None, t.start)):
        rows.append(
            [
                t.drug or Placeholder("drug name missing"),
                therapy_dates(t),
                fact(t.dose, "dose").inline(),
                fact(t.response, "response").inline(),
                t.side_effects or "none recorded",
                "not stopped (ongoing)"
                if is_ongoing(t)
                else fact(t.stop_reason, "reason stopped").inline(),
            ]
        )
    d.add(
        Table(
            ["Therapy", "Dates", "Dose", "Response", "Side effects", "Reason stopped"],
            rows,
            col_widths=[1.0, 1.5, 1.5, 1.5, 1.0, 1.1],
            caption=caption,
            id=id,
        )
    )
    return True


def therapy_summary(case: Case) -> list[Inline]:
    current = [t for t in case.therapies if is_ongoing(t)]
    stopped = [t for t in case.therapies if not is_ongoing(t)]
    out: list[list[Inline]] = []
    if current:
        listed = "; ".join(
            f"{t.drug}{optional(t.dose, ' {}')}{optional(t.start, ' (since {})')}" for t in current
        )
        out.append([Run(f"Current ALS medication: {listed}.")])
    elif case.therapies:
        out.append([Run("No ALS therapy is recorded as ongoing.")])
    for t in stopped:
        out.append(
            sentence(
                f"{cap(t.drug)} was stopped",
                optional(t.end, " on {}"),
                ": ",
                fact(t.stop_reason, f"reason {t.drug} was stopped"),
                optional(t.response, " (response: {})"),
                ".",
                missing=f"reason {t.drug} was stopped missing",
            )
        )
    return join(out)


def declined_despite(case: Case) -> list[str]:
    """Therapies after whose start the ALSFRS-R total fell (from the last score before it)."""
    series = alsfrs_series(case)
    out: list[str] = []
    for t in sorted(case.therapies, key=lambda t: (t.start is None, t.start)):
        if t.start is None or not t.drug or t.drug in out:
            continue
        before = [p for p in series if p.date <= t.start]
        after = [p for p in series if p.date > t.start]
        baseline = before[-1] if before else (after[0] if len(after) > 1 else None)
        if baseline is not None and after and after[-1].total < baseline.total:
            out.append(t.drug)
    return out
