"""Failures of the data folder a user can act on (full disk, read-only folder, damaged or busy
database), put into one sentence each. Nothing here names a patient: only files and folders."""

from __future__ import annotations

import errno
import sqlite3

from ..errors import QalsodyError

_OS_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the data folder is on a read-only disk",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "an input/output error (a failing disk?)",
    errno.EFBIG: "the file is too large for this disk",
}


class StorageError(QalsodyError):
    """The data folder cannot be used as asked; the message says why and what to do."""


def storage_reason(exc: BaseException) -> str:
    """One short, patient-free phrase for an OSError or SQLite error."""
    if isinstance(exc, OSError):
        known = _OS_REASONS.get(exc.errno or 0)
        return known or (exc.strerror or type(exc).__name__)
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return "the database is busy (another program is writing); try again"
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return "the database file is damaged (restore it from a backup)"
        if "readonly" in text or "read-only" in text:
            return "the database is read-only (check the data folder's permissions)"
        if "disk is full" in text or "full" in text:
            return "the disk is full"
        if "disk i/o" in text:
            return "an input/output error (a full or failing disk?)"
        if "unable to open" in text:
            return "the database cannot be opened (check the data folder's permissions)"
        return f"database error ({type(exc).__name__})"
    return type(exc).__name__


def is_expected(exc: BaseException) -> bool:
    """True for failures that come from the environment, not from a bug in the app."""
    if isinstance(exc, OSError):
        return exc.errno in _OS_REASONS
    # a damaged file raises DatabaseError itself; its subclasses (IntegrityError...) are bugs
    return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError
