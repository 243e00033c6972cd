"""The pieces every letter shares: letterhead, heading lines, citations, signature, enclosures.

``Draft`` collects blocks for one letter and carries the case, the context and the letter's
citation numbering, so the composers read as a list of what the letter says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..derived import case_age
from ..document import (
    Block,
    BulletList,
    Document,
    Heading,
    Inline,
    InlineLike,
    Letterhead,
    Paragraph,
    Placeholder,
    Run,
    SignatureBlock,
)
from ..document.model import block_id
from ..evidence.records import Attachment
from ..model import Case
from ..policy.model import RegulatoryStatement
from .context import Citations, LetterContext
from .facts import fact, long_date, patient_name, plan_description, sentence, us_date

# A letter to the payer cites only what a source supports; the guide's own claims stay out.
CITABLE_STATUSES = ("verified", "corrected")


class Draft:
    """Blocks of one letter in reading order, plus what they need to cite and warn."""

    def __init__(self, case: Case, ctx: LetterContext):
        self.case = case
        self.ctx = ctx
        self.cites = Citations(ctx.profile)
        self.blocks: list[Block] = []
        self.ids: set[str] = set()

    @property
    def plan_type(self) -> str | None:
        return self.case.insurance.plan_type

    def add(self, *blocks: Block | None) -> None:
        """Append blocks; a repeated id (the same table in two answers) is dropped, not fatal."""
        for b in blocks:
            if b is None:
                continue
            bid = block_id(b)
            if bid and bid in self.ids:
                b = replace(b, id=None)  # type: ignore[arg-type]
            elif bid:
                self.ids.add(bid)
            self.blocks.append(b)

    def heading(self, text: str, level: int = 1, id: str | None = None) -> None:
        self.add(Heading(text, level, id=id))

    def para(self, content: InlineLike, id: str | None = None, style: Any = "body") -> None:
        self.add(Paragraph(content, style=style, id=id))

    def statement(self, statement_id: str) -> RegulatoryStatement | None:
        """A citable statement for this case's plan type, or None (not applicable/unsourced)."""
        st = self.ctx.statement(statement_id, self.plan_type)
        if st is None:
            return None
        if st.status not in CITABLE_STATUSES:
            self.ctx.warn(
                f"'{st.title}' is {st.status} in the policy profile, so the letter does not cite it"
            )
            return None
        return st

    def statement_inlines(self, st: RegulatoryStatement, lead: str | None = None) -> list[Inline]:
        """The statement's text (quoted when verbatim) with its numbered source."""
        head: list[Inline] = [Run(f"{lead if lead is not None else st.title}: ", bold=True)]
        body = f"\u201c{st.text}\u201d" if st.quote else st.text
        return [*head, Run(body), self.cites.cite(st.source)]

    def statements(self, ids: Iterable[str], prefix: str = "reg") -> None:
        for sid in ids:
            st = self.statement(sid)
            if st is not None:
                self.para(self.statement_inlines(st), id=f"{prefix}_{sid}"[:40])

    def sources(self) -> None:
        """The numbered source list the letter's [n] markers point to."""
        cited = self.cites.sources()
        if not cited:
            return
        self.heading("Sources", 2, id="sources_heading")
        for number, src in cited:
            text = f"[{number}] {src.title}. {src.citation}"
            self.para(text + (f" {src.url}" if src.url else ""), style="small")

    def document(self, title: str, subject: str, with_letterhead: bool = True) -> Document:
        name, dob = patient_name(self.case), self.case.patient.date_of_birth
        footer = " · ".join(
            x
            for x in (
                name,
                f"DOB {us_date(dob)}" if dob else None,
                "Confidential health information",
            )
            if x
        )
        signer = self.case.prescriber.name or ""
        return Document(
            title,
            tuple(self.blocks),
            letterhead=letterhead(self.case, self.ctx) if with_letterhead else None,
            footer_text=footer,
            metadata={"author": signer, "subject": subject, "category": "letter"},
        )


def letterhead(case: Case, ctx: LetterContext) -> Letterhead | None:
    """The clinic's letterhead; else the prescriber's practice from the case; else none."""
    c = ctx.clinic
    if c.is_configured:
        return Letterhead(c.practice_name, tuple(c.address_lines), c.phone, c.fax, ctx.logo_png)
    p = case.prescriber
    ctx.warn(
        "clinic settings are not set (Edit > Clinic settings, or qalsody-pa clinic set):"
        " no clinic letterhead or logo"
    )
    if not p.practice:
        return None
    a = p.address
    city = ", ".join(x for x in (a.city, " ".join(y for y in (a.state, a.postal_code) if y)) if x)
    lines = tuple(x for x in (a.line1, a.line2, city) if x)
    return Letterhead(p.practice, lines, p.phone, p.fax)


