"""The classifier learns from the clinic: a corrected category is the next document's answer."""

from __future__ import annotations

import json

import pytest

from qalsody_desktop.cli import main
from qalsody_desktop.core.classifier.local import (
    LOCAL_FORMAT,
    learn_correction,
    load_local,
    local_path,
)
from qalsody_desktop.core.classify import classify_text
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic.pdfwriter import PdfWriter

PROFILE = load_default_profile()


def telehealth(name: str, born: str, weight: int) -> str:
    """A referring agency's template the shipped model was never trained on."""
    return f"""Kestrel Valley Home & Telehealth Services
Remote encounter summary - neuromuscular program
Client: {name}     Born {born}
Modality: video, 34 minutes
Caregiver present on the call; connection adequate.
Observed tasks: rising from chair with arm push, speech mildly slurred, can lift cup with two hands.
Weight reported by scale at home {weight} lb.
Discussed equipment: power wheelchair order pending, ramp installed.
Next touchpoint in four weeks by video.
Clinician attestation on file."""


FIRST = telehealth("Dana Whitlock", "03/02/1961", 171)
SECOND = telehealth("Omar Fairbanks", "11/19/1957", 140)


def pdf(path, text: str):
    w = PdfWriter(title="scan")
    w.paragraph(text)
    w.save(path)
    return path


def test_unseen_template_is_not_guessed_before_learning():
    result = classify_text(SECOND, PROFILE, has_text_layer=True)
    assert result.category != "clinic_note"


def test_a_correction_classifies_the_next_similar_document(data_dir):
    assert learn_correction(data_dir, "sha-1", [FIRST], "clinic_note", PROFILE)
    local = load_local(data_dir)
    result = classify_text(SECOND, PROFILE, has_text_layer=True, local=local)
    assert result.category == "clinic_note" and not result.warnings
    # a different kind of document is not pulled into the learned category
    other = classify_text(
        "Neurofilament light chain, plasma  71.5 pg/mL (H)  Reference range <10 pg/mL\n"
        "Collected 05/12/2025  Specimen: plasma  Method: Simoa immunoassay",
        PROFILE,
        has_text_layer=True,
        local=local,
    )
    assert other.category == "nfl_lab"


def test_correcting_again_replaces_the_example(data_dir):
    learn_correction(data_dir, "sha-1", [FIRST], "pulmonary_function", PROFILE)
    learn_correction(data_dir, "sha-1", [FIRST], "clinic_note", PROFILE)
    data = json.loads(local_path(data_dir).read_text(encoding="utf-8"))
    assert list(data["examples"]) == ["sha-1"]
    assert load_local(data_dir).docs == {"clinic_note": 1.0}


def test_no_numbers_are_stored(data_dir):
    learn_correction(data_dir, "sha-1", [FIRST], "clinic_note", PROFILE)
    raw = local_path(data_dir).read_text(encoding="utf-8")
    assert "1961" not in raw and "171" not in raw


@pytest.mark.parametrize("content", ["not json", '{"format": "other"}', "[]"])
def test_damaged_local_model_is_ignored(data_dir, content):
    path = local_path(data_dir)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert load_local(data_dir) is None
    assert learn_correction(data_dir, "k", [FIRST], "clinic_note", PROFILE)  # rewritten clean
    assert load_local(data_dir) is not None


def test_cli_categorize_teaches_the_next_attach(data_dir, tmp_path, example_dict, capsys):
    from qalsody_desktop.core.codec import case_from_dict
    from qalsody_desktop.core.storage import Store

    with Store(data_dir) as store:
        case_id = store.cases.create(case_from_dict(example_dict))
    first, second = pdf(tmp_path / "a.pdf", FIRST), pdf(tmp_path / "b.pdf", SECOND)
    assert main(["attach", case_id, str(first), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert row["category"] == "other"
    assert main(["categorize", case_id, row["attachment_id"], "clinic_note"]) == 0
    capsys.readouterr()
    assert local_path(data_dir).is_file()
    assert main(["attach", case_id, str(second), "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["category"], row["category_source"]) == ("clinic_note", "auto")


def test_local_model_stays_out_of_a_case_archive(data_dir, tmp_path, example_dict):
    """Learned from every case of the clinic, so never shipped with one patient's archive."""
    import zipfile

    from qalsody_desktop.core.archive import export_case
    from qalsody_desktop.core.codec import case_from_dict
    from qalsody_desktop.core.storage import Store

    with Store(data_dir) as store:
        case_id = store.cases.create(case_from_dict(example_dict))
        Attacher(store, PROFILE).attach(case_id, [pdf(tmp_path / "a.pdf", FIRST)])
        (att,) = store.attachments.list(case_id)
        learn_correction(data_dir, att.working_sha256, [FIRST], "clinic_note", PROFILE)
        out = tmp_path / "case.qpa"
        export_case(store, case_id, out)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert not [n for n in names if "classifier" in n or n.endswith("local.json")]
        blob = b"".join(zf.read(n) for n in names)
    assert LOCAL_FORMAT.encode() not in blob  # the learned examples are nowhere inside
