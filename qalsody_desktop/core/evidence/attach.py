"""Attaching files to a case: every file gets a fate (ok, duplicate, rejected) and a reason.

A batch never stops at a bad file and never loses what the case already holds: each accepted
file is stored (blob first, then its row in one transaction) before the next is read.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..classifier.local import load_local
from ..classify import classify_text
from ..extract import extract_from_pages
from ..intake.analysis import analyser_key, from_record, to_record
from ..intake.inspect import Inspection, inspect_bytes, ocr_document
from ..model import Case
from ..policy.profile import PolicyProfile
from ..storage import Store
from ..storage.cases import now_iso
from ..storage.errors import is_expected, storage_reason
from ..userfile import UserFileError, kind_of, read_limited
from .covers import cover_pages
from .records import Attachment, PageState
from .review import document_date_from_facts, review_attachment

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 300 * 1024 * 1024

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass
class AttachOutcome:
    """One input file's fate, as the CLI prints it and the GUI lists it."""

    file: str
    status: str  # ok | duplicate | rejected
    attachment_id: str | None = None
    sha256: str | None = None
    category: str | None = None
    category_source: str | None = None
    confidence: float | None = None
    matched: list[str] = field(default_factory=list)
    pages: int | None = None
    has_text_layer: bool | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    needs_password: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "attachment_id": self.attachment_id,
            "file": self.file,
            "sha256": self.sha256,
            "category": self.category,
            "category_source": self.category_source,
            "confidence": self.confidence,
            "matched": self.matched,
            "pages": self.pages,
            "has_text_layer": self.has_text_layer,
            "warnings": self.warnings,
            "status": self.status,
            "error": self.error,
            "needs_password": self.needs_password,
        }


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders expanded recursively in name order (a dropped folder)."""
    return scan_paths(paths)[0]


def scan_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files to read, and what a dropped folder held that is not read, with the reason.

    A path named directly is taken as is (reading checks it is a regular file). Inside a
    dropped folder, pipes, devices, sockets and symbolic link loops are listed as skipped, and a
    symbolic link is followed only to a file inside the dropped folder: a link out of it (to a
    home folder, say) is not followed, so dropping a folder never pulls in files from elsewhere.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():  # named directly: taken as is, checked when read
            files.append(path)
            continue
        root = path.resolve()
        found: list[tuple[Path, str | None]] = []
        for folder, dirs, names in os.walk(path, followlinks=False):
            base = Path(folder)
            for d in list(dirs):
                if (base / d).is_symlink():
                    dirs.remove(d)
                    found.append((base / d, "a link to a folder; links are not followed"))
            found.extend((base / n, _why_skipped(base / n, root)) for n in names)
        for item, reason in sorted(found, key=lambda f: str(f[0])):
            if reason is None:
                files.append(item)
            else:
                skipped.append((item, reason))
    return files, skipped


def _why_skipped(path: Path, root: Path) -> str | None:
    """None for a file to read; otherwise why an entry of a dropped folder is not read."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(root):
                return "a link to a file outside the dropped folder; not followed"
        mode = path.stat().st_mode
    except RuntimeError:  # resolve() on a loop (Python < 3.13)
        return "a symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "a broken link"
        return f"cannot read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a link to a folder; links are not followed"
    return f"{kind_of(mode)}, not a regular file"


