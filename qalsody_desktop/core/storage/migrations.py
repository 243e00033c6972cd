"""Schema migrations, applied in order; ``PRAGMA user_version`` records how many ran.

Never edit a migration that has shipped: add a new one. Each runs in the same transaction as
the version bump, so a crash mid-migration leaves the old schema intact.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: cases with search columns, per-case audit trail, stored files
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        last_name TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT,
        mrn TEXT,
        member_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX cases_by_name ON cases(last_name, first_name);
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_by_case ON audit(case_id, id);
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
]
