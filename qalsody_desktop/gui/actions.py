"""Menu bar and tool bar of the main window, from one table of actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from .. import APP_NAME, __version__

if TYPE_CHECKING:
    from .main_window import MainWindow

SP = QStyle.StandardPixmap


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Create the actions (shortcuts appear in the menus), the menus and the tool bar."""
    style = window.style()
    table: list[tuple[str, str, str, SP | None, Callable[[], object], str]] = [
        (
            "new",
            "&New case",
            "Ctrl+N",
            SP.SP_FileIcon,
            window.new_case,
            "Start a new case (needs first and last name to save)",
        ),
        ("save", "&Save", "Ctrl+S", SP.SP_DialogSaveButton, window.save, "Save the case"),
        (
            "import",
            "&Import case JSON…",
            "Ctrl+I",
            SP.SP_DialogOpenButton,
            window.import_case,
            "Add a case from a JSON case file",
        ),
        (
            "export",
            "&Export case JSON…",
            "Ctrl+E",
            SP.SP_DriveFDIcon,
            window.export_case,
            "Write the case to a JSON case file",
        ),
        (
            "delete",
            "&Delete case…",
            "",
            SP.SP_TrashIcon,
            window.delete_case,
            "Delete the case from this computer",
        ),
        (
            "demo",
            "Load &demo case",
            "",
            SP.SP_FileDialogDetailedView,
            window.load_demo,
            "Add a fictional, complete example case",
        ),
        ("find", "&Find case", "Ctrl+F", None, window.focus_search, "Search the case list"),
        ("quit", "&Quit", "Ctrl+Q", None, window.close, "Quit the application"),
    ]
    actions: dict[str, QAction] = {}
    for key, text, shortcut, icon, slot, tip in table:
        action = QAction(text, window)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon is not None:
            action.setIcon(style.standardIcon(icon))
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        window.addAction(action)
        actions[key] = action
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)

    menu = window.menuBar().addMenu("&Case")
    layout = ("new", "save", None, "import", "export", None, "demo", None, "delete", None, "quit")
    for key in layout:
        menu.addSeparator() if key is None else menu.addAction(actions[key])
    edit = window.menuBar().addMenu("&Edit")
    edit.addAction(actions["find"])
    help_menu = window.menuBar().addMenu("&Help")
    about = help_menu.addAction(f"&About {APP_NAME}")
    about.triggered.connect(lambda: _about(window))

    toolbar = QToolBar("Main tool bar", window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for key in ("new", "save", None, "import", "export", None, "demo", "delete"):
        toolbar.addSeparator() if key is None else toolbar.addAction(actions[key])
    window.addToolBar(toolbar)
    return actions


def _about(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window,
        f"About {APP_NAME}",
        f"<b>{APP_NAME}</b> {__version__}<br>Offline prior-authorization workbench for "
        "Qalsody (tofersen).<br>All data stays on this computer.",
    )
