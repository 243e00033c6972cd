"""docs/make_screenshots.py keeps working: every main view is captured, none of them blank."""

from __future__ import annotations

import importlib.util

from PySide6.QtGui import QColor, QImage
from testpaths import REPO


def test_screenshot_script_captures_every_view(qapp, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_screenshots", REPO / "docs" / "make_screenshots.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.make(tmp_path)
    assert [p.stem for p in written] == list(module.VIEWS)
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 1200 and image.height() >= 700, path.name
        colours = {
            QColor(image.pixel(x, y)).name()
            for x in range(0, image.width(), 41)
            for y in range(0, image.height(), 31)
        }
        assert len(colours) > 8, path.name
