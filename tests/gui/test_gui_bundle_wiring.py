"""The Bundle tab inside the main window: follows the open case, Ctrl+B from anywhere."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.gui.bundle_wiring import TAB_TITLE, install_bundle


def test_bundle_tab_follows_the_window(
    qtbot, make_window, store, dialogs, example_path, example_dict, tmp_path
):
    window = make_window()
    wiring = getattr(window, "bundle_ui", None) or install_bundle(window)
    panel = wiring.panel
    tabs = window.editor.tabs
    assert tabs.tabText(wiring.tab) == TAB_TITLE and tabs.widget(wiring.tab) is panel
    assert wiring.action.shortcut().toString() == "Ctrl+B"
    case_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Case")
    assert wiring.action in case_menu.actions()
    assert panel.case_id is None and not wiring.action.isEnabled()

    case_id = store.cases.create(load_case_file(example_path))
    window.refresh_list()
    assert window.open_case(case_id)
    assert panel.case_id == case_id and wiring.action.isEnabled()
    assert panel.model.rowCount() == 1  # only the (generated) letter so far

    folder = tmp_path / "docs"
    write_demo_set(folder, example_dict)
    # no denial letter: the Timeline tab would offer (modally) to record the denial
    (folder / "09-denial_letter.pdf").unlink()
    Attacher(store, window.profile).attach(case_id, [folder])
    window.evidence.changed.emit()  # as the Evidence tab does after attaching
    assert QApplication.activeModalWidget() is None
    assert panel.model.rowCount() == 12

    # Ctrl+B from the Patient tab: builds the saved case, then shows the Bundle tab
    tabs.setCurrentIndex(0)
    with qtbot.waitActive(window):
        window.activateWindow()
    out = tmp_path / "from-window.pdf"
    dialogs.save_paths.append(out)
    qtbot.keyClick(window.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not dialogs.errors and not dialogs.confirmed  # no false "unsaved changes"
    assert out.exists() and len(PdfReader(out).pages) == panel.last_result.pages
    assert tabs.currentIndex() == wiring.tab
    assert window.statusBar().currentMessage().startswith("Built")

    window.close_case()
    assert panel.case_id is None and panel.model.rowCount() == 0
    assert not wiring.action.isEnabled()
