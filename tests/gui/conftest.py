"""GUI test fixtures: offscreen Qt, a store in a temporary folder, isolated QSettings.

Dialogs go through :class:`FakeDialogs`, which answers from a script and records what was asked,
so tests see exactly the questions and errors a user would.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CASE = REPO.parent / "shared" / "examples" / "case-example.json"

# The offscreen platform plugin warns about a feature it lacks whenever a window is shown;
# that is the test platform talking, not the app.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path) -> Path:
    """Nothing a test does reaches the user's QSettings (default-constructed ones included)."""
    folder = tmp_path / "qsettings"
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    return folder


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_folder: Path):
    from qalsody_desktop.core.storage import Store

    s = Store(data_folder)
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def example_path() -> Path:
    if not EXAMPLE_CASE.exists():
        pytest.skip("shared/examples is not beside the repo")
    return EXAMPLE_CASE


@pytest.fixture
def example_dict(example_path: Path) -> dict[str, Any]:
    return json.loads(example_path.read_text(encoding="utf-8"))


class FakeDialogs:
    """Scripted answers; every question and error is recorded."""

    def __init__(self) -> None:
        self.unsaved_answers: list[str] = []
        self.unsaved_default: str | None = None  # None: an unexpected prompt fails the test
        self.confirm_answers: list[bool] = []
        self.open_paths: list[Path | None] = []
        self.save_paths: list[Path | None] = []
        self.asked: list[str] = []
        self.confirmed: list[str] = []
        self.errors: list[tuple[str, str, list[str]]] = []
        self.filters: list[str] = []  # the file-type filter of each file dialog
        self.suggested: list[str] = []  # the suggested name of each save dialog

    def ask_unsaved(self, parent: Any, what: str) -> str:
        self.asked.append(what)
        if self.unsaved_answers:
            return self.unsaved_answers.pop(0)
        if self.unsaved_default is None:
            raise AssertionError(f"unexpected unsaved-changes prompt: {what}")
        return self.unsaved_default

    def confirm(self, parent: Any, title: str, text: str, action: str) -> bool:
        self.confirmed.append(text)
        return self.confirm_answers.pop(0)

    def error(self, parent: Any, title: str, text: str, details: list[str] | None = None) -> None:
        self.errors.append((title, text, list(details or [])))

    def open_path(self, parent: Any, title: str, file_filter: str = "") -> Path | None:
        self.filters.append(file_filter)
        return self.open_paths.pop(0)

    def save_path(
        self, parent: Any, title: str, suggested: str, file_filter: str = ""
    ) -> Path | None:
        self.filters.append(file_filter)
        self.suggested.append(suggested)
        return self.save_paths.pop(0)


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def make_window(qtbot, store, settings, dialogs):
    """Build (and show) a MainWindow; later windows may get another store/settings/dialogs."""
    from qalsody_desktop.gui.main_window import MainWindow
    from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

    made: list[Any] = []

    def make(store=store, settings=settings, dialogs=dialogs, show=True):  # type: ignore[no-untyped-def]
        window = MainWindow(store, settings, dialogs, TaskRunner(SynchronousPool()))
        made.append(window)  # closed below, after the test (not by qtbot: see teardown)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    # pytest-qt would close its widgets before this fixture ends, while dialogs are still
    # strict; closing here lets a test leave edits behind without a prompt failing it
    for window in made:
        window.dialogs.unsaved_default = "discard"
        window.close()
        window.deleteLater()


@pytest.fixture
def window(make_window):
    return make_window()
