"""``qalsody-pa case ...`` through the real entry point (subprocess) and in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from testpaths import drop_nulls

from qalsody_desktop import __version__
from qalsody_desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
EXE = Path(sys.executable).with_name("qalsody-pa")


def run(*args: str, data_dir: Path | None = None, env_dir: Path | None = None):
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    if env_dir:
        env["QALSODY_DATA_DIR"] = str(env_dir)
    extra = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [*cmd, *extra, *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_import_then_export_returns_same_facts(tmp_path, example_path, example_dict):
    data = tmp_path / "cli-data"
    imported = run("--json", "case", "import", str(example_path), data_dir=data)
    assert imported.returncode == 0, imported.stderr
    case_id = json.loads(imported.stdout)["case_id"]
    exported = run("case", "export-json", case_id, data_dir=data)
    assert exported.returncode == 0, exported.stderr
    assert drop_nulls(json.loads(exported.stdout)) == drop_nulls(example_dict)
    # and the export imports again to the same facts
    again = tmp_path / "again.json"
    again.write_text(exported.stdout)
    second = run("case", "import", str(again), "--json", data_dir=data)
    second_id = json.loads(second.stdout)["case_id"]
    assert run("case", "export-json", second_id, data_dir=data).stdout == exported.stdout


def test_env_var_selects_data_dir(tmp_path, example_path):
    data = tmp_path / "env-data"
    assert run("case", "import", str(example_path), env_dir=data).returncode == 0
    listed = run("--json", "case", "list", env_dir=data)
    assert [row["name"] for row in json.loads(listed.stdout)] == ["Vance, Harold"]
    assert (data / "qalsody.sqlite3").exists()


def test_bad_input_exit_2_one_line_nothing_written(tmp_path, example_dict):
    data = tmp_path / "bad-data"
    bad = tmp_path / "bad.json"
    example_dict["prescriber"]["npi"] = "1234567890"
    bad.write_text(json.dumps(example_dict))
    result = run("--json", "case", "import", str(bad), data_dir=data)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "prescriber.npi" in result.stderr
    assert "Vance" not in result.stderr  # messages never carry patient identifiers

    broken = tmp_path / "broken.json"
    broken.write_text('{"patient": {"first_name": "A",\n "last_name": }}')
    result = run("case", "import", str(broken), data_dir=data)
    assert result.returncode == 2
    assert "broken.json: not valid JSON at line 2" in result.stderr

    missing = run("case", "import", str(tmp_path / "nope.json"), data_dir=data)
    assert missing.returncode == 2 and "nope.json" in missing.stderr

    assert json.loads(run("--json", "case", "list", data_dir=data).stdout) == []


def test_show_list_delete_in_process(capsys, example_path):
    assert main(["--json", "case", "import", str(example_path)]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]

    assert main(["case", "show", case_id[:5], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["case_id"] == case_id
    assert shown["derived"]["alsfrs_r"][1]["decline_per_month_since_previous"] == 0.67
    assert shown["case"]["genetics"]["variant_protein"] == "p.Ala5Val"

    assert main(["case", "show", case_id]) == 0
    text = capsys.readouterr().out
    assert "p.Ala5Val" in text and "37/48" in text

    assert main(["case", "delete", case_id]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["case", "delete", case_id, "--yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"deleted": case_id}
    assert main(["case", "show", case_id]) == 2
    assert "no case" in capsys.readouterr().err


def test_export_to_file_is_atomic_and_valid(tmp_path, capsys, example_path):
    assert main(["--json", "case", "import", str(example_path)]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    out = tmp_path / "exported.json"
    assert main(["case", "export-json", case_id, "--out", str(out)]) == 0
    assert json.loads(out.read_text())["format"] == "qalsody-case/1"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")] == []


def test_version(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    result = run("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_usage_error_exits_2(capsys):
    assert main(["case", "frobnicate"]) == 2
