"""Which documents go into the bundle, in which sections and order, and which stay out.

Sections follow the profile's category order (the case may move categories first); within a
category documents follow the Evidence kit's order (or the case's own). Documents the user
excluded are listed as excluded; documents that cannot be used are left out with a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..evidence.records import Attachment
from ..policy.model import PolicyProfile
from ..storage.blobs import BlobStore, sha256_file
from .convert import Converted, convert_docx
from .gates import Screened
from .letter import LETTER_CATEGORY
from .model import LETTER_SECTION, SUPERSEDED, DocSpec, DocumentError, LeftOut, Section
from .settings import BundleSettings, ordered
from .sources import ALL_PAGES_EXCLUDED, Verifier, check_blob, prepare

EXCLUDED_BY_USER = "excluded from the bundle by the user"
_REMOVED = " (will be removed from the submission bundle)"  # intake's wording (pdf_active)


@dataclass
class Collected:
    sections: list[Section]
    verifier: Verifier
    left_out: list[LeftOut] = field(default_factory=list)
    excluded: list[LeftOut] = field(default_factory=list)
    held_back: list[Screened] = field(default_factory=list)  # kept out by a gate


def attachment_doc(att: Attachment, blobs: BlobStore) -> DocSpec:
    return DocSpec(
        key=att.id,
        file_name=att.file_name,
        sha256=att.original_sha256,
        working_sha256=att.working_sha256,
        kind=att.kind,
        category=att.category,
        path=blobs.path_for(att.working_sha256),
        document_date=att.document_date,
        rotation={k: v % 360 for k, v in att.pages_state.rotation.items() if v % 360},
        warnings=[w.replace(_REMOVED, "") + ": removed" for w in att.warnings if _REMOVED in w],
    )


def collect(
    attachments: list[Attachment],
    profile: PolicyProfile,
    settings: BundleSettings,
    blobs: BlobStore,
    workdir: Path,
    *,
    letter: Attachment | None,
    generated_letter: DocSpec | None,
    tick: Callable[[str], None] | None = None,
    letter_title: str | None = None,
    held: Mapping[str, Screened] | None = None,
    foreign_pages: Mapping[str, set[int]] | None = None,
) -> Collected:
    """``held``: documents a gate keeps out; ``foreign_pages``: pages (of documents let in by
    a decision) whose own identifiers disagree with the case, never stamped with ours."""
    held = held or {}
    foreign_pages = foreign_pages or {}
    result = Collected(sections=[], verifier=Verifier())
    by_id = {a.id: a for a in attachments}
    chosen: list[tuple[str, Attachment | None, DocSpec]] = []  # (section id, attachment, doc)
    if letter is not None:
        chosen.append((LETTER_SECTION, letter, attachment_doc(letter, blobs)))
    elif generated_letter is not None:
        chosen.append((LETTER_SECTION, None, generated_letter))
    known = list(profile.category_ids)
    categories = ordered(known, settings.category_order, lambda c: c)
    rest = [a for a in attachments if letter is None or a.id != letter.id]
    rest = ordered(rest, settings.document_order, lambda a: a.id)
    fallback = "other" if "other" in known else known[-1]

    def section_of(att: Attachment) -> str:
        return att.category if att.category in known else fallback

    for category in categories:
        for att in (a for a in rest if section_of(a) == category):
            if att.id in settings.excluded:
                result.excluded.append(_out(att, EXCLUDED_BY_USER))
            elif att.id in held:
                result.held_back.append(held[att.id])
            elif letter is not None and att.category == LETTER_CATEGORY:
                result.excluded.append(_out(att, SUPERSEDED))
            else:
                doc = attachment_doc(att, blobs)
                doc.foreign_pages = set(foreign_pages.get(att.id, ()))
                chosen.append((category, att, doc))
    _convert(chosen, blobs, workdir, result, by_id)
    sections: dict[str, Section] = {}
    for section_id, source, doc in chosen:
        if doc.kind not in ("pdf", "image"):
            continue  # left out by _convert
        if tick:
            tick(doc.file_name)
        try:
            if source is not None and doc.converted_sha256 is None:
                result.verifier.submit(doc, source.working_sha256)
            prepare(doc, source.pages_state.excluded if source is not None else ())
        except DocumentError as exc:
            target = result.excluded if str(exc) == ALL_PAGES_EXCLUDED else result.left_out
            target.append(_doc_out(doc, str(exc), source))
            continue
        if section_id not in sections:
            title = letter_title if section_id == LETTER_SECTION and letter_title else None
            sections[section_id] = Section(section_id, title or _title(section_id, profile))
        sections[section_id].docs.append(doc)
    order = [LETTER_SECTION, *categories]
    result.sections = [sections[s] for s in order if s in sections]
    return result


def _title(section_id: str, profile: PolicyProfile) -> str:
    if section_id == LETTER_SECTION:
        return (
            profile.category(LETTER_CATEGORY).title
            if LETTER_CATEGORY in profile.category_ids
            else "Letter"
        )
    return profile.category(section_id).title


def _convert(
    chosen: list[tuple[str, Attachment | None, DocSpec]],
    blobs: BlobStore,
    workdir: Path,
    result: Collected,
    by_id: dict[str, Attachment],
) -> None:
    """DOCX to PDF (one LibreOffice run for all); other unusable kinds are left out."""
    docx = {doc.key: doc for _, att, doc in chosen if doc.kind == "docx"}
    for _, att, doc in chosen:
        if doc.kind not in ("pdf", "image", "docx"):
            result.left_out.append(
                _doc_out(doc, f"a {doc.kind} file cannot be put into a PDF", att)
            )
            doc.kind = "unusable"
    if not docx:
        return
    present = {}
    for key, doc in docx.items():
        try:
            check_blob(doc, by_id[key].working_sha256 if key in by_id else None)
            assert doc.path is not None
            present[key] = doc.path
        except DocumentError as exc:
            result.left_out.append(_doc_out(doc, str(exc), by_id.get(key)))
            doc.kind = "unusable"
    converted = convert_docx(present, workdir)
    for key, outcome in converted.items():
        doc = docx[key]
        if isinstance(outcome, Converted):
            doc.path, doc.kind = outcome.path, "pdf"
            doc.converted_sha256 = sha256_file(outcome.path)
            doc.warnings.append(f"converted from DOCX with {outcome.engine}")
            doc.warnings.extend(f"DOCX conversion: {note}" for note in outcome.notes)
        else:
            result.left_out.append(_doc_out(doc, outcome, by_id.get(key)))
            doc.kind = "unusable"


def _out(att: Attachment, reason: str) -> LeftOut:
    return LeftOut(att.file_name, reason, att.id, att.category)


def _doc_out(doc: DocSpec, reason: str, att: Attachment | None) -> LeftOut:
    return LeftOut(doc.file_name, reason, att.id if att else None, doc.category)
