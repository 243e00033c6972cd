"""Removing what a killed run left behind: private temp folders, import staging, orphan blobs.

A SIGKILL (or a power cut) skips every ``finally``: a bundle's temp folder with its letters and
evidence pages, an import's staging folder, a blob stored just before its row, a ``.tmp-`` file
of an atomic write. The sweep runs when the app or a CLI command opens the data folder and when
a CLI command ends.

What proves a run is dead (the choice, and why):

* Temp folders (``tmp/bundle-*``, ``tmp/import-*``) are flock()ed for as long as they are
  used; the kernel drops the lock when the process dies, so a folder whose lock can be taken
  belongs to a dead run and is removed at once (no waiting: the PHI goes now). Where flock
  does not exist (Windows, some network disks), a folder is removed once it is a day old (no
  run keeps one that long).
* Blobs no row refers to, ``.tmp-`` files, old-style ``files/.import-*`` staging, and the
  parts and manifest temp files a killed bundle left beside its output (in the folders runs
  noted) are removed only while this process holds the data folder's lock *exclusively*:
  every open ``Store`` holds it shared, so the exclusive lock means no other process has the
  data folder open, none is between storing a blob and inserting its row, and no bundle is
  writing. On top of that, an orphan blob must be older than ``GRACE_SECONDS``, for a writer
  that does not take the lock (an older version of the app). Without flock, blobs and output
  folders are never swept.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import OUTPUTS_NAME, TEMP_DIR_NAME, release_lock, try_lock

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

GRACE_SECONDS = 15 * 60
NO_LOCK_GRACE_SECONDS = 24 * 3600  # a temp folder this old is dead, lock or not
# what runs write beside their output and rename into place: a bundle's parts
# (bundle.assembly) and manifest (storage.blobs.atomic_write), an archive (archive.export);
# mkstemp's names only, nothing broader
_OUTPUT_TEMP = re.compile(r"\.tmp-(bundle-)?[a-z0-9_]{8}\.(pdf|json|qpa)")
_SHA = re.compile(r"\b[0-9a-f]{64}\b")


@dataclass
class SweepReport:
    temp_folders: int = 0
    output_temps: int = 0
    staging: int = 0
    partial_files: int = 0
    orphan_blobs: int = 0
    exclusive: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def removed(self) -> int:
        return (
            self.temp_folders
            + self.output_temps
            + self.staging
            + self.partial_files
            + self.orphan_blobs
        )


def sweep_temp_folders(root: Path, report: SweepReport, now: float) -> None:
    """Remove the private temp folders of dead runs (their flock can be taken)."""
    base = root / TEMP_DIR_NAME
    if not base.is_dir():
        return
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink()):
        fd = None
        try:
            if fcntl is not None:
                fd = try_lock(folder)
            # no run keeps a temp folder for a day: that age settles it where flock cannot
            dead = fd is not None or _age(folder, now) > NO_LOCK_GRACE_SECONDS
            # a .new- folder is empty (nothing is written before it is locked and renamed); one
            # being made this instant is made again (paths.private_temp_dir)
            if dead:
                shutil.rmtree(folder)  # still holding its lock: no run can take it meanwhile
                report.temp_folders += 1
        except OSError as exc:
            report.errors.append(f"{folder.name}: {exc.strerror or exc}")
        finally:
            release_lock(fd)


def sweep_output_folders(root: Path, report: SweepReport) -> None:
    """Under the exclusive lock (no run alive): the parts and manifest temp files killed
    bundles left beside their outputs, in the folders runs noted (``note_output_folder``)."""
    notes = root / TEMP_DIR_NAME / OUTPUTS_NAME
    try:
        folders = set(notes.read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return
    for folder in sorted(f for f in folders if f.strip()):
        try:
            entries = list(Path(folder).iterdir())
        except OSError:
            continue  # gone, or a removable disk not mounted now: nothing of ours to reach
        for entry in entries:
            if _OUTPUT_TEMP.fullmatch(entry.name) and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()
                    report.output_temps += 1
    notes.unlink()


def sweep_files(
    root: Path, conn: sqlite3.Connection, report: SweepReport, now: float, grace: float
) -> None:
    """Under the exclusive data-folder lock: staging, partial files and orphan blobs."""
    sweep_output_folders(root, report)
    files = root / "files"
    if not files.is_dir():
        return
    referenced = referenced_blobs(conn)
    for entry in files.iterdir():
        try:
            if entry.name.startswith(".import-") and entry.is_dir():
                shutil.rmtree(entry)
                report.staging += 1
            elif entry.name.startswith(".tmp-"):
                entry.unlink()
                report.partial_files += 1
            elif entry.is_dir() and len(entry.name) == 2:
                _sweep_blob_folder(entry, referenced, report, now, grace)
        except OSError as exc:
            report.errors.append(f"{entry.name}: {exc.strerror or exc}")


def _sweep_blob_folder(
    folder: Path, referenced: set[str], report: SweepReport, now: float, grace: float
) -> None:
    for path in folder.iterdir():
        if path.name.startswith(".tmp-"):
            path.unlink()
            report.partial_files += 1
        elif _SHA.fullmatch(path.name) and path.name not in referenced and _age(path, now) >= grace:
            path.unlink()
            report.orphan_blobs += 1
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty


def referenced_blobs(conn: sqlite3.Connection) -> set[str]:
    """Every hash a row may refer to: attachments, and any hash inside settings, per-case
    preferences and export records (clinic logo and signatures live there). Generous on
    purpose: a hash that merely looks referenced is kept."""
    found: set[str] = set()
    for a, b in conn.execute("SELECT original_sha256, working_sha256 FROM attachments"):
        found.update((a, b))
    for table, column in (("settings", "value"), ("case_prefs", "value"), ("exports", "sha256")):
        for (value,) in conn.execute(f"SELECT {column} FROM {table}"):
            found.update(_SHA.findall(str(value)))
    return found


def _age(path: Path, now: float) -> float:
    try:
        return now - path.lstat().st_mtime
    except OSError:
        return 0.0


def log_report(report: SweepReport, root: Path) -> None:
    if report.removed:
        log.info(
            "swept %s: %d temp folders, %d bundle parts, %d staging folders, %d partial files,"
            " %d orphan files",
            root.name,
            report.temp_folders,
            report.output_temps,
            report.staging,
            report.partial_files,
            report.orphan_blobs,
        )
    for error in report.errors:
        log.warning("sweep of %s: %s", root.name, error)
