"""Temporary files with patient data stay in the data folder, and a sweep removes what a killed
run left (issue 12, defects 7 and 8), without ever touching a live run's files."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
from test_bundle_support import attach_kind, new_case

from qalsody_desktop.cli import main
from qalsody_desktop.core.bundle import BundleBuilder, BundleOptions
from qalsody_desktop.core.paths import note_output_folder, private_temp_dir
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.storage.sweep import GRACE_SECONDS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the sweep's locks are flock")

AGED = time.time() - 2 * GRACE_SECONDS


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def _age(path: Path) -> None:
    os.utime(path, (AGED, AGED))


def test_bundle_temp_files_live_in_the_data_folder(store, example_dict, tmp_path, monkeypatch):
    """Defect 7: the bundle's work folder was a ``TemporaryDirectory`` in the system temp folder
    (``qalsody-bundle-*/letter-*/...pdf`` with name, DOB and member ID), which a SIGKILL left
    there for good. Now it is ``<data>/tmp/bundle-*``, owner-only and locked while in use."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    case_id = new_case(store, example_dict)
    attach_kind(store, case_id, example_dict, tmp_path / "docs", "clinic_note")
    seen: list[tuple[list[str], int, list[str]]] = []

    def progress(done: int, total: int, what: str) -> None:
        folders = sorted((store.root / "tmp").glob("bundle-*"))
        modes = [stat.S_IMODE(f.stat().st_mode) for f in folders]
        seen.append(([f.name for f in folders], max(modes, default=0), os.listdir(system_tmp)))

    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    BundleBuilder(store).build(case_id, out, BundleOptions(), progress=progress)
    assert seen and all(len(names) == 1 for names, _, _ in seen)
    assert {mode for _, mode, _ in seen} == {0o700}
    assert all(listing == [] for _, _, listing in seen), seen
    assert os.listdir(system_tmp) == []
    assert [p for p in (store.root / "tmp").iterdir() if p.is_dir()] == []  # removed at the end


def _dead_run_leftovers(data: Path, out_folder: Path) -> dict[str, Path]:
    """What SIGKILLed runs leave: the layout the code writes, with no process holding it."""
    tmp = data / "tmp"
    bundle = tmp / "bundle-dead1"
    (bundle / "letter-x").mkdir(parents=True)
    (bundle / "letter-x" / "letter.pdf").write_bytes(b"%PDF-1.7 name, DOB, member ID")
    note_output_folder(data, out_folder)
    part = out_folder / ".tmp-bundle-k1ll3d00.pdf"
    part.write_bytes(b"%PDF-1.7 half a bundle")
    manifest = out_folder / ".tmp-m4n1f3st.json"
    manifest.write_bytes(b"{}")
    archive = out_folder / ".tmp-3xp0rt00.qpa"  # a killed export
    archive.write_bytes(b"PK half an archive")
    staging = tmp / "import-dead2"
    staging.mkdir()
    (staging / ("cd" * 32)).write_bytes(b"staged")
    legacy = data / "files" / ".import-old"  # where the previous version staged
    legacy.mkdir(parents=True)
    (legacy / ("ef" * 32)).write_bytes(b"staged before")
    partial = data / "files" / "ab" / ".tmp-123.pdf"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"half a blob")
    return {
        "bundle": bundle,
        "part": part,
        "manifest": manifest,
        "archive": archive,
        "staging": staging,
        "legacy": legacy,
        "partial": partial,
    }


def _orphan(store: Store, content: bytes, *, aged: bool) -> Path:
    path = store.blobs.path_for(store.blobs.put_bytes(content))
    if aged:
        _age(path)
    return path


