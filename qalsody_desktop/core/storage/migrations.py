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
    # 2: the evidence kit: attachments per case (files live in the blob store)
    """
    CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        original_sha256 TEXT NOT NULL,
        working_sha256 TEXT NOT NULL,
        kind TEXT NOT NULL,
        mime TEXT,
        size INTEGER NOT NULL,
        pages INTEGER,
        has_text_layer INTEGER NOT NULL DEFAULT 0,
        needs_conversion INTEGER NOT NULL DEFAULT 0,
        category TEXT NOT NULL,
        category_source TEXT NOT NULL,
        confidence REAL NOT NULL DEFAULT 0,
        matched TEXT NOT NULL DEFAULT '[]',
        warnings TEXT NOT NULL DEFAULT '[]',
        analysis TEXT NOT NULL DEFAULT '{}',
        pages_state TEXT NOT NULL DEFAULT '{}',
        document_date TEXT,
        position INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        UNIQUE (case_id, original_sha256)
    );
    CREATE INDEX attachments_by_case ON attachments(case_id, category, position);
    CREATE TABLE attachment_text (
        attachment_id TEXT PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
        page_texts TEXT NOT NULL
    );
    """,
    # 3: letters (user edits over generated paragraphs), the case timeline, exports (bundles
    # as sent, with their manifests) and per-case preferences (bundle order, route)
    """
    CREATE TABLE letter_edits (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        block_id TEXT NOT NULL,
        base_text TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (case_id, kind, block_id)
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        date TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX events_by_case ON events(case_id, date);
    CREATE TABLE exports (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        pages INTEGER NOT NULL,
        manifest TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX exports_by_case ON exports(case_id, created_at);
    CREATE TABLE case_prefs (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (case_id, key)
    );
    """,
    # 4: what was read from each stored file (text, OCR, per-page turns), by content hash and
    # analyser version, so a file is read and recognized once (w13-intake)
    """
    CREATE TABLE analysis_cache (
        sha256 TEXT NOT NULL,
        analyser TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (sha256, analyser)
    );
    """,
]
