"""The Bundle tab: sections and documents, include/exclude, reorder, route, build, preview."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from qalsody_desktop.core.bundle import BundleBuilder, load_settings
from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.records import PageState
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.policy.model import Route
from qalsody_desktop.core.storage.exports import ExportRepository
from qalsody_desktop.core.storage.prefs import CasePrefs
from qalsody_desktop.core.synthetic import identity_from_case, make_document, write_demo_set
from qalsody_desktop.gui.bundle_job import discard
from qalsody_desktop.gui.bundle_model import NAME, NOTE, PAGES
from qalsody_desktop.gui.bundle_print import open_url, print_document
from qalsody_desktop.gui.bundle_view import BundlePanel
from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

PROFILE = load_default_profile()


@pytest.fixture
def case_id(store, example_path, example_dict, tmp_path) -> str:
    """The example case with the synthetic demo set attached, plus a second clinic note."""
    case_id = store.cases.create(load_case_file(example_path))
    folder = tmp_path / "demo-docs"
    write_demo_set(folder, example_dict)
    second = tmp_path / "extra" / "clinic-note-2024-01.pdf"
    second.parent.mkdir()
    second.write_bytes(
        make_document(
            "clinic_note", identity_from_case(example_dict), example_dict, visit_date="2024-01-15"
        )
    )
    attacher = Attacher(store, PROFILE)
    outcomes = attacher.attach(case_id, [folder])
    outcomes += attacher.attach(case_id, [second], category="clinic_note")
    assert {o.status for o in outcomes} == {"ok"}
    return case_id


class Captured:
    def __init__(self) -> None:
        self.urls: list[QUrl] = []
        self.printed: list[tuple[Path, Any]] = []

    def open_url(self, url: QUrl) -> bool:
        self.urls.append(url)
        return True

    def print_pdf(self, path: Path, parent: Any) -> bool:
        self.printed.append((path, parent))
        return True


def make_panel(qtbot, store, dialogs, case_id, profile=PROFILE, runner=None):
    captured = Captured()
    panel = BundlePanel(
        store,
        profile,
        dialogs,
        runner or TaskRunner(SynchronousPool()),
        open_url=captured.open_url,
        print_pdf=captured.print_pdf,
    )
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitActive(panel):  # shortcuts (Ctrl+B, Alt+Up) work in the active window only
        panel.activateWindow()
    panel.set_case(case_id, store.cases.get(case_id).case if case_id else None)
    return panel, captured


@pytest.fixture
def panel(qtbot, store, dialogs, case_id):
    return make_panel(qtbot, store, dialogs, case_id)


def tree_rows(panel: BundlePanel) -> list[tuple[str, list[str]]]:
    model = panel.model
    out = []
    for s in range(model.rowCount()):
        section = model.index(s, NAME)
        docs = [model.index(r, NAME, section).data() for r in range(model.rowCount(section))]
        out.append((section.data(), docs))
    return out


def outline_titles(path: Path) -> list[tuple[str, list[str]]]:
    """Top-level bookmarks with the titles nested under each."""
    out: list[tuple[str, list[str]]] = []
    for item in PdfReader(path).outline:
        if isinstance(item, list):
            out[-1][1].extend(x.title for x in item if not isinstance(x, list))
        else:
            out.append((item.title, []))
    return out


def qpdf_check(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def build(qtbot, panel: BundlePanel, dialogs, out: Path) -> dict[str, Any]:
    """Ctrl+B as a user presses it; returns the manifest written beside the PDF."""
    dialogs.save_paths.append(out)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not dialogs.errors, dialogs.errors
    assert panel.state_text().startswith("Built"), panel.state_text()
    manifest = json.loads(out.with_name(out.stem + ".manifest.json").read_text())
    return manifest


def doc_index(panel: BundlePanel, file_name: str):
    for s in range(panel.model.rowCount()):
        section = panel.model.index(s, NAME)
        for r in range(panel.model.rowCount(section)):
            index = panel.model.index(r, NAME, section)
            if index.data() == file_name:
                return index
    raise AssertionError(f"{file_name} not in the tree")


def select(panel: BundlePanel, index) -> None:
    panel.tree.setCurrentIndex(index)
    panel.tree.setFocus()


# --- the tree --------------------------------------------------------------------------------


def test_tree_follows_profile_order_with_page_counts(panel, store, case_id):
    panel, _ = panel
    rows = tree_rows(panel)
    titles = [t for t, _ in rows]
    profile_titles = [c.title for c in PROFILE.categories]
    # the letter section first, then the categories that have documents, in profile order
    assert titles[0] == "Letter of medical necessity"
    assert titles[1:] == [t for t in profile_titles if t in titles[1:]]
    assert len(titles) == 13
    assert rows[0][1] == ["01-medical_necessity_letter.pdf"]
    clinic = dict(rows)["Neurology clinic note"]
    assert clinic == ["03-clinic_note.pdf", "clinic-note-2024-01.pdf"]
    # the signed letter is always in: no checkbox; the others have one, ticked
    letter = panel.model.index(0, NAME, panel.model.index(0, NAME))
    assert letter.data(Qt.ItemDataRole.CheckStateRole) is None
    assert "always included" in letter.siblingAtColumn(NOTE).data()
    note = doc_index(panel, "03-clinic_note.pdf")
    assert note.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    pages = store.attachments.get(panel.model.doc(note).key).pages
    assert pages == 2
    assert note.siblingAtColumn(PAGES).data() == "2 of 2"
    # a page excluded in the Evidence tab shows as "1 of 2" (and the section total drops)
    att_id = panel.model.doc(note).key
    store.attachments.update(att_id, pages_state=PageState(excluded={2: "duplicate"}))
    panel.refresh()
    note = doc_index(panel, "03-clinic_note.pdf")
    assert note.siblingAtColumn(PAGES).data() == "1 of 2"
    assert note.parent().siblingAtColumn(PAGES).data() == str(1 + 2)  # plus the second note


def test_without_signed_letter_the_generated_one_is_listed(panel, store, case_id):
    panel, _ = panel
    letter = next(
        a for a in store.attachments.list(case_id) if a.category == "medical_necessity_letter"
    )
    store.attachments.remove(letter.id)
    panel.refresh()
    first = panel.model.index(0, NAME, panel.model.index(0, NAME))
    assert "generated" in first.data()
    assert "no signed copy" in first.siblingAtColumn(NOTE).data()
    assert first.siblingAtColumn(PAGES).data() == "—"
    assert not panel.model.can_move(first, 1)


def test_an_older_letter_is_listed_as_superseded(
    qtbot, panel, store, dialogs, case_id, example_dict, tmp_path
):
    panel, _ = panel
    newer = tmp_path / "letter-signed-v2.pdf"
    identity = identity_from_case(example_dict)
    newer.write_bytes(
        make_document("medical_necessity_letter", identity, example_dict, letter_date="2025-02-01")
    )
    [outcome] = Attacher(store, PROFILE).attach(
        case_id, [newer], category="medical_necessity_letter"
    )
    assert outcome.status == "ok", outcome
    panel.refresh()
    rows = tree_rows(panel)
    titles = [t for t, _ in rows]
    assert titles.count("Letter of medical necessity") == 1  # one letter section, first
    assert rows[0][1] == ["letter-signed-v2.pdf", "01-medical_necessity_letter.pdf"]
    old = doc_index(panel, "01-medical_necessity_letter.pdf")
    assert not panel.model.can_move(old, -1)
    assert old.data(Qt.ItemDataRole.CheckStateRole) is None  # cannot be ticked back in
    assert "older letter" in old.siblingAtColumn(NOTE).data()
    assert not panel.model.doc(old).included
    # the tree says what the builder does
    manifest = build(qtbot, panel, dialogs, tmp_path / "letters.pdf")
    letters = next(s for s in manifest["sections"] if s["id"] == "letter")["documents"]
    assert [d["file"] for d in letters] == ["letter-signed-v2.pdf"]
    [excluded] = [x for x in manifest["excluded"] if x["file"] == "01-medical_necessity_letter.pdf"]
    old = doc_index(panel, "01-medical_necessity_letter.pdf")  # the tree was reloaded
    assert excluded["reason"] in old.siblingAtColumn(NOTE).data()


def test_controls_are_named_or_labelled(panel):
    panel, _ = panel
    buddies = {id(label.buddy()) for label in panel.findChildren(QLabel) if label.buddy()}
    form = panel.options.layout()
    for row in range(form.rowCount()):
        label = form.itemAt(row, form.ItemRole.LabelRole)
        field = form.itemAt(row, form.ItemRole.FieldRole)
        if label and label.widget() and label.widget().text():
            buddies.add(id(field.widget()))
    for widget in (
        panel.tree,
        panel.options.route,
        panel.options.prefix,
        panel.options.start,
        panel.exports,
        panel.result.parts,
        panel.result.view,
        panel.result.summary,
    ):
        assert widget.accessibleName() or id(widget) in buddies, widget.objectName()
    for button in (panel.up_button, panel.down_button, panel.build_button):
        assert "&" in button.text()
    assert panel.build_action.shortcut().toString() == "Ctrl+B"
    assert panel.move_up_action.shortcut().toString() == "Alt+Up"
    assert panel.move_down_action.shortcut().toString() == "Alt+Down"


# --- building --------------------------------------------------------------------------------


def test_build_shows_summary_preview_and_export(qtbot, panel, store, dialogs, case_id, tmp_path):
    panel, captured = panel
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    manifest = build(qtbot, panel, dialogs, out)
    assert out.exists()
    qpdf_check(out)
    assert len(PdfReader(out).pages) == manifest["pages"]
    selected = sum(len(d["selected_pages"]) for s in manifest["sections"] for d in s["documents"])
    assert manifest["pages"] == 3 + selected  # cover, contents, crosswalk + documents
    # preview: QtPdf loaded the file
    doc = panel.result.document
    assert doc.status() == QPdfDocument.Status.Ready
    assert doc.pageCount() == manifest["pages"]
    summary = panel.result.summary.toPlainText()
    assert f"{manifest['pages']} pages in 1 file" in summary
    # the fingerprint is there on demand (the file's tooltip), not in the words on screen
    assert manifest["sha256"][:12] not in summary
    for warning in manifest["warnings"]:
        assert warning in summary
    # the export is recorded and listed
    records = ExportRepository(store.db).list(case_id)
    assert len(records) == 1 and records[0].sha256 == manifest["sha256"]
    assert panel.exports.row_texts()[0][1:] == [
        str(manifest["pages"]),
        manifest["sha256"][:12],
        "bundle.pdf",
    ]
    assert manifest["sha256"] in panel.exports.topLevelItem(0).toolTip(3)
    # Open folder and Print… go through the injected callables
    qtbot.mouseClick(panel.result.open_button, Qt.MouseButton.LeftButton)
    assert captured.urls == [QUrl.fromLocalFile(str(out.parent.resolve()))]
    assert captured.urls[0].isLocalFile()
    qtbot.mouseClick(panel.result.print_button, Qt.MouseButton.LeftButton)
    assert [p for p, _ in captured.printed] == [out]


def test_exclude_a_document_and_rebuild(qtbot, panel, store, dialogs, case_id, tmp_path):
    panel, _ = panel
    first = build(qtbot, panel, dialogs, tmp_path / "first.pdf")
    index = doc_index(panel, "07-nfl_lab.pdf")
    key = panel.model.doc(index).key
    select(panel, index)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)  # untick, as a keyboard user does
    index = doc_index(panel, "07-nfl_lab.pdf")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "excluded" in index.siblingAtColumn(NOTE).data()
    assert load_settings(CasePrefs(store.db), case_id).excluded == (key,)
    second = build(qtbot, panel, dialogs, tmp_path / "second.pdf")
    nfl_pages = next(
        len(d["selected_pages"])
        for s in first["sections"]
        for d in s["documents"]
        if d["file"] == "07-nfl_lab.pdf"
    )
    assert second["pages"] == first["pages"] - nfl_pages
    assert [x["file"] for x in second["excluded"]] == ["07-nfl_lab.pdf"]
    assert "excluded" in second["excluded"][0]["reason"]
    files = [d["file"] for s in second["sections"] for d in s["documents"]]
    assert "07-nfl_lab.pdf" not in files
    assert "07-nfl_lab.pdf" in panel.result.summary.toPlainText()
    assert len(panel.exports.records) == 2
    # a new panel (the app restarted) shows the document still unticked
    again = BundlePanel(store, PROFILE, dialogs, TaskRunner(SynchronousPool()))
    qtbot.addWidget(again)
    again.set_case(case_id, None)
    assert doc_index(again, "07-nfl_lab.pdf").data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )


def test_reorder_changes_the_output_order(qtbot, panel, store, dialogs, case_id, tmp_path):
    panel, _ = panel
    build(qtbot, panel, dialogs, tmp_path / "a.pdf")
    before = outline_titles(tmp_path / "a.pdf")
    assert dict(before)["Neurology clinic note"] == [
        "03-clinic_note.pdf",
        "clinic-note-2024-01.pdf",
    ]
    # keyboard: Alt+Up on the second note
    select(panel, doc_index(panel, "clinic-note-2024-01.pdf"))
    assert panel.move_up_action.isEnabled() and not panel.move_down_action.isEnabled()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dict(tree_rows(panel))["Neurology clinic note"] == [
        "clinic-note-2024-01.pdf",
        "03-clinic_note.pdf",
    ]
    assert panel.model.doc(panel.tree.currentIndex()).file_name == "clinic-note-2024-01.pdf"
    build(qtbot, panel, dialogs, tmp_path / "b.pdf")
    after = outline_titles(tmp_path / "b.pdf")
    assert dict(after)["Neurology clinic note"] == ["clinic-note-2024-01.pdf", "03-clinic_note.pdf"]
    assert [t for t, _ in after] == [t for t, _ in before]  # sections keep their order


def drag_to(panel: BundlePanel, source, target, below: bool) -> bool:
    """Drag enter, move and drop on the tree's viewport, as the window system delivers a drag
    of ``source`` to the top or bottom edge of ``target``; True when the view took the drop."""
    mime = panel.model.mimeData([source])
    rect = panel.tree.visualRect(target)
    point = QPoint(rect.center().x(), rect.bottom() - 1 if below else rect.top() + 1)
    args = (
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    viewport = panel.tree.viewport()
    QApplication.sendEvent(viewport, QDragEnterEvent(point, *args))
    move = QDragMoveEvent(point, *args)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), *args)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_drag_and_drop_reorders_within_a_section_only(qtbot, panel, store, case_id):
    panel, _ = panel
    first = doc_index(panel, "03-clinic_note.pdf")
    second = doc_index(panel, "clinic-note-2024-01.pdf")
    assert drag_to(panel, first, second, below=True)
    assert dict(tree_rows(panel))["Neurology clinic note"] == [
        "clinic-note-2024-01.pdf",
        "03-clinic_note.pdf",
    ]
    order = load_settings(CasePrefs(store.db), case_id).document_order
    ids = {a.file_name: a.id for a in store.attachments.list(case_id)}
    assert order.index(ids["clinic-note-2024-01.pdf"]) < order.index(ids["03-clinic_note.pdf"])
    # into another section, or above the letter: refused by the view and by the model
    pulmonary = doc_index(panel, "05-pulmonary_function.pdf")
    assert not drag_to(panel, doc_index(panel, "03-clinic_note.pdf"), pulmonary, below=True)
    letter = panel.model.index(0, NAME, panel.model.index(0, NAME))
    assert not drag_to(panel, doc_index(panel, "03-clinic_note.pdf"), letter, below=False)
    model = panel.model
    mime = model.mimeData([doc_index(panel, "03-clinic_note.pdf")])
    other = doc_index(panel, "05-pulmonary_function.pdf").parent()
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, other)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, other)
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(0, NAME))
    assert not model.canDropMimeData(QMimeData(), Qt.DropAction.MoveAction, 0, 0, other)
    rows = tree_rows(panel)
    assert len(dict(rows)["Pulmonary function test"]) == 1
    assert sum(len(d) for _, d in rows) == 14


def test_route_with_tiny_page_limit_splits_into_parts(qtbot, store, dialogs, case_id, tmp_path):
    tiny = Route(
        id="tiny_fax",
        title="Tiny test fax",
        kind="fax",
        limits_verified=False,
        source="project_assumption",
        status="assumption",
        max_pages=8,
        note="A test route.",
    )
    profile = replace(PROFILE, routes=(*PROFILE.routes, tiny))
    panel, _ = make_panel(qtbot, store, dialogs, case_id, profile=profile)
    combo = panel.options.route
    index = combo.findData("tiny_fax")
    assert "at most 8 pages (unverified limit)" in combo.itemText(index)
    combo.setCurrentIndex(index)
    assert "unverified limit" in panel.options.note.text()
    assert load_settings(CasePrefs(store.db), case_id).route == "tiny_fax"
    out = tmp_path / "split.pdf"
    manifest = build(qtbot, panel, dialogs, out)
    files = [tmp_path / f["file"] for f in manifest["files"]]
    assert len(files) >= 2
    assert sum(len(PdfReader(f).pages) for f in files) == manifest["pages"]
    for f in files:
        assert f.exists()
        assert len(PdfReader(f).pages) <= 8
        qpdf_check(f)
    assert manifest["route"]["id"] == "tiny_fax"
    assert f"{manifest['pages']} pages in {len(files)} parts" in panel.result.summary.toPlainText()
    parts = panel.result.parts
    assert parts.isVisible() and parts.count() == len(files)
    parts.setCurrentIndex(1)
    assert panel.result.document.status() == QPdfDocument.Status.Ready
    assert panel.result.document.pageCount() == len(PdfReader(files[1]).pages)
    assert panel.result.current_file() == files[1]


def test_late_cancel_discards_what_was_built(qtbot, panel, store, dialogs, case_id, tmp_path):
    """Cancel pressed after the builder's last check: the worker removes the finished bundle."""
    panel, _ = panel
    out = tmp_path / "late.pdf"
    result = BundleBuilder(store, PROFILE).build(case_id, out)
    assert out.exists() and result.manifest_path.exists()
    assert len(ExportRepository(store.db).list(case_id)) == 1
    discard(store, result)
    assert not out.exists() and not result.manifest_path.exists()
    assert ExportRepository(store.db).list(case_id) == []


