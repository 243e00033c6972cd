"""Case file actions of the main window: import, demo case, export (JSON)."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from ..core.caseio import load_case_file, write_case_file
from ..core.errors import CaseValidationError, QalsodyError
from ..core.model import Case
from ..core.paths import resources_dir
from .problems import problem_text

log = logging.getLogger("qalsody_desktop.gui.main_window")
STORE_ERRORS = (QalsodyError, sqlite3.Error, OSError)


def demo_case_path() -> Path:
    return resources_dir() / "demo" / "demo-case.json"


def count_noun(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


class CaseFileActions:
    """Mixed into MainWindow (uses its store, dialogs, editor and status bar); kept apart so
    the window module stays small."""

    def import_case(self) -> None:
        path = self.dialogs.open_path(self, "Import case JSON")
        if path is None:
            return
        try:
            case = load_case_file(path)
        except CaseValidationError as exc:
            n = len(exc.errors)
            self.dialogs.error(
                self,
                "Import failed",
                f"{path.name} is not a valid case file ({count_noun(n, 'problem')}):",
                [str(e) for e in exc.errors],
            )
            return
        except QalsodyError as exc:
            self.dialogs.error(self, "Import failed", str(exc))
            return
        self._add_case(case, action="imported", source=path.name, message=f"Imported {path.name}")

    def load_demo(self) -> None:
        path = demo_case_path()
        try:
            case = load_case_file(path)
        except QalsodyError as exc:
            self.dialogs.error(
                self, "Demo case missing", f"The demo case could not be loaded: {exc}"
            )
            return
        before = self.current_id
        self._add_case(case, action="created", source="demo", message="Demo case loaded")
        if self.current_id is None or self.current_id == before:
            return
        self._attach_demo_documents(self.current_id, path)

    def _attach_demo_documents(self, case_id: str, case_file: Path) -> None:
        """Fictional documents for every category, so every view can be tried at once."""
        from ..core.synthetic import write_demo_set

        folder = self.store.root / "demo-documents" / case_id
        try:
            case_dict = json.loads(case_file.read_text(encoding="utf-8"))
            paths = write_demo_set(folder, case_dict, profile=self.profile)
        except (OSError, ValueError, QalsodyError) as exc:
            log.warning("demo documents not written: %s", type(exc).__name__)
            self.statusBar().showMessage(f"Demo documents not created: {exc}", 8000)
            return
        self.evidence.attach(paths)

    def _add_case(self, case: Case, *, action: str, source: str, message: str) -> None:
        if not self.confirm_leave():
            return
        try:
            case_id = self.store.cases.create(case, action=action, source=source)
        except STORE_ERRORS as exc:
            self.dialogs.error(self, "Case not added", f"The case could not be stored: {exc}")
            return
        log.info("%s case %s", action, case_id)
        self.current_id = case_id
        self.case_list.search.clear()
        self.refresh_list()
        self.open_case(case_id)
        self.statusBar().showMessage(message, 8000)

    def export_case(self) -> None:
        if not self.editing:
            return
        self.editor.commit_pending()
        errors = self.editor.errors()
        if errors:
            self.dialogs.error(
                self,
                "Case not exported",
                "Fix the problems in the case before exporting it.",
                [problem_text(e) for e in errors],
            )
            self.editor.focus_path(errors[0].path)
            return
        suggested = f"case-{self.current_id or 'new'}.json"  # an id, never the patient's name
        path = self.dialogs.save_path(self, "Export case JSON", suggested)
        if path is None:
            return
        try:
            write_case_file(self.editor.case(), path)
        except (OSError, QalsodyError) as exc:
            self.dialogs.error(self, "Export failed", f"{path.name} could not be written: {exc}")
            return
        log.info("exported case %s", self.current_id)
        self.statusBar().showMessage(f"Exported to {path.name}", 8000)
