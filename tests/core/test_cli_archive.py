"""``qalsody-pa export`` / ``import-archive`` through the real entry point (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qalsody_desktop.core.synthetic import write_demo_set

EXE = Path(sys.executable).with_name("qalsody-pa")


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    return subprocess.run(
        [*cmd, "--data-dir", str(data), *args], capture_output=True, text=True, timeout=120, env=env
    )


def ok_json(result: subprocess.CompletedProcess[str]):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def exported(tmp_path, example_path, example_dict):
    """A case with four attachments in data folder ``a``, exported to ``case.qpa``."""
    data = tmp_path / "a"
    case_id = ok_json(run(data, "--json", "case", "import", str(example_path)))["case_id"]
    docs = write_demo_set(tmp_path / "docs", example_dict)[:4]
    attached = ok_json(run(data, "attach", case_id, *map(str, docs), "--json"))
    assert [a["status"] for a in attached] == ["ok"] * 4
    out = tmp_path / "case.qpa"
    result = ok_json(run(data, "export", case_id[:6], "--out", str(out), "--json"))
    assert result["case_id"] == case_id and result["files"] == 4
    assert result["size"] == out.stat().st_size and zipfile.is_zipfile(out)
    return data, case_id, out


def test_export_then_import_elsewhere_keeps_checklist_and_files(exported, tmp_path):
    data, case_id, out = exported
    other = tmp_path / "b"
    result = ok_json(run(other, "import-archive", str(out), "--json"))
    assert result["case_id"] == case_id and result["renamed"] == {}
    assert result["files_added"] == 4 and result["rows"]["attachments"] == 4
    for command in (["attachments", case_id], ["check", case_id], ["case", "export-json", case_id]):
        assert run(other, "--json", *command).stdout == run(data, "--json", *command).stdout


def test_import_into_the_same_folder_reports_the_new_id(exported):
    data, case_id, out = exported
    text = run(data, "import-archive", str(out))
    assert text.returncode == 0, text.stderr
    assert f"case {case_id} exists here" in text.stdout
    cases = ok_json(run(data, "--json", "case", "list"))
    assert len(cases) == 2
    new_id = next(c["case_id"] for c in cases if c["case_id"] != case_id)
    assert new_id in text.stdout
    again = ok_json(run(data, "import-archive", str(out), "--json"))
    assert again["renamed"][case_id] == again["case_id"] not in (case_id, new_id)


def test_bad_input_exits_2_with_one_line_and_writes_nothing(exported, tmp_path):
    data, case_id, out = exported
    other = tmp_path / "c"
    slip = tmp_path / "slip.qpa"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(slip, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("../../outside.txt", b"owned")
    for archive, message in (
        (slip, "outside the archive"),
        (tmp_path / "nope.qpa", "nope.qpa: cannot read"),
    ):
        result = run(other, "--json", "import-archive", str(archive))
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
        assert "Vance" not in result.stderr
    assert ok_json(run(other, "--json", "case", "list")) == []
    assert not any((other / "files").iterdir())
    assert not (tmp_path.parent / "outside.txt").exists()

    missing = run(data, "export", "ffffff", "--out", str(tmp_path / "x.qpa"))
    assert missing.returncode == 2 and "no case 'ffffff'" in missing.stderr
    nowhere = run(data, "export", case_id, "--out", str(tmp_path / "no" / "x.qpa"))
    assert nowhere.returncode == 2 and "no such folder" in nowhere.stderr
    assert not (tmp_path / "x.qpa").exists()


def test_help_lists_the_commands(tmp_path):
    result = run(tmp_path / "d", "--help")
    assert result.returncode == 0
    assert "export" in result.stdout and "import-archive" in result.stdout
    usage = run(tmp_path / "d", "import-archive", "--help").stdout
    assert "FILE.qpa" in usage
