"""A screenshot of the main window with the example case.

Set QALSODY_SCREENSHOT=/path/shot.png to keep the image for a look.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QColor


def test_screenshot_with_example_case(make_window, dialogs, example_path, tmp_path, qtbot):
    window = make_window()
    window.resize(1360, 820)
    dialogs.open_paths = [example_path]
    window.actions_["import"].trigger()
    qtbot.wait(50)
    image = window.grab().toImage()
    target = Path(os.environ.get("QALSODY_SCREENSHOT") or tmp_path / "gui-shot.png")
    assert image.save(str(target))
    assert image.width() >= 1000 and image.height() >= 600
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 37)
        for y in range(0, image.height(), 29)
    }
    assert len(colours) > 8  # a real window, not a blank surface
    # every section is in view at the default size: the section list needs no scrolling
    nav = window.editor.tabs.tabBar()
    assert nav.count() == window.editor.tabs.count() + 2  # the pages and two headings
    assert not nav.verticalScrollBar().isVisible()
    last = nav.visualItemRect(nav.item(nav.count() - 1))
    assert last.bottom() <= nav.viewport().height()
