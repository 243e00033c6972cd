"""Main-window actions on the open case's work: accepting suggested facts, clinic settings,
the keyboard routes to attaching and to the checklist, and following a checklist item.

A mixin, like ``CaseFileActions``, so the window module stays small; it uses the window's
editor, evidence panel, checklist, dialogs, store, task runner and status bar. It also keeps
the checklist current: re-evaluation after a pause in typing, on the task runner.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from shiboken6 import isValid

from ..core.checklist import ChecklistItem, evaluate_checklist
from ..core.evidence.accept import NotAcceptable, accept_finding
from ..core.evidence.kit import Kit, load_kit
from ..core.extract.model import Finding
from ..core.storage import Store
from ..core.storage.clinic import ClinicSettingsRepository
from .case_files import count_noun
from .clinic_dialog import ClinicSettingsDialog
from .task import TaskContext

log = logging.getLogger("qalsody_desktop.gui.main_window")


class CaseWorkActions:
    """Keeping the checklist and the evidence list current, and acting on them."""

    editor: Any
    evidence: Any
    checklist: Any
    dialogs: Any
    store: Any
    editing: bool
    evidence_tab: int
    profile: Any
    tasks: Any
    current_id: str | None
    checklist_delay_ms: int
    _kit_timer: Any
    _kit_generation: int
    _kit_tasks: int

    def _schedule_refresh(self) -> None:
        if self.editor.is_dirty():
            self._kit_timer.start(self.checklist_delay_ms)
        else:  # a case was opened or reverted: show its checklist at once
            self.refresh_kit()

    def refresh_pending(self) -> bool:
        """An edit waits for its pause, or a re-evaluation is still running."""
        return self._kit_timer.isActive() or self._kit_tasks > 0

    def refresh_kit(self) -> None:
        """Re-evaluate the checklist (and the attachments) against the edited case.

        Reviewing every attachment (identity check over all its pages) grows with the files,
        so it runs on the task runner; only the newest request's result is shown.
        """
        self._kit_timer.stop()
        self._kit_generation += 1
        if not self.editing:
            self.evidence.set_kit(None, None)
            self.checklist.set_checklist(None)
            return
        case = self.editor.case()
        if self.current_id is None:
            self.evidence.set_kit(None, None)
            self.checklist.set_checklist(evaluate_checklist(case, [], self.profile))
            return
        generation, case_id = self._kit_generation, self.current_id
        root, profile = self.store.root, self.profile
        if self.evidence.case_id != case_id:  # another case: files may be dropped at once
            self.evidence.set_kit(case_id, None)

        def work(ctx: TaskContext) -> Kit:
            with Store(root) as store:  # an SQLite connection belongs to its thread
                return load_kit(store, case_id, profile, case=case)

        def done(kit: Kit) -> None:
            if not isValid(self):  # the window closed while the worker ran
                return
            self._kit_tasks -= 1
            if generation == self._kit_generation and case_id == self.current_id:
                self.evidence.set_kit(case_id, kit)
                self.checklist.set_checklist(kit.checklist)

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            self._kit_tasks -= 1
            log.warning("evidence kit of %s not loaded: %s", case_id, type(exc).__name__)
            if generation == self._kit_generation:
                self.statusBar().showMessage(f"Checklist not updated: {exc}", 8000)

        self._kit_tasks += 1
        self.tasks.run(work, name="kit", on_success=done, on_error=failed)

    def accept_findings(self, findings: list[Finding], overwrite: bool) -> None:
        """Put suggested facts into the edited case; replacing typed values is confirmed first."""
        if not self.editing or not findings:
            return
        if overwrite:
            listed = "\n".join(f"• {f.message}" for f in findings)
            question = f"Replace what was typed with the document's values?\n\n{listed}"
            if not self.dialogs.confirm(self, "Use the document's values", question, "Replace"):
                return
        case, taken, refused, accepted = self.editor.case(), 0, [], []
        for finding in findings:
            try:
                case = accept_finding(case, finding, overwrite=overwrite)
                taken += 1
                accepted.append(finding.message)
            except NotAcceptable as exc:
                refused.append(f"{finding.message} {exc}")
        if taken:
            self.editor.apply_case(case)
            self.refresh_kit()
        if refused:
            self.dialogs.error(self, "Not accepted", "Some facts were not accepted.", refused)
        if taken:
            self.evidence.suggestions.show_accepted(accepted)
        noun = count_noun(taken, "fact")
        self.statusBar().showMessage(f"{noun} accepted into the case (not saved yet)", 6000)

    def edit_clinic_settings(self) -> ClinicSettingsDialog:
        """Open the clinic settings (window-modal, so the GUI stays responsive)."""
        repo = ClinicSettingsRepository(self.store.db, self.store.blobs)
        dialog = ClinicSettingsDialog(repo, self.dialogs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage("Clinic settings saved", 5000))
        dialog.open()
        return dialog

    def attach_files(self) -> None:
        """Keyboard route to the Evidence tab's Add files… (Ctrl+Shift+A)."""
        if self.editing:
            self.editor.tabs.setCurrentIndex(self.evidence_tab)
            self.evidence.add_files()

    def focus_checklist(self) -> None:
        if self.editing:
            view = self.checklist.view
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))

    def go_to_item(self, item: ChecklistItem) -> None:
        """A checklist item was activated: to its first field, or to the Evidence tab (also
        when the facts meet it and only its document is missing)."""
        if item.facts and item.status != "missing_evidence":
            self.editor.focus_path(item.facts[0])
        else:
            self.editor.tabs.setCurrentIndex(self.evidence_tab)