def test_next_start_sweeps_what_killed_runs_left(tmp_path, example_path, capsys):
    """Defects 7 and 8: a killed bundle's folder (and its part beside the output) and a killed
    import's staging and orphan blobs were never swept. The next start of any command removes
    them; blobs a row refers to, and orphans younger than the grace period, stay."""
    data = tmp_path / "data"
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    assert main(["--data-dir", str(data), "--json", "case", "import", str(example_path)]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    doc = tmp_path / "note.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(doc)
    assert main(["--data-dir", str(data), "attach", case_id, str(doc)]) == 0
    with Store(data) as store:
        [att] = store.attachments.list(case_id)
        referenced = store.blobs.path_for(att.original_sha256)
        _age(referenced)
        old_orphan = _orphan(store, b"imported, then killed before the rows", aged=True)
        new_orphan = _orphan(store, b"stored a moment ago by a writer", aged=False)
    left = _dead_run_leftovers(data, out_folder)
    theirs = [out_folder / "bundle.pdf", out_folder / ".tmp-notes.txt", out_folder / ".tmp-ab.pdf"]
    for path in theirs:  # the user's files, and names not of our making: never touched
        path.write_bytes(b"keep")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "case", "list"]) == 0
    assert all(p.exists() for p in theirs)
    for name, path in left.items():
        assert not path.exists(), name
    assert not old_orphan.exists()
    assert referenced.exists() and new_orphan.exists()
    assert list((data / "tmp").iterdir()) == []


def test_a_live_run_in_another_process_is_left_alone(tmp_path, capsys):
    """The sweep never removes what a live run uses: its locked temp folder, its parts beside
    the output, and (while another process has the data folder open) no blob at all."""
    data = tmp_path / "data"
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    other = Store(data)  # another process with the data folder open (a separate lock)
    try:
        orphan = _orphan(other, b"between blob and row in the other process", aged=True)
        with private_temp_dir(data, "bundle-") as live:
            note_output_folder(data, out_folder)
            (live / "letter.pdf").write_bytes(b"in use")
            live_part = out_folder / ".tmp-bundle-l1ve0000.pdf"
            live_part.write_bytes(b"being written")
            _dead_run_leftovers(data, out_folder)  # a dead run wrote into the same folder
            assert main(["--data-dir", str(data), "case", "list"]) == 0
            assert (live / "letter.pdf").exists() and live_part.exists()
            dead = data / "tmp" / "bundle-dead1"
            assert not dead.exists()  # the dead run's PHI goes at once (its lock is free)...
            assert (out_folder / ".tmp-bundle-k1ll3d00.pdf").exists()  # ...its part waits
            assert orphan.exists()  # no exclusive lock: blobs are not swept
            assert (data / "files" / ".import-old").exists()
        assert not live.exists()
    finally:
        other.close()
    assert main(["--data-dir", str(data), "case", "list"]) == 0
    assert not orphan.exists()
    assert not (data / "files" / ".import-old").exists()
    # nobody has the data folder open: what runs left beside their outputs goes too
    assert sorted(os.listdir(out_folder)) == []
    assert list((data / "tmp").iterdir()) == []
    capsys.readouterr()


def test_clinic_images_count_as_referenced(tmp_path, capsys):
    """A logo is referenced from the settings row, not from an attachment: it is kept."""
    data = tmp_path / "data"
    logo = tmp_path / "logo.png"
    from PIL import Image

    Image.new("RGB", (60, 20), "navy").save(logo)
    assert main(["--data-dir", str(data), "clinic", "set", "--logo", str(logo)]) == 0
    blobs = [p for p in (data / "files").rglob("*") if p.is_file()]
    assert len(blobs) == 1
    _age(blobs[0])
    assert main(["--data-dir", str(data), "case", "list"]) == 0
    assert blobs[0].exists()
    capsys.readouterr()


def test_private_files_are_owner_only(tmp_path):
    """The temp root, each temp folder, the lock and the output notes: owner-only modes."""
    data = tmp_path / "data"
    with Store(data) as store, private_temp_dir(store.root, "bundle-") as work:
        note_output_folder(store.root, tmp_path)
        modes = {
            "tmp": stat.S_IMODE((data / "tmp").stat().st_mode),
            "work": stat.S_IMODE(work.stat().st_mode),
            "notes": stat.S_IMODE((data / "tmp" / ".output-folders").stat().st_mode),
            "lock": stat.S_IMODE((data / ".store.lock").stat().st_mode),
        }
    assert modes == {"tmp": 0o700, "work": 0o700, "notes": 0o600, "lock": 0o600}
