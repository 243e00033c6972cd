"""The case's sections as a list on the left and a page on the right (QTabWidget's API).

Twelve sections (eight of case facts, then Evidence, Letters, Bundle, Timeline) do not fit in
one row of tabs on a laptop screen; a list fits them all, groups them under headings, and
reads well with a screen reader. The subset of the QTabWidget API the app uses is kept
(``addTab``, ``setCurrentIndex``, ``tabBar().setTabTextColor``...), so callers do not change.
Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PgDown / Ctrl+PgUp move between sections as with tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

PAGE_ROLE = Qt.ItemDataRole.UserRole + 7


def _shown(title: str) -> str:
    """A tab title's text as shown: "&&" is a literal "&" in tab titles."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


class SectionList(QListWidget):
    """The list of sections; stands in for QTabBar (``setTabTextColor``)."""

    def __init__(self, owner: SectionTabs):
        super().__init__(owner)
        self._owner = owner

    def setTabTextColor(self, index: int, color: QColor) -> None:  # noqa: N802 - Qt's name
        item = self.item(self._owner._rows[index])
        item.setForeground(QBrush(color) if color.isValid() else QBrush())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = max((self.sizeHintForColumn(0) for _ in range(1)), default=120) + 24
        return QSize(max(width, 130), super().sizeHint().height())


class SectionTabs(QWidget):
    currentChanged = Signal(int)  # noqa: N815 - Qt's name

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.nav = SectionList(self)
        self.nav.setObjectName("sectionList")
        self.nav.setAccessibleName("Case sections")
        self.nav.setSpacing(2)
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.currentRowChanged.connect(self._on_row)
        self.stack = QStackedWidget(self)
        self._titles: list[str] = []
        self._rows: list[int] = []  # list row of each page
        self._pages: list[QWidget] = []  # each page (inside its scroll area)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        for keys, step in (
            ("Ctrl+Tab", 1),
            ("Ctrl+PgDown", 1),
            ("Ctrl+Shift+Tab", -1),
            ("Ctrl+Backtab", -1),
            ("Ctrl+PgUp", -1),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self._step(s))

    # --- building ----------------------------------------------------------------------------

    def addSection(self, title: str) -> None:  # noqa: N802 - in the style of addTab
        """A heading above the next pages; not a page itself."""
        item = QListWidgetItem(title)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(QBrush(QColor("#505050")))
        self.nav.addItem(item)
        self._fit()

    def addTab(self, widget: QWidget, title: str) -> int:  # noqa: N802 - Qt's name
        # each page scrolls when the window is narrower than the page needs (small screens,
        # large fonts) instead of forcing the window's minimum width up
        holder = QScrollArea(self.stack)
        holder.setObjectName(f"sectionPage{self.stack.count()}")
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidgetResizable(True)
        holder.setWidget(widget)
        self._pages.append(widget)
        index = self.stack.addWidget(holder)
        self._titles.append(title)
        item = QListWidgetItem(_shown(title))
        item.setData(PAGE_ROLE, index)
        self.nav.addItem(item)
        self._rows.append(self.nav.row(item))
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(self._rows[0])
        self._fit()
        return index

    def setDocumentMode(self, on: bool) -> None:  # noqa: N802 - QTabWidget's API, no-op here
        pass

    def _fit(self) -> None:
        self.nav.setFixedWidth(self.nav.sizeHint().width())

    # --- QTabWidget's API --------------------------------------------------------------------

    def tabBar(self) -> SectionList:  # noqa: N802 - Qt's name
        return self.nav

    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget:
        return self._pages[index]

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 - Qt's name
        return self._pages.index(widget) if widget in self._pages else -1

    def tabText(self, index: int) -> str:  # noqa: N802 - Qt's name
        return self._titles[index]

    def setTabText(self, index: int, title: str) -> None:  # noqa: N802 - Qt's name
        self._titles[index] = title
        self.nav.item(self._rows[index]).setText(_shown(title))

    def currentIndex(self) -> int:  # noqa: N802 - Qt's name
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget:  # noqa: N802 - Qt's name
        return self._pages[self.stack.currentIndex()]

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - Qt's name
        if 0 <= index < self.count():
            self.nav.setCurrentRow(self._rows[index])

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt's name
        self.setCurrentIndex(self.indexOf(widget))

    # --- internals ---------------------------------------------------------------------------

    def _on_row(self, row: int) -> None:
        item = self.nav.item(row)
        index = item.data(PAGE_ROLE) if item is not None else None
        if index is None or index == self.stack.currentIndex():
            return
        self.stack.setCurrentIndex(index)
        self.currentChanged.emit(index)

    def _step(self, step: int) -> None:
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
