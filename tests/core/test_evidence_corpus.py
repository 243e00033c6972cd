"""Every real-world corpus file goes through attach: attached, or refused with a clear reason."""

from __future__ import annotations

import pytest
from testpaths import CORPUS, require_shared

from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher, expand_paths
from qalsody_desktop.core.evidence.kit import load_kit
from qalsody_desktop.core.policy import load_default_profile


def test_whole_corpus_through_attach(store, example_dict):
    corpus = require_shared(CORPUS)
    files = [p for p in expand_paths([corpus]) if p.suffix.lower() not in (".md", ".tsv")]
    assert len(files) >= 60
    profile = load_default_profile()
    case_id = store.cases.create(case_from_dict(example_dict))
    outcomes = Attacher(store, profile).attach(case_id, [corpus])
    by_name = {o.file: o for o in outcomes}
    for path in files:
        outcome = by_name[path.name]
        assert outcome.status in ("ok", "rejected", "duplicate"), path
        if outcome.status == "rejected":
            assert outcome.error and len(outcome.error) > 10, path
    assert by_name["pdfjs__freeculture.pdf"].pages == 352
    assert by_name["pypdf__r2-user-password.pdf"].needs_password
    assert by_name["pdfbox__AES128ExposedMeta.pdf"].status == "rejected"
    assert by_name["exif__Portrait_6.jpg"].status == "ok"
    assert any(
        "JavaScript" in w or "javascript" in w for w in by_name["pdfjs__issue6106.pdf"].warnings
    )
    # the kit of such a case still loads and checks
    kit = load_kit(store, case_id, profile)
    assert len(kit.attachments) == sum(o.status == "ok" for o in outcomes)


@pytest.mark.parametrize(
    ("name", "password"),
    [("pypdf__r2-user-password.pdf", "asdfzxcv"), ("pdfbox__PasswordSample-256bit.pdf", "user")],
)
def test_corpus_encrypted_with_password(store, example_dict, name, password):
    path = require_shared(CORPUS / "encrypted" / name)
    case_id = store.cases.create(case_from_dict(example_dict))
    (outcome,) = Attacher(store, load_default_profile()).attach(
        case_id, [path], passwords=[password]
    )
    assert outcome.status == "ok"
