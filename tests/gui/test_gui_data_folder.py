"""The app's start with a data folder it cannot use: a message naming the folder and the reason
(issue 12, defect 5), never a traceback."""

from __future__ import annotations

import os
import sqlite3

from qalsody_desktop.gui import app as gui_app


def _start(folder, monkeypatch) -> tuple[int, list[tuple[str, str]]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_app, "_show_startup_error", lambda t, x: shown.append((t, x)))
    return gui_app.main(["--data-dir", str(folder)]), shown


def test_damaged_database_is_a_message(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "qalsody.sqlite3").write_bytes(os.urandom(8192))
    rc, shown = _start(folder, monkeypatch)
    assert rc == 1 and len(shown) == 1
    title, text = shown[0]
    assert "cannot start" in title and str(folder) in text
    assert "damaged" in text and "Traceback" not in text


def test_locked_database_is_a_message(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    holder = sqlite3.connect(folder / "qalsody.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        rc, shown = _start(folder, monkeypatch)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rc == 1 and len(shown) == 1
    assert "busy" in shown[0][1] and "Traceback" not in shown[0][1]
