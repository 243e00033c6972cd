"""Case > Import from EHR export… and .xml/.json/.ndjson files dropped on the window.

The file is read off the GUI thread (progress, Cancel); the review is built and shown on it;
only the ticked values are written (a new case, or the open case saved), then the case is
(re)opened so the editor shows what came in. Any failure is a message, never a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from ..core.ehr import (
    EhrImport,
    ImportPlan,
    ImportResult,
    commit_import,
    plan_import,
    read_export,
)
from ..core.ehr.model import EhrCancelled
from ..core.errors import QalsodyError
from ..core.storage import Store
from .ehr_review import EhrReviewDialog
from .evidence_drop import local_paths
from .task import TaskContext

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)
EHR_SUFFIXES = (".xml", ".json", ".ndjson")
EHR_FILTER = "EHR exports (*.xml *.json *.ndjson);;All files (*)"


def is_ehr_export(path: Path) -> bool:
    return path.suffix.lower() in EHR_SUFFIXES and path.is_file()


class EhrImporter(QObject):
    """Owns the import flow for one main window (``window.ehr``)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.dialog: EhrReviewDialog | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # --- entry points ---------------------------------------------------------------------

    def choose_file(self) -> None:
        path = self.window.dialogs.open_path(self.window, "Import from EHR export", EHR_FILTER)
        if path is not None:
            self.start(path)

    def route_drop(self, paths: list[Path]) -> None:
        """EHR exports dropped on the case are imported; other files go to the evidence kit."""
        exports = [p for p in paths if is_ehr_export(p)]
        others = [p for p in paths if p not in exports]
        if others:
            self.window.evidence.attach(others)
        for path in exports[:1]:
            self.start(path)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag: QDragEnterEvent = event  # type: ignore[assignment]
            if any(p.suffix.lower() in EHR_SUFFIXES for p in local_paths(drag.mimeData())):
                drag.acceptProposedAction()
                return True
        if obj is self.window and event.type() == QEvent.Type.Drop:
            drop: QDropEvent = event  # type: ignore[assignment]
            exports = [p for p in local_paths(drop.mimeData()) if is_ehr_export(p)]
            if exports:
                drop.acceptProposedAction()
                self.start(exports[0], into_open_case=False)
                return True
        return super().eventFilter(obj, event)

    # --- flow -----------------------------------------------------------------------------

    def start(self, path: Path, *, into_open_case: bool = True) -> None:
        """Read ``path`` in the background; into the open stored case, else a new case."""
        win = self.window
        case_id = win.current_id if (into_open_case and win.editing) else None
        # the import ends by (re)opening the case: unsaved edits are saved or dropped first
        if win.editing and not win.confirm_leave():
            return
        win.tasks.run(
            lambda ctx: self._read(ctx, path),
            name="ehr-import",
            on_success=lambda imp: self._review(imp, path, case_id),
            on_error=lambda exc: self._failed(path, exc),
            on_cancelled=lambda: win.statusBar().showMessage("EHR import cancelled", 5000),
            progress_title=f"Reading {path.name}",
            parent=win,
        )

    @staticmethod
    def _read(ctx: TaskContext, path: Path) -> EhrImport:
        try:
            return read_export(path, progress=ctx.progress, cancelled=ctx.cancelled)
        except EhrCancelled:
            ctx.check()
            raise

    def _failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, QalsodyError):
            self.window.dialogs.error(self.window, "EHR import failed", str(exc))
        else:
            log.warning("EHR import of %s failed: %s", path.name, type(exc).__name__)
            msg = f"{path.name} could not be read ({type(exc).__name__}); nothing was written."
            self.window.dialogs.error(self.window, "EHR import failed", msg)

    def _review(self, imp: EhrImport, path: Path, case_id: str | None) -> None:
        try:
            plan = plan_import(self.window.store, imp, path, case_id)
        except QalsodyError as exc:
            self.window.dialogs.error(self.window, "EHR import refused", str(exc))
            return
        self.dialog = EhrReviewDialog(plan, self.window.dialogs, self.window)
        self.dialog.accepted.connect(lambda: self._commit(plan))
        self.dialog.open()

    def _commit(self, plan: ImportPlan) -> None:
        """Write in the background (attaching the record runs the intake reader) with a store
        of the worker's own, as the evidence panel does; the window updates when it is done."""
        win, dialog = self.window, self.dialog
        assert dialog is not None
        chosen, overwrite = dialog.chosen(), dialog.overwrite
        root, profile = win.store.root, win.profile

        def work(_ctx: TaskContext) -> ImportResult:
            with Store(root) as store:
                return commit_import(store, profile, plan, chosen, overwrite=overwrite)

        win.tasks.run(
            work,
            name="ehr-commit",
            on_success=lambda result: self._committed(plan, result),
            on_error=lambda exc: self._failed(Path(plan.imp.file_name), exc),
            progress_title=f"Importing {plan.imp.file_name}",
            parent=win,
        )

    def _committed(self, plan: ImportPlan, result: ImportResult) -> None:
        win = self.window
        if result.refused:
            win.dialogs.error(
                win,
                "Some values were not imported",
                f"{len(result.refused)} ticked value(s) were not imported:",
                [f"{i.message}: {why}" for i, why in result.refused],
            )
        if result.case_id is None or not result.applied:
            return
        win.refresh_list()
        win.open_case(result.case_id)
        verb = "New case from" if result.created else "Imported into the case from"
        n = len(result.applied)
        win.statusBar().showMessage(f"{verb} {plan.imp.file_name}: {n} value(s)", 8000)
