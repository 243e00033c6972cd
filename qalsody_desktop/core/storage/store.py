"""The store: one data folder with the database and the file store, opened once per process."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ..paths import data_dir, ensure_private_dir, hold_lock, release_lock, temp_root
from .analysis import AnalysisRepository
from .attachments import AttachmentRepository
from .blobs import BlobStore
from .cases import CaseRepository
from .db import Database
from .errors import StorageError, is_expected, storage_reason
from .events import EventRepository
from .sweep import GRACE_SECONDS, SweepReport, log_report, sweep_files, sweep_temp_folders

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, no blob sweep
    fcntl = None  # type: ignore[assignment]

DB_NAME = "qalsody.sqlite3"
STORE_LOCK = ".store.lock"


class Store:
    """Handles to everything persistent; pass it to whoever needs it (no globals)."""

    def __init__(self, root: Path):
        try:
            self.root = ensure_private_dir(root)
            # shared for as long as this store is open: a sweep needs it exclusively (sweep.py)
            self._lock = hold_lock(self.root / STORE_LOCK, exclusive=False)
            self.db = Database(root / DB_NAME)
            self.blobs = BlobStore(root / "files")
            temp_root(self.root)  # private temp folders (paths.private_temp_dir) go here
        except BaseException as exc:
            release_lock(getattr(self, "_lock", None))
            if isinstance(exc, OSError | sqlite3.Error) and is_expected(exc):
                reason = storage_reason(exc)
                raise StorageError(f"cannot open the data folder {root}: {reason}") from None
            raise
        self.cases = CaseRepository(self.db)
        self.attachments = AttachmentRepository(self.db)
        self.events = EventRepository(self.db)
        self.analysis = AnalysisRepository(self.db)

    def sweep(self, *, grace: float = GRACE_SECONDS) -> SweepReport:
        """Remove what killed runs left (see ``sweep``). Never raises; waits at most for another
        process's sweep to end."""
        report = SweepReport()
        now = time.time()
        try:
            sweep_temp_folders(self.root, report, now)
            if self._exclusive():
                report.exclusive = True
                try:
                    sweep_files(self.root, self.db.conn, report, now, grace)
                finally:
                    self._shared()
        except (OSError, sqlite3.Error) as exc:
            report.errors.append(storage_reason(exc))
        log_report(report, self.root)
        return report

    def _exclusive(self) -> bool:
        if self._lock is None or fcntl is None:
            return False
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._shared()  # a failed conversion may have dropped the shared lock
            return False
        return True

    def _shared(self) -> None:
        if self._lock is not None and fcntl is not None:
            fcntl.flock(self._lock, fcntl.LOCK_SH)

    def close(self) -> None:
        self.db.close()
        release_lock(self._lock)
        self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(override: str | Path | None = None, *, sweep: bool = True) -> Store:
    """The store of the data folder, after sweeping what a killed run left there."""
    store = Store(data_dir(override))
    if sweep:
        store.sweep()
    return store
