"""Case archives (.qpa) from the GUI: back up or move one case with its files.

Both directions run on the shared TaskRunner (a case can hold hundreds of MB of documents);
the worker opens its own Store, as an SQLite connection belongs to its thread. A refused
archive (links, paths outside it, too large, a hash mismatch) gets the core's message, and the
core guarantees nothing was written.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..core.storage import Store
from .dialogs import ARCHIVE_FILTER
from .task import TaskContext
from .wording import file_stem

log = logging.getLogger(__name__)


class CaseArchiveActions:
    """Mixed into MainWindow (uses store, dialogs, tasks, status bar, open_case)."""

    store: Store
    dialogs: Any
    tasks: Any
    current_id: str | None

    def export_archive(self) -> None:
        case_id = self.current_id
        if case_id is None:
            self.dialogs.error(self, "Save the case first", "Only a saved case can be archived.")
            return
        if self.is_dirty():  # type: ignore[attr-defined]
            question = "The archive holds the saved case, not the unsaved edits. Continue?"
            if not self.dialogs.confirm(self, "Unsaved changes", question, "Export"):
                return
        path = self.dialogs.save_path(
            self,
            "Export case archive",
            f"{file_stem(self.editor.case().display_name, 'archive')}.qpa",  # type: ignore[attr-defined]
            ARCHIVE_FILTER,
        )
        if path is None:
            return
        root = self.store.root

        def work(ctx: TaskContext) -> Any:
            from ..core.archive import export_case

            with Store(root) as store:
                return export_case(store, case_id, path)

        def done(result: Any) -> None:
            log.info("exported case %s as an archive", case_id)
            mb = result.size / 1e6
            self.statusBar().showMessage(  # type: ignore[attr-defined]
                f"Case archived to {path.name} ({mb:.1f} MB, {result.blobs} files)", 8000
            )

        self.tasks.run(
            work,
            name="archive-export",
            on_success=done,
            on_error=lambda exc: self.dialogs.error(
                self, "Archive not written", f"{path.name} could not be written: {exc}"
            ),
            progress_title="Exporting the case archive",
            parent=self,
        )

    def import_archive(self) -> None:
        if not self.confirm_leave():  # type: ignore[attr-defined]
            return
        path = self.dialogs.open_path(self, "Import case archive", ARCHIVE_FILTER)
        if path is None:
            return
        root = self.store.root

        def work(ctx: TaskContext) -> Any:
            from ..core.archive import import_archive

            with Store(root) as store:
                return import_archive(store, Path(path))

        def done(result: Any) -> None:
            log.info("imported case %s from an archive", result.case_id)
            self.refresh_list()  # type: ignore[attr-defined]
            self.open_case(result.case_id)  # type: ignore[attr-defined]
            note = " as a new case (its id was taken here)" if result.renamed else ""
            self.statusBar().showMessage(  # type: ignore[attr-defined]
                f"Imported {Path(path).name}{note}", 8000
            )

        self.tasks.run(
            work,
            name="archive-import",
            on_success=done,
            on_error=lambda exc: self.dialogs.error(
                self, "Archive not imported", f"{Path(path).name} was refused: {exc}"
            ),
            progress_title="Importing the case archive",
            parent=self,
        )
