"""One fax, several documents: split an attachment page by page into its own attachments.

A referring office faxes a cover sheet, a clinic note and a PFT as one PDF. Classified as a
whole it gets one category, and the checklist sees one document. Classified page by page,
runs of pages of the same kind become parts, each attached with its own category; fax cover
sheets are left out (or kept as ``other`` on request). Pages that say too little to be
classified (a signature page, a scan without text) stay with the document before them.

Splitting goes through the ordinary attach pipeline (isolated reader, classification,
identity, facts), then removes the original only once every part is stored: a failure loses
nothing.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ..classifier.model import Counts
from ..classify import classify_pages, classify_text
from ..errors import QalsodyError
from ..policy.model import PolicyProfile
from ..policy.profile import FALLBACK_CATEGORY
from ..storage import Store
from .attach import Attacher, AttachOutcome
from .records import PageState

log = logging.getLogger(__name__)

START_CONFIDENCE = 0.6  # a page starts a new part only when its own category is this sure


@dataclass(frozen=True)
class Segment:
    """Pages ``first``..``last`` (1-based, inclusive) of one kind."""

    first: int
    last: int
    category: str
    confidence: float
    cover_sheet: bool = False

    @property
    def pages(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    def to_json(self) -> dict[str, object]:
        return {
            "pages": [self.first, self.last],
            "category": self.category,
            "confidence": self.confidence,
            "cover_sheet": self.cover_sheet,
        }


def plan_split(
    page_texts: Sequence[str], profile: PolicyProfile, local: Counts | None = None
) -> list[Segment]:
    """The parts a document consists of, by page (see the module doc)."""
    pages = classify_pages(page_texts, profile, local)
    runs: list[list[int]] = []
    kinds: list[str] = []
    for number, result in enumerate(pages, start=1):
        kind = "cover" if result.cover_sheet else result.category
        unclear = kind == FALLBACK_CATEGORY or result.confidence < START_CONFIDENCE
        if kind == "cover":
            runs.append([number])
            kinds.append(kind)
        elif runs and kinds[-1] != "cover" and (unclear or kind == kinds[-1]):
            runs[-1].append(number)
            if kinds[-1] == FALLBACK_CATEGORY and not unclear:
                kinds[-1] = kind
        else:
            runs.append([number])
            kinds.append(kind)
    segments = []
    for run, kind in zip(runs, kinds, strict=True):
        if kind == "cover":
            segments.append(
                Segment(run[0], run[-1], FALLBACK_CATEGORY, pages[run[0] - 1].confidence, True)
            )
            continue
        # the whole run read together decides its category (more text, surer)
        text = "\n".join(page_texts[p - 1] for p in run)
        whole = classify_text(text, profile, has_text_layer=bool(text.strip()), local=local)
        segments.append(Segment(run[0], run[-1], whole.category, whole.confidence))
    return segments


@dataclass
class SplitResult:
    segments: list[Segment]
    parts: list[AttachOutcome] = field(default_factory=list)
    left_out: list[int] = field(default_factory=list)  # cover-sheet pages not attached
    removed: str | None = None  # the original attachment's id, once it is replaced

    def to_json(self) -> dict[str, object]:
        return {
            "segments": [s.to_json() for s in self.segments],
            "parts": [
                {
                    "attachment_id": o.attachment_id,
                    "file": o.file,
                    "category": o.category,
                    "status": o.status,
                }
                for o in self.parts
            ],
            "left_out_pages": self.left_out,
            "removed": self.removed,
        }


def _carry_exclusions(
    store: Store, state: PageState, segment: Segment, part_id: str | None
) -> None:
    """Pages the user had left out of the bundle stay left out in the part that holds them
    (renumbered); rotations were applied to the part's pages when it was written."""
    if part_id is None:
        return
    moved = {
        p - segment.first + 1: reason
        for p, reason in state.excluded.items()
        if segment.first <= p <= segment.last
    }
    if not moved:
        return
    part = store.attachments.get(part_id)
    excluded = {**part.pages_state.excluded, **moved}
    store.attachments.update(
        part_id, pages_state=PageState(excluded=excluded, rotation=part.pages_state.rotation)
    )


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_") or "document"


def split_attachment(
    store: Store,
    case_id: str,
    attachment_id: str,
    profile: PolicyProfile,
    *,
    keep_cover: bool = False,
    dry_run: bool = False,
    local: Counts | None = None,
    today: date | None = None,
) -> SplitResult:
    """Replace a multi-document PDF attachment by one attachment per part."""
    att = store.attachments.get(attachment_id)
    if att.case_id != case_id:
        raise QalsodyError(f"attachment {attachment_id} is not in case {case_id}")
    if att.kind != "pdf":
        raise QalsodyError(f"{att.id}: only PDF attachments can be split (this is {att.kind})")
    texts = store.attachments.page_texts(att.id)
    pages = att.pages or len(texts)
    if len(texts) < pages:  # pages without text continue the document before them
        texts = [*texts, *[""] * (pages - len(texts))]
    segments = plan_split(texts, profile, local)
    result = SplitResult(segments)
    kept = [s for s in segments if keep_cover or not s.cover_sheet]
    result.left_out = [p for s in segments if s.cover_sheet and not keep_cover for p in s.pages]
    if len(segments) < 2:
        raise QalsodyError(f"{att.id}: one document only, nothing to split")
    if dry_run:
        return result
    reader = PdfReader(io.BytesIO(store.blobs.read(att.working_sha256)))
    stem = _safe(Path(att.file_name).stem)
    with tempfile.TemporaryDirectory(prefix="qalsody-split-") as tmp:
        paths = []
        for s in kept:
            writer = PdfWriter()
            for p in s.pages:
                page = writer.add_page(reader.pages[p - 1])
                turn = att.pages_state.rotation.get(p, 0) % 360
                if turn:
                    page.rotate(turn)
            kind = "cover" if s.cover_sheet else s.category
            path = Path(tmp) / f"{stem} p{s.first}-{s.last} {kind}.pdf"
            with path.open("wb") as fh:
                writer.write(fh)
            paths.append(path)
        outcomes = Attacher(store, profile, today=today).attach(case_id, paths)
    result.parts = outcomes
    if any(o.status != "ok" for o in outcomes):
        for o in outcomes:  # undo the parts stored so far: the original stays as it was
            if o.status == "ok" and o.attachment_id:
                store.attachments.delete(o.attachment_id)
        failed = next(o for o in outcomes if o.status != "ok")
        raise QalsodyError(
            f"{att.id}: split abandoned, part {failed.file} was {failed.status}:"
            f" {failed.error or '; '.join(failed.warnings)}"
        )
    for s, outcome in zip(kept, outcomes, strict=True):
        _carry_exclusions(store, att.pages_state, s, outcome.attachment_id)
    store.attachments.delete(att.id)
    result.removed = att.id
    log.info("split attachment %s into %d parts", att.id, len(outcomes))
    return result
