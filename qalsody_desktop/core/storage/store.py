"""The store: one data folder with the database and the file store, opened once per process."""

from __future__ import annotations

from pathlib import Path

from ..paths import data_dir, ensure_private_dir
from .analysis import AnalysisRepository
from .attachments import AttachmentRepository
from .blobs import BlobStore
from .cases import CaseRepository
from .db import Database
from .events import EventRepository

DB_NAME = "qalsody.sqlite3"


class Store:
    """Handles to everything persistent; pass it to whoever needs it (no globals)."""

    def __init__(self, root: Path):
        self.root = ensure_private_dir(root)
        self.db = Database(root / DB_NAME)
        self.blobs = BlobStore(root / "files")
        self.cases = CaseRepository(self.db)
        self.attachments = AttachmentRepository(self.db)
        self.events = EventRepository(self.db)
        self.analysis = AnalysisRepository(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(override: str | Path | None = None) -> Store:
    return Store(data_dir(override))
