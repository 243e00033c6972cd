"""Designer forms: generated modules are current, and together they edit every case field."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.model import PLAN_TYPES, Case
from qalsody_desktop.gui import formtools
from qalsody_desktop.gui.case_editor import CaseEditor
from qalsody_desktop.gui.fields import describe_path, form_fields, object_name, table_fields


def test_every_form_has_a_generated_module_and_no_module_is_orphaned():
    ui_names = {formtools.module_name(ui) for ui in formtools.ui_files()}
    generated = {p.name for p in formtools.OUT_DIR.glob("ui_*.py")}
    assert len(ui_names) == 7
    assert ui_names == generated


@pytest.mark.parametrize("ui", formtools.ui_files(), ids=lambda p: p.name)
def test_generated_module_is_current(ui):
    """Re-run uic; the committed module must match apart from the header comments."""
    committed = (formtools.OUT_DIR / formtools.module_name(ui)).read_text(encoding="utf-8")
    fresh = formtools.compile_form(ui)
    assert formtools.code_lines(fresh) == formtools.code_lines(committed), (
        f"{ui.name} changed: run python -m qalsody_desktop.gui.formtools"
    )


def test_object_names_map_to_field_paths():
    fields = form_fields()
    assert fields["patient_first_name"].path == "patient.first_name"
    assert fields["patient_address_postal_code"].path == "patient.address.postal_code"
    assert fields["prescriber_address_postal_code"].path == "prescriber.address.postal_code"
    assert fields["insurance_plan_type"].path == "insurance.plan_type"
    assert all(object_name(info.path) == key for key, info in fields.items())


def test_the_editor_binds_every_field_of_the_case(qtbot):
    editor = CaseEditor()
    qtbot.addWidget(editor)
    assert editor.binder.missing() == []
    assert (
        set(editor.tables)
        == set(table_fields())
        == {"alsfrs_r", "nfl", "pulmonary", "emg", "therapies", "symptom_timeline"}
    )
    # a widget for every scalar field, plus a column for every field of every row type
    for path, section in editor.tables.items():
        row_fields = {f.name for f in dataclasses.fields(section.model.row_cls)}
        assert {f.name for f in section.model.fields} == row_fields, path


def test_plan_type_is_a_combo_with_readable_labels(qtbot):
    editor = CaseEditor()
    qtbot.addWidget(editor)
    combo = editor.widget("insurance.plan_type")
    values = [combo.itemData(i) for i in range(combo.count())]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert values == [None, *PLAN_TYPES]
    assert labels[0] == "Not recorded"
    assert "Self-funded employer plan (ERISA)" in labels
    assert "Medicare Advantage" in labels
    assert not any("_" in label for label in labels)


def test_loading_and_reading_back_is_lossless(qtbot, example_path):
    editor = CaseEditor()
    qtbot.addWidget(editor)
    case = load_case_file(example_path)
    editor.load(case)
    assert editor.errors() == []
    assert editor.case() == case
    assert not editor.is_dirty()


def test_an_empty_case_round_trips_with_empty_optionals(qtbot):
    editor = CaseEditor()
    qtbot.addWidget(editor)
    case = Case()
    editor.load(copy.deepcopy(case))
    assert editor.case() == case


def test_paths_are_described_with_model_titles():
    assert describe_path("patient.date_of_birth") == "Patient › Date of birth"
    assert describe_path("alsfrs_r[1].total") == "ALSFRS-R series, row 2 › Total"
    assert describe_path("prescriber.address.postal_code") == "Prescriber › Address › ZIP code"
