"""Case archives from the GUI: export, import on another workstation, hostile archive refused."""

from __future__ import annotations

import zipfile

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.synthetic import write_demo_set


def test_archive_round_trip_between_workstations(
    make_window, dialogs, store, example_path, example_dict, tmp_path, settings
):
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict)
    window = make_window()
    Attacher(store, window.profile).attach(case_id, paths[:4])
    window.refresh_list()
    assert window.open_case(case_id)
    target = tmp_path / "moved.qpa"
    dialogs.save_paths = [target]
    window.actions_["archive_export"].trigger()
    assert target.exists() and not dialogs.errors
    assert ".qpa" in dialogs.filters[-1] and dialogs.suggested[-1].endswith("-archive.qpa")
    assert case_id not in dialogs.suggested[-1]  # named after the patient, not the id
    assert "archived to moved.qpa" in window.statusBar().currentMessage()

    other = Store(tmp_path / "other-workstation")
    second = make_window(store=other)
    dialogs.open_paths = [target]
    second.actions_["archive_import"].trigger()
    assert not dialogs.errors
    assert second.current_id == case_id
    assert second.case_list.visible_names() == [window.editor.case().display_name]
    before = {(a.file_name, a.working_sha256) for a in store.attachments.list(case_id)}
    after = {(a.file_name, a.working_sha256) for a in other.attachments.list(case_id)}
    assert after == before and len(after) == 4
    for _, sha in after:
        assert other.blobs.verify(sha)
    other.close()


def test_a_hostile_archive_is_refused_and_nothing_is_added(make_window, dialogs, store, tmp_path):
    evil = tmp_path / "evil.qpa"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../outside.txt", "escape")
        zf.writestr("manifest.json", "{}")
    window = make_window()
    dialogs.open_paths = [evil]
    window.actions_["archive_import"].trigger()
    assert dialogs.errors and dialogs.errors[-1][0] == "Archive not imported"
    assert "evil.qpa" in dialogs.errors[-1][1]
    assert store.cases.list() == []
    assert not (tmp_path.parent / "outside.txt").exists()
