"""Issue 15: every screen fits a clinic laptop (1366x705 inside the taskbar and title bar) and a
1920x1080 desktop without scrolling sideways, and no visible word is an internal id."""

from __future__ import annotations

from pathlib import Path

import pytest
from laptop_case import PROFILE, add_worked_case, internal_words, sideways_scrolling, visible_texts
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as QtTimeoutError

from qalsody_desktop.core.storage.clinic import ClinicSettingsRepository
from qalsody_desktop.gui.clinic_dialog import ClinicSettingsDialog
from qalsody_desktop.gui.first_run import FirstRunDialog
from qalsody_desktop.gui.main_window import MainWindow
from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

EHR = Path(__file__).resolve().parents[1] / "ehr_fixtures"


@pytest.fixture
def worked(qtbot, store, settings, dialogs, tmp_path):
    """(window, case id) with the worked case open; the window is not yet sized."""
    case_id = add_worked_case(store, tmp_path / "docs")
    window = MainWindow(store, settings, dialogs, TaskRunner(SynchronousPool()), profile=PROFILE)
    yield window, case_id
    dialogs.unsaved_default = "discard"
    window.close()
    window.deleteLater()


def show_at(qtbot, window, size: tuple[int, int]) -> None:
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.refresh_list()


def fits(qtbot, window, where: str) -> None:
    """No sideways scrollbar once the layout settles (a few turns of the event loop)."""
    try:
        qtbot.waitUntil(lambda: sideways_scrolling(window) == [], timeout=2000)
    except QtTimeoutError:
        raise AssertionError(f"{where}: scrolls sideways: {sideways_scrolling(window)}") from None


def walk(qtbot, window):
    """Each section of the open case in turn (yields its title once it is laid out)."""
    tabs = window.editor.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(30)  # columns are fitted once the layout has settled
        yield tabs.tabText(index).replace("&&", "&")


@pytest.mark.parametrize("size", [(1366, 705), (1920, 1080)], ids=["laptop", "desktop"])
def test_every_section_fits_without_scrolling_sideways(qtbot, worked, size):
    window, case_id = worked
    show_at(qtbot, window, size)
    fits(qtbot, window, "no case open")
    assert window.open_case(case_id)
    assert window.width() == size[0] and window.height() == size[1]
    seen = []
    for title in walk(qtbot, window):
        seen.append(title)
        fits(qtbot, window, title)
    assert len(seen) == 12 and {"Evidence", "Letters", "Bundle", "Timeline"} <= set(seen)
    # the case list keeps the name and deadline whole; lower-priority columns make room
    names = window.case_list
    name_col = names.view.columnWidth(0)
    assert name_col >= names.view.sizeHintForColumn(0)
    assert not names.view.isColumnHidden(5)
    # the Bundle section's held-back group is among what fits
    window.editor.tabs.setCurrentWidget(window.bundle_ui.panel)
    qtbot.wait(30)
    assert window.bundle_ui.panel.held.isVisible()
    fits(qtbot, window, "bundle")
    # the all-cases deadline dock, shown, takes a third of the window and fits too
    window.timeline_ui.dock.show()
    window.timeline_ui.dashboard.refresh()
    qtbot.wait(30)
    assert window.timeline_ui.dock.height() <= size[1] // 2
    fits(qtbot, window, "deadline dock")


def test_no_visible_text_shows_an_internal_id(qtbot, worked, store, dialogs, tmp_path):
    window, case_id = worked
    show_at(qtbot, window, (1920, 1080))
    assert window.open_case(case_id)
    known = {case_id}
    known |= {a.id for a in store.attachments.list(case_id)}
    known |= {e.id for e in store.events.list(case_id)}
    window.timeline_ui.dock.show()
    window.timeline_ui.dashboard.refresh()
    problems: list[str] = []
    for title in walk(qtbot, window):
        problems += [f"{title}: {p}" for p in internal_words(visible_texts(window), known)]
    # a draft letter and a built bundle put their results on screen too
    window.editor.tabs.setCurrentWidget(window.letters)
    window.letters.refresh()
    problems += internal_words(visible_texts(window), known)
    bundle = window.bundle_ui.panel
    window.editor.tabs.setCurrentWidget(bundle)
    dialogs.save_paths.append(tmp_path / "bundle.pdf")
    bundle.build()
    qtbot.waitUntil(lambda: bundle.task is None, timeout=60_000)
    assert (tmp_path / "bundle.pdf").exists() and bundle.exports.records
    problems += [f"bundle: {p}" for p in internal_words(visible_texts(window), known)]
    # the dialogs: editing the denial, the EHR import review, first start and clinic settings
    panel = window.timeline_ui.panel
    window.editor.tabs.setCurrentWidget(panel)
    panel.events_view.selectRow(0)
    event_dialog = panel.edit_selected()
    assert event_dialog is not None and event_dialog.isVisible()
    problems += [f"event dialog: {p}" for p in internal_words(visible_texts(event_dialog), known)]
    event_dialog.reject()
    window.ehr.start(EHR / "als_ccd.xml", into_open_case=False)  # another patient: a new case
    review = window.ehr.dialog
    assert review is not None and review.isVisible()
    problems += [f"EHR review: {p}" for p in internal_words(visible_texts(review), known)]
    review.reject()
    first = FirstRunDialog(window)
    first.show()
    problems += [f"first start: {p}" for p in internal_words(visible_texts(first), known)]
    first.reject()
    repo = ClinicSettingsRepository(store.db, store.blobs)
    clinic = ClinicSettingsDialog(repo, window.dialogs, window)
    clinic.show()
    problems += [f"clinic: {p}" for p in internal_words(visible_texts(clinic), known)]
    clinic.reject()
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            problems += [
                f"{top.objectName()}: {p}" for p in internal_words(visible_texts(top), known)
            ]
    assert problems == []


def test_the_id_checker_catches_ids(store, tmp_path):
    """The wording test above cannot pass vacuously: the checker sees each kind of id."""
    known = {"3f2a9c01bd"}
    assert internal_words(["drafted for case 3f2a9c01bd"], known)
    assert internal_words(["denied event e7ccc4f7eb7a"], set())
    assert internal_words(["(rule internal_appeal_deadline)"], set())
    assert internal_words(["or qalsody-pa clinic set"], set())
    assert not internal_words(["01-medical_necessity_letter.pdf", "608-555-0142"], set())
    assert not internal_words(
        ["180 calendar days after the denial letter (received 2025-07-17)"], set()
    )