class Attacher:
    """Runs intake, classification and fact extraction for files dropped on one case."""

    def __init__(self, store: Store, profile: PolicyProfile, *, today: date | None = None):
        self.store = store
        self.profile = profile
        self.today = today

    def attach(
        self,
        case_id: str,
        paths: Sequence[Path],
        *,
        category: str | None = None,
        passwords: Sequence[str] = (),
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[AttachOutcome]:
        if category is not None:
            self.profile.category(category)  # unknown id: a clear error before any work
        files, skipped = scan_paths(paths)
        case = self.store.cases.get(case_id).case  # once per batch: reviews compare against it
        outcomes = [AttachOutcome(p.name, "rejected", error=f"skipped: {w}") for p, w in skipped]
        for index, path in enumerate(files):
            if cancelled and cancelled():
                outcomes.extend(
                    AttachOutcome(p.name, "rejected", error="cancelled before it was read")
                    for p in files[index:]
                )
                break
            if progress:
                progress(index, len(files), path.name)
            step = _file_progress(progress, index, len(files), path.name)
            try:
                outcome = self._attach_one(
                    case_id, case, path, category, passwords, step, cancelled
                )
            except (OSError, sqlite3.Error) as exc:  # a full disk, a busy or read-only folder:
                if not is_expected(exc):  # this file fails with its reason, the batch goes on
                    raise
                reason = storage_reason(exc)
                log.warning("cannot store %s for case %s: %s", path.name, case_id, reason)
                outcome = AttachOutcome(path.name, "rejected", error=f"cannot store: {reason}")
            outcomes.append(outcome)
        if progress:
            progress(len(files), len(files), "done")
        return outcomes

    def _attach_one(
        self,
        case_id: str,
        case: Case,
        path: Path,
        category: str | None,
        passwords: Sequence[str],
        ocr_progress: Callable[[int, int], None] | None = None,
        cancelled: Cancelled | None = None,
    ) -> AttachOutcome:
        name = path.name
        try:
            data = read_limited(path, MAX_FILE_BYTES, what="for an attachment")
        except UserFileError as exc:
            return AttachOutcome(name, "rejected", error=str(exc).removeprefix(f"{name}: "))
        digest = hashlib.sha256(data).hexdigest()
        existing = self.store.attachments.find_by_hash(case_id, digest)
        if existing is not None:
            return _duplicate(name, digest, existing)
        inspection, facts = self._analyse(data, digest, name, passwords, ocr_progress, cancelled)
        if inspection.status != "ok":
            return AttachOutcome(
                name,
                "rejected",
                sha256=digest,
                error=inspection.error or "could not be read",
                needs_password=inspection.status == "needs_password",
                warnings=list(inspection.warnings),
            )
        if facts is None:
            facts = self._facts(inspection)
            if not inspection.encrypted:
                record = {**to_record(inspection, None), "facts": facts}
                self.store.analysis.put(digest, analyser_key(), record)
        return self._store(case_id, case, name, data, digest, inspection, category, facts)

    def _analyse(
        self,
        data: bytes,
        digest: str,
        name: str,
        passwords: Sequence[str],
        ocr_progress: Callable[[int, int], None] | None,
        cancelled: Cancelled | None,
    ) -> tuple[Inspection, list[dict[str, Any]] | None]:
        """What intake reads from the file (text, OCR) and the facts in it, from the store when
        the same bytes were analysed before (facts None when they are still to be extracted).

        Password-protected files are never served from the store: their text is given only to
        whoever has the password again. The category is not kept: the classifier learns.
        """
        record = self.store.analysis.get(digest, analyser_key())
        if record is not None and isinstance(record.get("facts"), list):
            cached = from_record({k: v for k, v in record.items() if k != "facts"}, None)
            cached.file_name = name
            return cached, record["facts"]
        inspection = self._inspect(data, name, passwords, cancelled)
        if inspection.status != "ok":
            return inspection, None
        source = inspection.working_copy if inspection.working_copy is not None else data
        inspection = ocr_document(inspection, source, cancel=cancelled, progress=ocr_progress)
        return inspection, None

    def _facts(self, inspection: Inspection) -> list[dict[str, Any]]:
        page_texts = list(inspection.page_texts)
        facts = extract_from_pages(page_texts) if page_texts else []
        return [_with_origin(f.to_json(), inspection) for f in facts]

    def _inspect(
        self, data: bytes, name: str, passwords: Sequence[str], cancelled: Cancelled | None
    ) -> Inspection:
        inspection = inspect_bytes(data, name, cancel=cancelled)
        for password in passwords:
            if inspection.status != "needs_password":
                break
            inspection = inspect_bytes(data, name, password, cancel=cancelled)
        return inspection

    def _store(
        self,
        case_id: str,
        case: Case,
        name: str,
        data: bytes,
        digest: str,
        inspection: Inspection,
        category: str | None,
        fact_dicts: list[dict[str, Any]],
    ) -> AttachOutcome:
        page_texts = list(inspection.page_texts)
        local = load_local(self.store.root)  # the clinic's own corrections
        if category:
            chosen, source, confidence, matched = category, "user", 1.0, []
            class_warnings: list[str] = []
        else:
            result = classify_text(
                inspection.text,
                self.profile,
                has_text_layer=inspection.has_text,
                local=local,
            )
            chosen, source = result.category, "auto"
            confidence, matched = result.confidence, list(result.matched)
            class_warnings = list(result.warnings)
        self.store.blobs.put_bytes(data)
        working = digest
        if inspection.working_copy is not None:
            working = self.store.blobs.put_bytes(inspection.working_copy)
        att = Attachment(
            id=self.store.attachments.new_id(),
            case_id=case_id,
            file_name=name,
            original_sha256=digest,
            working_sha256=working,
            kind=inspection.kind or "unknown",
            mime=inspection.mime,
            size=len(data),
            pages=inspection.pages,
            has_text_layer=inspection.has_text,
            needs_conversion=inspection.needs_conversion,
            category=chosen,
            category_source=source,
            confidence=round(confidence, 3),
            matched=matched,
            warnings=_unique([*inspection.warnings, *class_warnings]),
            analysis={"facts": fact_dicts, **_page_analysis(inspection)},
            pages_state=replace(
                _upright(inspection), excluded=cover_pages(page_texts, self.profile, local)
            ),
            document_date=document_date_from_facts(fact_dicts, chosen),
            position=0,
            added_at=now_iso(),
        )
        existing = self.store.attachments.add(att, page_texts)
        if existing is not None:  # another process attached the same bytes meanwhile
            return _duplicate(name, digest, existing)
        review = review_attachment(att, case, page_texts, self.profile, today=self.today)
        log.info("attached %s to case %s as %s", att.id, case_id, att.category)
        return AttachOutcome(
            name,
            "ok",
            attachment_id=att.id,
            sha256=digest,
            category=att.category,
            category_source=att.category_source,
            confidence=att.confidence,
            matched=att.matched,
            pages=att.pages,
            has_text_layer=att.has_text_layer,
            warnings=_unique([*att.warnings, *review.warnings]),
        )


def _file_progress(
    progress: Progress | None, index: int, total: int, name: str
) -> Callable[[int, int], None] | None:
    """Progress inside one file (OCR page by page), shown as a message on the file's step."""
    if progress is None:
        return None

    def step(done: int, pages: int) -> None:
        if done < pages:
            progress(index, total, f"{name}: reading scanned page {done + 1} of {pages}")

    return step


def _with_origin(fact: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    """A fact read from OCR text says so, and carries no more confidence than the reading."""
    page = fact.get("page")
    origins = inspection.page_origins
    if isinstance(page, int) and 0 < page <= len(origins) and origins[page - 1] == "ocr":
        ocr_confidence = inspection.page_confidence[page - 1] or 0.0
        fact["origin"] = "ocr"
        fact["confidence"] = round(min(float(fact["confidence"]), ocr_confidence), 3)
    else:
        fact["origin"] = "text"
    return fact


def _page_analysis(inspection: Inspection) -> dict[str, Any]:
    """Per-page origins and OCR figures, kept with the attachment for the review and the GUI."""
    if not inspection.page_origins:
        return {}
    return {
        "page_origins": list(inspection.page_origins),
        "ocr_confidence": list(inspection.page_confidence),
        "ocr_engine": inspection.ocr_engine,
        "text_engine": inspection.text_engine,
    }


def _upright(inspection: Inspection) -> PageState:
    """The turn and skew OCR found, as the page state the viewer and the bundle apply (the
    user can still turn a page back)."""
    rotation = {i: t for i, t in enumerate(inspection.page_turns, start=1) if t % 360}
    skew = {i: s for i, s in enumerate(inspection.page_skew, start=1) if s}
    return PageState(rotation=rotation, skew=skew)


def _duplicate(name: str, digest: str, existing: Attachment) -> AttachOutcome:
    return AttachOutcome(
        name,
        "duplicate",
        attachment_id=existing.id,
        sha256=digest,
        category=existing.category,
        category_source=existing.category_source,
        confidence=existing.confidence,
        pages=existing.pages,
        has_text_layer=existing.has_text_layer,
        warnings=[f"already attached as {existing.file_name} ({existing.id})"],
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
