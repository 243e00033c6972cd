#!/usr/bin/env python3
"""Render resources/icons/qalsody.svg to the PNG, ICO and ICNS files the packages need.

Run with the project's venv (it uses Qt's SVG renderer and Pillow):
    .venv/bin/python packaging/make_icons.py
The SVG is the source; the rendered files are committed so a build needs no renderer.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "qalsody.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render(size: int) -> bytes:
    """PNG bytes of the SVG at ``size`` x ``size`` pixels, antialiased, transparent corners."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - Qt needs it
    pngs = {size: render(size) for size in SIZES}
    for size, data in pngs.items():
        (ICONS / f"qalsody-{size}.png").write_bytes(data)
    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in pngs.items()}
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "qalsody.ico", sizes=[(s, s) for s in ICO_SIZES])
    images[512].save(
        ICONS / "qalsody.icns", append_images=[images[s] for s in ICNS_SIZES if s != 512]
    )
    print(f"wrote {len(pngs)} PNGs, qalsody.ico and qalsody.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
