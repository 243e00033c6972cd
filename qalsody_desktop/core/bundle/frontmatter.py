"""The pages in front of the evidence: cover sheet, contents and criteria crosswalk.

Their page numbers are computed from the finished page order (see ``plan``), never typed in.
The cover says who the submission is for and from, which patient and request it concerns and
how many pages follow, so a fax that arrives in pieces can still be put back together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Case
from ..policy.model import PolicyProfile
from .layout import Column, Composer

CONFIDENTIALITY_NOTICE = (
    "CONFIDENTIALITY NOTICE: This transmission contains protected health information that is "
    "confidential and intended only for the recipient named above, for the purpose of a "
    "coverage determination. If you received it in error, do not read, copy or disclose it; "
    "notify the sender by telephone and destroy all copies."
)
BLANK = "_______________________"


@dataclass(frozen=True)
class CoverInfo:
    to_lines: tuple[str, ...]
    from_lines: tuple[str, ...]
    patient: tuple[tuple[str, str], ...]
    request: tuple[tuple[str, str], ...]
    expedited: bool
    date: str
    title: str


def patient_name(case: Case) -> str:
    p = case.patient
    first = " ".join(x for x in (p.first_name, p.middle_name) if x)
    return ", ".join(x for x in (p.last_name.strip(), first.strip()) if x) or "(name missing)"


def cover_info(
    case: Case, profile: PolicyProfile, date: str, packet_title: str | None = None
) -> CoverInfo:
    contact = profile.payer_contact
    to_lines = [profile.payer]
    if contact is not None:
        to_lines = [contact.name, contact.department]
        fax = contact.fax if contact.is_configured else BLANK
        phone = contact.phone if contact.phone and not contact.placeholder else ""
        to_lines.append(f"Fax: {fax}" + (f"    Phone: {phone}" if phone else ""))
    else:
        to_lines.append(f"Fax: {BLANK}")
    rx = case.prescriber
    who = ", ".join(x for x in (rx.name, rx.credentials) if x)
    if rx.specialty:
        who += f" ({rx.specialty})" if who else rx.specialty
    from_lines = [x for x in (rx.practice, who, f"NPI {rx.npi}" if rx.npi else "") if x]
    address = rx.address
    street = ", ".join(x for x in (address.line1, address.line2, address.city, address.state) if x)
    if street:
        from_lines.append(f"{street} {address.postal_code or ''}".strip())
    contact_line = "    ".join(
        x
        for x in (f"Phone: {rx.phone}" if rx.phone else "", f"Fax: {rx.fax}" if rx.fax else "")
        if x
    )
    if contact_line:
        from_lines.append(contact_line)
    dob = case.patient.date_of_birth.isoformat() if case.patient.date_of_birth else "(missing)"
    patient = (
        ("Patient", patient_name(case)),
        ("Date of birth", dob),
        ("Member ID", case.insurance.member_id or "(missing)"),
        ("Group", case.insurance.group_number or "-"),
        ("Plan", case.insurance.plan_name or case.insurance.payer or "-"),
    )
    urgency = (case.request.urgency or "standard").lower()
    expedited = urgency == "expedited"
    request = (
        ("Drug", case.request.drug or profile.drug),
        ("HCPCS", case.request.hcpcs or "-"),
        ("ICD-10", case.diagnosis.icd10 or "-"),
        ("Review", "EXPEDITED (urgent)" if expedited else "Standard"),
    )
    title = f"{packet_title or 'Prior authorization request'}: {case.request.drug or profile.drug}"
    return CoverInfo(
        tuple(to_lines),
        tuple(from_lines or ["(practice missing)"]),
        patient,
        request,
        expedited,
        date,
        title,
    )


def cover_page(
    info: CoverInfo, part: int, parts: int, part_pages: int, first: int, last: int, total: int
) -> bytes:
    c = Composer()
    c.heading(info.title, 17)
    if parts > 1:
        c.paragraph(f"Part {part} of {parts}", size=14, bold=True)
    if info.expedited:
        c.paragraph("EXPEDITED REVIEW REQUESTED", size=13, bold=True)
    c.fields([("Date", info.date)])
    c.fields([("To", info.to_lines[0]), *(("", line) for line in info.to_lines[1:])])
    c.fields([("From", info.from_lines[0]), *(("", line) for line in info.from_lines[1:])])
    c.rule()
    c.fields(list(info.patient))
    c.fields(list(info.request))
    c.rule()
    pages = [("Pages", f"{part_pages} in this transmission, including this cover sheet")]
    if parts > 1:
        pages.append(("", f"Part {part} of {parts}: bundle pages {first}-{last} of {total}"))
    c.fields(pages)
    c.spacer(10)
    c.paragraph(CONFIDENTIALITY_NOTICE, size=8.5)
    return c.pages()[0]


def page_ranges(pages: Sequence[int]) -> str:
    """[4, 5, 6, 9] -> "4-6, 9"."""
    ordered = sorted(set(pages))
    runs: list[str] = []
    start = prev = None
    for p in ordered:
        if start is None:
            start = prev = p
        elif prev is not None and p == prev + 1:
            prev = p
        else:
            runs.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = p
    if start is not None:
        runs.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(runs)


def page_ref(pages: Sequence[int], parts: Sequence[int]) -> str:
    if not pages:
        return "-"
    text = page_ranges(pages)
    shown = sorted(set(parts))
    if len(shown) == 1 and shown[0] > 1:
        return f"{text} (part {shown[0]})"
    if len(shown) > 1:
        return f"{text} (parts {shown[0]}-{shown[-1]})"
    return text


@dataclass(frozen=True)
class Entry:
    level: int  # 0 section, 1 document
    title: str
    pages: str


CONTENTS_COLUMNS = (Column(384.0), Column(120.0, "right"))


def contents_pages(entries: Sequence[Entry]) -> list[bytes]:
    c = Composer(size=9.5)
    c.heading("Contents")
    c.row(["Section / document", "Pages"], CONTENTS_COLUMNS, bold=True)
    c.rule(1)
    for entry in entries:
        bold = entry.level == 0
        c.row([entry.title, entry.pages], CONTENTS_COLUMNS, bold=bold, indent=14.0 * entry.level)
    return c.pages()


@dataclass(frozen=True)
class CrosswalkRow:
    criterion: str
    documents: str
    pages: str
    quote: str = ""  # the words found on the cited page(s), or why no page is cited


CROSSWALK_COLUMNS = (Column(150.0), Column(104.0), Column(54.0, "right"), Column(196.0))


def crosswalk_pages(rows: Sequence[CrosswalkRow], intro: str) -> list[bytes]:
    c = Composer(size=9.0)
    c.heading("Criteria crosswalk")
    c.paragraph(intro, size=9.5)
    c.row(
        ["Criterion", "Documented in", "Pages", "Found on the page"], CROSSWALK_COLUMNS, bold=True
    )
    c.rule(1)
    for row in rows:
        c.row([row.criterion, row.documents, row.pages, row.quote], CROSSWALK_COLUMNS)
    return c.pages()
