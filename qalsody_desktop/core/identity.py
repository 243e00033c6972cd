"""Does a document belong to this case's patient? Checked before it goes to a payer.

A page about another patient in a payer submission is a privacy breach; a false alarm on the
patient's own page teaches staff to ignore the warning. So the evidence on a page is weighed:

- a date of birth, member ID or MRN (in the clinic's format) of someone else: ``mismatch``;
- a name that is not the patient's: ``mismatch``, unless the page's strong identifiers say it
  is this patient's page (two of DOB / member ID / MRN agree, or one agrees beside the
  patient's own name): then the other name is a caregiver or clinician, noted, not flagged;
- no comparable identifier at all: ``unverified`` (never ``match``: nothing was checked).

False alarms are also avoided by reading only labelled identifiers (see
``extract.identifiers``), skipping the case's prescriber, and by tolerating case, accents,
middle names or initials, "Last, First" or "LAST FIRST" order, suffixes, nicknames ("Thad",
"Bill"), hyphenated or compound surnames and a member ID's two-digit dependent suffix.

Messages never contain an identifier; ``found`` carries them masked for display (initials,
last four characters of an ID; the date of birth in full, which the app may show).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from .extract.dates import parse_date
from .extract.identifiers import (
    NameParts,
    canon_id,
    find_dobs,
    find_ids,
    find_names,
    same_given_name,
)

NO_IDENTIFIERS = "document has no patient identifiers; check it belongs to this patient"
MISMATCH, MATCH, UNVERIFIED = "mismatch", "match", "unverified"
STRONG_KINDS = ("dob", "member_id", "mrn")
_KIND_WORDS = {
    "name": "patient name",
    "dob": "date of birth",
    "member_id": "member ID",
    "mrn": "MRN",
}


@dataclass(frozen=True)
class ExpectedIdentity:
    """Who the case is about; ``other_names`` are people known not to be the patient."""

    first_name: str
    last_name: str
    middle_name: str | None = None
    date_of_birth: date | None = None
    member_id: str | None = None
    mrn: str | None = None
    other_names: tuple[str, ...] = ()

    @classmethod
    def from_case(cls, case: Mapping[str, Any]) -> ExpectedIdentity:
        """From a case dict in the qalsody-case/1 format (the prescriber kept as non-patient)."""
        p = case.get("patient") or {}
        dob = p.get("date_of_birth")
        prescriber = (case.get("prescriber") or {}).get("name")
        return cls(
            first_name=p.get("first_name") or "",
            last_name=p.get("last_name") or "",
            middle_name=p.get("middle_name"),
            date_of_birth=dob if isinstance(dob, date) or dob is None else parse_date(str(dob)),
            member_id=(case.get("insurance") or {}).get("member_id"),
            mrn=p.get("mrn"),
            other_names=(prescriber,) if prescriber else (),
        )


@dataclass(frozen=True)
class FoundIdentifier:
    """An identifier seen in the text. ``matches``: True, False, or None when not comparable
    (the case lacks that identifier, or an MRN is in another institution's format)."""

    kind: str  # name | dob | member_id | mrn | middle_initial
    masked: str
    page: int | None
    matches: bool | None


@dataclass
class PageIdentity:
    page: int | None
    status: str
    found: list[FoundIdentifier] = field(default_factory=list)


@dataclass
class IdentityResult:
    """``status``: mismatch (a page of someone else), match (every page with identifiers is
    this patient's) or unverified (none found that can be compared). Messages name kinds and
    pages only, never the values."""

    status: str
    found: list[FoundIdentifier] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    pages: list[PageIdentity] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "found": [vars(f) for f in self.found],
            "messages": list(self.messages),
            "pages": [{"page": p.page, "status": p.status} for p in self.pages],
        }

    def to_record(self) -> dict[str, Any]:
        """Everything, each page's identifiers too (masked values only), for the store."""
        return {**self.to_json(), "pages": [asdict(p) for p in self.pages]}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> IdentityResult:
        """Back from ``to_record``; raises KeyError/TypeError on a malformed record."""
        return cls(
            str(data["status"]),
            [FoundIdentifier(**f) for f in data["found"]],
            [str(m) for m in data["messages"]],
            [
                PageIdentity(p["page"], p["status"], [FoundIdentifier(**f) for f in p["found"]])
                for p in data["pages"]
            ],
        )


def check_identity(text: str, expected: ExpectedIdentity) -> IdentityResult:
    """Identity check of one text (pages unknown)."""
    return _combine([_check_page(text, expected, None)], expected)


def check_identity_pages(page_texts: Sequence[str], expected: ExpectedIdentity) -> IdentityResult:
    """Identity check page by page; the document mismatches if any page does."""
    pages = [_check_page(t, expected, i) for i, t in enumerate(page_texts, start=1)]
    return _combine(pages, expected)


