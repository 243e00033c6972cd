"""Facts against the case staff typed: what is new, what agrees, what contradicts it.

This only reports. Typed case data is never changed here: a conflict may mean the document
is wrong, belongs to another test, or the case has a typo, and a person decides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from .dates import parse_date
from .model import Fact, Finding, to_jsonable
from .therapies import GENERIC
from .variants import legacy_to_hgvs, normalize_cdna, normalize_protein

LABELS = {
    "genetics.gene": "Gene",
    "genetics.variant_cdna": "cDNA variant",
    "genetics.variant_protein": "Protein variant",
    "genetics.variant_legacy": "Legacy variant name",
    "genetics.classification": "Variant classification",
    "genetics.zygosity": "Zygosity",
    "genetics.lab_name": "Genetic testing laboratory",
    "genetics.clia_number": "Laboratory CLIA number",
    "genetics.test_date": "Genetic test date",
    "genetics.methodology": "Genetic test methodology",
    "alsfrs_r[]": "ALSFRS-R total",
    "alsfrs_r[].items": "ALSFRS-R item scores",
    "pulmonary[].fvc_percent_predicted": "FVC % predicted",
    "pulmonary[].svc_percent_predicted": "SVC % predicted",
    "nfl[]": "NfL",
    "therapies[]": "Therapy",
    "therapies[].start": "Therapy start date",
    "therapies[].end": "Therapy stop date",
    "therapies[].fill_date": "Pharmacy fill",
    "therapies[].dose": "Therapy dose",
}


def compare_with_case(facts: Iterable[Fact], case: Mapping[str, Any]) -> list[Finding]:
    """One finding per distinct (kind, field, document value), in the facts' order."""
    out: list[Finding] = []
    seen: set[str] = set()
    for fact in facts:
        for finding in _compare(fact, case):
            finding.page, finding.evidence = fact.page, fact.evidence
            key = json.dumps(
                [finding.kind, finding.field, to_jsonable(finding.document_value)], sort_keys=True
            )
            if key not in seen:
                seen.add(key)
                out.append(finding)
    return out


def _compare(fact: Fact, case: Mapping[str, Any]) -> list[Finding]:
    findings = _compare_fact(fact, case)
    if fact.field in ("alsfrs_r[]", "pulmonary[]", "nfl[]"):
        for finding in findings:
            finding.key = fact.value.get("date")
    elif fact.field == "therapies[]":
        for finding in findings:
            finding.key = fact.value.get("drug")
    return findings


def _compare_fact(fact: Fact, case: Mapping[str, Any]) -> list[Finding]:
    if fact.field == "alsfrs_r[]":
        return _alsfrs(fact, case.get("alsfrs_r") or [])
    if fact.field == "pulmonary[]":
        return _pulmonary(fact, case.get("pulmonary") or [])
    if fact.field == "nfl[]":
        return _nfl(fact, case.get("nfl") or [])
    if fact.field == "therapies[]":
        return _therapy(fact, case.get("therapies") or [])
    section, _, name = fact.field.partition(".")
    block = case.get(section) or {}
    if name == "variant_legacy":
        hgvs = legacy_to_hgvs(str(fact.value))
        return [_scalar(fact.field, block.get("variant_protein"), hgvs, fact.value)]
    return [_scalar(fact.field, block.get(name), fact.value, fact.value)]