def test_errors_are_shown_not_raised(qtbot, panel, store, dialogs, case_id, tmp_path):
    panel, _ = panel
    dialogs.save_paths.append(tmp_path / "no-such-folder" / "b.pdf")
    panel.build()
    assert dialogs.errors and dialogs.errors[-1][0] == "Bundle not built"
    assert "no-such-folder" in dialogs.errors[-1][1]
    assert panel.state_text().startswith("Failed:")
    # a Bates prefix the core refuses: said inline, not saved, and Build refuses too
    panel.options.prefix.setText("bad prefix!")
    panel.options.prefix.editingFinished.emit()
    assert "Bates prefix" in panel.options.error.text()
    assert load_settings(CasePrefs(store.db), case_id).bates_prefix is None
    panel.build()
    assert "Bates prefix" in dialogs.errors[-1][1]
    assert not dialogs.save_paths  # not even asked where to save


def test_bates_prefix_is_saved_and_stamped(qtbot, panel, store, dialogs, case_id, tmp_path):
    panel, _ = panel
    panel.options.prefix.setText("QPA-")
    panel.options.prefix.editingFinished.emit()
    assert load_settings(CasePrefs(store.db), case_id).bates_prefix == "QPA-"
    manifest = build(qtbot, panel, dialogs, tmp_path / "bates.pdf")
    assert manifest["bates"]["prefix"] == "QPA-"
    text = PdfReader(tmp_path / "bates.pdf").pages[-1].extract_text()
    assert manifest["bates"]["last"] in text


