"""What the Bundle tab lists: the bundle's sections and documents, as the builder will use them.

The order and grouping follow ``core.bundle.collect`` (the letter first, then the profile's
categories, the case's saved order within each), computed from the attachment rows alone so
the tab can show it at once; page counts of converted files are known only after a build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..core.bundle.letter import GENERATED_KEY, LETTER_CATEGORY
from ..core.bundle.model import LETTER_SECTION, SUPERSEDED
from ..core.bundle.settings import BundleSettings, ordered
from ..core.evidence.records import Attachment
from ..core.policy.model import PolicyProfile

USABLE_KINDS = ("pdf", "image", "docx")


@dataclass
class DocRow:
    """One document line; ``key`` is the attachment id (or the generated letter's key)."""

    key: str
    file_name: str
    category: str
    pages: int | None  # None: counted when the bundle is built (a DOCX, the generated letter)
    selected: int | None
    included: bool = True
    checkable: bool = True  # False: the letter section's document, always in the bundle
    movable: bool = True
    note: str = ""
    held: str = ""  # why a gate holds it back (another patient's, unreviewed...), if it does

    def pages_text(self) -> str:
        if self.pages is None or self.selected is None:
            return "—"
        return f"{self.selected} of {self.pages}"

    def note_text(self) -> str:
        parts = [] if self.included else ["excluded from the bundle"]
        if self.held and self.included:
            parts.append(f"HELD BACK until you decide (see Held back): {self.held}")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)


@dataclass
class SectionRow:
    id: str  # "letter" or a category id
    title: str
    docs: list[DocRow] = field(default_factory=list)

    def pages_text(self) -> str:
        used = [d for d in self.docs if d.included]
        if any(d.selected is None for d in used):
            known = sum(d.selected or 0 for d in used)
            return f"{known}+" if known else "—"
        return str(sum(d.selected or 0 for d in used))

    def summary(self) -> str:
        included = sum(1 for d in self.docs if d.included)
        noun = "document" if len(self.docs) == 1 else "documents"
        return f"{included} of {len(self.docs)} {noun} included"


def letter_title(profile: PolicyProfile) -> str:
    if LETTER_CATEGORY in profile.category_ids:
        return profile.category(LETTER_CATEGORY).title
    return "Letter"


def _note(att: Attachment, selected: int | None) -> str:
    notes = []
    if att.kind == "docx":
        notes.append("converted to PDF when the bundle is built (LibreOffice if installed)")
    elif att.kind not in USABLE_KINDS:
        notes.append(f"a {att.kind} file cannot be put into a PDF: it will be left out")
    if selected == 0:
        notes.append("every page is excluded in the Evidence tab: it will be left out")
    if att.encrypted_original:
        notes.append("the decrypted copy is used")
    return "; ".join(notes)


def doc_row(att: Attachment, *, included: bool = True, letter: bool = False) -> DocRow:
    pages = att.pages if att.kind != "docx" else None
    selected = len(att.pages_state.selected_pages(pages)) if pages is not None else None
    note = _note(att, selected)
    if letter:
        note = "; ".join(n for n in ("the signed copy: always included", note) if n)
    return DocRow(
        key=att.id,
        file_name=att.file_name,
        category=att.category,
        pages=pages,
        selected=selected,
        included=included,
        checkable=not letter,
        movable=not letter,
        note=note,
    )


def superseded_row(att: Attachment) -> DocRow:
    """An older letter: the builder leaves it out whenever a newer signed copy is attached."""
    row = doc_row(att, included=False)
    row.checkable = row.movable = False
    row.note = "; ".join(n for n in (SUPERSEDED, row.note) if n)
    return row


def generated_letter_row() -> DocRow:
    return DocRow(
        key=GENERATED_KEY,
        file_name="Letter of medical necessity (generated)",
        category=LETTER_CATEGORY,
        pages=None,
        selected=None,
        checkable=False,
        movable=False,
        note="no signed copy is attached: the app generates the letter when it builds",
    )


def outline(
    attachments: Sequence[Attachment],
    profile: PolicyProfile,
    settings: BundleSettings,
    signed: Attachment | None,
) -> list[SectionRow]:
    """Sections in bundle order with their documents; empty categories are not listed."""
    letter = SectionRow(LETTER_SECTION, letter_title(profile))
    letter.docs.append(doc_row(signed, letter=True) if signed else generated_letter_row())
    older = [a for a in attachments if signed and a.category == LETTER_CATEGORY and a is not signed]
    letter.docs.extend(superseded_row(a) for a in older)  # shown with the letter they yield to
    known = list(profile.category_ids)
    fallback = "other" if "other" in known else known[-1]
    rest = [a for a in attachments if a is not signed and a not in older]
    rest = ordered(rest, settings.document_order, lambda a: a.id)
    sections = [letter]
    for category in ordered(known, settings.category_order, lambda c: c):
        docs = [
            doc_row(a, included=a.id not in settings.excluded)
            for a in rest
            if (a.category if a.category in known else fallback) == category
        ]
        if docs:
            sections.append(SectionRow(category, profile.category(category).title, docs))
    return sections


def settings_from(sections: Sequence[SectionRow], base: BundleSettings) -> BundleSettings:
    """``base`` with the tree's inclusion and document order (every movable document, in order)."""
    docs = [d for s in sections for d in s.docs if d.movable]
    return replace(
        base,
        excluded=tuple(d.key for d in docs if d.checkable and not d.included),
        document_order=tuple(d.key for d in docs),
    )