def names_agree(want: NameParts, found: NameParts) -> str:
    """ "match", "middle_differs" (same first and last, another middle initial) or "mismatch"."""
    readings = [found]
    if not found.comma and found.first is not None and len(found.tokens) >= 2:
        t = found.tokens  # "VANCE HAROLD J" as some pharmacy systems print it
        readings.append(NameParts(t[1], t[2:], tuple(t[0].split("-")), t, comma=True))
    for r in readings:
        middles = [m for m in r.middles if m not in want.last]
        last = set(r.last) | {m for m in r.middles if m in want.last}
        if not last & set(want.last) or not (last <= set(want.last) or set(want.last) <= last):
            continue
        if r.first is not None and not same_given_name(want.first or "", r.first):
            continue
        if middles and want.middles and middles[0][0] != want.middles[0][0]:
            return "middle_differs"
        return "match"
    return "mismatch"


def _check_page(text: str, expected: ExpectedIdentity, page: int | None) -> PageIdentity:
    found: list[FoundIdentifier] = []
    want = NameParts.from_expected(expected.first_name, expected.middle_name, expected.last_name)
    others = [NameParts.parse(n) for n in expected.other_names]
    for name in find_names(text):
        if any(o is not None and names_agree(o, name) == "match" for o in others):
            continue  # the prescriber named in a "Re:" or "Name:" line
        if not expected.last_name.strip():  # no name typed yet: nothing to compare with
            found.append(FoundIdentifier("name", name.masked(), page, None))
            continue
        verdict = names_agree(want, name)
        found.append(FoundIdentifier("name", name.masked(), page, verdict != "mismatch"))
        if verdict == "middle_differs":
            found.append(FoundIdentifier("middle_initial", name.masked(), page, None))
    for dob in find_dobs(text):
        same = None if expected.date_of_birth is None else dob == expected.date_of_birth
        found.append(FoundIdentifier("dob", dob.isoformat(), page, same))
    for kind, value in find_ids(text):
        want_id = expected.member_id if kind == "member_id" else expected.mrn
        found.append(
            FoundIdentifier(kind, "***" + value[-4:], page, _id_matches(kind, value, want_id))
        )
    found = list(dict.fromkeys(found))
    return PageIdentity(page, _weigh(found), found)


def _weigh(found: list[FoundIdentifier]) -> str:
    """The page's status from all its identifiers together (see the module doc)."""
    strong_yes = {f.kind for f in found if f.kind in STRONG_KINDS and f.matches}
    strong_no = any(f.kind in STRONG_KINDS and f.matches is False for f in found)
    name_yes = any(f.kind == "name" and f.matches for f in found)
    name_no = any(f.kind == "name" and f.matches is False for f in found)
    if strong_no:
        return MISMATCH
    if name_no:
        vouched = len(strong_yes) >= 2 or (strong_yes and name_yes)
        return MATCH if vouched else MISMATCH
    return MATCH if strong_yes or name_yes else UNVERIFIED


def _id_matches(kind: str, value: str, expected: str | None) -> bool | None:
    if not expected:
        return None
    want = canon_id(expected)
    if value == want:
        return True
    if kind == "member_id" and value[:-2] == want and value[-2:].isdigit():
        return True  # "U5521098834-01": the dependent suffix printed with the ID
    if kind == "mrn" and _shape(value) != _shape(want):
        return None  # another institution's record number: not comparable
    return False


def _shape(value: str) -> tuple[str, int]:
    """Letter prefix and digit count: an MRN of another shape comes from elsewhere."""
    prefix = value[: len(value) - len(value.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    return prefix, sum(c.isdigit() for c in value)


def _where(page: int | None) -> str:
    return f" on page {page}" if page is not None else ""


def _combine(pages: list[PageIdentity], expected: ExpectedIdentity) -> IdentityResult:
    found = [f for p in pages for f in p.found]
    messages: list[str] = []
    for p in pages:
        for kind, words in _KIND_WORDS.items():
            if p.status == MATCH and kind == "name":
                continue  # another person on the patient's own page: noted below
            if any(f.kind == kind and f.matches is False for f in p.found):
                messages.append(f"{words}{_where(p.page)} does not match the case")
        if any(f.kind == "middle_initial" for f in p.found):
            messages.append(f"middle initial{_where(p.page)} differs from the case")
        if p.status == MATCH and any(f.kind == "name" and f.matches is False for f in p.found):
            messages.append(
                f"another person is named{_where(p.page)}; the page's date of birth and IDs"
                " are this patient's"
            )
    if expected.date_of_birth is None and any(f.kind == "dob" for f in found):
        messages.append("a date of birth was found but the case has none to compare")
    if any(p.status == MISMATCH for p in pages):
        status = MISMATCH
    elif any(p.status == MATCH for p in pages):
        status = MATCH
    else:
        status = UNVERIFIED
        messages.append(NO_IDENTIFIERS)
    paged = bool(pages) and pages[0].page is not None
    return IdentityResult(status, found, messages, pages if paged else [])
