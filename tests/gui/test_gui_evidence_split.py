"""The Evidence tab's Split… action on a multi-document fax: plan, confirm, one file each."""

from __future__ import annotations

import pytest
from fax_samples import COVER, NOTE_1, NOTE_2, PFT, fax_pdf

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher


@pytest.fixture
def opened_with_fax(window, store, example_path, tmp_path):
    case = load_case_file(example_path)
    case_id = store.cases.create(case)
    name = f"{case.patient.first_name} {case.patient.last_name}"
    born = case.patient.date_of_birth.strftime("%m/%d/%Y")
    pages = [COVER, NOTE_1.format(name=name, dob=born), NOTE_2, PFT.format(name=name)]
    Attacher(store, window.profile).attach(case_id, [fax_pdf(tmp_path / "fax.pdf", pages)])
    window.refresh_list()
    assert window.open_case(case_id)
    return window, case_id


def test_split_button_splits_the_selected_fax(opened_with_fax, store, dialogs):
    window, case_id = opened_with_fax
    panel = window.evidence
    assert not panel.split_button.isEnabled()  # nothing selected
    panel.view.selectRow(0)
    assert panel.split_button.isEnabled()
    dialogs.confirm_answers = [True]
    panel.split_button.click()
    assert "pages 2–3: Neurology clinic note" in dialogs.confirmed[-1]
    assert "page 1: fax cover sheet (left out)" in dialogs.confirmed[-1]
    assert not dialogs.errors
    cats = sorted(a.category for a in panel.model.attachments)
    assert cats == ["clinic_note", "pulmonary_function"]
    assert sorted(a.category for a in store.attachments.list(case_id)) == cats


def test_declining_keeps_the_fax(opened_with_fax, store, dialogs):
    window, case_id = opened_with_fax
    window.evidence.view.selectRow(0)
    dialogs.confirm_answers = [False]
    window.evidence.split_button.click()
    assert len(store.attachments.list(case_id)) == 1


def test_single_page_file_cannot_be_split(window, store, example_path, tmp_path, dialogs):
    case_id = store.cases.create(load_case_file(example_path))
    Attacher(store, window.profile).attach(case_id, [fax_pdf(tmp_path / "one.pdf", [PFT])])
    window.refresh_list()
    assert window.open_case(case_id)
    window.evidence.view.selectRow(0)
    assert not window.evidence.split_button.isEnabled()