def _norm(field: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if field.endswith("_date"):
        return _as_date(value)
    text = str(value)
    if field.endswith(("variant_protein", "variant_legacy")):
        return normalize_protein(text) or text
    if field.endswith("variant_cdna"):
        return normalize_cdna(text) or text
    if field.endswith("classification"):
        low = text.lower()
        return "uncertain significance" if "uncertain" in low or low == "vus" else low
    words = re.sub(r"[^\w\s]", " ", text.lower()).replace("laboratories", "laboratory")
    return " ".join(w for w in words.split() if w not in {"inc", "llc", "the"})


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_date(str(value))


def _scalar(field: str, case_value: Any, doc_norm: Any, doc_value: Any) -> Finding:
    label = LABELS.get(field, field)
    a, b = _norm(field, case_value), _norm(field, doc_norm)
    if a is None:
        return Finding("new", field, case_value, doc_value, f"{label} is not on the case yet.")
    loose = field.endswith(("lab_name", "methodology"))
    if a == b or (loose and isinstance(a, str) and isinstance(b, str) and (a in b or b in a)):
        return Finding("same", field, case_value, doc_value, f"{label} matches the case.")
    msg = (
        f"{label} differs: the document says {_show(doc_value)}, the case has {_show(case_value)}."
    )
    if field.endswith("variant_legacy"):
        msg = (
            f"{label} {doc_value} means {doc_norm} in HGVS numbering; "
            f"the case has {_show(case_value)}."
        )
    return Finding("conflict", field, case_value, doc_value, msg)


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _entry_for(entries: list[Mapping[str, Any]], when: date | None) -> Mapping[str, Any] | None:
    if when is None:
        return None
    return next((e for e in entries if _as_date(e.get("date")) == when), None)


def _alsfrs(fact: Fact, entries: list[Mapping[str, Any]]) -> list[Finding]:
    when, total = fact.value["date"], fact.value["total"]
    field, label = "alsfrs_r[]", LABELS["alsfrs_r[]"]
    if when is None:
        if any(e.get("total") == total for e in entries):
            return [Finding("same", field, total, total, f"{label} {total} is on the case.")]
        msg = f"{label} {total} was found without a date; it needs one before it can be added."
        return [Finding("new", field, None, fact.value, msg)]
    entry = _entry_for(entries, when)
    if entry is None:
        msg = f"{label} of {when} is not on the case yet."
        return [Finding("new", field, None, fact.value, msg)]
    if entry.get("total") != total:
        have = entry.get("total")
        msg = f"{label} of {when} differs: the document says {total}, the case has {have}."
        return [Finding("conflict", field, have, total, msg)]
    out = [Finding("same", field, total, total, f"{label} of {when} matches the case.")]
    items, case_items = fact.value.get("items"), entry.get("items")
    if items and case_items and list(case_items) != items:
        msg = f"ALSFRS-R item scores of {when} differ from the case."
        out.append(Finding("conflict", "alsfrs_r[].items", case_items, items, msg))
    elif items and not case_items:
        msg = f"ALSFRS-R item scores of {when} are not on the case yet."
        out.append(Finding("new", "alsfrs_r[].items", None, items, msg))
    return out


def _pulmonary(fact: Fact, entries: list[Mapping[str, Any]]) -> list[Finding]:
    when = fact.value["date"]
    entry = _entry_for(entries, when) or {}
    out = []
    for key in ("fvc_percent_predicted", "svc_percent_predicted"):
        if key not in fact.value:
            continue
        field = f"pulmonary[].{key}"
        label, doc, have = LABELS[field], fact.value[key], entry.get(key)
        if when is None:
            msg = f"{label} {doc}% was found without a date; it needs one before it can be added."
            out.append(Finding("new", field, None, doc, msg))
        elif have is None:
            out.append(
                Finding("new", field, None, doc, f"{label} of {when} is not on the case yet.")
            )
        elif abs(float(have) - float(doc)) < 0.5:
            out.append(Finding("same", field, have, doc, f"{label} of {when} matches the case."))
        else:
            msg = f"{label} of {when} differs: the document says {doc}%, the case has {have}%."
            out.append(Finding("conflict", field, have, doc, msg))
    return out


def _nfl(fact: Fact, entries: list[Mapping[str, Any]]) -> list[Finding]:
    when, value, specimen = fact.value["date"], fact.value["value"], fact.value.get("specimen")
    entry = _entry_for(entries, when)
    if entry is not None and specimen and entry.get("specimen") not in (None, specimen):
        entry = None  # another specimen the same day is another result
    if when is None or entry is None:
        suffix = "" if when else " (no date found)"
        msg = f"NfL {value:g} pg/mL{suffix} is not on the case yet."
        return [Finding("new", "nfl[]", None, fact.value, msg)]
    have = entry.get("value")
    if have is not None and abs(float(have) - value) < 0.05:
        return [Finding("same", "nfl[]", have, value, f"NfL of {when} matches the case.")]
    msg = f"NfL of {when} differs: the document says {value:g} pg/mL, the case has {have}."
    return [Finding("conflict", "nfl[]", have, value, msg)]


def _therapy(fact: Fact, entries: list[Mapping[str, Any]]) -> list[Finding]:
    v = fact.value
    drug = v["drug"]
    mine = [e for e in entries if GENERIC.get(str(e.get("drug", "")).lower().strip()) == drug]
    if not mine:
        msg = f"Therapy {drug} is not on the case yet."
        return [Finding("new", "therapies[]", None, v, msg)]
    entry = mine[0]
    out: list[Finding] = []
    for key in ("start", "end"):
        if v[key] is None:
            continue
        field, have = f"therapies[].{key}", _as_date(entry.get(key))
        label = f"{LABELS[field]} ({drug})"
        if have is None:
            out.append(Finding("new", field, None, v[key], f"{label} is not on the case yet."))
        elif have == v[key]:
            out.append(Finding("same", field, have, v[key], f"{label} matches the case."))
        else:
            msg = f"{label} differs: the document says {v[key]}, the case has {have}."
            out.append(Finding("conflict", field, have, v[key], msg))
    if v["fill_date"] is not None:
        out.append(_fill(drug, v["fill_date"], entry))
    if v["dose"] and entry.get("dose"):
        doc_mg, case_mg = _mg(v["dose"]), _mg(str(entry["dose"]))
        if doc_mg and not doc_mg <= case_mg:
            msg = (
                f"Therapy dose ({drug}) differs: the document says {v['dose']}, "
                f"the case has {entry['dose']}."
            )
            out.append(Finding("conflict", "therapies[].dose", entry["dose"], v["dose"], msg))
    if not out:
        out.append(Finding("same", "therapies[]", drug, drug, f"Therapy {drug} is on the case."))
    return out


# "30 mg/100 mL" is the strength of a bag, not the dose given (60 mg = two bags)
_MG = re.compile(r"(\d+(?:\.\d+)?)\s*mg(?!\s*/\s*\d)", re.I)


def _mg(dose: str) -> set[str]:
    return set(_MG.findall(dose))


def _fill(drug: str, filled: date, entry: Mapping[str, Any]) -> Finding:
    start, end = _as_date(entry.get("start")), _as_date(entry.get("end"))
    field, label = "therapies[].fill_date", f"Pharmacy fill ({drug})"
    if start and filled < start:
        msg = f"{label} of {filled} is before the case's start date {start}."
        return Finding("conflict", field, start, filled, msg)
    if end and filled > end:
        msg = f"{label} of {filled} is after the case's stop date {end}."
        return Finding("conflict", field, end, filled, msg)
    if start is None:
        return Finding(
            "new", field, None, filled, f"{label} of {filled}: the case has no start date."
        )
    return Finding("same", field, start, filled, f"{label} of {filled} fits the case's dates.")
