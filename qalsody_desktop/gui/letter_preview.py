"""The letter preview: the very PDF that Save PDF… writes, shown with QtPdf.

The PDF is rendered to memory and read by ``QPdfDocument`` from a ``QBuffer``: no temporary
file of patient data is ever written, so there is none to clean up.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from ..core.document import Document
from ..core.document.pdf_render import pdf_bytes


class LetterPreview(QWidget):
    """Shows a rendered ``Document`` (or a message when there is none)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterPreview")
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("letterPdfView")
        self.view.setAccessibleName("Letter preview")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # scroll with the keyboard
        self.message = QLabel(self)
        self.message.setObjectName("letterPreviewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        self.show_message("No letter yet.")

    def show_message(self, text: str) -> None:
        self._close()
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_document(self, document: Document) -> None:
        """Render and show; raises what the renderer raises (the panel reports it)."""
        self.show_pdf(pdf_bytes(document))

    def show_pdf(self, data: bytes) -> None:
        self._close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.pdf.load(buffer)
        if self.pdf.status() != QPdfDocument.Status.Ready:
            self.show_message("The preview could not be shown.")
            return
        self.stack.setCurrentWidget(self.view)

    def page_count(self) -> int:
        return self.pdf.pageCount() if self.stack.currentWidget() is self.view else 0

    def text(self) -> str:
        """The text of every shown page, as the PDF carries it (what a reader would see)."""
        return "\n".join(self.pdf.getAllText(p).text() for p in range(self.page_count()))

    def _close(self) -> None:
        self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
