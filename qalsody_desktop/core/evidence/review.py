"""What an attached document says about the case right now: identity, conflicts, freshness.

Computed on demand from the stored text and facts, never stored, so editing the case (fixing a
typo in a name, adding an ALSFRS-R row) changes the warnings at once.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..extract import Finding, compare_with_case
from ..extract.model import Fact
from ..identity import UNVERIFIED, ExpectedIdentity, IdentityResult, check_identity_pages
from ..intake.analysis import ANALYSER_VERSION
from ..model import Case
from ..policy.profile import PolicyProfile
from .records import Attachment

WRONG_PATIENT = "WRONG PATIENT?"

# the fact whose date best dates a document of each category
_DATE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "sod1_genetic_report": ("genetics.test_date",),
    "alsfrs_r": ("alsfrs_r[]",),
    "clinic_note": ("alsfrs_r[]", "pulmonary[]", "nfl[]"),
    "pulmonary_function": ("pulmonary[]",),
    "nfl_lab": ("nfl[]",),
}


# facts only a document of these categories may assert (a lab's CLIA number on an NfL report is
# not the genetic lab's)
_OWNED_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "genetics.": ("sod1_genetic_report",),
}


def _relevant(field_path: str, category: str) -> bool:
    for prefix, owners in _OWNED_PREFIXES.items():
        if field_path.startswith(prefix):
            return category in owners
    return True


@dataclass
class Review:
    identity: IdentityResult | None
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stale: bool = False

    @property
    def wrong_patient(self) -> bool:
        return self.identity is not None and self.identity.status == "mismatch"

    @property
    def conflicts(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "conflict"]

    @property
    def suggestions(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "new"]


def document_date_from_facts(facts: Sequence[Mapping[str, Any]], category: str) -> str | None:
    """The newest date among the facts that date a document of this category (ISO text)."""
    dates: list[str] = []
    for fact in facts:
        if fact["field"] not in _DATE_FIELDS.get(category, ()):
            continue
        value = fact["value"]
        when = value.get("date") if isinstance(value, dict) else value
        if isinstance(when, str) and len(when) == 10:
            dates.append(when)
    return max(dates) if dates else None


def _revive(value: Any) -> Any:
    """Stored facts are JSON: turn ISO date strings back into dates for comparison."""
    if isinstance(value, dict):
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def facts_of(att: Attachment) -> list[Fact]:
    return [
        Fact(
            f["field"], _revive(f["value"]), f["display"], f["evidence"], f["page"], f["confidence"]
        )
        for f in att.analysis.get("facts", [])
    ]


_IDENTITY_MEMO: OrderedDict[tuple[Any, ...], IdentityResult] = OrderedDict()
_IDENTITY_MEMO_SIZE = 4096
_IDENTITY_LOCK = threading.Lock()


def identity_key(att: Attachment, pages: int, expected: ExpectedIdentity) -> tuple[Any, ...]:
    """What an identity check depends on: the content, the analyser, the category, the number
    of pages read and the identity it is checked against."""
    return (att.working_sha256, ANALYSER_VERSION, att.category, pages, expected)


def known_identity(key: tuple[Any, ...]) -> IdentityResult | None:
    with _IDENTITY_LOCK:
        return _IDENTITY_MEMO.get(key)


def remember_identity(key: tuple[Any, ...], result: IdentityResult) -> None:
    """Keep a result read back from the store, so this process does not check it again."""
    with _IDENTITY_LOCK:
        _IDENTITY_MEMO[key] = result
        while len(_IDENTITY_MEMO) > _IDENTITY_MEMO_SIZE:
            _IDENTITY_MEMO.popitem(last=False)


def _identity(
    att: Attachment, page_texts: Sequence[str], expected: ExpectedIdentity
) -> IdentityResult:
    """The identity check of a stored file against the case's identity, computed once per
    (content, analyser, category, identity) in this process: the checklist, the letters and
    the bundle all review every attachment, and a 500-page record took seconds each time."""
    key = identity_key(att, len(page_texts), expected)
    with _IDENTITY_LOCK:
        found = _IDENTITY_MEMO.get(key)
        if found is not None:
            _IDENTITY_MEMO.move_to_end(key)
            return found
    result = check_identity_pages(page_texts, expected)
    with _IDENTITY_LOCK:
        _IDENTITY_MEMO[key] = result
        while len(_IDENTITY_MEMO) > _IDENTITY_MEMO_SIZE:
            _IDENTITY_MEMO.popitem(last=False)
    return result


def review_attachment(
    att: Attachment,
    case: Case,
    page_texts: Sequence[str],
    profile: PolicyProfile,
    *,
    today: date | None = None,
) -> Review:
    today = today or date.today()
    case_dict = dataclasses.asdict(case)  # dates stay dates for the comparisons
    warnings: list[str] = []
    identity: IdentityResult | None = None
    if page_texts and att.has_text_layer:
        identity = _identity(att, page_texts, ExpectedIdentity.from_case(case_dict))
        if identity.status == "mismatch":
            detail = "; ".join(identity.messages) or "identifiers of another person"
            warnings.append(
                f"{WRONG_PATIENT} {detail}. Do not submit it without checking: a wrong-patient"
                " page is a privacy breach"
            )
        elif identity.status == UNVERIFIED:
            warnings.append("no patient identifiers found: check that it belongs to this patient")
    facts = [f for f in facts_of(att) if _relevant(f.field, att.category)]
    findings = compare_with_case(facts, case_dict) if facts else []
    ocr_pages = {
        i for i, o in enumerate(att.analysis.get("page_origins") or [], start=1) if o == "ocr"
    }
    for finding in findings:
        if finding.page in ocr_pages:  # a suggestion only: a person compares it with the page
            finding.message += " (read by OCR from a scan: check it against the page)"
    for finding in findings:
        if finding.kind == "conflict":
            page = f" (page {finding.page})" if finding.page else ""
            warnings.append(f"contradicts the case{page}: {finding.message}")
    stale = False
    category = profile.category(att.category)
    if category.max_age_days and att.document_date:
        dated = date.fromisoformat(att.document_date)
        if today - dated > timedelta(days=category.max_age_days):
            stale = True
            warnings.append(
                f"dated {att.document_date}: older than {category.max_age_days} days;"
                " a reviewer may ask for a recent one"
            )
    if att.needs_conversion:
        warnings.append(
            "DOCX: converted to PDF for the bundle (with LibreOffice when installed, else with"
            " the app's simpler text renderer)"
        )
    return Review(identity, findings, warnings, stale)
