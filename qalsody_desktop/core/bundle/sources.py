"""Opening each document before anything is written: readable, decrypted, pages counted.

Everything that can make a document unusable is found here, one document at a time, so the
contents page and the page numbers are computed only over documents that will really be in
the bundle, and a bad file is left out with its reason instead of stopping the others.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from PIL import Image
from pypdf import PdfReader

from ..storage.blobs import sha256_file
from .images import frame_count
from .model import DocSpec, DocumentError

log = logging.getLogger(__name__)

ALL_PAGES_EXCLUDED = "every page of it is excluded"


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs every repair it makes; in a bundle those are noise, not news."""
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def open_pdf(path: Path) -> tuple[PdfReader, BinaryIO]:
    """A reader over the open file (read lazily, not loaded whole); the caller closes ``fh``."""
    fh = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    try:
        reader = PdfReader(fh, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("still encrypted: attach it again with its password")
    except DocumentError:
        fh.close()
        raise
    except NotImplementedError as exc:
        fh.close()
        raise DocumentError(f"cannot be decrypted ({exc})") from None
    except Exception as exc:
        fh.close()
        raise DocumentError(f"cannot be read as a PDF ({_short(exc)})") from None
    return reader, fh


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


DAMAGED = "the stored file is damaged (its hash no longer matches)"


def check_blob(doc: DocSpec, expected: str | None) -> None:
    """The stored file exists and still has the hash it was stored under."""
    if doc.path is None or not doc.path.exists():
        raise DocumentError("the stored file is missing from the data folder")
    if expected and sha256_file(doc.path) != expected:
        raise DocumentError(DAMAGED)


class Verifier:
    """Checks stored files against their hashes in a background thread.

    Hashing 80 MB of evidence takes a noticeable part of a second; hashlib and file reads
    release the GIL, so the check runs while the pages are written and is collected before
    the bundle is moved into place (a damaged file then costs a second build without it).
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-verify")
        self._jobs: list[tuple[DocSpec, Future[str], str]] = []

    def submit(self, doc: DocSpec, expected: str) -> None:
        if doc.path is None or not doc.path.exists():
            raise DocumentError("the stored file is missing from the data folder")
        self._jobs.append((doc, self._pool.submit(sha256_file, doc.path), expected))

    def damaged(self) -> list[DocSpec]:
        """Documents whose stored file no longer matches (waits for the checks)."""
        bad = []
        for doc, job, expected in self._jobs:
            try:
                ok = job.result() == expected
            except OSError:
                ok = False
            if not ok:
                bad.append(doc)
        self._jobs = [j for j in self._jobs if j[0] not in bad]
        return bad

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def prepare(doc: DocSpec, excluded: Collection[int] = ()) -> None:
    """Count the document's pages and settle which are used; DocumentError if unusable.

    ``excluded``: 1-based pages the user left out (the Evidence kit's page selection). A PDF
    stays open (``doc.opened``) for the writer; it is closed again on any error.
    """
    try:
        _prepare(doc, excluded)
    except BaseException:
        doc.close()
        raise


def _prepare(doc: DocSpec, excluded: Collection[int]) -> None:
    assert doc.path is not None
    if doc.kind == "pdf":
        doc.close()
        doc.opened = _pdf_pages(doc.path)
        doc.source_pages = len(doc.opened[0].pages)
    elif doc.kind == "image":
        try:
            doc.source_pages = frame_count(doc.path)
        except (OSError, Image.DecompressionBombError, ValueError) as exc:
            raise DocumentError(f"the picture cannot be read ({_short(exc)})") from None
    else:
        raise DocumentError(f"a {doc.kind} file cannot be put into a PDF")
    if doc.source_pages <= 0:
        raise DocumentError("it has no pages")
    pages = range(1, doc.source_pages + 1)
    doc.selected = [p for p in pages if p not in excluded]
    if not doc.selected:
        raise DocumentError(ALL_PAGES_EXCLUDED)


def _pdf_pages(path: Path) -> tuple[PdfReader, BinaryIO]:
    """The open reader, once every page object has been found (the caller closes it)."""
    reader, fh = open_pdf(path)
    try:
        for index in range(len(reader.pages)):
            _ = reader.pages[index]
    except Exception as exc:
        fh.close()
        raise DocumentError(f"its pages cannot be read ({_short(exc)})") from None
    return reader, fh
