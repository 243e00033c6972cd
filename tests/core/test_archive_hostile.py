"""Hostile and broken ``.qpa`` archives are refused with a clear message and nothing written."""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from qalsody_desktop.core.archive import ArchiveError, Limits, export_case, import_archive
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.synthetic import write_demo_set


@pytest.fixture(scope="module")
def good_archive(tmp_path_factory, example_dict) -> Path:
    """A valid archive of a case with three attachments, made in its own data folder."""
    root = tmp_path_factory.mktemp("source")
    with Store(root / "data") as source:
        case_id = source.cases.create(case_from_dict(example_dict))
        docs = write_demo_set(root / "docs", example_dict)[:3]
        outcomes = Attacher(source, load_default_profile()).attach(case_id, docs)
        assert [o.status for o in outcomes] == ["ok"] * 3
        export_case(source, case_id, root / "good.qpa")
    return root / "good.qpa"


@pytest.fixture(scope="module")
def example_dict():
    from testpaths import EXAMPLE_CASE, require_shared

    return json.loads(require_shared(EXAMPLE_CASE).read_text(encoding="utf-8"))


@pytest.fixture
def target(store, example_dict):
    """The receiving data folder, already holding one unrelated case."""
    store.cases.create(case_from_dict(example_dict))
    return store


