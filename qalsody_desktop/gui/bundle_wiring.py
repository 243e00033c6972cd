"""Put the Bundle tab into the main window, in one call the window makes::

    self.bundle_ui = install_bundle(self)

It uses only what the window already has (store, profile, dialogs, tasks, editor, evidence
panel, the Case menu), so the window module itself does not grow. "Build submission bundle…"
(Ctrl+B) joins the Case menu: it builds the open case from anywhere in the window, then shows
the Bundle tab with the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from .bundle_view import BundlePanel

TAB_TITLE = "Bundle"
MENU_TEXT = "Build submission &bundle…"
STATUS_MS = 8000


@dataclass
class BundleWiring:
    panel: BundlePanel
    tab: int
    action: QAction


def _case_menu(window: Any) -> QMenu | None:
    for action in window.menuBar().actions():
        if action.text() == "&Case" and action.menu() is not None:
            return action.menu()
    return None


def install_bundle(window: Any) -> BundleWiring:
    """Build the panel, add its tab and menu entry, keep it on the window's open case."""
    panel = BundlePanel(window.store, window.profile, window.dialogs, window.tasks, window)
    tab = window.editor.tabs.addTab(panel, TAB_TITLE)

    def sync_case() -> None:
        """The open case or its unsaved edits changed (cheap unless another case opened)."""
        if window.editing:
            panel.set_case(window.current_id, window.editor.case())
        else:
            panel.set_case(None, None)

    window.editor.changed.connect(sync_case)
    window.evidence.changed.connect(panel.refresh)  # files attached, removed, pages changed
    panel.status.connect(lambda text: window.statusBar().showMessage(text, STATUS_MS))

    action = panel.build_action
    action.setText(MENU_TEXT)
    action.setObjectName("action_bundle")
    action.setStatusTip("Build the submission bundle of the open case (one checked PDF)")
    action.triggered.connect(lambda _checked=False: window.editor.tabs.setCurrentIndex(tab))
    menu = _case_menu(window)
    if menu is not None:
        before = getattr(window, "actions_", {}).get("demo")
        if before is not None and before in menu.actions():
            menu.insertAction(before, action)
            menu.insertSeparator(before)
        else:
            menu.addAction(action)
    else:
        window.addAction(action)
    sync_case()
    return BundleWiring(panel, tab, action)
