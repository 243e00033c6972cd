"""Review of an import against a case: new / same / conflict per proposed value, and applying
only what a person chose.

List fields (ALSFRS-R, NfL, pulmonary tests, therapies) go through the evidence kit's own
comparison and acceptance (``extract.compare`` / ``evidence.accept``), so an EHR value and a
value read from a PDF are judged by the same rules. Header fields (patient, insurance,
prescriber, diagnosis) are compared here. A conflict replaces a typed value only with
``overwrite=True``: the CLI's ``--overwrite``, the GUI's confirmation.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..codec import case_to_dict
from ..evidence.accept import NotAcceptable, accept_finding, why_not
from ..extract.compare import LABELS, compare_with_case
from ..extract.model import Fact, Finding, to_jsonable
from ..extract.therapies import GENERIC
from ..model import Case
from ..validation import normalize_case
from .model import EhrImport, IdentityMismatch, Proposal

_LIST_FIELDS = ("alsfrs_r[]", "nfl[]", "pulmonary[]", "therapies[]")
# accepted in this order: a list entry before the fields that refine it
_ORDER = {"therapies[]": 0, "alsfrs_r[]": 0, "nfl[]": 0}


def field_label(path: str) -> str:
    """'Patient › Last name' for 'patient.last_name' (model metadata titles)."""
    if path in LABELS:
        return LABELS[path]
    if path == "info":
        return "For reference"
    parts = path.split(".")
    obj: Any = Case()
    titles: list[str] = []
    for part in parts:
        fields = (
            {f.name: f for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else {}
        )
        f = fields.get(part)
        if f is None:
            return path
        titles.append(str(f.metadata.get("title", part)))
        obj = getattr(obj, part)
    return " › ".join(titles)


@dataclass
class ReviewItem:
    id: str
    proposal: Proposal
    kind: str  # new | same | conflict | info
    field: str
    case_value: Any
    document_value: Any
    message: str
    finding: Finding | None = None
    reason: str | None = None  # why it cannot be accepted (None: it can)

    @property
    def acceptable(self) -> bool:
        return self.kind in ("new", "conflict") and self.reason is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "field": self.field,
            "label": field_label(self.field),
            "kind": self.kind,
            "value": to_jsonable(self.document_value),
            "case_value": to_jsonable(self.case_value),
            "display": self.proposal.display,
            "message": self.message,
            "source": self.proposal.source.to_json(),
            "acceptable": self.acceptable,
            "reason": self.reason,
        }


def check_identity(imp: EhrImport, case: Case) -> list[str]:
    """Refuse another patient's export; returns warnings (nothing identifies the patient...).

    The message names the fields that differ, never their values (no PHI in messages).
    """
    ident, patient = imp.identity, case.patient
    if not ident.present():
        return [
            f"{imp.file_name}: nothing in the file identifies the patient;"
            " check it is this patient's."
        ]
    differ: list[str] = []
    if (
        ident.date_of_birth
        and patient.date_of_birth
        and ident.date_of_birth != patient.date_of_birth
    ):
        differ.append("date of birth")
    if ident.last_name and patient.last_name and _norm(ident.last_name) != _norm(patient.last_name):
        differ.append("last name")
    warnings: list[str] = []
    if (
        ident.first_name
        and patient.first_name
        and _norm(ident.first_name)[:1] != _norm(patient.first_name)[:1]
    ):
        if differ:
            differ.append("first name")
        else:
            warnings.append(
                f"{imp.file_name}: the first name differs from the case; check the patient."
            )
    if differ:
        raise IdentityMismatch(
            f"{imp.file_name} is for another patient than this case: {', '.join(differ)} differ"
            + ("s" if len(differ) == 1 else "")
            + "; nothing was imported"
        )
    return warnings


def _norm(value: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(value).lower())


def _norm_field(path: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if path.endswith("phone") or path.endswith("fax"):
        return re.sub(r"\D", "", str(value))[-10:]
    if path.endswith("postal_code"):
        return re.sub(r"\D", "", str(value))[:5]
    return _norm(value)


def _get(case: Case, path: str) -> Any:
    obj: Any = case
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def build_review(imp: EhrImport, case: Case) -> list[ReviewItem]:
    """One item per distinct (field, value), in the order the file gave them."""
    data = case_to_dict(case)
    items: list[ReviewItem] = []
    seen: set[str] = set()

    def add(item: ReviewItem) -> None:
        key = repr((item.field, to_jsonable(item.document_value), item.kind))
        if key in seen:
            return
        seen.add(key)
        item.id = f"p{len(items) + 1}"
        items.append(item)

    for prop in imp.proposals:
        if prop.info is not None:
            add(
                ReviewItem(
                    "", prop, "info", prop.field, None, prop.value, prop.display, reason=prop.info
                )
            )
        elif prop.field in _LIST_FIELDS:
            for finding in _list_findings(prop, data):
                reason = why_not(finding) if finding.kind != "same" else None
                add(
                    ReviewItem(
                        "",
                        prop,
                        finding.kind,
                        finding.field,
                        finding.case_value,
                        finding.document_value,
                        finding.message,
                        finding,
                        reason,
                    )
                )
        else:
            add(_scalar(prop, case))
    return items


def _list_findings(prop: Proposal, data: dict[str, Any]) -> list[Finding]:
    fact = Fact(prop.field, prop.value, prop.display, prop.source.describe())
    findings = compare_with_case([fact], data)
    if prop.field == "therapies[]" and prop.value.get("dose"):
        drug = prop.value["drug"]
        mine = [
            t
            for t in data.get("therapies") or []
            if GENERIC.get(str(t.get("drug", "")).lower().strip()) == drug
        ]
        if mine and not mine[0].get("dose"):
            msg = f"Therapy dose ({drug}) is not on the case yet."
            findings.append(
                Finding("new", "therapies[].dose", None, prop.value["dose"], msg, key=drug)
            )
    for finding in findings:
        finding.evidence = prop.source.describe()
    return findings


def _scalar(prop: Proposal, case: Case) -> ReviewItem:
    label = field_label(prop.field)
    have = _get(case, prop.field)
    a, b = _norm_field(prop.field, have), _norm_field(prop.field, prop.value)
    shown = prop.value.isoformat() if isinstance(prop.value, date) else prop.value
    if a is None:
        return ReviewItem(
            "", prop, "new", prop.field, have, prop.value, f"{label}: {shown} (not on the case yet)"
        )
    if a == b:
        return ReviewItem(
            "", prop, "same", prop.field, have, prop.value, f"{label} matches the case"
        )
    was = have.isoformat() if isinstance(have, date) else have
    msg = f"{label} differs: the export says {shown}, the case has {was}"
    return ReviewItem("", prop, "conflict", prop.field, have, prop.value, msg)


def apply_review(
    case: Case, items: list[ReviewItem], *, overwrite: bool = False
) -> tuple[Case, list[ReviewItem], list[tuple[ReviewItem, str]]]:
    """A copy of ``case`` with the chosen items applied; returns (case, applied, refused).

    A conflict is applied only with ``overwrite``; two different values chosen for the same
    field are refused both (the person must pick one).
    """
    out = copy.deepcopy(case)
    applied: list[ReviewItem] = []
    refused: list[tuple[ReviewItem, str]] = []
    chosen: dict[str, set[str]] = {}
    for item in items:
        if item.finding is None and item.kind in ("new", "conflict"):
            chosen.setdefault(item.field, set()).add(repr(to_jsonable(item.document_value)))
    for item in sorted(items, key=lambda i: _ORDER.get(i.field, 1)):
        if not item.acceptable:
            refused.append((item, item.reason or "It already matches the case."))
            continue
        if item.kind == "conflict" and not overwrite:
            refused.append((item, "It contradicts the case; confirm to replace the typed value."))
            continue
        if len(chosen.get(item.field, ())) > 1:
            refused.append((item, "Several values were chosen for this field; choose one."))
            continue
        try:
            if item.finding is not None:
                out = accept_finding(out, item.finding, overwrite=item.kind == "conflict")
            else:
                _set(out, item.field, item.document_value)
        except NotAcceptable as exc:
            refused.append((item, str(exc)))
            continue
        applied.append(item)
    normalize_case(out)
    return out, applied, refused


def _set(case: Case, path: str, value: Any) -> None:
    parts = path.split(".")
    obj: Any = case
    for part in parts[:-1]:
        obj = getattr(obj, part, None)
        if obj is None:
            raise NotAcceptable(f"The case has no field {path}.")
    if not hasattr(obj, parts[-1]):
        raise NotAcceptable(f"The case has no field {path}.")
    setattr(obj, parts[-1], value)
