"""The outcome of a build (or of an earlier export): the manifest's summary and a QtPdf preview.

"Open folder" and "Print…" go through callables given to the constructor, so tests capture
them instead of launching a file manager or a printer.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .bundle_print import folder_url
from .wording import gui_words

log = logging.getLogger(__name__)
OpenUrl = Callable[[QUrl], object]
PrintPdf = Callable[[Path, QWidget | None], object]


def _esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(n, 1) / 1024:.0f} KB"


def _route_line(route: dict[str, Any] | None) -> str:
    if not route:
        return "Fax / portal limits: none (no size or page limit applied)"
    limits = []
    if route.get("max_pages"):
        limits.append(f"at most {route['max_pages']} pages")
    if route.get("max_file_mb"):
        limits.append(f"at most {route['max_file_mb']:g} MB per file")
    text = f"Fax / portal limits: {route['title']}"
    if limits:
        verified = "" if route.get("limits_verified") else " (unverified limit)"
        text += f" — {', '.join(limits)}{verified}"
    return text


def summary_html(manifest: dict[str, Any]) -> str:
    """The manifest in a few lines: pages, files (parts), route, warnings, documents left out."""
    files = manifest.get("files", [])
    noun = "1 file" if len(files) == 1 else f"{len(files)} parts"
    out = [f"<p><b>{manifest['pages']} pages in {noun}</b></p>", "<ul>"]
    for f in files:
        out.append(f"<li>{_esc(f['file'])}: {f['pages']} pages, {_size(int(f['bytes']))}</li>")
    out.append("</ul>")
    out.append(f"<p>{_esc(_route_line(manifest.get('route')))}</p>")
    bates = manifest.get("bates")
    if bates:
        out.append(
            f"<p>Bates numbers: {_esc(bates.get('first', ''))} to {_esc(bates.get('last', ''))}</p>"
        )
    lists = (
        (
            "Held back (another patient's, unreviewed, unchecked or conflicting)",
            [_why(x) for x in manifest.get("held_back", [])],
        ),
        (
            "In by your decision",
            [
                f"{x.get('file', '?')}: {x.get('action', '')} {x.get('reason', '')}".strip()
                for x in manifest.get("decisions", [])
            ],
        ),
        (
            "Warnings",
            [gui_words(str(w)) for w in manifest.get("warnings", [])],
        ),
        ("Left out (could not be used)", [_why(x) for x in manifest.get("left_out", [])]),
        ("Excluded", [_why(x) for x in manifest.get("excluded", [])]),
    )
    for title, items in lists:
        if items:
            out.append(f"<p><b>{title} ({len(items)}):</b></p><ul>")
            out.extend(f"<li>{_esc(item)}</li>" for item in items)
            out.append("</ul>")
    if not any(items for _, items in lists):
        out.append("<p>No warnings; every document went in.</p>")
    return "".join(out)


def _why(entry: dict[str, Any]) -> str:
    return f"{entry.get('file', '?')}: {gui_words(str(entry.get('reason', '')))}"


class BundleResultView(QWidget):
    """Summary, part chooser, preview, Open folder and Print… for one bundle."""

    def __init__(
        self, open_url: OpenUrl, print_pdf: PrintPdf, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bundleResult")
        self._open_url = open_url
        self._print_pdf = print_pdf
        self.files: list[Path] = []
        self.manifest: dict[str, Any] | None = None

        self.summary = QTextBrowser(self)
        self.summary.setObjectName("bundleSummary")
        self.summary.setAccessibleName("Bundle summary")
        self.summary.setPlaceholderText("Build the bundle (Ctrl+B) to see its summary here.")
        self.parts = QComboBox(self)
        self.parts.setObjectName("bundleParts")
        self.parts.currentIndexChanged.connect(self._show_part)
        parts_label = QLabel("P&art:", self)
        parts_label.setBuddy(self.parts)
        self.open_button = QPushButton("&Open folder", self)
        self.open_button.setObjectName("bundleOpenFolder")
        self.open_button.setToolTip("Show the folder with the bundle and its manifest")
        self.open_button.clicked.connect(self.open_folder)
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setObjectName("bundlePrint")
        self.print_button.setToolTip("Print the part shown in the preview")
        self.print_button.clicked.connect(self.print_current)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("bundlePreview")
        self.view.setAccessibleName("Bundle preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        bar = QHBoxLayout()
        bar.addWidget(parts_label)
        bar.addWidget(self.parts, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.print_button)
        split = QSplitter(self)
        split.addWidget(self.summary)
        split.addWidget(self.view)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._parts_label = parts_label
        self.clear()

    def clear(self) -> None:
        self.close_document()
        self.files, self.manifest = [], None
        self.summary.clear()
        self.parts.blockSignals(True)
        self.parts.clear()
        self.parts.blockSignals(False)
        self._update()

    def close_document(self) -> None:
        """Release the previewed file (before a build may replace it)."""
        self.document.close()

    def show_result(self, files: list[Path], manifest: dict[str, Any]) -> None:
        self.close_document()
        self.files, self.manifest = list(files), manifest
        self.summary.setHtml(summary_html(manifest))
        self.parts.blockSignals(True)
        self.parts.clear()
        for number, path in enumerate(self.files, start=1):
            self.parts.addItem(f"{number} of {len(self.files)}: {path.name}", str(path))
        self.parts.blockSignals(False)
        self._show_part(0)
        self._update()

    def current_file(self) -> Path | None:
        index = self.parts.currentIndex()
        return self.files[index] if 0 <= index < len(self.files) else None

    def _show_part(self, index: int) -> None:
        self.close_document()
        if not 0 <= index < len(self.files):
            return
        path = self.files[index]
        if not path.exists():
            self.summary.append(f"{path.name} is no longer in its folder.")
            self._update()
            return
        self.document.load(str(path))
        if self.document.status() != QPdfDocument.Status.Ready:
            log.warning("bundle preview: %s not loaded (%s)", path.name, self.document.error())
            self.summary.append(f"{path.name} cannot be shown ({self.document.error().name}).")
        self._update()

    def _update(self) -> None:
        many = len(self.files) > 1
        self.parts.setVisible(many)
        self._parts_label.setVisible(many)
        current = self.current_file()
        present = current is not None and current.exists()
        self.open_button.setEnabled(present)
        self.print_button.setEnabled(
            present and self.document.status() == QPdfDocument.Status.Ready
        )

    def open_folder(self) -> None:
        path = self.current_file()
        if path is not None:
            self._open_url(folder_url(path))

    def print_current(self) -> None:
        path = self.current_file()
        if path is not None:
            self._print_pdf(path, self.window())
