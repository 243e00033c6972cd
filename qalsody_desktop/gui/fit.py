"""Layouts that adapt to the window instead of scrolling sideways (a 1366x768 clinic laptop).

Three small tools the views share:

* :func:`fit_columns` sizes a table's columns to the table's width: each column gets the width
  its contents want, the least important columns are hidden first when they do not all fit, and
  only then are the remaining ones narrowed (their text elided, the full text in the cell's
  tooltip where the model gives one). The table never needs a horizontal scrollbar.
* :func:`adapt_splitter` turns a side-by-side splitter into a stacked one when it is narrower
  than its panes need side by side (previews go below instead of being clipped).
* :class:`AdaptiveRow` lays widgets out in a row when they fit and in a column when they do not.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QSplitter,
    QTableView,
    QTreeView,
    QWidget,
)

MIN_COLUMN = 44  # narrower than this a column shows nothing useful
FLOOR = 150  # a long column is narrowed to this before short ones are touched
MAX_WANTED = 420  # a long note or summary does not claim more than this before others are seen
SIDE_BY_SIDE = 1000  # a list and its preview side by side from this width, stacked below it


class ColumnFitter(QObject):
    """Keeps ``view``'s columns inside its viewport (see the module docstring)."""

    def __init__(
        self,
        view: QTableView | QTreeView,
        priority: Sequence[int] | None = None,
        stretch: int | None = None,
        keep: int = 1,
        cap: int = MAX_WANTED,
    ):
        super().__init__(view)
        self.view = view
        self.priority = list(priority) if priority is not None else None
        self.stretch = stretch
        self.keep = keep  # this many columns of the priority list are never hidden
        self.cap = cap
        self.preferred: dict[int, int] = {}  # widths wanted whatever the contents say
        self.caps: dict[int, int] = {}  # columns that never claim more (their text elides)
        self.hidden: list[int] = []  # the columns hidden for lack of room, for tests and tooltips
        header = self._header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_COLUMN)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # Qt elides two-line titles early
        for col in range(header.count()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
                model.columnsInserted,
                model.columnsRemoved,
                model.dataChanged,
                model.headerDataChanged,
            ):
                signal.connect(self.schedule)
        self._fitting = False
        self.fit()

    def _header(self) -> QHeaderView:
        view = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def schedule(self, *_: object) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    def _wanted(self, col: int) -> int:
        header = self._header()
        contents = self.view.sizeHintForColumn(col) if self.view.model() is not None else 0
        title = self.view.model().headerData(col, Qt.Orientation.Horizontal)
        lines = str(title or "").splitlines() or [""]
        # the title's widest line, its margins and the sort arrow
        titled = max(header.fontMetrics().horizontalAdvance(line) for line in lines) + 24
        cap = self.caps.get(col, self.cap)
        wanted = min(cap, max(header.sectionSizeHint(col), titled, contents) + 6)
        return max(MIN_COLUMN, wanted, self.preferred.get(col, 0))

    def fit(self) -> None:
        model = self.view.model()
        if model is None or self._fitting:
            return
        self._fitting = True
        try:
            self._fit(model.columnCount())
        finally:
            self._fitting = False

    def _fit(self, count: int) -> None:
        if count == 0:
            return
        order = [c for c in (self.priority or range(count)) if c < count]
        for col in range(count):  # columns left out of the priority list are never shown
            if col not in order:
                self.view.setColumnHidden(col, True)
        avail = self.view.viewport().width()
        if avail <= 0:
            return
        wanted = {c: self._wanted(c) for c in order}
        shown: list[int] = []
        total = 0
        for i, col in enumerate(order):
            if i < self.keep or total + wanted[col] <= avail:
                shown.append(col)
                total += wanted[col]
        self.hidden = [c for c in range(count) if c not in shown]
        for col in range(count):
            self.view.setColumnHidden(col, col not in shown)
        widths = dict(wanted)
        if total > avail:
            # long texts (file names, notes) give up room first, down to FLOOR each; only if
            # that is not enough is every column narrowed in proportion (text elides)
            deficit = total - avail
            spare = {c: max(0, wanted[c] - FLOOR) for c in shown}
            room = sum(spare.values())
            if room >= deficit:
                widths = {c: wanted[c] - (spare[c] * deficit + room - 1) // room for c in shown}
            else:
                scale = avail / total
                widths = {c: max(MIN_COLUMN, int(wanted[c] * scale)) for c in shown}
        else:
            grow = self.stretch if self.stretch in shown else None
            if grow is None:  # the widest wanted column takes the room left (notes, summaries)
                grow = max(shown, key=lambda c: wanted[c])
            widths[grow] += avail - total
        used = sum(widths[c] for c in shown)
        if used > avail:  # rounding up to MIN_COLUMN: take it back from the widest column
            widest = max(shown, key=lambda c: widths[c])
            widths[widest] = max(MIN_COLUMN, widths[widest] - (used - avail))
        for col in shown:
            self.view.setColumnWidth(col, widths[col])


def fit_columns(
    view: QTableView | QTreeView,
    priority: Sequence[int] | None = None,
    stretch: int | None = None,
    keep: int = 1,
    cap: int = MAX_WANTED,
) -> ColumnFitter:
    """Fit ``view``'s columns to its width; ``priority`` lists columns most important first
    (columns not listed are always hidden), ``stretch`` takes the spare room."""
    return ColumnFitter(view, priority, stretch, keep, cap)


class _SplitterAdapter(QObject):
    def __init__(self, splitter: QSplitter, side_by_side: int):
        super().__init__(splitter)
        self.splitter = splitter
        self.side_by_side = side_by_side
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kinds = (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest)
        if event.type() in kinds:
            self.adapt()
        return False

    def adapt(self) -> None:
        splitter = self.splitter
        wide = splitter.width() >= self.side_by_side
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        panes = [splitter.widget(i) for i in range(splitter.count())]
        # stacked, each pane keeps the height it prefers (word-wrapped labels make Qt's
        # minimum too small): the page scrolls up and down, never sideways, and no list is
        # squeezed to three rows
        for pane in panes:
            height = 0 if wide else max(pane.sizeHint().height(), pane.minimumSizeHint().height())
            if pane.minimumHeight() != height:
                pane.setMinimumHeight(height)
        if splitter.orientation() != wanted:
            splitter.setOrientation(wanted)
            if wide:
                splitter.setSizes([splitter.width() // len(panes)] * len(panes))
            else:
                splitter.setSizes([p.minimumHeight() for p in panes])


def adapt_splitter(splitter: QSplitter, side_by_side: int) -> None:
    """Show ``splitter``'s panes side by side from ``side_by_side`` pixels wide, stacked below."""
    _SplitterAdapter(splitter, side_by_side)


class AdaptiveRow(QWidget):
    """Widgets in a row while each gets ``min_each`` pixels (or its minimum), else stacked."""

    def __init__(self, widgets: Sequence[QWidget], min_each: int = 0, stretch: int = 1):
        super().__init__()
        self.min_each = min_each
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.widgets = list(widgets)
        for widget in self.widgets:
            self.box.addWidget(widget, stretch)

    def _needed(self) -> int:
        spacing = self.box.spacing() * (len(self.widgets) - 1)
        return spacing + sum(max(self.min_each, w.minimumSizeHint().width()) for w in self.widgets)

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        # stacked, the row needs only its widest widget: the page never scrolls sideways for it
        widest = max(max(self.min_each, w.minimumSizeHint().width()) for w in self.widgets)
        hint.setWidth(min(hint.width(), widest))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= self._needed()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
        super().resizeEvent(event)
