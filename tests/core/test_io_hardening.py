"""Hostile user files and a hostile environment (issue 12, defects 1, 2, 5, 6 and the folder drop).

Each test names the defect it covers; each failed on the code before the fix (noted per test).
The CLI runs as a subprocess with a time limit and a memory limit, so the old behaviour (a hang
on a FIFO, reading /dev/zero until memory runs out) fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from intake_helpers import text_pdf
from PIL import Image

from qalsody_desktop.core.evidence.attach import scan_paths
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.userfile import UserFileError, read_limited

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and rlimits are POSIX")

EXE = Path(sys.executable).with_name("qalsody-pa")
MEMORY_LIMIT = 3 << 30  # the old code read /dev/zero until this ran out


def run(
    data: Path, *args: str, timeout: float = 120, fsize: int | None = None, memory: bool = False
):
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}

    def limits() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if fsize is not None:  # writes past this size fail with EFBIG, as on a full disk
            import signal

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [*cmd, "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=limits,
    )


def one_line_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qalsody-pa: error: "), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def case_id(tmp_path, example_path) -> str:
    result = run(tmp_path / "data", "--json", "case", "import", str(example_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["case_id"]


def _pdf(folder: Path, name: str, marker: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text_pdf([["Neurology clinic note", marker]]))
    return path


# -- defects 1 and 2: FIFOs and devices --------------------------------------------------------


def test_fifo_passed_to_attach_is_refused_at_once(tmp_path, case_id):
    """Defect 1: the old ``_attach_one`` stat()ed then read_bytes() a FIFO and blocked forever
    (this test then fails by its time limit)."""
    fifo = tmp_path / "f.pdf"
    os.mkfifo(fifo)
    result = run(tmp_path / "data", "attach", case_id, str(fifo), "--json", timeout=60)
    assert result.returncode == 3, result.stderr
    [outcome] = json.loads(result.stdout)
    assert outcome["status"] == "rejected" and "pipe" in outcome["error"]


def test_device_is_never_read_and_the_good_file_is_reported(tmp_path, case_id):
    """Defect 2: a link to /dev/zero ended in ``internal error: MemoryError`` (the batch's
    good file was committed but never reported). Now each file has its result."""
    good = _pdf(tmp_path / "in", "a-note.pdf", "good file")
    zero = tmp_path / "in" / "b-zero.pdf"
    zero.symlink_to("/dev/zero")
    result = run(tmp_path / "data", "attach", case_id, str(good), str(zero), "--json", memory=True)
    assert result.returncode == 3, result.stderr
    first, second = json.loads(result.stdout)
    assert first["status"] == "ok" and first["file"] == "a-note.pdf"
    assert second["status"] == "rejected" and "device" in second["error"]


def test_the_limit_is_on_what_is_read_not_on_st_size(tmp_path):
    """A file whose st_size says 0 (as /proc files do) is still cut off at the limit; the old
    check trusted st_size and would have read any amount."""
    proc = Path("/proc/self/maps")
    if not proc.exists():
        pytest.skip("no /proc")
    assert proc.stat().st_size == 0
    with pytest.raises(UserFileError, match="larger than"):
        read_limited(proc, 16)
    small = tmp_path / "small.json"
    small.write_bytes(b"{}")
    assert read_limited(small, 16) == b"{}"
    with pytest.raises(UserFileError, match="not a regular file"):
        read_limited(tmp_path, 16)


def test_case_import_and_archive_import_refuse_a_fifo(tmp_path, case_id):
    """The same check on the other paths that read a user's file (the old case import would
    block on the FIFO; the archive import already refused it)."""
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    line = one_line_exit_2(run(tmp_path / "data", "case", "import", str(fifo), timeout=60))
    assert "pipe" in line
    archive = tmp_path / "case.qpa"
    os.mkfifo(archive)
    line = one_line_exit_2(run(tmp_path / "data", "import-archive", str(archive), timeout=60))
    assert "pipe" in line
    logo = tmp_path / "logo.png"
    os.mkfifo(logo)
    line = one_line_exit_2(run(tmp_path / "data", "clinic", "set", "--logo", str(logo), timeout=60))
    assert "pipe" in line


# -- the folder drop ----------------------------------------------------------------------------


def test_a_dropped_folder_reports_what_it_skips(tmp_path, case_id):
    """Also noted: FIFOs, devices and link loops were skipped silently, and a link to a file
    outside the dropped folder was followed. Now each is listed with its reason, and links out
    of the dropped folder are not followed (documented in the README)."""
    drop = tmp_path / "drop"
    _pdf(drop, "01-note.pdf", "inside")
    _pdf(drop / "sub", "02-note.pdf", "in a subfolder")
    outside = _pdf(tmp_path / "elsewhere", "secret.pdf", "outside")
    os.mkfifo(drop / "03-pipe.pdf")
    (drop / "04-zero.pdf").symlink_to("/dev/zero")
    (drop / "05-loop.pdf").symlink_to(drop / "05-loop.pdf")
    (drop / "06-out.pdf").symlink_to(outside)
    (drop / "07-in.pdf").symlink_to(drop / "01-note.pdf")
    (drop / "08-dir").symlink_to(tmp_path / "elsewhere")
    files, skipped = scan_paths([drop])
    assert [p.name for p in files] == ["01-note.pdf", "07-in.pdf", "02-note.pdf"]
    reasons = {p.name: why for p, why in skipped}
    assert set(reasons) == {"03-pipe.pdf", "04-zero.pdf", "05-loop.pdf", "06-out.pdf", "08-dir"}
    assert "pipe" in reasons["03-pipe.pdf"] and "outside" in reasons["04-zero.pdf"]
    assert "loop" in reasons["05-loop.pdf"] and "outside" in reasons["06-out.pdf"]
    result = run(tmp_path / "data", "attach", case_id, str(drop), "--json")
    assert result.returncode == 3, result.stderr
    outcomes = {o["file"]: o for o in json.loads(result.stdout)}
    assert outcomes["01-note.pdf"]["status"] == "ok"
    assert outcomes["02-note.pdf"]["status"] == "ok"
    assert outcomes["07-in.pdf"]["status"] == "duplicate"
    for name in reasons:
        assert outcomes[name]["status"] == "rejected"
        assert outcomes[name]["error"].startswith("skipped: ")


# -- defect 5: one line and exit 2 --------------------------------------------------------------


def test_deeply_nested_json_is_one_line(tmp_path):
    """Defect 5: JSON nested 100k deep was ``internal error: RecursionError`` (exit 1)."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    line = one_line_exit_2(run(tmp_path / "data", "case", "import", str(deep)))
    assert "deep.json" in line and "nested" in line


