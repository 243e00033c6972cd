"""Main-window actions on the open case's work: accepting suggested facts, clinic settings,
the keyboard routes to attaching and to the checklist, and following a checklist item.

A mixin, like ``CaseFileActions``, so the window module stays small; it uses the window's
editor, evidence panel, checklist, dialogs, store and status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..core.checklist import ChecklistItem
from ..core.evidence.accept import NotAcceptable, accept_finding
from ..core.extract.model import Finding
from ..core.storage.clinic import ClinicSettingsRepository
from .case_files import count_noun
from .clinic_dialog import ClinicSettingsDialog


class CaseWorkActions:
    editor: Any
    evidence: Any
    checklist: Any
    dialogs: Any
    store: Any
    editing: bool
    evidence_tab: int

    def accept_findings(self, findings: list[Finding], overwrite: bool) -> None:
        """Put suggested facts into the edited case; replacing typed values is confirmed first."""
        if not self.editing or not findings:
            return
        if overwrite:
            listed = "\n".join(f"• {f.message}" for f in findings)
            question = f"Replace what was typed with the document's values?\n\n{listed}"
            if not self.dialogs.confirm(self, "Use the document's values", question, "Replace"):
                return
        case, taken, refused = self.editor.case(), 0, []
        for finding in findings:
            try:
                case = accept_finding(case, finding, overwrite=overwrite)
                taken += 1
            except NotAcceptable as exc:
                refused.append(f"{finding.message} {exc}")
        if taken:
            self.editor.apply_case(case)
            self.refresh_kit()
        if refused:
            self.dialogs.error(self, "Not accepted", "Some facts were not accepted.", refused)
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
        """A checklist item was activated: to its first field, or to the Evidence tab."""
        if item.facts:
            self.editor.focus_path(item.facts[0])
        else:
            self.editor.tabs.setCurrentIndex(self.evidence_tab)
