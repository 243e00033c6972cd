"""SIGKILL ``bundle`` and ``import-archive`` at random points, then start again and check.

After every kill, the next start (``open_store``, what every command and the app run first)
must leave: a database that passes ``integrity_check``; every stored file intact (its name is
its SHA-256), every file a row refers to present, and no file that no row refers to once the
grace period has passed (the test ages the files instead of waiting); no temporary file with
patient data anywhere: not in the data folder, not beside the output, not in the system temp
folder; and each imported case whole (every attachment it should have), never half.
The same prepared folder also takes concurrent imports and event writes from two processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_bundle_support import qpdf_check

from qalsody_desktop.cli import main
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.storage.sweep import GRACE_SECONDS, SweepReport, referenced_blobs
from qalsody_desktop.core.synthetic import write_demo_set

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

KILLS = 20
EXE = Path(sys.executable).with_name("qalsody-pa")
CHILD = r"""
import sys
from qalsody_desktop.cli import build_parser, main
build_parser()  # import every command first: the kills must land in the work, not in imports
if "bundle" in sys.argv:  # one whole run first: Qt and fonts are warm before the kills
    main(sys.argv[1:])
sys.stdout.write("@@ready@@\n"); sys.stdout.flush()
while True:  # again and again, so a kill can land in any part of the run
    main(sys.argv[1:])
    sys.stdout.write("@@done@@\n"); sys.stdout.flush()
