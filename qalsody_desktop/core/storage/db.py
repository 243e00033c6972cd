"""SQLite connection with the settings that make saves survive a crash or power loss."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import QalsodyError
from .migrations import MIGRATIONS

log = logging.getLogger(__name__)
SCHEMA_VERSION = len(MIGRATIONS)


class Database:
    """One connection; every change goes through :meth:`transaction`."""

    def __init__(self, path: Path):
        self.path = path
        if not path.exists():
            # create owner-only before SQLite does, so no moment exists with looser bits
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        # timeout: the busy timeout, how long a writer waits for another process's transaction
        self.conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")  # WAL + FULL: survives power loss
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except BaseException:  # a damaged, locked or newer database: no connection left open
            self.conn.close()
            raise

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise QalsodyError(
                f"the data folder was written by a newer version of the app "
                f"(schema {version}, this app knows {SCHEMA_VERSION}); update the app"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            log.info("migrating %s to schema %d", self.path.name, number)
            with self.transaction() as conn:
                for statement in _statements(MIGRATIONS[number - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception: all or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        self.conn.close()


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back)."""
    return [s.strip() for s in script.split(";") if s.strip()]
