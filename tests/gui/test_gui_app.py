"""Start-up, shortcuts, window geometry, the crash handler."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize

from qalsody_desktop.gui import app as gui_app
from qalsody_desktop.gui.crash import make_excepthook

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=60
    )


def test_module_version_flag():
    result = _run("-m", "qalsody_desktop", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "qalsody-desktop 0.1.0\n"


def test_version_creates_no_qapplication():
    code = (
        "import sys\n"
        "from qalsody_desktop.gui.app import main\n"
        "rc = main(['--version'])\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6.QtWidgets')]\n"
        "print(rc, loaded)\n"
    )
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"


def test_smoke_test_start_reports_its_start_up_time(tmp_path):
    # the 1 s target is measured by benchmarks/startup_bench.py, not asserted here
    result = _run("-m", "qalsody_desktop", "--data-dir", str(tmp_path / "d"), "--smoke-test")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("main window shown in ")
    assert float(line.split()[-2]) > 0
    assert (tmp_path / "d" / "qalsody.sqlite3").exists()


def test_store_error_is_a_message_and_exit_code_1(qapp, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_app, "_show_startup_error", lambda t, x: shown.append((t, x)))
    rc = gui_app.main(["--data-dir", str(blocker / "data")])
    assert rc == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert "cannot start" in title
    assert str(blocker / "data") in text
    assert "Traceback" not in text


def test_store_error_from_a_newer_schema_is_shown(qapp, tmp_path, monkeypatch):
    import sqlite3

    folder = tmp_path / "newer"
    folder.mkdir()
    conn = sqlite3.connect(folder / "qalsody.sqlite3")
    conn.execute("PRAGMA user_version=999")
    conn.close()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_app, "_show_startup_error", lambda t, x: shown.append((t, x)))
    assert gui_app.main(["--data-dir", str(folder)]) == 1
    assert "newer version of the app" in shown[0][1]


def test_shortcuts_are_shown_in_the_menus(window):
    menus = {m.title(): m for m in (a.menu() for a in window.menuBar().actions()) if m}
    case_menu = {a.objectName(): a.shortcut().toString() for a in menus["&Case"].actions()}
    assert case_menu["action_new"] == "Ctrl+N"
    assert case_menu["action_save"] == "Ctrl+S"
    assert case_menu["action_import"] == "Ctrl+I"
    assert case_menu["action_export"] == "Ctrl+E"
    assert case_menu["action_quit"] == "Ctrl+Q"
    assert "action_delete" in case_menu and "action_demo" in case_menu
    edit_menu = {a.objectName(): a.shortcut().toString() for a in menus["&Edit"].actions()}
    assert edit_menu["action_find"] == "Ctrl+F"


def test_quit_action_closes_the_window(window):
    window.actions_["quit"].trigger()
    assert not window.isVisible()


def test_geometry_is_restored(make_window, settings, dialogs):
    first = make_window()
    first.resize(700, 520)
    first.move(30, 40)
    first.splitter.setSizes([250, 430])
    assert first.close()
    settings.sync()
    assert settings.value("mainWindow/geometry") is not None
    second = make_window()
    assert second.size() == QSize(700, 520)
    assert second.pos() == QPoint(30, 40)
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]
    # only window geometry lives in QSettings, never case data
    assert sorted(settings.allKeys()) == [
        "mainWindow/geometry",
        "mainWindow/splitter",
        "mainWindow/state",
    ]


def test_default_qsettings_are_isolated(qapp, _isolated_qsettings):
    from PySide6.QtCore import QSettings

    for s in (QSettings("Qalsody PA Desk", "QalsodyPADesk"), QSettings()):
        s.setValue("probe", 1)
        s.sync()
        assert Path(s.fileName()).is_relative_to(_isolated_qsettings), s.fileName()


def test_excepthook_logs_and_shows_without_the_exception_text(caplog):
    shown: list[str] = []
    hook = make_excepthook(show=shown.append, log_hint="/tmp/x.log")
    typed_by_user = "".join(["Van", "ce 19", "66-04-09"])  # patient data in an exception text
    try:
        raise ValueError(typed_by_user)
    except ValueError as exc:
        with caplog.at_level(logging.ERROR, logger="qalsody_desktop.crash"):
            hook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1 and "ValueError" in shown[0] and "/tmp/x.log" in shown[0]
    assert "Vance" not in shown[0]
    assert caplog.records and "ValueError" in caplog.text
    assert "test_excepthook_logs" in caplog.text  # the stack is there
    assert "Vance" not in caplog.text and "1966" not in caplog.text


def test_excepthook_survives_a_failing_dialog(caplog):
    def broken(_text: str) -> None:
        raise RuntimeError("no display")

    hook = make_excepthook(show=broken)
    with caplog.at_level(logging.ERROR, logger="qalsody_desktop.crash"):
        hook(KeyError, KeyError("x"), None)  # must not raise
    assert "could not show the error dialog" in caplog.text


@pytest.mark.parametrize("args", [["--help"]])
def test_help_lists_data_dir(args, capsys):
    with pytest.raises(SystemExit) as exc:
        gui_app.main(args)
    assert exc.value.code == 0
    assert "--data-dir" in capsys.readouterr().out


def test_installed_pyside_keeps_references_to_none():
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and aborts
    the interpreter after a few thousand calls; pyproject pins below it. This catches a bump."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "class O(QObject):\n"
        "    s = Signal()\n"
        "o = O()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(10_000):\n"
        "    o.setObjectName('x')\n"
        "    o.s.emit()\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100


def test_work_panels_can_arrive_after_the_window_is_shown(qtbot, store, settings, dialogs):
    from qalsody_desktop.gui.main_window import MainWindow
    from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

    window = MainWindow(
        store, settings, dialogs, TaskRunner(SynchronousPool()), defer_work_panels=True
    )
    qtbot.addWidget(window)
    window.show()
    tabs = window.editor.tabs
    assert not hasattr(window, "letters")
    assert [tabs.tabText(i) for i in range(tabs.count())][-1] == "Evidence"
    window.install_work_panels()
    window.install_work_panels()  # once only
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[-4:] == ["Evidence", "Letters", "Bundle", "Timeline"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.count("&Timeline") == 1
    dialogs.unsaved_default = "discard"
    window.close()
