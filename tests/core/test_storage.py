"""The store on real SQLite: transactions, migrations, audit, content-addressed files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat

import pytest

from qalsody_desktop.core.codec import case_from_dict, case_to_dict
from qalsody_desktop.core.errors import NotFoundError, QalsodyError
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.storage.cases import ConflictError
from qalsody_desktop.core.storage.db import SCHEMA_VERSION


def test_create_get_save_audit(store, example_dict):
    case = case_from_dict(example_dict)
    case_id = store.cases.create(case, action="imported", source="case-example.json")
    got = store.cases.get(case_id)
    assert case_to_dict(got.case) == case_to_dict(case)
    assert got.revision == 1

    case.patient.phone = "919-555-0199"
    case.alsfrs_r[0].total = 41
    assert store.cases.save(case_id, case, base_revision=1) == 2
    assert store.cases.save(case_id, case, base_revision=2) == 2  # no change, no new revision
    audit = store.cases.audit(case_id)
    assert [a.action for a in audit] == ["imported", "updated"]
    assert audit[0].detail == {"source": "case-example.json"}
    assert audit[1].detail == {"fields": ["alsfrs_r[0].total", "patient.phone"]}
    # the audit names fields, never the values (they are patient data)
    assert "919-555-0199" not in repr(audit)


def test_stale_revision_is_refused(store, example_dict):
    case = case_from_dict(example_dict)
    case_id = store.cases.create(case)
    case.patient.phone = "1"
    store.cases.save(case_id, case, base_revision=1)
    case.patient.phone = "2"
    with pytest.raises(ConflictError):
        store.cases.save(case_id, case, base_revision=1)
    assert store.cases.get(case_id).case.patient.phone == "1"


def test_failed_transaction_leaves_nothing(store, example_dict):
    case = case_from_dict(example_dict)
    with pytest.raises(RuntimeError), store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO cases (id, data, created_at, updated_at) VALUES ('x', '{}', 'a', 'a')"
        )
        raise RuntimeError("boom")
    assert store.cases.list() == []
    store.cases.create(case)
    assert len(store.cases.list()) == 1


def test_resolve_prefix_and_delete(store, example_dict):
    case_id = store.cases.create(case_from_dict(example_dict))
    assert store.cases.resolve(case_id[:4]) == case_id
    with pytest.raises(NotFoundError):
        store.cases.resolve("zz%")
    store.cases.delete(case_id)
    with pytest.raises(NotFoundError):
        store.cases.get(case_id)
    assert [a.action for a in store.cases.audit(case_id)][-1] == "deleted"


def test_schema_version_wal_and_private_folder(data_dir, store):
    assert store.db.schema_version() == SCHEMA_VERSION
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    if os.name == "posix":
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE((data_dir / "qalsody.sqlite3").stat().st_mode) == 0o600


def test_reopen_migrates_nothing_twice(data_dir, example_dict):
    with Store(data_dir) as s:
        s.cases.create(case_from_dict(example_dict))
    with Store(data_dir) as s:
        assert len(s.cases.list()) == 1


def test_newer_schema_is_refused(data_dir):
    Store(data_dir).close()
    conn = sqlite3.connect(data_dir / "qalsody.sqlite3")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(QalsodyError, match="newer version"):
        Store(data_dir)


def test_blobs_stored_once_by_hash(store, tmp_path):
    data = b"%PDF-1.4 synthetic"
    digest = store.blobs.put_bytes(data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = store.blobs.path_for(digest)
    mtime = path.stat().st_mtime_ns
    source = tmp_path / "again.pdf"
    source.write_bytes(data)
    assert store.blobs.put_file(source) == digest
    assert path.stat().st_mtime_ns == mtime  # not rewritten
    assert store.blobs.read(digest) == data
    assert not os.access(path, os.W_OK) or os.geteuid() == 0  # read-only (root ignores modes)
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    assert [p.name for p in path.parent.iterdir()] == [digest]  # no temp files left


def test_damaged_blob_is_detected(store):
    digest = store.blobs.put_bytes(b"original")
    path = store.blobs.path_for(digest)
    os.chmod(path, 0o600)
    path.write_bytes(b"tampered")
    assert not store.blobs.verify(digest)
    with pytest.raises(OSError, match="damaged"):
        store.blobs.read(digest)
