"""SIGKILL a process that is importing and saving cases, many times; nothing half-written survives.

The child imports cases through the CLI and saves new revisions through the store. Every
revision r of a case is self-consistent (phone == "r", r timeline entries, r audit rows), so a
half-applied save would show up as a mismatch.
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

from qalsody_desktop.core.storage import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

CHILD = r"""
import sys, itertools
from pathlib import Path
from qalsody_desktop.cli import main
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.model import TimelineEntry

data_dir, case_file, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
store = Store(Path(data_dir))
from qalsody_desktop.cli import build_parser
build_parser()  # import every command now: the kills must land in writes, not in imports
sys.stdout.write("ready\n"); sys.stdout.flush()
for n in itertools.count():
    # an import through the CLI (its own connection), then revisions through the store
    main(["--data-dir", data_dir, "case", "import", str(case_file)])
    for row in store.cases.list():
        stored = store.cases.get(row.id)
        case = stored.case
        r = stored.revision + 1
        case.patient.phone = str(r)
        case.symptom_timeline = [TimelineEntry(None, f"entry {i}") for i in range(r)]
        store.cases.save(row.id, case, base_revision=stored.revision)
    store.blobs.put_bytes((f"blob {seed} {n} " * 5000).encode())
"""


def _check_consistent(data_dir: Path) -> int:
    with Store(data_dir) as store:
        assert store.db.integrity_ok()
        rows = store.cases.list()
        for row in rows:
            stored = store.cases.get(row.id)
            case = stored.case
            r = stored.revision
            audit = store.cases.audit(row.id)
            assert len(audit) == r, (row.id, r, len(audit))
            if r == 1:
                assert case.patient.phone == "919-555-0188"  # as imported
            else:
                assert case.patient.phone == str(r)
                assert len(case.symptom_timeline) == r
        for path in (data_dir / "files").rglob("*"):
            if path.is_file() and not path.name.startswith(".tmp-"):
                assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
        return len(rows)


def test_sigkill_during_imports_and_saves(tmp_path, example_dict):
    case_file = tmp_path / "case.json"
    # the child writes timeline entries with no date; the import file must allow that
    example = dict(example_dict)
    example["symptom_timeline"] = []
    case_file.write_text(json.dumps(example))
    data_dir = tmp_path / "crash-data"
    rng = random.Random(20261128)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    kills = 0
    for attempt in range(25):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(case_file), str(attempt)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready", (
            child.stderr.read() if child.stderr else ""
        )
        time.sleep(rng.uniform(0.0, 0.25))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait(timeout=30)
        if child.returncode != -signal.SIGKILL:
            pytest.fail(
                f"child ended by itself: {child.stderr.read().decode() if child.stderr else ''}"
            )
        _check_consistent(data_dir)
    assert kills == 25
    assert _check_consistent(data_dir) > 0
