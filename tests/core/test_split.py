"""A multi-document fax split page by page into attachments with their own categories."""

from __future__ import annotations

import json
import subprocess

import pytest
from fax_samples import COVER, NOTE_1, NOTE_2, PFT, fax_pdf
from pypdf import PdfReader

from qalsody_desktop.cli import main
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.errors import QalsodyError
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.split import plan_split, split_attachment
from qalsody_desktop.core.policy import load_default_profile

PROFILE = load_default_profile()


@pytest.fixture
def case(store, example_dict):
    case_id = store.cases.create(case_from_dict(example_dict))
    p = example_dict["patient"]
    dob = p["date_of_birth"]
    name = f"{p['first_name']} {p['last_name']}"
    born = f"{dob[5:7]}/{dob[8:10]}/{dob[:4]}"
    pages = [COVER, NOTE_1.format(name=name, dob=born), NOTE_2, PFT.format(name=name)]
    return case_id, pages


def test_plan_finds_cover_note_and_pft(case):
    _, pages = case
    segments = plan_split(pages, PROFILE)
    assert [(s.first, s.last, s.category, s.cover_sheet) for s in segments] == [
        (1, 1, "other", True),
        (2, 3, "clinic_note", False),
        (4, 4, "pulmonary_function", False),
    ]


def test_cover_sheet_page_is_left_out_of_the_bundle_at_attach(store, case, tmp_path):
    case_id, pages = case
    out = Attacher(store, PROFILE).attach(case_id, [fax_pdf(tmp_path / "fax.pdf", pages)])
    att = store.attachments.get(out[0].attachment_id)
    assert att.pages_state.excluded == {1: "fax cover sheet"}
    assert att.pages_state.selected_pages(4) == [2, 3, 4]


def test_split_replaces_the_fax_by_its_documents(store, case, tmp_path):
    case_id, pages = case
    out = Attacher(store, PROFILE).attach(case_id, [fax_pdf(tmp_path / "fax.pdf", pages)])
    original = out[0].attachment_id
    result = split_attachment(store, case_id, original, PROFILE)
    assert result.removed == original and result.left_out == [1]
    listed = {a.category: a for a in store.attachments.list(case_id)}
    assert set(listed) == {"clinic_note", "pulmonary_function"}
    assert listed["clinic_note"].pages == 2 and listed["pulmonary_function"].pages == 1
    for att in listed.values():
        data = store.blobs.read(att.working_sha256)
        assert len(PdfReader(__import__("io").BytesIO(data)).pages) == att.pages
        path = store.blobs.path_for(att.working_sha256)
        assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    assert "Babinski" in "\n".join(store.attachments.page_texts(listed["clinic_note"].id))


def test_keep_cover_attaches_it_as_other(store, case, tmp_path):
    case_id, pages = case
    out = Attacher(store, PROFILE).attach(case_id, [fax_pdf(tmp_path / "fax.pdf", pages)])
    result = split_attachment(store, case_id, out[0].attachment_id, PROFILE, keep_cover=True)
    assert result.left_out == [] and len(result.parts) == 3
    cats = sorted(a.category for a in store.attachments.list(case_id))
    assert cats == ["clinic_note", "other", "pulmonary_function"]


def test_single_document_is_not_split(store, case, tmp_path):
    case_id, pages = case
    out = Attacher(store, PROFILE).attach(case_id, [fax_pdf(tmp_path / "pft.pdf", [pages[3]])])
    with pytest.raises(QalsodyError, match="nothing to split"):
        split_attachment(store, case_id, out[0].attachment_id, PROFILE)
    assert len(store.attachments.list(case_id)) == 1


def test_cli_split_dry_run_then_split(store, case, tmp_path, capsys):
    case_id, pages = case
    path = fax_pdf(tmp_path / "fax.pdf", pages)
    assert main(["attach", case_id, str(path), "--json"]) == 0
    att_id = json.loads(capsys.readouterr().out)[0]["attachment_id"]
    assert main(["split", case_id, att_id, "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "pages 1-1: fax cover sheet" in text and "dry run" in text
    assert main(["split", case_id, att_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["category"] for p in data["parts"]] == ["clinic_note", "pulmonary_function"]
    assert data["removed"] == att_id and data["left_out_pages"] == [1]


def test_pages_left_out_by_the_user_stay_left_out_in_their_part(store, case, tmp_path):
    from qalsody_desktop.core.evidence.records import PageState

    case_id, pages = case
    out = Attacher(store, PROFILE).attach(case_id, [fax_pdf(tmp_path / "fax.pdf", pages)])
    original = out[0].attachment_id
    store.attachments.update(
        original,
        pages_state=PageState(
            excluded={1: "fax cover sheet", 3: "duplicate page"}, rotation={4: 90}
        ),
    )
    split_attachment(store, case_id, original, PROFILE)
    parts = {a.category: a for a in store.attachments.list(case_id)}
    assert parts["clinic_note"].pages_state.excluded == {2: "duplicate page"}
    assert parts["pulmonary_function"].pages_state.excluded == {}
    data = store.blobs.read(parts["pulmonary_function"].working_sha256)
    assert PdfReader(__import__("io").BytesIO(data)).pages[0].rotation == 90
