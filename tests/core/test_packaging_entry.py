"""``frozen_entry``: the roles of the frozen executable, exercised without freezing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from qalsody_desktop import frozen_entry
from qalsody_desktop.core.intake import pool as pool_module
from qalsody_desktop.core.intake.pool import WorkerPool
from qalsody_desktop.core.synthetic import make_document

IDENTITY = {"first_name": "Ada", "last_name": "Quill", "date_of_birth": "1962-03-04"}


def _entry(*args: str, data: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    env["QALSODY_DATA_DIR"] = str(data)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "qalsody_desktop.frozen_entry", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_cli_role(tmp_path):
    result = _entry("--cli", "--json", "case", "list", data=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    bad = _entry("--cli", "case", "show", "nope", data=tmp_path / "d")
    assert bad.returncode == 2 and "no case 'nope'" in bad.stderr


def test_reader_worker_role_answers_the_pool():
    """The pool, pointed at the entry's --reader-worker, reads a PDF in that process."""
    pool = WorkerPool(
        command=[sys.executable, "-m", "qalsody_desktop.frozen_entry", "--reader-worker"]
    )
    try:
        data = make_document("sod1_genetic_report", IDENTITY)
        outcome = pool.run({"fmt": "pdf", "password": None, "options": {}}, data, timeout=60)
        assert outcome.status == "done", outcome
        assert pool.idle_pids() and os.getpid() not in pool.idle_pids()
        assert outcome.header and outcome.header.get("pages") == 1, outcome.header
    finally:
        pool.close()


def test_frozen_app_points_the_pool_at_its_console_executable(tmp_path, monkeypatch):
    gui = tmp_path / "qalsody-desktop"
    gui.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(gui))
    assert frozen_entry.worker_command() == [str(gui), "--reader-worker"]
    console = tmp_path / ("qalsody-pa.exe" if os.name == "nt" else "qalsody-pa")
    console.write_text("")
    assert frozen_entry.worker_command() == [str(console), "--reader-worker"]

    monkeypatch.setattr(pool_module, "_POOL", WorkerPool())
    frozen_entry.configure_reader_pool()
    assert pool_module.default_pool().command == [str(console), "--reader-worker"]


def test_unfrozen_pool_is_left_alone(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(pool_module, "_POOL", WorkerPool())
    frozen_entry.configure_reader_pool()
    assert pool_module.default_pool().command is None


def test_executable_named_qalsody_pa_is_the_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "qalsody-pa"))
    monkeypatch.setattr(pool_module, "_POOL", WorkerPool())
    assert frozen_entry.main(["--json", "case", "list"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_self_check_reports_everything_in_place(tmp_path):
    result = _entry("--frozen-self-check", data=tmp_path / "d", timeout=180)
    report = json.loads(result.stdout)
    assert result.returncode == 0, {k: report.get(k) for k in ("errors", "import_failures")}
    assert report["ok"] is True and report["frozen"] is False
    assert report["import_failures"] == {} and report["missing_resources"] == []
    assert "qalsody_desktop.core.archive.importer" in report["package_modules"]
    assert report["qt_platform"] == "offscreen" and report["qtpdf_rendered"] is True
    assert report["reader_status"] == "done"
    assert report["profile"].startswith("cigna-nc-qalsody")


def test_gui_role_is_the_default(tmp_path):
    result = _entry("--version", data=tmp_path / "d")
    assert result.returncode == 0 and result.stdout.startswith("qalsody-desktop ")
