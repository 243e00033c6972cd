"""The evidence kit in the GUI: drop files, see them categorized, the checklist live."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import type_field
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.kit import load_kit
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.gui.evidence_model import CATEGORY


class EvidenceAnswers:
    """Scripted answers to the evidence kit's questions, mixed into conftest's FakeDialogs."""

    def __init__(self) -> None:
        super().__init__()
        self.passwords: list[str | None] = []
        self.password_prompts: list[str] = []
        self.summaries: list[tuple[str, list[tuple[str, str, str, str]]]] = []
        self.file_lists: list[list[Path]] = []
        self.titles: list[str] = []

    def open_files(self, parent: Any, title: str) -> list[Path]:
        return self.file_lists.pop(0)

    def ask_password(self, parent: Any, title: str, text: str) -> str | None:
        self.password_prompts.append(text)
        return self.passwords.pop(0)

    def attach_summary(
        self, parent: Any, title: str, text: str, rows: list, actions: Any = ()
    ) -> None:
        self.actions = list(actions)
        self.titles.append(title)
        self.summaries.append((text, list(rows)))


@pytest.fixture
def ev_dialogs(dialogs) -> Any:
    return type("FakeEvidenceDialogs", (EvidenceAnswers, type(dialogs)), {})()


@pytest.fixture
def ev_window(make_window, ev_dialogs):
    return make_window(dialogs=ev_dialogs)


@pytest.fixture
def opened(ev_window, store, example_path):
    case_id = store.cases.create(load_case_file(example_path))
    ev_window.refresh_list()
    assert ev_window.open_case(case_id)
    return ev_window, case_id


@pytest.fixture
def demo_folder(tmp_path, example_dict) -> Path:
    folder = tmp_path / "demo-docs"
    write_demo_set(folder, example_dict)
    return folder


def drop(widget, paths: list[Path]) -> None:
    """A real drag enter + drop with file URLs, as the window system delivers them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    assert event.isAccepted()


def categories(window) -> dict[str, str]:
    model = window.evidence.model
    return {a.file_name: a.category for a in model.attachments}


def test_drop_folder_lists_files_and_checklist(opened, demo_folder, store, ev_dialogs):
    window, case_id = opened
    drop(window.case_view, [demo_folder])
    cats = categories(window)
    assert len(cats) == 13
    for name, category in cats.items():
        assert name.split("-", 1)[1].removesuffix(".pdf") == category
    assert ev_dialogs.summaries and not ev_dialogs.errors
    text, rows = ev_dialogs.summaries[-1]
    assert {r[1] for r in rows} == {"attached"}
    assert "13 attached" in text
    kit = load_kit(store, case_id, window.profile)
    assert window.checklist.ready == kit.checklist.ready
    assert window.checklist.verdict_text() == ("READY" if kit.checklist.ready else "NOT READY")
    assert kit.checklist.ready  # the example case with its full document set
    model = window.evidence.model
    assert model.data(model.index(0, CATEGORY)) == "Letter of medical necessity"
    # the details area shows the selected file's warnings and matched words
    row = model.row_of(next(a.id for a in model.attachments if a.category == "clinic_note"))
    window.evidence.view.selectRow(row)
    details = window.evidence.details_text()
    assert "older than 90 days" in details and "Matched words:" in details
    # the same files again: duplicates, nothing added
    drop(window.case_view, [demo_folder])
    assert {r[1] for r in ev_dialogs.summaries[-1][1]} == {"already attached"}
    assert len(store.attachments.list(case_id)) == 13


def test_specialty_change_updates_checklist_live(opened, qtbot, store, demo_folder):
    window, case_id = opened
    drop(window.case_view, [demo_folder])
    assert window.checklist.status_of("neurologist_prescriber") == "met"
    type_field(qtbot, window.editor, "prescriber.specialty", "Family Medicine")
    assert window.refresh_pending()  # typing is coalesced: one re-evaluation after a pause
    qtbot.waitUntil(lambda: not window.refresh_pending(), timeout=2000)
    # the example's board certification ("ABPN Neurology; ...") still names neurology
    live = load_kit(store, case_id, window.profile, case=window.editor.case())
    status = live.checklist.item("neurologist_prescriber").status
    assert window.checklist.status_of("neurologist_prescriber") == status
    type_field(qtbot, window.editor, "prescriber.board_certification", "")
    qtbot.waitUntil(lambda: window.checklist.status_of("neurologist_prescriber") == "not_met")
    assert "Family Medicine" in window.checklist.model.data(
        window.checklist.model.index(
            [i.id for i in window.checklist.model.items].index("neurologist_prescriber")
        ),
        Qt.ItemDataRole.ToolTipRole,
    )
    assert store.cases.get(case_id).case.prescriber.specialty == "Neurology"  # not saved
    assert window.checklist.verdict_text() == "NOT READY"


