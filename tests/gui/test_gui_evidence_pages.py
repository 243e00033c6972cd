"""The Evidence tab's page viewer: thumbnails, exclude/include with a reason, rotation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from test_gui_evidence import EvidenceAnswers

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.records import PageState


class PageAnswers(EvidenceAnswers):
    def __init__(self) -> None:
        super().__init__()
        self.reasons: list[str | None] = []
        self.reason_pages: list[int] = []

    def ask_exclude_reason(self, parent: Any, page: int) -> str | None:
        self.reason_pages.append(page)
        return self.reasons.pop(0)


@pytest.fixture
def pg_dialogs(dialogs) -> Any:
    return type("FakePageDialogs", (PageAnswers, type(dialogs)), {})()


@pytest.fixture
def opened(make_window, pg_dialogs, store, example_path):
    window = make_window(dialogs=pg_dialogs)
    case_id = store.cases.create(load_case_file(example_path))
    window.refresh_list()
    assert window.open_case(case_id)
    return window, case_id


def blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=300)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def attach_and_select(window, path: Path):
    window.editor.tabs.setCurrentIndex(window.evidence_tab)  # thumbnails render when visible
    window.evidence.attach([path])
    model = window.evidence.model
    row = next(i for i, a in enumerate(model.attachments) if a.file_name == path.name)
    window.evidence.view.selectRow(row)
    return window.evidence.pages, model.attachment(row)


def test_exclude_rotate_include_persist(opened, tmp_path, store, pg_dialogs, qtbot):
    window, case_id = opened
    pages, att = attach_and_select(window, blank_pdf(tmp_path / "three.pdf", 3))
    assert pages.page_count() == 3
    qtbot.waitUntil(lambda: pages.model.render_count >= 1)

    pages.select_page(2)
    pg_dialogs.reasons.append("unrelated visit")
    pages.exclude_action.trigger()
    assert pg_dialogs.reason_pages == [2]
    pages = window.evidence.pages  # the panel may have refreshed; same viewer
    pages.select_page(1)
    pages.rotate_right_action.trigger()

    stored = store.attachments.get(att.id).pages_state
    assert stored == PageState(excluded={2: "unrelated visit"}, rotation={1: 90})
    model = pages.model
    assert "excluded" in model.data(model.index(1))
    assert "90" in model.data(model.index(0))
    assert model.data(model.index(1), Qt.ItemDataRole.ToolTipRole) == "Excluded: unrelated visit"

    # cancelled reason: nothing changes
    pages.select_page(3)
    pg_dialogs.reasons.append(None)
    pages.exclude_action.trigger()
    assert 3 not in store.attachments.get(att.id).pages_state.excluded

    # rotation wraps mod 360; include removes the exclusion
    pages.select_page(1)
    pages.rotate_left_action.trigger()
    pages.select_page(2)
    pages.include_action.trigger()
    assert store.attachments.get(att.id).pages_state == PageState()

    # the state survives reopening the case
    pages.select_page(2)
    pg_dialogs.reasons.append("")
    pages.exclude_action.trigger()
    window.refresh_kit()
    _, again = attach_and_select(window, tmp_path / "three.pdf")
    assert again.pages_state.excluded == {2: ""}
    assert "excluded" in window.evidence.pages.model.data(window.evidence.pages.model.index(1))
    assert not pg_dialogs.errors


def test_image_shows_one_page(opened, tmp_path):
    window, _ = opened
    image = QImage(40, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    path = tmp_path / "scan.png"
    assert image.save(str(path))
    pages, att = attach_and_select(window, path)
    assert att.kind == "image"
    assert pages.page_count() == 1


def test_long_pdf_lists_quickly_renders_lazily(opened, tmp_path, qtbot):
    window, _ = opened
    window.editor.tabs.setCurrentIndex(window.evidence_tab)
    path = blank_pdf(tmp_path / "long.pdf", 300)
    window.evidence.attach([path])
    model = window.evidence.model
    row = next(i for i, a in enumerate(model.attachments) if a.file_name == path.name)
    window.evidence.view.selectRow(row)
    pages = window.evidence.pages
    assert pages.page_count() == 300
    qtbot.wait(200)
    assert 0 < pages.model.render_count < 60
