"""Edits survive regeneration unless the paragraph underneath changed; then the user chooses."""

from __future__ import annotations

from datetime import date

import pytest
from test_letters_support import docx_text, example_case, squash

from qalsody_desktop.core.document import Placeholder
from qalsody_desktop.core.errors import QalsodyError
from qalsody_desktop.core.letters.edits import resolve_conflict
from qalsody_desktop.core.letters.service import edit_paragraph, generate_letter, write_letter
from qalsody_desktop.core.storage.letter_edits import LetterEditRepository

TODAY = date(2025, 6, 10)
KIND = "medical_necessity"
MY_DELAY = "Risks of delay, in my words: every week matters for this patient."


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def case_id(store, example_path):
    return store.cases.create(example_case(example_path))


def regenerate(store, case_id, kind=KIND):
    return generate_letter(store, case_id, kind, today=TODAY)


def change_case(store, case_id, change):
    stored = store.cases.get(case_id)
    change(stored.case)
    store.cases.save(case_id, stored.case)


def test_edit_survives_regeneration_after_an_unrelated_change(store, case_id, tmp_path):
    first = regenerate(store, case_id)
    edit_paragraph(store, case_id, first, "delay", MY_DELAY)

    def new_pft(case):
        case.pulmonary[0].svc_percent_predicted = 71

    change_case(store, case_id, new_pft)
    again = regenerate(store, case_id)
    assert again.conflicts == []
    assert again.document.block("delay").text == MY_DELAY
    assert "slow vital capacity (SVC) was 71%" in again.document.block("pulmonary").text
    assert again.generated.block("delay").text == first.document.block("delay").text
    out = tmp_path / "edited.docx"
    write_letter(again, docx=out)
    text = squash(docx_text(out))
    assert squash(MY_DELAY) in text and squash("was 71%") in text


def test_changed_paragraph_underneath_is_a_conflict_until_resolved(store, case_id):
    first = regenerate(store, case_id)
    mine = "NfL was 71.5 pg/mL on 05/12/2025, markedly elevated per the lab's range."
    edit_paragraph(store, case_id, first, "nfl", mine)

    def new_nfl(case):
        case.nfl[0].value = 88.0

    change_case(store, case_id, new_nfl)
    again = regenerate(store, case_id)
    [conflict] = again.conflicts
    assert conflict.block_id == "nfl"
    assert conflict.edited == mine
    assert conflict.base_text == first.document.block("nfl").text
    assert "88 pg/mL" in conflict.new_generated
    # until the user chooses, the letter shows the true (new) facts, not the stale edit
    assert "88 pg/mL" in again.document.block("nfl").text
    assert any("changed underneath" in w for w in again.warnings)

    resolve_conflict(LetterEditRepository(store.db), case_id, KIND, conflict, "keep_edit")
    kept = regenerate(store, case_id)
    assert kept.conflicts == [] and kept.document.block("nfl").text == mine

    def newer_nfl(case):
        case.nfl[0].value = 90.0

    change_case(store, case_id, newer_nfl)
    [conflict] = regenerate(store, case_id).conflicts
    resolve_conflict(LetterEditRepository(store.db), case_id, KIND, conflict, "take_new")
    taken = regenerate(store, case_id)
    assert taken.conflicts == [] and "90 pg/mL" in taken.document.block("nfl").text
    assert LetterEditRepository(store.db).list(case_id, KIND) == []


def test_edit_of_a_paragraph_that_vanished_is_reported(store, case_id):
    def expedite(case):
        case.request.urgency = "expedited"

    change_case(store, case_id, expedite)
    first = regenerate(store, case_id)
    edit_paragraph(store, case_id, first, "urgency", "Please hurry.")

    def standard(case):
        case.request.urgency = "standard"

    change_case(store, case_id, standard)
    [conflict] = regenerate(store, case_id).conflicts
    assert conflict.block_id == "urgency" and conflict.vanished and conflict.new_generated is None
    resolve_conflict(LetterEditRepository(store.db), case_id, KIND, conflict, "keep_edit")
    assert len(regenerate(store, case_id).conflicts) == 1  # still there, still reported
    change_case(store, case_id, expedite)
    back = regenerate(store, case_id)
    assert back.conflicts == [] and back.document.block("urgency").text == "Please hurry."


def test_placeholders_stay_placeholders_in_edited_text_and_filling_them_counts(store, case_id):
    def no_clia(case):
        case.genetics.clia_number = None

    change_case(store, case_id, no_clia)
    first = regenerate(store, case_id)
    base = first.document.block("genetics").text
    assert "[CLIA number missing]" in base
    edit_paragraph(store, case_id, first, "genetics", base.replace("Genetic testing", "Testing"))
    edited = regenerate(store, case_id)
    block = edited.document.block("genetics")
    assert block.text.startswith("Testing at Piedmont")
    assert Placeholder("CLIA number missing") in block.content
    assert "CLIA number missing" in edited.placeholders

    filled_text = base.replace("[CLIA number missing]", "34D0000001")
    edit_paragraph(store, case_id, first, "genetics", filled_text)
    filled = regenerate(store, case_id)
    assert filled.document.block("genetics").text == filled_text
    assert Placeholder("CLIA number missing") not in filled.document.block("genetics").content
    # the criteria list still shows the gap: the case itself still lacks the CLIA number
    criteria = filled.document.block("criteria")
    assert any(Placeholder("CLIA number missing") in item for item in criteria.items)
    assert "CLIA number missing" in filled.placeholders


def test_edits_are_per_letter_kind_and_equal_text_removes_the_edit(store, case_id):
    first = regenerate(store, case_id)
    edit_paragraph(store, case_id, first, "diagnosis", "Diagnosis: ALS, as edited.")
    other = regenerate(store, case_id, "formulary_exception")
    assert other.document.block("diagnosis").text != "Diagnosis: ALS, as edited."
    repo = LetterEditRepository(store.db)
    assert [e.block_id for e in repo.list(case_id, KIND)] == ["diagnosis"]
    edit_paragraph(store, case_id, first, "diagnosis", first.generated.block("diagnosis").text)
    assert repo.list(case_id, KIND) == []
    with pytest.raises(QalsodyError):
        edit_paragraph(store, case_id, first, "no_such_block", "x")
    with pytest.raises(QalsodyError):
        edit_paragraph(store, case_id, first, "alsfrs_table", "tables are not paragraphs")


def test_audit_records_the_edited_block_never_its_text(store, case_id):
    first = regenerate(store, case_id)
    edit_paragraph(store, case_id, first, "delay", MY_DELAY)
    entries = [e for e in store.cases.audit(case_id) if e.action == "letter_edited"]
    assert [e.detail for e in entries] == [{"kind": KIND, "block": "delay"}]
    assert all("every week" not in str(e.detail) for e in store.cases.audit(case_id))
