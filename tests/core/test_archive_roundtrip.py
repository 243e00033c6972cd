"""``.qpa`` round trip on real files and SQLite: every fact, row and file comes back equal."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from qalsody_desktop.core.archive import ArchiveError, export_case, import_archive
from qalsody_desktop.core.archive.tables import discover
from qalsody_desktop.core.codec import case_from_dict, case_to_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.records import Attachment, PageState
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.synthetic import write_demo_set

PER_CASE = ("attachments", "attachment_text", "events", "letter_edits", "exports", "case_prefs")


@pytest.fixture(scope="module")
def profile():
    return load_default_profile()


def _encrypted_copy(source: Path, target: Path) -> Path:
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="s3cret", owner_password="own", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    target.write_bytes(buf.getvalue())
    return target


def _add_rows(store: Store, case_id: str, attachment_ids: list[str]) -> None:
    """Rows in the tables other parts of the app fill (letters, timeline, exports, prefs)."""
    with store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO events (id, case_id, type, date, data, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                "e" + case_id[:9] + "1",
                case_id,
                "pa_submitted",
                "2025-05-02",
                json.dumps({"reference": "PA-77121", "attachment": attachment_ids[0]}),
                "2025-05-02T10:00:00+00:00",
                "2025-05-02T10:00:00+00:00",
            ),
        )
        conn.execute(
            "INSERT INTO letter_edits VALUES (?,?,?,?,?,?)",
            (case_id, "lmn", "p3", "Generated text.", "Edited by the office.", "2025-05-01"),
        )
        conn.execute(
            "INSERT INTO exports VALUES (?,?,?,?,?,?,?,?)",
            (
                "x" + case_id[:9] + "1",
                case_id,
                "bundle",
                "/home/office/bundle.pdf",
                "0" * 64,  # a bundle written outside the data folder: not in the file store
                12,
                json.dumps({"parts": [{"attachment": a, "pages": [1]} for a in attachment_ids]}),
                "2025-05-02T10:00:00+00:00",
            ),
        )
        conn.execute(
            "INSERT INTO case_prefs VALUES (?,?,?)",
            (case_id, "bundle_order", json.dumps(list(reversed(attachment_ids)))),
        )


@pytest.fixture
def source(store, example_dict, profile, tmp_path):
    """A case with the demo documents, an encrypted PDF, user edits and rows in every table."""
    case_id = store.cases.create(case_from_dict(example_dict), action="imported")
    docs = write_demo_set(tmp_path / "docs", example_dict, include_extras=True)
    locked = _encrypted_copy(docs[1], tmp_path / "locked.pdf")
    attacher = Attacher(store, profile)
    outcomes = attacher.attach(case_id, docs[:6])
    outcomes += attacher.attach(case_id, [locked], passwords=["s3cret"])
    assert [o.status for o in outcomes] == ["ok"] * 7
    atts = store.attachments.list(case_id)
    store.attachments.update(atts[0].id, category="other", category_source="user")
    store.attachments.update(
        atts[1].id, pages_state=PageState(excluded={1: "duplicate"}, rotation={1: 90})
    )
    _add_rows(store, case_id, [a.id for a in atts])
    return case_id


def _rows(store: Store, table: str, case_id: str) -> list[dict]:
    spec = {s.name: s for s in discover(store.db.conn)}[table]
    rows = store.db.conn.execute(spec.select_sql(), (case_id,)).fetchall()
    return sorted((dict(r) for r in rows), key=lambda r: json.dumps(r, sort_keys=True))


def _by_file(store: Store, case_id: str) -> dict[str, tuple]:
    return {
        a.file_name: (
            a.category,
            a.category_source,
            a.pages_state.to_json(),
            a.original_sha256,
            a.working_sha256,
            a.analysis,
            a.position,
        )
        for a in store.attachments.list(case_id)
    }


def test_round_trip_to_another_workstation_keeps_everything(source, store, tmp_path):
    archive = tmp_path / "case.qpa"
    result = export_case(store, source, archive)
    assert result.blobs == 8  # 7 working copies + the encrypted original
    assert result.size == archive.stat().st_size
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == result.sha256

    with Store(tmp_path / "other-workstation") as other:
        imported = import_archive(other, archive)
        assert imported.case_id == source and imported.renamed == {}
        assert imported.blobs_added == 8 and imported.blobs_present == 0
        assert case_to_dict(other.cases.get(source).case) == case_to_dict(
            store.cases.get(source).case
        )
        for table in PER_CASE:
            assert _rows(other, table, source) == _rows(store, table, source), table
        assert _by_file(other, source) == _by_file(store, source)
        for att in other.attachments.list(source):
            for digest in (att.original_sha256, att.working_sha256):
                assert other.blobs.verify(digest)
                assert other.blobs.read(digest) == store.blobs.read(digest)
        encrypted = [a for a in other.attachments.list(source) if a.encrypted_original]
        assert len(encrypted) == 1
        working = PdfReader(io.BytesIO(other.blobs.read(encrypted[0].working_sha256)))
        assert not working.is_encrypted and len(working.pages) >= 1
        # the audit trail travels, and says where the case came from
        actions = [e.action for e in other.cases.audit(source)]
        assert actions[:-1] == [e.action for e in store.cases.audit(source)]
        assert actions[-1] == "imported_archive"
        assert other.cases.audit(source)[-1].detail == {
            "source": "case.qpa",
            "archive_case": source,
        }


def test_manifest_lists_every_entry_with_its_hash_and_size(source, store, tmp_path):
    archive = tmp_path / "case.qpa"
    export_case(store, source, archive)
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["format"] == "qalsody-archive/1"
        assert manifest["schema_version"] == store.db.schema_version()
        assert manifest["case_id"] == source
        listed = {f["name"]: f for f in manifest["files"]}
        assert set(listed) == set(zf.namelist()) - {"manifest.json"}
        for name, entry in listed.items():
            data = zf.read(name)
            assert entry["size"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert {n for n in listed if n.startswith("rows/")} >= {f"rows/{t}.json" for t in PER_CASE}
        assert manifest["tables"]["attachments"] == 7
        # patient facts are in the case entry, not in the manifest
        assert "Vance" not in json.dumps(manifest)


def test_import_into_the_same_data_folder_makes_a_renamed_copy(source, store, tmp_path):
    archive = tmp_path / "case.qpa"
    export_case(store, source, archive)
    before = {a.id for a in store.attachments.list(source)}

    result = import_archive(store, archive)

    new_id = result.case_id
    assert new_id != source and result.renamed[source] == new_id
    assert result.blobs_added == 0 and result.blobs_present == 8
    copies = store.attachments.list(new_id)
    assert {a.id for a in copies}.isdisjoint(before)
    assert {result.renamed[old] for old in before} == {a.id for a in copies}
    assert _by_file(store, new_id) == _by_file(store, source)
    assert case_to_dict(store.cases.get(new_id).case) == case_to_dict(store.cases.get(source).case)
    # references inside JSON follow the renamed attachments
    (pref,) = _rows(store, "case_prefs", new_id)
    (old_pref,) = _rows(store, "case_prefs", source)
    assert json.loads(pref["value"]) == [result.renamed[a] for a in json.loads(old_pref["value"])]
    (event,) = _rows(store, "events", new_id)
    assert event["id"] == result.renamed[_rows(store, "events", source)[0]["id"]]
    assert json.loads(event["data"])["attachment"] in {a.id for a in copies}
    (export,) = _rows(store, "exports", new_id)
    parts = json.loads(export["manifest"])["parts"]
    assert {p["attachment"] for p in parts} == {a.id for a in copies}
    # the original is untouched
    assert {a.id for a in store.attachments.list(source)} == before
    assert len(store.cases.list()) == 2


def test_export_is_atomic_a_damaged_file_leaves_the_old_archive(source, store, tmp_path):
    archive = tmp_path / "case.qpa"
    export_case(store, source, archive)
    good = archive.read_bytes()
    att = store.attachments.list(source)[2]
    damaged = store.blobs.path_for(att.working_sha256)
    damaged.chmod(0o600)
    damaged.write_bytes(b"%PDF-1.4 not what was stored")
    with pytest.raises(ArchiveError, match="damaged"):
        export_case(store, source, archive)
    assert archive.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")) == []


def test_export_refuses_a_missing_file_and_unknown_case(source, store, tmp_path):
    att = store.attachments.list(source)[0]
    store.blobs.path_for(att.original_sha256).unlink()
    with pytest.raises(ArchiveError, match="missing"):
        export_case(store, source, tmp_path / "case.qpa")
    assert not (tmp_path / "case.qpa").exists()
    with pytest.raises(Exception, match="no case"):
        export_case(store, "ffffffffff", tmp_path / "none.qpa")
    with pytest.raises(ArchiveError, match="no such folder"):
        export_case(store, source, tmp_path / "nope" / "case.qpa")


def test_a_file_that_deflates_like_a_bomb_is_stored_so_it_imports(store, example_dict, tmp_path):
    """An uncompressed PDF of repeated text deflates ~500x: the export must not make an archive
    its own import refuses as a zip bomb, so such an entry is written uncompressed."""
    case_id = store.cases.create(case_from_dict(example_dict))
    data = b"%PDF-1.4\n" + b"BT /F1 12 Tf (ALSFRS-R total 38) Tj ET\n" * 100_000
    digest = store.blobs.put_bytes(data)
    store.attachments.add(
        Attachment(
            id=store.attachments.new_id(),
            case_id=case_id,
            file_name="flat.pdf",
            original_sha256=digest,
            working_sha256=digest,
            kind="pdf",
            mime="application/pdf",
            size=len(data),
            pages=1,
            has_text_layer=True,
            needs_conversion=False,
            category="alsfrs_r",
            category_source="user",
            confidence=1.0,
            matched=[],
            warnings=[],
            analysis={},
            pages_state=PageState(),
            document_date=None,
            position=0,
            added_at="2025-05-01T00:00:00+00:00",
        ),
        ["ALSFRS-R total 38"],
    )
    archive = tmp_path / "flat.qpa"
    export_case(store, case_id, archive)
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(f"blobs/{digest}")
        assert info.compress_type == zipfile.ZIP_STORED and info.file_size == len(data)
    with Store(tmp_path / "elsewhere") as other:
        result = import_archive(other, archive)
        assert other.blobs.read(digest) == data
        (att,) = other.attachments.list(result.case_id)
        assert (att.category, att.category_source) == ("alsfrs_r", "user")


def _add_notes_table(store: Store) -> None:
    """A per-case table some later feature adds (sorts before ``attachments``, links to it)."""
    with store.db.transaction() as conn:
        conn.execute(
            "CREATE TABLE attachment_notes (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
            " attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,"
            " note TEXT NOT NULL)"
        )


def test_a_table_added_later_travels_without_code_changes(source, store, tmp_path):
    _add_notes_table(store)
    first = store.attachments.list(source)[0]
    with store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO attachment_notes (case_id, attachment_id, note) VALUES (?,?,?)",
            (source, first.id, "page 2 is the signed copy"),
        )
    archive = tmp_path / "case.qpa"
    export_case(store, source, archive)

    with Store(tmp_path / "old-app") as old:  # a data folder without that table refuses it
        with pytest.raises(ArchiveError, match="attachment_notes.*unknown"):
            import_archive(old, archive)
        assert old.cases.list() == []

    result = import_archive(store, archive)  # same folder: the attachment id is renamed
    (note,) = _rows(store, "attachment_notes", result.case_id)
    assert note["attachment_id"] == result.renamed[first.id]
    assert note["note"] == "page 2 is the signed copy"
    assert note["id"] != _rows(store, "attachment_notes", source)[0]["id"]
