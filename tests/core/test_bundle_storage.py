"""Per-case bundle preferences and the record of exports, in real SQLite."""

from __future__ import annotations

import pytest
from test_bundle_support import new_case

from qalsody_desktop.core.bundle import BundleSettings, load_settings, save_settings
from qalsody_desktop.core.errors import NotFoundError, QalsodyError
from qalsody_desktop.core.storage import Store
from qalsody_desktop.core.storage.exports import ExportRepository
from qalsody_desktop.core.storage.prefs import CasePrefs


def test_prefs_round_trip_update_delete_and_isolation(store, example_dict):
    first, second = new_case(store, example_dict), new_case(store, example_dict)
    prefs = CasePrefs(store.db)
    prefs.set(first, "bundle.route", "fax")
    prefs.set_many(first, {"bundle.excluded": ["a1", "a2"], "bundle.bates_prefix": "QPA"})
    prefs.set(first, "bundle.route", "provider_portal")
    assert prefs.get(first, "bundle.route") == "provider_portal"
    assert prefs.all(first) == {
        "bundle.bates_prefix": "QPA",
        "bundle.excluded": ["a1", "a2"],
        "bundle.route": "provider_portal",
    }
    assert prefs.all(second) == {} and prefs.get(second, "bundle.route", "none") == "none"
    prefs.set(first, "bundle.excluded", None)
    prefs.delete(first, "bundle.route")
    assert prefs.all(first) == {"bundle.bates_prefix": "QPA"}
    with pytest.raises(NotFoundError):
        prefs.set("nosuchcase", "bundle.route", "fax")
    store.cases.delete(first)
    assert prefs.all(first) == {}  # removed with the case


def test_bundle_settings_survive_reopening_the_store(store, example_dict, data_dir):
    case_id = new_case(store, example_dict)
    settings = BundleSettings(
        excluded=("a1",),
        category_order=("clinic_note",),
        document_order=("a3", "a2"),
        route="fax",
        bates_prefix="CIG",
        bates_start=101,
    )
    save_settings(CasePrefs(store.db), case_id, settings)
    store.close()
    with Store(data_dir) as again:
        assert load_settings(CasePrefs(again.db), case_id) == settings
        assert load_settings(CasePrefs(again.db), "other") == BundleSettings()
        save_settings(CasePrefs(again.db), case_id, BundleSettings())
        assert CasePrefs(again.db).all(case_id) == {}
        with pytest.raises(QalsodyError, match="Bates prefix"):
            save_settings(CasePrefs(again.db), case_id, BundleSettings(bates_prefix="a b"))


def test_exports_are_recorded_listed_and_audited(store, example_dict):
    case_id = new_case(store, example_dict)
    repo = ExportRepository(store.db)
    manifest = {"pages": 12, "files": [{"file": "b.pdf"}]}
    first = repo.add(
        case_id, "bundle", "/x/b.pdf", "ab" * 32, 12, manifest, created_at="2025-01-01T00:00:00Z"
    )
    second = repo.add(case_id, "bundle", "/x/c.pdf", "cd" * 32, 3, {"pages": 3})
    other = repo.add(case_id, "letter", "/x/l.pdf", "ef" * 32, 1, {})
    assert repo.get(first.id) == first and first.manifest == manifest
    assert [r.id for r in repo.list(case_id)] == [other.id, second.id, first.id]  # newest first
    assert [r.id for r in repo.list(case_id, "bundle")] == [second.id, first.id]
    assert repo.latest(case_id, "bundle") == second
    assert repo.latest(case_id, "fax") is None
    actions = [e.action for e in store.cases.audit(case_id)]
    assert actions.count("exported") == 3
    detail = next(e.detail for e in store.cases.audit(case_id) if e.action == "exported")
    assert set(detail) == {"export", "kind", "sha256", "pages"}  # no paths, no patient data
    repo.delete(first.id)
    with pytest.raises(NotFoundError):
        repo.get(first.id)
    with pytest.raises(NotFoundError):
        repo.add("nosuchcase", "bundle", "/x", "00" * 32, 1, {})
