"""Menu bar and tool bar of the main window, from one table of actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from .. import APP_NAME
from . import help

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
        (
            "archive_export",
            "E&xport case archive (.qpa)…",
            "Ctrl+Alt+E",
            None,
            window.export_archive,
            "Back up or move the case with its files, letters and timeline",
        ),
        (
            "archive_import",
            "Import case a&rchive (.qpa)…",
            "Ctrl+Alt+I",
            None,
            window.import_archive,
            "Add a case from a .qpa archive made on another workstation",
        ),
        (
            "ehr_import",
            "Import from E&HR export…",
            "Ctrl+Shift+I",
            None,
            lambda: window.ehr.choose_file(),
            "Start or update a case from a C-CDA (XML) or FHIR (JSON) export, value by value",
        ),
        (
            "attach",
            "&Attach files…",
            "Ctrl+Shift+A",
            None,
            window.attach_files,
            "Add documents to the case's evidence kit",
        ),
        ("find", "&Find case", "Ctrl+F", None, window.focus_search, "Search the case list"),
        (
            "checklist",
            "Go to chec&klist",
            "Ctrl+Shift+L",
            None,
            window.focus_checklist,
            "Move to the checklist (Enter on an item goes to its field or document)",
        ),
        (
            "clinic",
            "&Clinic settings…",
            "Ctrl+,",
            None,
            window.edit_clinic_settings,
            "Practice letterhead, logo and the people who sign letters",
        ),
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
    layout = (
        "new",
        "save",
        None,
        "import",
        "export",
        None,
        "archive_import",
        "archive_export",
        None,
        "ehr_import",
        None,
        "attach",
        None,
        "demo",
        None,
        "delete",
        None,
        "quit",
    )
    for key in layout:
        menu.addSeparator() if key is None else menu.addAction(actions[key])
    edit = window.menuBar().addMenu("&Edit")
    for key, make, shortcut in (
        ("undo", window.undo_stack.createUndoAction, QKeySequence.StandardKey.Undo),
        ("redo", window.undo_stack.createRedoAction, QKeySequence.StandardKey.Redo),
    ):
        action = make(window, "&Undo" if key == "undo" else "&Redo")
        action.setObjectName(f"action_{key}")
        action.setShortcut(QKeySequence(shortcut))
        window.addAction(action)
        edit.addAction(action)
        actions[key] = action
    edit.addSeparator()
    edit.addAction(actions["find"])
    edit.addAction(actions["checklist"])
    edit.addSeparator()
    edit.addAction(actions["clinic"])
    help_menu = window.menuBar().addMenu("&Help")
    for key, text, shortcut, slot in (
        ("guide", "&User guide", "F1", lambda: help.show_user_guide(window)),
        ("rules", "Payer &rules and sources", "", lambda: help.show_rules(window, window.profile)),
        (
            "about",
            f"&About {APP_NAME}",
            "",
            lambda: help.show_about(window, window.store.root, window.profile),
        ),
    ):
        action = help_menu.addAction(text)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, s=slot: s())
        actions[key] = action
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)

    toolbar = QToolBar("Main tool bar", window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for key in ("new", "save", None, "import", "export", None, "demo", "delete"):
        toolbar.addSeparator() if key is None else toolbar.addAction(actions[key])
    window.addToolBar(toolbar)
    return actions
