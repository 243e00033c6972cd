"""The Bundle tab's background job: what runs on the task runner, and the paths around it.

The work function opens its own :class:`Store` on the data folder (an SQLite connection
belongs to the thread that made it) and never touches a widget. A cancel the builder saw stops
it before any file is moved into place; a cancel that arrives after its last check removes
what it wrote, so Cancel always means "no bundle".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from ..core.storage.exports import ExportRecord, ExportRepository
from .task import TaskCancelled, TaskContext
from .wording import file_stem

if TYPE_CHECKING:
    from ..core.bundle import BundleOptions, BundleResult


def pdf_path(path: Path) -> Path:
    """The chosen name as a .pdf (a dialog that appended another suffix is corrected)."""
    if path.suffix.lower() == ".pdf":
        return path
    if path.suffix.lower() == ".json":
        return path.with_suffix(".pdf")
    return path.with_name(path.name + ".pdf")


def suggested_path(records: list[ExportRecord], name: str, packet: str, today: date) -> str:
    """Beside the case's last bundle, else in Documents; named by the patient, the kind of
    packet and the date ("Lindqvist-Maren-Prior-authorization-request-2025-07-20.pdf")."""
    folder = Path(records[0].path).parent if records else None
    if folder is None or not folder.is_dir():
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents else Path.home()
    return str(folder / f"{file_stem(name, packet, today.isoformat())}.pdf")


def discard(store: Store, result: BundleResult) -> None:
    """Remove a bundle the user cancelled too late for the builder to notice."""
    for path in [*result.files, result.manifest_path]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if result.export_id:
        ExportRepository(store.db).delete(result.export_id)


def build_work(
    root: Path,
    profile: PolicyProfile,
    case_id: str,
    out: Path,
    options: BundleOptions,
    today: date | None = None,
) -> Callable[[TaskContext], BundleResult]:
    def work(ctx: TaskContext) -> BundleResult:
        from ..core.bundle import BundleBuilder, BundleCancelled  # heavy: in the worker

        with Store(root) as store:
            try:
                result = BundleBuilder(store, profile, today=today).build(
                    case_id, out, options, progress=ctx.progress, cancelled=ctx.cancelled
                )
            except BundleCancelled:
                raise TaskCancelled() from None
            if ctx.cancelled():
                discard(store, result)
                raise TaskCancelled()
            return result

    return work
