"""Accepting a document's suggested fact into the case, only when a person asks for it.

A ``new`` finding fills a gap; a ``conflict`` replaces what was typed only with
``overwrite=True`` (the GUI asks first), because typed data is never overwritten silently.
The result is a changed copy; saving it is the caller's business, like any other edit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

from ..extract.dates import parse_date
from ..extract.model import Finding
from ..extract.variants import legacy_to_hgvs
from ..model import AlsfrsR, Case, NflResult, PulmonaryTest, TherapyTrial
from ..validation import normalize_case

_SCALAR_SECTIONS = ("genetics",)


class NotAcceptable(ValueError):
    """The finding cannot go into the case as it stands (no date, only informational)."""


def why_not(finding: Finding) -> str | None:
    """None when :func:`accept_finding` can apply the finding, else the reason in plain words."""
    if finding.kind not in ("new", "conflict"):
        return "It already matches the case."
    field = finding.field
    if field == "therapies[].fill_date":
        return "A pharmacy fill date is shown for checking; it is not a case field."
    if field in _LIST_FIELDS:
        undated = field == "alsfrs_r[]" and finding.kind == "new"
        if finding.key is None or (undated and not isinstance(finding.document_value, dict)):
            return "It was found without a date; type it in with its date."
        return None
    section, _, name = field.partition(".")
    if section in _SCALAR_SECTIONS and name:
        return None
    return "This kind of fact cannot be accepted automatically."


def accept_finding(case: Case, finding: Finding, *, overwrite: bool = False) -> Case:
    """A copy of ``case`` with the finding's document value in place."""
    reason = why_not(finding)
    if reason:
        raise NotAcceptable(reason)
    if finding.kind == "conflict" and not overwrite:
        raise NotAcceptable("It contradicts the case; confirm to replace the typed value.")
    out = copy.deepcopy(case)
    handler = _LIST_FIELDS.get(finding.field)
    if handler is not None:
        handler(out, finding)
    else:
        _scalar(out, finding)
    normalize_case(out)
    for name in ("alsfrs_r", "nfl", "pulmonary"):
        entries = getattr(out, name)
        entries.sort(key=lambda e: e.date or date.min)
    return out


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_date(str(value))


def _scalar(case: Case, finding: Finding) -> None:
    section, _, name = finding.field.partition(".")
    block = getattr(case, section)
    value = finding.document_value
    if name == "variant_legacy":
        name, value = "variant_protein", legacy_to_hgvs(str(value))
        if value is None:
            raise NotAcceptable("The legacy variant name has no HGVS equivalent.")
    elif name.endswith("_date"):
        value = _as_date(value)
    if not hasattr(block, name):
        raise NotAcceptable(f"The case has no field {finding.field}.")
    setattr(block, name, value)


def _alsfrs(case: Case, finding: Finding) -> None:
    when = _as_date(finding.key)
    entry = next((e for e in case.alsfrs_r if e.date == when), None)
    value = finding.document_value
    total = value["total"] if isinstance(value, dict) else value
    items = value.get("items") if isinstance(value, dict) else None
    if entry is None:
        case.alsfrs_r.append(AlsfrsR(date=when, total=int(total), items=items))
    else:
        entry.total = int(total)
        if items:
            entry.items = list(items)


def _alsfrs_items(case: Case, finding: Finding) -> None:
    when = _as_date(finding.key)
    entry = next((e for e in case.alsfrs_r if e.date == when), None)
    if entry is None:
        raise NotAcceptable(f"The case has no ALSFRS-R of {when}; accept its total first.")
    entry.items = [int(x) for x in finding.document_value]


def _pulmonary(case: Case, finding: Finding) -> None:
    when = _as_date(finding.key)
    measure = finding.field.partition(".")[2]
    entry = next((e for e in case.pulmonary if e.date == when), None)
    if entry is None:
        entry = PulmonaryTest(date=when)
        case.pulmonary.append(entry)
    setattr(entry, measure, float(finding.document_value))


def _nfl(case: Case, finding: Finding) -> None:
    when = _as_date(finding.key)
    value = finding.document_value
    if isinstance(value, dict):
        amount, specimen = float(value["value"]), value.get("specimen")
    else:
        amount, specimen = float(value), None
    entry = next((e for e in case.nfl if e.date == when), None)
    if entry is None or finding.kind == "new":
        case.nfl.append(NflResult(date=when, value=amount, unit="pg/mL", specimen=specimen))
    else:
        entry.value = amount


def _therapy_entry(case: Case, drug: str) -> TherapyTrial | None:
    from ..extract.therapies import GENERIC

    return next(
        (t for t in case.therapies if GENERIC.get(t.drug.lower().strip()) == drug),
        None,
    )


def _therapy(case: Case, finding: Finding) -> None:
    value = finding.document_value
    if not isinstance(value, dict):
        raise NotAcceptable("The therapy was found without details.")
    drug = str(value["drug"])
    case.therapies.append(
        TherapyTrial(
            drug=drug.capitalize(),
            start=_as_date(value.get("start")),
            end=_as_date(value.get("end")),
            dose=value.get("dose") or None,
        )
    )


def _therapy_field(case: Case, finding: Finding) -> None:
    entry = _therapy_entry(case, str(finding.key))
    if entry is None:
        raise NotAcceptable(f"The case has no {finding.key} therapy; accept the therapy first.")
    name = finding.field.partition(".")[2]
    value = finding.document_value
    setattr(entry, name, _as_date(value) if name in ("start", "end") else str(value))


_LIST_FIELDS: dict[str, Callable[[Case, Finding], None]] = {
    "alsfrs_r[]": _alsfrs,
    "alsfrs_r[].items": _alsfrs_items,
    "pulmonary[].fvc_percent_predicted": _pulmonary,
    "pulmonary[].svc_percent_predicted": _pulmonary,
    "nfl[]": _nfl,
    "therapies[]": _therapy,
    "therapies[].start": _therapy_field,
    "therapies[].end": _therapy_field,
    "therapies[].dose": _therapy_field,
}
