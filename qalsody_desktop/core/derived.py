"""Values computed from the case on demand, never stored (so they can never go stale)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import AlsfrsR, Case

DAYS_PER_MONTH = 365.25 / 12  # the convention ALS trials use for points per month
ALSFRS_MAX = 48


def age_on(dob: date, on: date) -> int:
    """Completed years, so a birthday today counts."""
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def case_age(case: Case, on: date | None = None) -> int | None:
    dob = case.patient.date_of_birth
    return age_on(dob, on or date.today()) if dob else None


def months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


@dataclass(frozen=True)
class AlsfrsPoint:
    """One assessment with the decline figures a reviewer asks for."""

    date: date
    total: int
    decline_since_previous: float | None  # points per month, positive = worse
    decline_since_onset: float | None  # (48 - total) / months since onset


def alsfrs_series(case: Case) -> list[AlsfrsPoint]:
    """Assessments in date order with decline per month; incomplete rows are skipped."""
    rows: list[AlsfrsR] = sorted(
        (a for a in case.alsfrs_r if a.date is not None and a.total is not None),
        key=lambda a: a.date,  # type: ignore[arg-type, return-value]
    )
    onset = case.diagnosis.symptom_onset_date
    points: list[AlsfrsPoint] = []
    prev: AlsfrsR | None = None
    for a in rows:
        assert a.date is not None and a.total is not None
        since_prev = None
        if prev is not None and prev.date is not None and prev.total is not None:
            months = months_between(prev.date, a.date)
            if months > 0:
                since_prev = (prev.total - a.total) / months
        since_onset = None
        if onset is not None:
            months = months_between(onset, a.date)
            if months > 0:
                since_onset = (ALSFRS_MAX - a.total) / months
        points.append(AlsfrsPoint(a.date, a.total, since_prev, since_onset))
        prev = a
    return points


def overall_decline(case: Case) -> float | None:
    """Points per month from the first to the last assessment."""
    series = alsfrs_series(case)
    if len(series) < 2:
        return None
    first, last = series[0], series[-1]
    months = months_between(first.date, last.date)
    return (first.total - last.total) / months if months > 0 else None
