"""The Qt pieces the PDF and chart renderers need: a GUI application object and a font.

QtGui painting needs a ``QGuiApplication`` (fonts live there). The GUI already has a
``QApplication``, which is reused; the CLI has none, so one is made on the ``offscreen``
platform to render without a display. Only QtGui is used, never QtWidgets.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

# Metric-compatible families first (Arial ~ Liberation Sans) so DOCX and PDF break lines alike.
SANS_FAMILIES = ("Arial", "Liberation Sans", "Helvetica", "DejaVu Sans", "Noto Sans")

_app: QGuiApplication | None = None
_family: str | None = None


def ensure_gui_app() -> QGuiApplication:
    """Return the running application, or create an offscreen ``QGuiApplication``.

    The platform is forced to ``offscreen`` only when ``QT_QPA_PLATFORM`` is unset, so a user's
    explicit choice wins. A bare ``QCoreApplication`` cannot paint and is an error.
    """
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a QCoreApplication is running; rendering needs QGuiApplication")
        return existing
    argv = [sys.argv[0] if sys.argv and sys.argv[0] else "qalsody-desktop"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _app = QGuiApplication(argv)
    return _app


def font_family() -> str:
    """The first installed family of ``SANS_FAMILIES``.

    Asking Qt for a missing family makes it scan aliases and log a warning, so look it up.
    """
    global _family
    if _family is None:
        ensure_gui_app()
        installed = set(QFontDatabase.families())
        found = next((f for f in SANS_FAMILIES if f in installed), None)
        _family = found or QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    return _family


def font(point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPointSizeF(point_size)
    f.setBold(bold)
    f.setItalic(italic)
    # No hinting: glyph positions do not depend on the screen the GUI happens to run on.
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f