def _state(store: Store) -> tuple:
    """Everything an import could change: row counts of every table and every stored file."""
    names = [
        r[0]
        for r in store.db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    counts = {n: store.db.conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    files = sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*"))
    files = [f for f in files if not f.startswith("qalsody.sqlite3")]
    return counts, files


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _rebuild(
    path: Path,
    entries: dict[str, bytes],
    *,
    extra: list[tuple[zipfile.ZipInfo, bytes]] = (),
    manifest_changes: dict | None = None,
    relist: bool = True,
) -> Path:
    """Write ``entries`` as a zip whose manifest lists them correctly (unless told otherwise)."""
    manifest = json.loads(entries["manifest.json"])
    if relist:
        manifest["files"] = [
            {"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for n, d in entries.items()
            if n != "manifest.json"
        ]
    manifest.update(manifest_changes or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            if name != "manifest.json":
                zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
        zf.writestr("manifest.json", json.dumps(manifest))
    return path


def _refused(store: Store, path: Path, match: str, **kw) -> ArchiveError:
    before = _state(store)
    with pytest.raises(ArchiveError, match=match) as caught:
        import_archive(store, path, **kw)
    assert _state(store) == before
    message = str(caught.value)
    assert path.name in message
    assert "Vance" not in message and "Harold" not in message
    return caught.value


def _blob_name(entries: dict[str, bytes]) -> str:
    return next(n for n in entries if n.startswith("blobs/"))


def test_good_archive_imports(target, good_archive):
    """The control: the archive every hostile variant starts from is accepted."""
    result = import_archive(target, good_archive)
    assert len(target.attachments.list(result.case_id)) == 3


def test_not_a_zip_and_truncated_zip(target, good_archive, tmp_path):
    text = tmp_path / "notes.qpa"
    text.write_text("just some text\n")
    _refused(target, text, "not a case archive")
    pdf = tmp_path / "letter.qpa"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    _refused(target, pdf, "not a case archive")
    data = good_archive.read_bytes()
    cut = tmp_path / "cut.qpa"
    cut.write_bytes(data[: len(data) // 2])
    _refused(target, cut, "not a case archive")
    empty = tmp_path / "empty.qpa"
    empty.write_bytes(b"")
    _refused(target, empty, "not a case archive")
    _refused(target, tmp_path / "missing.qpa", "cannot read")


def test_zip_slip_and_absolute_paths(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    for name, message in (
        ("../../evil.txt", "outside the archive"),
        ("blobs/../../evil.txt", "outside the archive"),
        ("/tmp/qalsody-evil.txt", "absolute path"),
        ("C:/Windows/evil.txt", "absolute path"),
        ("blobs\\..\\evil.txt", "outside the archive"),
        ("notes.txt", "unexpected entry"),
        ("blobs/", "folder entry"),
    ):
        bad = _rebuild(tmp_path / "slip.qpa", {**entries, name: b"owned"})
        _refused(target, bad, message)
    assert not (tmp_path.parent / "evil.txt").exists()
    assert not Path("/tmp/qalsody-evil.txt").exists()


def test_symlink_and_special_entries(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    victim = _blob_name(entries)
    rest = {n: d for n, d in entries.items() if n != victim}
    for mode, message in ((stat.S_IFLNK | 0o777, "symbolic link"), (stat.S_IFIFO, "special")):
        info = zipfile.ZipInfo(victim)
        info.external_attr = mode << 16
        bad = _rebuild(tmp_path / "link.qpa", rest, extra=[(info, b"/etc/passwd")], relist=False)
        _refused(target, bad, message)


def test_duplicate_names(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    name = _blob_name(entries)
    info = zipfile.ZipInfo(name)
    with pytest.warns(UserWarning, match="Duplicate name"):
        bad = _rebuild(tmp_path / "dup.qpa", entries, extra=[(info, b"other bytes")])
    _refused(target, bad, "appears twice")


def test_bad_hash_anywhere(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    name = _blob_name(entries)
    original = entries[name]
    tampered = bytes([original[0] ^ 1]) + original[1:]  # same size, other bytes
    # manifest unchanged: the file does not match the manifest
    bad = _rebuild(tmp_path / "tampered.qpa", {**entries, name: tampered}, relist=False)
    _refused(target, bad, "hash")
    # manifest recomputed: the file no longer matches its own name
    bad = _rebuild(tmp_path / "renamed.qpa", {**entries, name: tampered})
    _refused(target, bad, "hash")
    # a JSON entry changed after the manifest was written (same size, one fact changed)
    mrn = json.loads(entries["case.json"])["patient"]["mrn"].encode()
    changed = entries["case.json"].replace(mrn, mrn[:-1] + (b"1" if mrn[-1:] == b"0" else b"0"))
    assert changed != entries["case.json"] and len(changed) == len(entries["case.json"])
    bad = _rebuild(tmp_path / "case.qpa", {**entries, "case.json": changed}, relist=False)
    _refused(target, bad, "does not match its hash")


def test_zip_bomb_by_ratio(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    zeros = bytes(64 * 1024 * 1024)
    name = "blobs/" + hashlib.sha256(zeros).hexdigest()
    bad = _rebuild(tmp_path / "bomb.qpa", {**entries, name: zeros})
    assert bad.stat().st_size < 1024 * 1024  # 64 MB in well under 1 MB
    _refused(target, bad, "zip bomb")


def _patch_central(path: Path, name: str, offset: int, fmt: str, value: int) -> None:
    """Overwrite one field of ``name``'s central directory record (a lying header)."""
    data = bytearray(path.read_bytes())
    needle = name.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == needle:
            struct.pack_into(fmt, data, at + offset, value)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} not found")


def _patch_central_size(path: Path, name: str, size: int) -> None:
    _patch_central(path, name, 24, "<I", size)


def test_declared_size_over_the_limits(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    name = _blob_name(entries)
    huge = tmp_path / "huge.qpa"
    huge.write_bytes(good_archive.read_bytes())
    _patch_central_size(huge, name, 0xFFFF_FFF0)  # ~4 GB claimed
    _refused(target, huge, "limit|zip bomb")
    # and the total over a (lowered) limit, with honest sizes
    total = sum(len(d) for d in entries.values())
    _refused(target, good_archive, "over the", limits=Limits(max_total=total - 1))
    _refused(target, good_archive, "over the", limits=Limits(max_blob=100))


def test_header_that_lies_about_a_smaller_size(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    name = _blob_name(entries)
    liar = tmp_path / "liar.qpa"
    liar.write_bytes(good_archive.read_bytes())
    _patch_central_size(liar, name, 10)
    _refused(target, liar, "size|damaged|hash")


def test_overlapping_entries(target, good_archive, tmp_path):
    """The 'better zip bomb': several entries share one compressed stream."""
    data = bytearray(good_archive.read_bytes())
    offsets = []
    at = data.find(b"PK\x01\x02")
    while at != -1:
        offsets.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    first_local = struct.unpack_from("<I", data, offsets[0] + 42)[0]
    struct.pack_into("<I", data, offsets[1] + 42, first_local)
    bad = tmp_path / "overlap.qpa"
    bad.write_bytes(bytes(data))
    _refused(target, bad, "overlap")


def test_encrypted_entry(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    name = _blob_name(entries)
    locked = tmp_path / "locked.qpa"
    locked.write_bytes(good_archive.read_bytes())
    _patch_central(locked, name, 8, "<H", 0x1)  # general purpose flags: encrypted
    _refused(target, locked, "encrypted")


def test_unknown_format_and_newer_schema(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    bad = _rebuild(tmp_path / "v9.qpa", entries, manifest_changes={"format": "qalsody-archive/9"})
    _refused(target, bad, "unknown archive format")
    bad = _rebuild(tmp_path / "new.qpa", entries, manifest_changes={"schema_version": 999})
    _refused(target, bad, "newer version")
    no_manifest = tmp_path / "bare.qpa"
    with zipfile.ZipFile(no_manifest, "w") as zf:
        zf.writestr("case.json", entries["case.json"])
    _refused(target, no_manifest, "no manifest")


def test_manifest_and_entries_must_agree(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    name = _blob_name(entries)
    # an entry the manifest does not list
    manifest = json.loads(entries["manifest.json"])
    manifest["files"] = [f for f in manifest["files"] if f["name"] != name]
    bad = _rebuild(
        tmp_path / "unlisted.qpa",
        {**entries, "manifest.json": json.dumps(manifest).encode()},
        relist=False,
    )
    _refused(target, bad, "not in the manifest")
    # a listed entry that is absent (and the attachment's file with it)
    without = {n: d for n, d in entries.items() if n != name}
    bad = _rebuild(tmp_path / "absent.qpa", without, relist=False)
    _refused(target, bad, "missing")
    bad = _rebuild(tmp_path / "absent2.qpa", without)
    _refused(target, bad, "not in the archive")


def test_rows_cannot_reach_other_cases_or_tables(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    other_case = target.cases.list()[0].id
    rows = json.loads(entries["rows/attachments.json"])
    rows[0]["case_id"] = other_case
    bad = _rebuild(
        tmp_path / "other.qpa", {**entries, "rows/attachments.json": json.dumps(rows).encode()}
    )
    _refused(target, bad, "does not belong")
    settings = json.dumps([{"key": "signer", "value": '"Dr. Mallory"'}]).encode()
    bad = _rebuild(tmp_path / "settings.qpa", {**entries, "rows/settings.json": settings})
    _refused(target, bad, "unknown to this version")
    rows = json.loads(entries["rows/attachments.json"])
    rows[0]["shell"] = "rm -rf /"
    bad = _rebuild(
        tmp_path / "column.qpa", {**entries, "rows/attachments.json": json.dumps(rows).encode()}
    )
    _refused(target, bad, "column")


def test_database_refusal_removes_the_files_it_moved_in(target, good_archive, tmp_path):
    """Files are moved into the store before the transaction; a failed insert takes them out."""
    entries = _entries(good_archive)
    rows = json.loads(entries["rows/attachments.json"])
    rows[-1]["category"] = None  # NOT NULL: fails in the transaction, after the files are in
    bad = _rebuild(
        tmp_path / "null.qpa", {**entries, "rows/attachments.json": json.dumps(rows).encode()}
    )
    _refused(target, bad, "do not fit")


def test_invalid_case_facts(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    case = json.loads(entries["case.json"])
    case["patient"]["date_of_birth"] = "1961-02-30"
    bad = _rebuild(tmp_path / "facts.qpa", {**entries, "case.json": json.dumps(case).encode()})
    _refused(target, bad, "patient.date_of_birth")


def test_header_and_manifest_both_lie_about_the_size(target, good_archive, tmp_path):
    """Reading stops at the declared size; the CRC or hash check then refuses the entry."""
    entries = _entries(good_archive)
    name = _blob_name(entries)
    manifest = json.loads(entries["manifest.json"])
    for item in manifest["files"]:
        if item["name"] == name:
            item["size"] = 10
    liar = _rebuild(
        tmp_path / "liar2.qpa",
        {**entries, "manifest.json": json.dumps(manifest).encode()},
        relist=False,
    )
    _patch_central_size(liar, name, 10)
    _refused(target, liar, "damaged|hash")


def test_rows_the_app_could_not_read_back(target, good_archive, tmp_path):
    entries = _entries(good_archive)
    rows = json.loads(entries["rows/attachments.json"])
    rows[0]["matched"] = "not a JSON list"
    bad = _rebuild(
        tmp_path / "matched.qpa", {**entries, "rows/attachments.json": json.dumps(rows).encode()}
    )
    _refused(target, bad, "malformed")
    rows = json.loads(entries["rows/attachments.json"])
    rows[0]["analysis"] = "[" * 100_000 + "]" * 100_000  # a nesting bomb for json.loads
    bad = _rebuild(
        tmp_path / "deep.qpa", {**entries, "rows/attachments.json": json.dumps(rows).encode()}
    )
    _refused(target, bad, "nested too deeply")
    deep_manifest = tmp_path / "deep-manifest.qpa"
    with zipfile.ZipFile(deep_manifest, "w") as zf:
        zf.writestr("manifest.json", "[" * 100_000 + "]" * 100_000)
    _refused(target, deep_manifest, "not valid JSON")