def header(
    d: Draft,
    subject: str,
    addressee: Sequence[str],
    extra: Sequence[Inline] = (),
    salutation: str = "Dear Medical Director:",
) -> None:
    """Date, addressee, the RE block identifying the patient and the plan, salutation."""
    case, ins = d.case, d.case.insurance
    d.para(long_date(d.ctx.today), id="date")
    d.para("\n".join(a for a in addressee if a), id="addressee")
    age = case_age(case, d.ctx.today)
    dob = case.patient.date_of_birth
    re_line: list[Inline] = [Run(f"RE: {subject}", bold=True), Run("\n")]
    re_line += sentence(
        "Patient: ",
        fact(patient_name(case), "patient name"),
        " · DOB ",
        fact(dob, "date of birth"),
        f" (age {age})" if age is not None else "",
        missing="patient name and date of birth missing",
    )
    re_line += [Run("\n")]
    re_line += sentence(
        "Member ID ",
        fact(ins.member_id, "member ID"),
        " · Group ",
        fact(ins.group_number, "group number"),
        " · Plan: ",
        fact(plan_description(case), "plan"),
        missing="insurance (member ID, group, plan) missing",
    )
    if extra:
        re_line += [Run("\n"), *extra]
    d.para(re_line, id="re_line")
    d.para(salutation)


def payer_addressee(d: Draft, department: str | None = None) -> list[str]:
    contact = d.ctx.profile.payer_contact
    payer = d.case.insurance.payer or (contact.name if contact else d.ctx.profile.payer)
    dept = department or (contact.department if contact else "")
    return [payer, dept]


def signer(d: Draft) -> SignatureBlock:
    """The prescriber signs; the clinic's matching signer adds a stored signature image."""
    case, ctx = d.case, d.ctx
    p = case.prescriber
    signers = ctx.clinic.signers
    index = next((i for i, s in enumerate(signers) if p.npi and s.npi == p.npi), None)
    if index is None and p.name:
        wanted = p.name.strip().lower()
        index = next((i for i, s in enumerate(signers) if s.name.strip().lower() == wanted), None)
    if index is None and not p.name and signers:
        index = 0
        ctx.warn("the case has no prescriber; the clinic's first signer signs the letter")
    if index is not None:
        s = signers[index]
        name: InlineLike = s.name
        credentials: InlineLike | None = s.credentials or p.credentials
        npi: InlineLike = s.npi or p.npi or Placeholder("prescriber NPI missing")
        png = ctx.signature_pngs.get(index)
    else:
        if signers:
            ctx.warn("the prescriber is not one of the clinic's signers: no signature image")
        name = p.name or Placeholder("prescriber name missing")
        credentials = p.credentials or Placeholder("prescriber credentials missing")
        npi = p.npi or Placeholder("prescriber NPI missing")
        png = None
    return SignatureBlock(
        name, credentials, npi, signature_png=png, date_text=long_date(ctx.today), id="signature"
    )


def closing(d: Draft) -> None:
    d.add(Paragraph("Sincerely,", keep_with_next=True, id="closing"), signer(d))


def pages_text(d: Draft, att: Attachment) -> str:
    pages = (d.ctx.bundle_pages or {}).get(att.id)
    if not pages:
        return ""
    first, last = pages
    return f", bundle page {first}" if first == last else f", bundle pages {first}-{last}"


def attachments_of(d: Draft, category: str) -> list[Attachment]:
    return [a for a in d.ctx.attachments if a.category == category]


def enclosure_text(d: Draft, att: Attachment) -> str:
    title = d.ctx.profile.category(att.category).title if att.category in _cats(d) else "Document"
    return f"{title}: {att.file_name}{pages_text(d, att)}"


def _cats(d: Draft) -> tuple[str, ...]:
    return d.ctx.profile.category_ids


def enclosures(
    d: Draft, *, exclude: Sequence[str] = (), require: Sequence[str] = (), id: str = "enclosures"
) -> None:
    """Every attachment of the case in bundle (profile category) order, with bundle pages.

    A document dated after the letter cannot be enclosed with it and is left out (warned); a
    publication the letter cites and the case lacks is a placeholder naming what to attach.
    """
    from .evidence import reference_enclosures  # evidence builds on this module

    for name in d.ctx.held_back:
        d.ctx.warn(f"{name} is flagged as another patient's document: not listed as an enclosure")
    order = {c: i for i, c in enumerate(_cats(d))}
    letter_day = d.ctx.today.isoformat()
    later = [a for a in d.ctx.attachments if (a.document_date or "")[:10] > letter_day]
    for a in later:
        d.ctx.warn(
            f"{a.file_name} is dated {a.document_date}, after the letter's date: "
            "not listed as an enclosure"
        )
    atts = sorted(
        (a for a in d.ctx.attachments if a.category not in exclude and a not in later),
        key=lambda a: (order.get(a.category, len(order)), a.position, a.added_at),
    )
    items: list[InlineLike] = [enclosure_text(d, a) for a in atts]
    for category in require:
        if not any(a.category == category for a in atts):
            title = d.ctx.profile.category(category).title
            items.append(Placeholder(f"{title} not attached"))
            d.ctx.warn(f"no {title.lower()} is attached to the case; attach it before sending")
    _present, missing = reference_enclosures(d)
    items += missing
    if not items:
        items = [Placeholder("no documents attached to enclose")]
        d.ctx.warn("the case has no attachments: the letter encloses nothing")
    d.heading("Enclosures", 2, id="enclosures_heading")
    d.add(BulletList(items, id=id))


def contact_phone(d: Draft) -> str | None:
    return d.ctx.clinic.phone or d.case.prescriber.phone