def test_unsaved_edits_are_confirmed_before_building(qtbot, panel, store, dialogs, case_id):
    panel, _ = panel
    edited = store.cases.get(case_id).case
    urgency = "expedited" if edited.request.urgency != "expedited" else "standard"
    edited = replace(edited, request=replace(edited.request, urgency=urgency))
    panel.set_case(case_id, edited)
    dialogs.confirm_answers.append(False)
    panel.build()
    assert dialogs.confirmed and "unsaved changes" in dialogs.confirmed[0]
    assert panel.state_text() == ""  # nothing started, not even asked for a path


def test_no_case_means_nothing_to_build(qtbot, store, dialogs):
    panel, _ = make_panel(qtbot, store, dialogs, None)
    assert panel.model.rowCount() == 0
    assert not panel.build_action.isEnabled()
    assert not panel.tree.isEnabled()
    assert isinstance(panel, QWidget)
    assert panel.exports.records == [] and panel.result.current_file() is None


def test_print_paints_the_chosen_pages(qapp, store, case_id, tmp_path):
    """The real printing path, with a PDF printer standing in for paper."""
    out = tmp_path / "to-print.pdf"
    result = BundleBuilder(store, PROFILE).build(case_id, out)
    document = QPdfDocument()
    document.load(str(out))
    assert document.status() == QPdfDocument.Status.Ready
    for page_range, expected in ((None, result.pages), ((2, 4), 3)):
        printed = tmp_path / f"printed-{expected}.pdf"
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        if page_range:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*page_range)
        assert print_document(document, printer) == expected
        assert len(PdfReader(printed).pages) == expected
    document.close()
    assert not open_url(QUrl("https://example.org/"))  # never a network address