def test_lone_surrogate_is_one_line(tmp_path, example_dict):
    """Defect 5: a lone surrogate in a name was ``internal error: UnicodeEncodeError``."""
    example_dict["patient"]["first_name"] = "Ann\\ud800e"
    bad = tmp_path / "surrogate.json"
    bad.write_text(json.dumps(example_dict).replace("\\\\ud800", "\\ud800"))
    assert "\\ud800" in bad.read_text()
    line = one_line_exit_2(run(tmp_path / "data", "case", "import", str(bad)))
    assert "Ann" not in line  # no patient data in messages


def test_corrupted_database_is_one_line(tmp_path):
    """Defect 5: a damaged database file was ``internal error: DatabaseError``."""
    data = tmp_path / "data"
    assert run(data, "case", "list").returncode == 0
    db = data / "qalsody.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    db.write_bytes(os.urandom(8192))
    line = one_line_exit_2(run(data, "case", "list"))
    assert "damaged" in line


def test_locked_database_is_one_line(tmp_path):
    """A database another program holds locked (past the busy timeout) is one line, exit 2."""
    data = tmp_path / "data"
    assert run(data, "case", "list").returncode == 0
    holder = sqlite3.connect(data / "qalsody.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        env_line = one_line_exit_2(run(data, "case", "list", timeout=120))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "busy" in env_line or "locked" in env_line


def test_read_only_data_folder_is_one_line(tmp_path, example_path):
    """Defect 5: a read-only data folder was ``internal error: OperationalError``."""
    data = tmp_path / "data"
    assert run(data, "case", "list").returncode == 0
    with read_only(data):
        line = one_line_exit_2(run(data, "case", "import", str(example_path)))
    assert "read-only" in line or "permission" in line


def test_full_disk_gives_per_file_results(tmp_path, case_id):
    """Defect 5: a full disk aborted the whole attach batch with ``internal error: OSError``
    and no per-file result. Writes past 1 MB fail here (RLIMIT_FSIZE, as a full disk does):
    the small files are attached, the large one is reported, the batch goes on."""
    folder = tmp_path / "in"
    small_a = _pdf(folder, "a-small.pdf", "small one")
    big = folder / "b-big.png"  # noise does not compress: a 1.4 MB scan
    Image.frombytes("RGB", (800, 600), os.urandom(800 * 600 * 3)).save(big)
    assert big.stat().st_size > 1 << 20
    small_c = _pdf(folder, "c-small.pdf", "small two")
    result = run(
        tmp_path / "data",
        "attach",
        case_id,
        str(small_a),
        str(big),
        str(small_c),
        "--json",
        fsize=1 << 20,
    )
    assert result.returncode == 3, result.stderr
    a, b, c = json.loads(result.stdout)
    assert (a["status"], c["status"]) == ("ok", "ok")
    assert b["status"] == "rejected" and b["error"].startswith("cannot store: ")
    with Store(tmp_path / "data") as store:
        assert store.db.integrity_ok()
        assert [x.file_name for x in store.attachments.list(case_id)] == [
            "a-small.pdf",
            "c-small.pdf",
        ]


# -- defect 6: concurrent writers ---------------------------------------------------------------


def test_insert_or_get_inside_the_transaction(tmp_path, example_path):
    """Defect 6, deterministic: a second writer that checked before the first inserted gets the
    first's row back; the old ``add`` raised IntegrityError UNIQUE."""
    from qalsody_desktop.core.caseio import load_case_file
    from qalsody_desktop.core.evidence.records import Attachment, PageState

    data = tmp_path / "data"
    one, two = Store(data), Store(data)
    try:
        case_id = one.cases.create(load_case_file(example_path))

        def attachment(store: Store) -> Attachment:
            return Attachment(
                id=store.attachments.new_id(),
                case_id=case_id,
                file_name="x.pdf",
                original_sha256="ab" * 32,
                working_sha256="ab" * 32,
                kind="pdf",
                mime="application/pdf",
                size=1,
                pages=1,
                has_text_layer=True,
                needs_conversion=False,
                category="clinic_note",
                category_source="auto",
                confidence=1.0,
                matched=[],
                warnings=[],
                analysis={},
                pages_state=PageState(),
                document_date=None,
                position=0,
                added_at="2026-12-01T00:00:00Z",
            )

        first, second = attachment(one), attachment(two)
        assert one.attachments.find_by_hash(case_id, "ab" * 32) is None  # both checked...
        assert two.attachments.find_by_hash(case_id, "ab" * 32) is None
        assert one.attachments.add(first, [""]) is None  # ...then both write
        existing = two.attachments.add(second, [""])
        assert existing is not None and existing.id == first.id
        assert [a.id for a in two.attachments.list(case_id)] == [first.id]
    finally:
        one.close()
        two.close()


def test_two_processes_attach_the_same_30_files(tmp_path, case_id):
    """Defect 6: two ``attach`` runs of the same 30 files at once; one used to die with
    ``IntegrityError UNIQUE`` and print no JSON. Now both print 30 results and each file is
    attached exactly once."""
    folder = tmp_path / "thirty"
    files = [str(_pdf(folder, f"note-{i:02d}.pdf", f"visit number {i}")) for i in range(30)]
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    args = [*cmd, "--data-dir", str(tmp_path / "data"), "attach", case_id, *files, "--json"]
    procs = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    statuses: dict[str, list[str]] = {}
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        outcomes = json.loads(out)
        assert len(outcomes) == 30
        for o in outcomes:
            statuses.setdefault(o["file"], []).append(o["status"])
    with Store(tmp_path / "data") as store:
        attached = store.attachments.list(case_id)
        assert store.db.integrity_ok()
    assert sorted(a.file_name for a in attached) == sorted(Path(f).name for f in files)
    for name, pair in statuses.items():
        assert sorted(pair) == ["duplicate", "ok"], (name, pair)


# -- helpers ------------------------------------------------------------------------------------


class read_only:  # noqa: N801 - used as a context manager
    """Make ``folder`` read-only: a read-only bind mount when root (root ignores modes)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.mounted = False

    def __enter__(self) -> None:
        if os.geteuid() != 0:
            for path in [self.folder, *self.folder.rglob("*")]:
                path.chmod(0o500 if path.is_dir() else 0o400)
            return
        bound = subprocess.run(
            ["mount", "--bind", str(self.folder), str(self.folder)], capture_output=True
        )
        if bound.returncode != 0:
            pytest.skip("root without mount rights cannot make a read-only folder")
        self.mounted = True
        subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(self.folder), str(self.folder)], check=True
        )

    def __exit__(self, *exc: object) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.folder)], check=True)
        else:
            for path in [self.folder, *self.folder.rglob("*")]:
                path.chmod(0o700 if path.is_dir() else 0o600)


def test_a_fifo_as_the_clinic_letter_template_is_refused(tmp_path):
    """The clinic's own ``letter-base.docx`` is a user's file too: a FIFO there would have
    blocked every letter (read_bytes); now it is a clear error at once."""
    from qalsody_desktop.core.document.docx_render import open_template
    from qalsody_desktop.core.errors import QalsodyError

    fifo = tmp_path / "letter-base.docx"
    os.mkfifo(fifo)
    with pytest.raises(QalsodyError, match="letter-base.docx is not a usable Word file"):
        open_template(fifo)
