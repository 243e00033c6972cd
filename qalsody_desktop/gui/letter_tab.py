"""Wiring the Letters tab into the main window, in one place the window can call.

The window keeps the open case (``current_id``, ``editing``) and the editor; the panel needs the
case as edited whenever it changes, the attachments' changes (enclosures, signed copy), a way to
the field a placeholder names, and the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .letter_view import LetterPanel

if TYPE_CHECKING:
    from .main_window import MainWindow

TAB_TITLE = "Letters"
STATUS_MS = 5000


def install_letter_tab(window: MainWindow) -> LetterPanel:
    """Add the Letters tab to the case editor and connect it; returns the panel."""
    panel = LetterPanel(window.store, window.profile, window.dialogs, window.tasks, window)
    window.editor.tabs.addTab(panel, TAB_TITLE)

    def sync() -> None:
        if window.editing:
            panel.set_case(window.current_id, window.editor.case())
        else:
            panel.set_case(None, None)

    window.editor.changed.connect(sync)
    window.evidence.changed.connect(panel.invalidate)
    panel.go_to_field.connect(window.editor.focus_path)
    panel.status.connect(lambda text: window.statusBar().showMessage(text, STATUS_MS))
    sync()
    return panel
