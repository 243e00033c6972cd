"""Each stored file is analysed once: text and OCR kept by content hash and analyser version,
identity checks computed once for the checklist, the letters and the bundle."""

from __future__ import annotations

from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence import attach as attach_module
from qalsody_desktop.core.evidence import review as review_module
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.kit import load_kit
from qalsody_desktop.core.intake.analysis import analyser_key
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic import write_demo_set
from qalsody_desktop.core.synthetic.fax import clinic_note_lines, fax_page, fax_tiff


class Counter:
    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)


def test_a_file_attached_again_is_not_read_or_recognized_again(
    store, example_dict, tmp_path, monkeypatch
):
    profile = load_default_profile()
    inspect = Counter(attach_module.inspect_bytes)
    ocr = Counter(attach_module.ocr_document)
    monkeypatch.setattr(attach_module, "inspect_bytes", inspect)
    monkeypatch.setattr(attach_module, "ocr_document", ocr)
    fax = tmp_path / "fax.tif"
    fax.write_bytes(fax_tiff([fax_page(clinic_note_lines("Harold", "Vance", "x", "y"), seed=3)]))
    first = store.cases.create(case_from_dict(example_dict))
    second = store.cases.create(case_from_dict(example_dict))
    (one,) = Attacher(store, profile).attach(first, [fax])
    assert (inspect.calls, ocr.calls) == (1, 1)
    assert store.analysis.get(one.sha256, analyser_key()) is not None
    (two,) = Attacher(store, profile).attach(second, [fax])
    assert (inspect.calls, ocr.calls) == (1, 1)  # zero analyses the second time
    a, b = (store.attachments.get(o.attachment_id) for o in (one, two))
    assert store.attachments.page_texts(a.id) == store.attachments.page_texts(b.id)
    assert a.pages_state.to_json() == b.pages_state.to_json()
    assert (a.category, a.analysis) == (b.category, b.analysis)
    # another analyser version misses and reads afresh
    monkeypatch.setattr(attach_module, "analyser_key", lambda: "intake-test/other")
    store.attachments.delete(two.attachment_id)
    Attacher(store, profile).attach(second, [fax])
    assert inspect.calls == 2


def test_identity_is_checked_once_for_checklist_and_bundle(
    store, example_dict, tmp_path, monkeypatch
):
    profile = load_default_profile()
    case_id = store.cases.create(case_from_dict(example_dict))
    files = write_demo_set(tmp_path / "docs", example_dict)
    Attacher(store, profile).attach(case_id, files)
    review_module._IDENTITY_MEMO.clear()
    checks = Counter(review_module.check_identity_pages)
    monkeypatch.setattr(review_module, "check_identity_pages", checks)
    kit = load_kit(store, case_id, profile)
    checked = sum(1 for r in kit.reviews.values() if r.identity is not None)
    assert checks.calls == checked > 0
    from qalsody_desktop.core.bundle.builder import BundleBuilder

    BundleBuilder(store, profile).build(case_id, tmp_path / "bundle.pdf")
    load_kit(store, case_id, profile)
    assert checks.calls == checked  # zero more: the bundle and the next checklist reuse it
    # a changed identity in the case is checked afresh
    case = case_from_dict(example_dict)
    case.patient.date_of_birth = None
    load_kit(store, case_id, profile, case=case)
    assert checks.calls == 2 * checked