def test_a_damaged_file_is_left_out_and_said_so(qtbot, panel, store, dialogs, case_id, tmp_path):
    panel, _ = panel
    att = next(a for a in store.attachments.list(case_id) if a.file_name == "06-emg_ncs.pdf")
    blob = store.blobs.path_for(att.working_sha256)
    blob.chmod(0o600)
    blob.write_bytes(b"%PDF-1.4 not what was stored")
    manifest = build(qtbot, panel, dialogs, tmp_path / "partial.pdf")
    assert {x["file"] for x in manifest["left_out"]} == {"06-emg_ncs.pdf"}
    summary = panel.result.summary.toPlainText()
    assert "Left out (could not be used)" in summary
    for entry in manifest["left_out"]:
        assert f"06-emg_ncs.pdf: {entry['reason']}" in summary
    assert "document(s) left out" in panel.state_text()
    files = [d["file"] for s in manifest["sections"] for d in s["documents"]]
    assert "06-emg_ncs.pdf" not in files and "05-pulmonary_function.pdf" in files
    assert len(PdfReader(tmp_path / "partial.pdf").pages) == manifest["pages"]


def test_the_packet_kind_picks_the_leading_letter(qapp):
    from qalsody_desktop.core.bundle.model import PACKETS
    from qalsody_desktop.core.policy import load_default_profile
    from qalsody_desktop.gui.bundle_options import BundleOptionsForm

    form = BundleOptionsForm(load_default_profile())
    kinds = [form.packet.itemData(i) for i in range(form.packet.count())]
    assert kinds == list(PACKETS) and form.packet.currentData() == "medical_necessity"
    form.packet.setCurrentIndex(kinds.index("internal_appeal"))
    assert form.packet.currentText() == "Internal appeal"
    form.deleteLater()
