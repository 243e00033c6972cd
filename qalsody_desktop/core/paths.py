"""Where the app keeps its data: one place, overridable for tests and portable installs."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; the sweep uses file ages
    fcntl = None  # type: ignore[assignment]

ENV_DATA_DIR = "QALSODY_DATA_DIR"
APP_DIR_NAME = "QalsodyPADesk"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override`` (``--data-dir``), else $QALSODY_DATA_DIR, else platformdirs."""
    chosen = override or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` readable by its owner only (it holds patient data)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def resources_dir() -> Path:
    """The ``resources/`` folder, in a source checkout or inside a frozen (PyInstaller) app."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


# -- private temporary folders ------------------------------------------------------------------

TEMP_DIR_NAME = "tmp"
NEW_PREFIX = ".new-"  # a folder being created, not yet locked and named
OUTPUTS_NAME = ".output-folders"
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


def temp_root(root: Path) -> Path:
    """Where temporary files with patient data go: inside the data folder, owner-only."""
    return ensure_private_dir(root / TEMP_DIR_NAME)


@contextmanager
def private_temp_dir(root: Path, prefix: str) -> Iterator[Path]:
    """A fresh owner-only folder ``root/tmp/<prefix>...``, removed on exit.

    Not the system temp folder: a SIGKILLed run cannot clean up, and what it left (letters,
    evidence pages with names and member IDs) must stay where the patient data already is, for
    the next start's sweep (``storage.sweep``) to remove. The folder itself is flock()ed for as
    long as it is in use; the kernel drops the lock when the process dies, which is how the
    sweep tells a dead run's folder from a live one. It is created under a ``.new-`` name and
    renamed only once locked, so a named folder of a live run is always locked; a sweep that
    removes a ``.new-`` folder in the instant before its lock only makes this try again.
    """
    base = temp_root(root)
    folder, lock = _locked_folder(base, prefix)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        release_lock(lock)  # after the removal: a half-removed folder stays locked


def _locked_folder(base: Path, prefix: str) -> tuple[Path, int | None]:
    for _attempt in range(5):
        fresh = Path(tempfile.mkdtemp(prefix=NEW_PREFIX, dir=base))
        folder = base / (prefix + fresh.name.removeprefix(NEW_PREFIX))
        try:
            lock = lock_folder(fresh)
        except FileNotFoundError:  # a sweep took it for a dead run's: make another
            continue
        try:
            os.rename(fresh, folder)
        except FileNotFoundError:
            release_lock(lock)
            continue
        return folder, lock
    raise FileNotFoundError(f"cannot make a temporary folder in {base}")


def note_output_folder(root: Path, folder: Path) -> None:
    """Record that a run writes temporary files into ``folder`` outside the data folder (a
    bundle writes its parts beside the output, to rename them into place); the sweep removes
    what a killed run left there when no process has the data folder open."""
    line = (str(Path(folder).resolve()) + "\n").encode("utf-8")
    fd = os.open(temp_root(root) / OUTPUTS_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)  # one small O_APPEND write: lines of concurrent runs never mix
    finally:
        os.close(fd)


def lock_folder(folder: Path) -> int | None:
    """Hold an exclusive flock on the folder itself (None where flock does not exist)."""
    if fcntl is None:
        return None
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _NO_LOCKS:
            return None
        raise
    return fd


def hold_lock(path: Path, *, exclusive: bool) -> int | None:
    """Open ``path`` (created owner-only) and take a blocking flock on it; the descriptor, or
    None where advisory locks do not exist (then callers fall back on file ages)."""
    if fcntl is None:
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _NO_LOCKS:  # a file system without flock: work on, sweep by age only
            return None
        raise
    return fd


def try_lock(path: Path) -> int | None:
    """An exclusive lock on ``path`` (a file or a folder) if nobody holds one, else None."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def release_lock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)  # closing the last descriptor drops the flock