"""


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def prepared(tmp_path, example_path, example_dict, capsys):
    """A data folder with a case and four documents, and that case exported as an archive."""
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "--json", "case", "import", str(example_path)]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    docs = write_demo_set(tmp_path / "docs", example_dict)[:4]
    assert main(["--data-dir", str(data), "attach", case_id, *map(str, docs)]) == 0
    archive = tmp_path / "case.qpa"
    assert main(["--data-dir", str(data), "export", case_id, "--out", str(archive)]) == 0
    capsys.readouterr()
    return data, case_id, archive


def _kill_at_random_points(args: list[str], tmp_path: Path, seed: int, check) -> int:
    """Start the child, kill it after a random delay, check; KILLS times.

    The first child is timed through one whole run (from "ready" to its first "done") and
    killed then; the others are killed at a uniform random point of 1.2 times that run."""
    rng = random.Random(seed)
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "TMPDIR": str(system_tmp),
    }
    env.pop("QALSODY_DATA_DIR", None)
    kills = 0
    window: float | None = None
    for _attempt in range(KILLS * 2):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None and child.stderr is not None
        while child.stdout.readline().strip() != b"@@ready@@":
            assert child.poll() is None, child.stderr.read().decode()[-2000:]
        if window is None:
            started = time.monotonic()
            while child.stdout.readline().strip() != b"@@done@@":
                assert child.poll() is None, child.stderr.read().decode()[-2000:]
            window = 1.2 * (time.monotonic() - started)
        else:
            time.sleep(rng.uniform(0.0, window))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        child.stderr.close()
        assert child.returncode == -signal.SIGKILL, "the child ended by itself"
        kills += 1
        check()
        assert os.listdir(system_tmp) == [], "a temporary file in the system temp folder"
        if kills >= KILLS:
            break
    return kills


def _next_start_and_check(
    data: Path, swept: list[SweepReport], out_folder: Path | None = None
) -> None:
    """Age every stored file past the grace period, start as any command does, then check."""
    aged = time.time() - 2 * GRACE_SECONDS
    for path in (data / "files").rglob("*"):
        if path.is_file():
            os.utime(path, (aged, aged))
    with Store(data) as store:  # the next start: what open_store does
        swept.append(store.sweep())
    with Store(data) as store:
        assert store.db.integrity_ok()
        referenced = referenced_blobs(store.db.conn)
        stored = {p.name: p for p in (data / "files").rglob("*") if p.is_file()}
        assert set(stored) <= referenced, "a file no row refers to"
        needed = {
            h
            for row in store.db.conn.execute(
                "SELECT original_sha256, working_sha256 FROM attachments"
            )
            for h in row
        }
        assert needed <= set(stored), "a file a row refers to is missing"
        for name, path in stored.items():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == name, "a damaged file"
        for row in store.cases.list():
            store.cases.get(row.id)
            attachments = store.attachments.list(row.id)
            assert len(attachments) in (4, 12), "a case imported by half"
    left = [(p.name, sorted(os.listdir(p))) for p in (data / "tmp").iterdir()]
    assert left == [], "a temp folder left in the data folder"
    leftovers = [p for p in (data / "files").rglob("*") if p.name.startswith((".tmp-", ".imp"))]
    assert leftovers == []
    if out_folder is not None:
        assert [p.name for p in out_folder.iterdir() if p.name.startswith(".tmp")] == []
        bundle = out_folder / "bundle.pdf"
        if bundle.exists():  # what is there under the final name is always whole
            qpdf_check(bundle)


def _summary(command: str, swept: list[SweepReport]) -> str:
    fields = ("temp_folders", "output_temps", "staging", "partial_files", "orphan_blobs")
    totals = {f: sum(getattr(r, f) for r in swept) for f in fields}
    return f"{command}: {len(swept)} kills; the next starts swept {totals}"


def test_sigkill_bundle_at_random_points(prepared, tmp_path, example_dict, capsys):
    data, case_id, _ = prepared
    # a longer bundle (every category, 12 documents): more of each run is inside the work
    docs = write_demo_set(tmp_path / "more", example_dict)[4:12]
    assert main(["--data-dir", str(data), "attach", case_id, *map(str, docs)]) == 0
    capsys.readouterr()
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    out = str(out_folder / "bundle.pdf")
    args = ["--data-dir", str(data), "bundle", case_id, "--out", out, "--allow-missing"]
    swept: list[SweepReport] = []
    kills = _kill_at_random_points(
        args, tmp_path, seed=20261204, check=lambda: _next_start_and_check(data, swept, out_folder)
    )
    assert kills == KILLS
    # the kills landed inside the work (3 to 6 of 20 on the dev machine, plus parts)
    assert sum(r.temp_folders + r.output_temps for r in swept) >= 2, swept
    print(_summary("bundle", swept))


def test_sigkill_import_archive_at_random_points(prepared, tmp_path):
    """Into an empty data folder each time (the cases imported before are deleted and their
    files swept), so every run has new files to store: a kill can land between storing them
    and inserting the rows."""
    _, _, archive = prepared
    target = tmp_path / "target"
    args = ["--data-dir", str(target), "import-archive", str(archive)]
    swept: list[SweepReport] = []
    imported = 0

    def check_then_empty() -> None:
        nonlocal imported
        _next_start_and_check(target, swept)
        with Store(target) as store:
            for row in store.cases.list():
                store.cases.delete(row.id)
                imported += 1
        _next_start_and_check(target, [])  # the deleted case's files are swept
        assert not [p for p in (target / "files").rglob("*") if p.is_file()]

    kills = _kill_at_random_points(args, tmp_path, seed=41, check=check_then_empty)
    assert kills == KILLS
    assert imported >= 2  # some imports finished between the kills
    assert sum(r.temp_folders + r.orphan_blobs for r in swept) >= 1, swept
    print(_summary("import-archive", swept))


def test_two_processes_import_and_record_events_at_once(prepared):
    """Concurrent writers beyond attach: two ``import-archive`` runs of the same archive and
    event writes, all at once against one data folder. Each import gets its own case id (the
    rename is planned inside the write transaction) and every event is recorded."""
    data, case_id, archive = prepared
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    base = [*cmd, "--data-dir", str(data), "--json"]
    runs = [[*base, "import-archive", str(archive)] for _ in range(2)]
    runs += [
        [*base, "event", case_id, "add", "--type", "submitted", "--date", "2026-11-0" + str(d)]
        for d in range(1, 5)
    ]
    procs = [
        subprocess.Popen(r, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for r in runs
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    imported = {json.loads(out)["case_id"] for out, _ in outputs[:2]}
    assert len(imported) == 2 and case_id not in imported
    with Store(data) as store:
        assert store.db.integrity_ok()
        assert len(store.cases.list()) == 3
        for new_id in imported:
            assert len(store.attachments.list(new_id)) == 4
        assert len([e for e in store.events.list(case_id) if e.type == "submitted"]) == 4
