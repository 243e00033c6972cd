"""Nothing the app does opens a network socket (it holds patient data; it must stay offline).

A Python audit hook in a child process records every socket created or connected while the CLI
imports, shows, exports and deletes a case; AF_UNIX would be local IPC, anything else fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, socket, sys
events = []
def hook(event, args):
    if event in ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo",
                 "socket.gethostbyname", "socket.sendto"):
        family = args[1] if event == "socket.__new__" and len(args) > 1 else None
        if family == socket.AF_UNIX:
            return
        events.append(event)
sys.addaudithook(hook)
from qalsody_desktop.cli import main
data, example, workload = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
codes = [main(["--data-dir", data, *[a.replace("{example}", example) for a in cmd]])
         for cmd in workload]
print(json.dumps({"events": events, "codes": codes}))
"""


def run_isolated(workload: list[list[str]], data_dir: Path, example: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(example), json.dumps(workload)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_cli_opens_no_socket(tmp_path, example_path):
    from qalsody_desktop.core.synthetic import write_demo_set

    docs = write_demo_set(tmp_path / "docs", json.loads(example_path.read_text()))
    data = tmp_path / "d"
    first = run_isolated([["case", "import", "{example}"]], data, example_path)
    assert first["codes"] == [0] and first["events"] == []
    from qalsody_desktop.core.storage import Store

    with Store(data) as store:
        case_id = store.cases.list()[0].id
    workload = [
        ["case", "list"],
        ["attach", case_id, *(str(d) for d in docs)],
        ["check", case_id, "--json"],
        ["attachments", case_id],
    ]
    report = run_isolated(workload, data, example_path)
    assert report["codes"] == [0, 0, 0, 0]
    assert report["events"] == []


def test_the_hook_would_catch_a_socket(tmp_path):
    """The check above can fail: a socket opened under the same hook is recorded."""
    code = CHILD.replace(
        "from qalsody_desktop.cli import main",
        "from qalsody_desktop.cli import main\nsocket.socket(socket.AF_INET, socket.SOCK_STREAM)",
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "d"), "unused", "[]"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1])["events"] == ["socket.__new__"]


def test_no_inet_socket_in_any_process_strace(tmp_path, example_path):
    """strace follows the reader processes too; no AF_INET/AF_INET6 socket may appear."""
    import os
    import shutil

    import pytest

    strace = shutil.which("strace")
    if not strace:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("strace is missing")
        pytest.skip("strace not installed")
    from qalsody_desktop.core.synthetic import write_demo_set

    docs = write_demo_set(tmp_path / "docs", json.loads(example_path.read_text()))
    trace = tmp_path / "trace.txt"
    code = (
        "import sys\n"
        "from qalsody_desktop.cli import main\n"
        "from qalsody_desktop.core.storage import Store\n"
        "d = sys.argv[1]\n"
        "main(['--data-dir', d, 'case', 'import', sys.argv[2]])\n"
        "cid = Store(__import__('pathlib').Path(d)).cases.list()[0].id\n"
        "sys.exit(main(['--data-dir', d, 'attach', cid, *sys.argv[3:]]))\n"
    )
    result = subprocess.run(
        [
            strace,
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            str(trace),
            sys.executable,
            "-c",
            code,
            str(tmp_path / "d"),
            str(example_path),
            *map(str, docs),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-800:]
    lines = trace.read_text().splitlines()
    assert not [line for line in lines if "AF_INET" in line], lines[:20]
