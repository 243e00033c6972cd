"""A bundle build checks each page's identity at most once, and not at all when the check is
stored; the evidence kit is loaded once per build (the generated letter reuses it)."""

from __future__ import annotations

import pytest
from test_bundle_support import page_texts as page_texts_of

from qalsody_desktop.core import identity
from qalsody_desktop.core.bundle import BundleBuilder, builder
from qalsody_desktop.core.bundle.letter import GENERATED_NAME
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence import kit as kit_module
from qalsody_desktop.core.evidence import review
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.letters import service
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic.documents import write_demo_set


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def counted(monkeypatch):
    """Counts of page identity checks and of evidence kit loads."""
    counts = {"pages": 0, "kits": 0}
    check_page = identity._check_page
    load_kit = kit_module.load_kit

    def counting_check(*args, **kwargs):
        counts["pages"] += 1
        return check_page(*args, **kwargs)

    def counting_load(*args, **kwargs):
        counts["kits"] += 1
        return load_kit(*args, **kwargs)

    monkeypatch.setattr(identity, "_check_page", counting_check)
    monkeypatch.setattr(builder, "load_kit", counting_load)
    monkeypatch.setattr(service, "load_kit", counting_load)
    return counts


def forget_identities(store) -> None:
    review._IDENTITY_MEMO.clear()
    with store.db.transaction() as conn:
        conn.execute("DELETE FROM analysis_cache WHERE analyser LIKE 'identity/%'")


def test_a_build_checks_each_page_once_at_most_and_none_when_known(
    store, example_dict, tmp_path, counted
):
    case_id = store.cases.create(case_from_dict(example_dict))
    # no signed letter: the bundle generates one (through the letters service)
    paths = [
        p
        for p in write_demo_set(tmp_path / "docs", example_dict)
        if "medical_necessity_letter" not in p.name
    ]
    outcomes = Attacher(store, load_default_profile()).attach(case_id, paths)
    assert all(o.status == "ok" for o in outcomes), [o.error for o in outcomes]
    attachments = store.attachments.list(case_id)
    # pages an identity check can read: every page with text of a text-layer document
    readable = sum(len(store.attachments.page_texts(a.id)) for a in attachments if a.has_text_layer)
    assert readable > 0
    # nothing analysed yet (neither in this process nor stored): the build analyses, once
    forget_identities(store)
    counted.update(pages=0, kits=0)
    out = tmp_path / "out"
    out.mkdir()
    first = BundleBuilder(store).build(case_id, out / "first.pdf")
    assert first.pages > 0
    assert 0 < counted["pages"] <= readable
    assert counted["kits"] == 1  # the generated letter reuses the build's kit
    files = [d["file"] for s in first.manifest["sections"] for d in s["documents"]]
    assert GENERATED_NAME in files  # the letter was generated (through the letters service)
    stored = store.db.conn.execute(
        "SELECT COUNT(*) FROM analysis_cache WHERE analyser LIKE 'identity/%'"
    ).fetchone()[0]
    assert stored == sum(1 for a in attachments if a.has_text_layer)
    # stored: a build in a new process (nothing remembered in memory) checks no page again
    review._IDENTITY_MEMO.clear()
    counted.update(pages=0, kits=0)
    second = BundleBuilder(store).build(case_id, out / "second.pdf")
    assert second.pages == first.pages
    assert counted["pages"] == 0
    assert counted["kits"] == 1
    assert page_texts_of(out / "second.pdf") == page_texts_of(out / "first.pdf")