def test_double_click_goes_to_field_or_evidence(opened):
    window, _ = opened
    items = window.checklist.model.items
    # with no document attached, the facts-met items lack only their document (to Evidence);
    # an item whose facts fail goes to its first field
    first = replace(next(i for i in items if i.facts), status="not_met")
    window.go_to_item(first)
    editor = window.editor
    assert (
        editor.tabs.currentWidget().isAncestorOf(editor.widget(first.facts[0]))
        or first.facts[0].split(".")[0] in editor.tables
    )
    doc_only = next(i for i in items if not i.facts)
    view = window.checklist.view
    index = window.checklist.model.index(items.index(doc_only))
    view.doubleClicked.emit(index)
    assert editor.tabs.currentIndex() == window.evidence_tab
    # the facts meet it, only its document is missing: to the Evidence tab, to attach it
    gap = next(i for i in items if i.status == "missing_evidence")
    window.go_to_item(first)
    assert editor.tabs.currentIndex() != window.evidence_tab
    window.go_to_item(gap)
    assert editor.tabs.currentIndex() == window.evidence_tab


def _encrypted_pdf(source: Path, target: Path, password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(password)
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def test_encrypted_pdf_asks_for_password(opened, demo_folder, tmp_path, ev_dialogs, store):
    window, case_id = opened
    locked = _encrypted_pdf(demo_folder / "06-emg_ncs.pdf", tmp_path / "locked-emg.pdf", "s3cret")
    plain = demo_folder / "07-nfl_lab.pdf"
    ev_dialogs.passwords = ["s3cret"]
    drop(window.case_view, [locked, plain])
    assert len(ev_dialogs.password_prompts) == 1
    assert "locked-emg.pdf" in ev_dialogs.password_prompts[0]
    rows = {r[0]: r for r in ev_dialogs.summaries[-1][1]}
    assert rows["locked-emg.pdf"][1] == "attached"
    assert rows["07-nfl_lab.pdf"][1] == "attached"
    stored = {a.file_name: a for a in store.attachments.list(case_id)}
    assert stored["locked-emg.pdf"].category == "emg_ncs"
    assert stored["locked-emg.pdf"].encrypted_original


def test_encrypted_pdf_without_password_is_rejected(
    opened, demo_folder, tmp_path, ev_dialogs, store
):
    window, case_id = opened
    locked = _encrypted_pdf(demo_folder / "06-emg_ncs.pdf", tmp_path / "locked.pdf", "pw")
    ev_dialogs.passwords = [None]
    drop(window.case_view, [locked])
    (row,) = ev_dialogs.summaries[-1][1]
    assert row[1] == "refused" and row[3]
    # tried again from the Evidence section, without dropping the file again
    button = window.evidence.password_button
    assert not button.isHidden() and "1 locked file" in button.text()
    ev_dialogs.passwords = ["pw"]
    button.click()
    assert "locked.pdf" in ev_dialogs.password_prompts[-1]
    assert ev_dialogs.summaries[-1][1][0][:2] == ("locked.pdf", "attached")
    assert button.isHidden()
    assert [a.file_name for a in store.attachments.list(case_id)] == ["locked.pdf"]


def test_corrupt_file_is_rejected_others_attach(opened, demo_folder, tmp_path, ev_dialogs, store):
    window, case_id = opened
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
    drop(window.case_view, [bad, demo_folder / "02-sod1_genetic_report.pdf"])
    rows = {r[0]: r for r in ev_dialogs.summaries[-1][1]}
    assert rows["broken.pdf"][1] == "refused"
    assert rows["broken.pdf"][3]  # the reason
    assert rows["02-sod1_genetic_report.pdf"][1] == "attached"
    assert [a.file_name for a in store.attachments.list(case_id)] == ["02-sod1_genetic_report.pdf"]
    assert categories(window) == {"02-sod1_genetic_report.pdf": "sod1_genetic_report"}


def test_recategorize_persists(opened, demo_folder, store, qtbot):
    window, case_id = opened
    drop(window.case_view, [demo_folder / "13-other.pdf"])
    model = window.evidence.model
    index = model.index(0, CATEGORY)
    view = window.evidence.view
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.indexWidget(index)
    assert combo is not None
    combo.setCurrentIndex(combo.findData("published_reference"))
    view.commitData(combo)
    view.closeEditor(combo, QAbstractItemDelegate.EndEditHint.NoHint)
    (att,) = store.attachments.list(case_id)
    assert att.category == "published_reference"
    assert att.category_source == "user"
    assert model.data(model.index(0, CATEGORY)).startswith("Published reference")


def test_attach_needs_saved_case(ev_window, ev_dialogs, demo_folder):
    ev_window.new_case()
    drop(ev_window.case_view, [demo_folder / "02-sod1_genetic_report.pdf"])
    assert ev_dialogs.errors and ev_dialogs.errors[-1][0] == "Save the case first"
    assert not ev_dialogs.summaries
    assert ev_window.checklist.verdict_text() == "NOT READY"


def test_add_files_and_remove(opened, demo_folder, ev_dialogs, store):
    window, case_id = opened
    ev_dialogs.file_lists = [[demo_folder / "10-insurance_card.pdf"]]
    window.evidence.add_button.click()
    assert categories(window) == {"10-insurance_card.pdf": "insurance_card"}
    window.evidence.view.selectRow(0)
    ev_dialogs.confirm_answers = [True]
    window.evidence.remove_button.click()
    assert store.attachments.list(case_id) == []
    assert window.evidence.model.rowCount() == 0


def test_after_a_drop_evidence_shows_the_new_files_and_the_title_says_refused(
    opened, demo_folder, tmp_path, ev_dialogs, store
):
    window, case_id = opened
    window.editor.tabs.setCurrentIndex(0)  # typing in Patient when the files arrive
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
    drop(window.case_view, [bad])
    assert ev_dialogs.titles[-1] == "File refused"  # not "Files attached" when nothing was
    drop(window.case_view, [demo_folder / "01-medical_necessity_letter.pdf"])
    drop(window.case_view, [bad, *sorted(demo_folder.glob("0[23]-*.pdf"))])
    assert ev_dialogs.titles[-1] == "Files attached, 1 refused"
    assert ev_dialogs.summaries[-1][0] == "1 refused, 2 attached"
    # the view went to Evidence and selected exactly the two new files
    assert window.editor.tabs.currentIndex() == window.evidence_tab
    view = window.evidence.view
    chosen = {
        window.evidence.model.attachments[i.row()].file_name
        for i in view.selectionModel().selectedRows()
    }
    assert chosen == {"02-sod1_genetic_report.pdf", "03-clinic_note.pdf"}


def test_a_scan_and_its_first_warning_are_said_on_the_row(
    opened, demo_folder, tmp_path, ev_dialogs
):
    from PySide6.QtGui import QColor, QImage, QPainter

    window, _case_id = opened
    image = QImage(800, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawText(60, 80, "Neurology clinic note (faxed)")
    painter.end()
    scan = tmp_path / "fax-scan.png"
    assert image.save(str(scan))
    drop(window.case_view, [scan, demo_folder / "03-clinic_note.pdf"])
    model = window.evidence.model
    texts = {a.file_name: model.data(model.index(i, 4)) for i, a in enumerate(model.attachments)}
    assert "scan (no text layer)" in texts["fax-scan.png"]
    note_warnings = model.warnings(
        model.row_of(next(a.id for a in model.attachments if a.file_name == "03-clinic_note.pdf"))
    )
    assert note_warnings and texts["03-clinic_note.pdf"].startswith(note_warnings[0])
    assert "scan" not in texts["03-clinic_note.pdf"]
