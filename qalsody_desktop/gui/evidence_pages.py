"""Page viewer for the selected attachment: thumbnails, exclude/include, rotate.

Thumbnails are rendered lazily (only rows the view asks for) from a timer, a few per
event-loop pass, and cached; so a long PDF lists at once without stalling the GUI.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QImage, QImageReader, QKeySequence, QPixmap, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.evidence.records import Attachment, PageState
from ..core.storage import Store
from .evidence_dialogs import EvidenceDialogs

log = logging.getLogger(__name__)

THUMB = QSize(120, 160)
PER_PASS = 3  # thumbnails rendered per event-loop pass
Index = QModelIndex | QPersistentModelIndex


class PageDialogs(EvidenceDialogs):
    """The evidence dialogs plus the page viewer's question."""

    def ask_exclude_reason(self, parent: QWidget | None, page: int) -> str | None:
        """A reason ("" allowed) to leave ``page`` out, or None when cancelled."""
        value, ok = QInputDialog.getText(
            parent, "Exclude page", f"Reason for leaving out page {page} (optional):"
        )
        return value.strip() if ok else None


class PageListModel(QAbstractListModel):
    """One row per page; DecorationRole is a lazily rendered thumbnail."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.count = 0
        self.state = PageState()
        self.render_count = 0
        self._doc: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self._image: QImage | None = None
        self._cache: dict[int, QPixmap] = {}
        self._pending: list[int] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._render_some)
        self._placeholder = QPixmap(THUMB)
        self._placeholder.fill(Qt.GlobalColor.lightGray)

    # --- loading -------------------------------------------------------------------------------

    def clear(self) -> None:
        self.load(None, None, PageState())

    def load(self, kind: str | None, data: bytes | None, state: PageState) -> None:
        self.beginResetModel()
        self._timer.stop()
        self._pending.clear()
        self._cache.clear()
        self._close()
        self.state = PageState(dict(state.excluded), dict(state.rotation), dict(state.skew))
        self.count = 0
        if kind == "pdf" and data:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(data))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self._doc = QPdfDocument(self)
            self._doc.load(self._buffer)
            if self._doc.status() == QPdfDocument.Status.Ready:
                self.count = self._doc.pageCount()
            else:
                log.warning("page viewer: PDF not loaded (%s)", self._doc.error())
        elif kind == "image" and data:
            buffer = QBuffer()
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            reader = QImageReader(buffer)
            reader.setAutoTransform(True)  # honour EXIF orientation
            image = reader.read()
            # the reader goes before its buffer: Qt's TIFF handler closes its device when the
            # reader is destroyed, and a buffer freed first made that a segfault
            del reader
            buffer.close()
            if not image.isNull():
                self._image = image
                self.count = 1
        self.endResetModel()

    def _close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc.deleteLater()
            self._doc = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._image = None

    def set_state(self, state: PageState) -> None:
        self.state = state
        self._cache.clear()
        if self.count:
            self.dataChanged.emit(self.index(0), self.index(self.count - 1))

    # --- rendering -----------------------------------------------------------------------------

    def _render(self, page: int) -> QPixmap:
        """Render 0-based ``page`` with its rotation applied."""
        self.render_count += 1
        if self._doc is not None:
            size = (
                self._doc.pagePointSize(page)
                .toSize()
                .scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio)
            )
            image = self._doc.render(page, size if not size.isEmpty() else THUMB)
        elif self._image is not None:
            image = self._image.scaled(
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        else:
            return self._placeholder
        angle = self.state.rotation.get(page + 1, 0) % 360
        if angle:
            image = image.transformed(QTransform().rotate(angle))
        return QPixmap.fromImage(image)

    def _render_some(self) -> None:
        done = 0
        while self._pending and done < PER_PASS:
            page = self._pending.pop(0)
            if page in self._cache or page >= self.count:
                continue
            self._cache[page] = self._render(page)
            done += 1
            idx = self.index(page)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])
        if not self._pending:
            self._timer.stop()

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        page = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"Page {page}"
            angle = self.state.rotation.get(page, 0) % 360
            if angle:
                text += f" ↻{angle}°"
            if page in self.state.excluded:
                text += " — excluded"
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            pix = self._cache.get(index.row())
            if pix is not None:
                return pix
            if index.row() not in self._pending:
                self._pending.append(index.row())
                self._timer.start()
            return self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole and page in self.state.excluded:
            reason = self.state.excluded[page]
            return f"Excluded: {reason}" if reason else "Excluded"
        if role == Qt.ItemDataRole.ForegroundRole and page in self.state.excluded:
            return Qt.GlobalColor.gray
        return None


class PageViewer(QWidget):
    """Thumbnails of the selected attachment with per-page actions, saved at once."""

    changed = Signal(str)  # attachment id

    def __init__(self, store: Store, dialogs: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evidencePages")
        self.store = store
        self.dialogs = dialogs
        self.attachment: Attachment | None = None
        self.model = PageListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("evidencePageList")
        self.view.setAccessibleName("Pages of the selected file")
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(THUMB)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setWrapping(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.status = QLabel(self)

        def action(text: str, key: str, slot: Any) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.exclude_action = action("Exclude page…", "Del", self.exclude_selected)
        self.include_action = action("Include page", "Ins", self.include_selected)
        self.rotate_left_action = action("Rotate left", "Ctrl+L", lambda: self.rotate_selected(-90))
        self.rotate_right_action = action(
            "Rotate right", "Ctrl+R", lambda: self.rotate_selected(90)
        )
        buttons = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for act in (
            self.include_action,
            self.exclude_action,
            self.rotate_left_action,
            self.rotate_right_action,
        ):
            button = QPushButton(act.text(), self)
            button.setToolTip(f"{act.text()} ({act.shortcut().toString()})")
            button.clicked.connect(act.trigger)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self._update()

    # --- showing -------------------------------------------------------------------------------

    def show_attachment(self, att: Attachment | None) -> None:
        if att is not None and self.attachment is not None and att.id == self.attachment.id:
            self.attachment = att
            self.model.set_state(att.pages_state)
            self._update()
            return
        self.attachment = att
        if att is None:
            self.model.clear()
            self.status.setText("")
        elif att.kind in ("pdf", "image"):
            try:
                data = self.store.blobs.read(att.working_sha256)
            except Exception as exc:  # noqa: BLE001 - shown, never a traceback
                log.warning("page viewer: %s not read: %s", att.id, type(exc).__name__)
                data = None
            self.model.load(att.kind, data, att.pages_state)
            self.status.setText("" if self.model.count else "No preview")
        else:
            self.model.clear()
            self.status.setText("No preview")
        self._update()

    def page_count(self) -> int:
        return self.model.rowCount()

    def selected_pages(self) -> list[int]:
        return sorted(i.row() + 1 for i in self.view.selectionModel().selectedIndexes())

    def select_page(self, page: int) -> None:
        self.view.setCurrentIndex(self.model.index(page - 1))

    def _update(self) -> None:
        has = bool(self.attachment is not None and self.selected_pages())
        for act in (
            self.include_action,
            self.exclude_action,
            self.rotate_left_action,
            self.rotate_right_action,
        ):
            act.setEnabled(has)
        for button in self.buttons:
            button.setEnabled(has)

    def _menu(self, pos: Any) -> None:
        if not self.selected_pages():
            return
        menu = QMenu(self)
        menu.addActions(
            [
                self.include_action,
                self.exclude_action,
                self.rotate_left_action,
                self.rotate_right_action,
            ]
        )
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # --- actions -------------------------------------------------------------------------------

    def _ask_reason(self, page: int) -> str | None:
        ask = getattr(self.dialogs, "ask_exclude_reason", None)
        if ask is None:
            ask = PageDialogs().ask_exclude_reason
        return ask(self, page)

    def exclude_selected(self) -> None:
        pages = self.selected_pages()
        if not pages or self.attachment is None:
            return
        reason = self._ask_reason(pages[0])
        if reason is None:
            return
        state = self._copy()
        for p in pages:
            state.excluded[p] = reason
        self._save(state)

    def include_selected(self) -> None:
        pages = self.selected_pages()
        if not pages or self.attachment is None:
            return
        state = self._copy()
        for p in pages:
            state.excluded.pop(p, None)
        self._save(state)

    def rotate_selected(self, degrees: int) -> None:
        pages = self.selected_pages()
        if not pages or self.attachment is None:
            return
        state = self._copy()
        for p in pages:
            angle = (state.rotation.get(p, 0) + degrees) % 360
            if angle:
                state.rotation[p] = angle
            else:
                state.rotation.pop(p, None)
        self._save(state)

    def _copy(self) -> PageState:
        assert self.attachment is not None
        s = self.attachment.pages_state
        return PageState(dict(s.excluded), dict(s.rotation), dict(s.skew))

    def _save(self, state: PageState) -> None:
        assert self.attachment is not None
        try:
            updated = self.store.attachments.update(self.attachment.id, pages_state=state)
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.dialogs.error(self, "Page change not saved", f"The change was not saved: {exc}")
            return
        selected = self.selected_pages()
        self.attachment = updated
        self.model.set_state(updated.pages_state)
        for p in selected:
            self.view.selectionModel().select(
                self.model.index(p - 1), self.view.selectionModel().SelectionFlag.Select
            )
        self.changed.emit(updated.id)


__all__ = ["PageDialogs", "PageListModel", "PageViewer"]
