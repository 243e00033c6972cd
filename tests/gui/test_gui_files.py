"""Import, export, the demo case and the case list's search."""

from __future__ import annotations

import json

from gui_helpers import cell, type_field

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.codec import case_from_dict, case_to_dict
from qalsody_desktop.core.model import Case, Insurance, Patient
from qalsody_desktop.core.validation import validate_case
from qalsody_desktop.gui.case_files import demo_case_path
from qalsody_desktop.gui.fields import form_fields, get_path


def _assert_every_value_shown(editor, case: Case) -> None:
    """Every non-empty field of ``case`` shows a value in its widget or table."""
    for info in form_fields().values():
        value = get_path(case, info.path)
        if value is None or value == [] or value == "":
            continue
        raw = editor.binder.raw(info.path)
        assert raw not in (None, ""), f"{info.path} is not shown"
    for path, section in editor.tables.items():
        assert section.model.rowCount() == len(getattr(case, path)), path


def test_import_example_fills_every_section(window, dialogs, example_path, example_dict):
    dialogs.open_paths = [example_path]
    window.actions_["import"].trigger()
    assert dialogs.errors == []
    assert window.statusBar().currentMessage() == "Imported case-example.json"
    assert window.case_list.visible_names() == ["Vance, Harold"]
    editor = window.editor
    expected = load_case_file(example_path)
    _assert_every_value_shown(editor, expected)
    assert editor.widget("patient.first_name").text() == "Harold"
    assert editor.widget("insurance.plan_type").currentText() == "Fully insured (commercial)"
    assert editor.widget("prescriber.npi").text() == "1234567893"
    assert editor.widget("diagnosis.icd10").text() == "G12.21"
    assert editor.widget("genetics.variant_protein").text() == "p.Ala5Val"
    assert editor.widget("functional_status.devices").text() == "ankle-foot orthosis, cane"
    assert editor.widget("functional_status.feeding_tube").currentText() == "No"
    assert editor.widget("request.hcpcs").text() == "J1304"
    assert cell(editor, "therapies", 1, "drug") == "edaravone"
    assert cell(editor, "nfl", 0, "value") == "71.5"
    assert editor.errors() == []
    assert not window.isWindowModified()
    stored = window.store.cases.get(window.current_id)
    assert stored.case == expected
    assert window.store.cases.audit(window.current_id)[0].detail == {"source": "case-example.json"}


def test_decline_column_for_the_example(window, dialogs, example_path):
    dialogs.open_paths = [example_path]
    window.actions_["import"].trigger()
    editor = window.editor
    # 42 -> 40 from 2024-11-18 to 2025-02-17: 91 days = 2.99 months -> 0.67 points/month
    assert cell(editor, "alsfrs_r", 0, "since_previous") == ""
    assert cell(editor, "alsfrs_r", 1, "since_previous") == "0.67"
    assert cell(editor, "alsfrs_r", 2, "since_previous") == "1.00"
    # since onset 2024-03-01: (48 - 40) / (353 days / 30.44) = 0.69
    assert cell(editor, "alsfrs_r", 1, "since_onset") == "0.69"
    model = editor.tables["alsfrs_r"].model
    from PySide6.QtCore import Qt

    computed = model.index(1, model.column_of("since_previous"))
    assert not model.flags(computed) & Qt.ItemFlag.ItemIsEditable  # read-only
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, model.column_of("since_previous")), "9") is False


def test_export_writes_json_equal_to_the_import(window, dialogs, example_path, tmp_path):
    dialogs.open_paths = [example_path]
    window.actions_["import"].trigger()
    target = tmp_path / "out" / "exported.json"
    dialogs.save_paths = [target]
    window.actions_["export"].trigger()
    assert dialogs.errors == []
    assert window.statusBar().currentMessage() == "Exported to exported.json"
    exported = json.loads(target.read_text(encoding="utf-8"))
    original = load_case_file(example_path)
    assert case_from_dict(exported) == original
    assert exported == case_to_dict(original)


def test_import_errors_name_the_field(window, dialogs, tmp_path, example_dict):
    bad = dict(example_dict)
    bad["patient"] = {**example_dict["patient"], "date_of_birth": "2025-02-30"}
    bad["alsfrs_r"] = [{"date": "2025-01-01", "total": 50}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    dialogs.open_paths = [path]
    window.actions_["import"].trigger()
    title, text, details = dialogs.errors[-1]
    assert title == "Import failed" and "bad.json" in text
    assert any(d.startswith("patient.date_of_birth:") for d in details)
    assert window.store.cases.list() == []

    path.write_text("{not json", encoding="utf-8")
    dialogs.open_paths = [path]
    window.actions_["import"].trigger()
    assert "not valid JSON" in dialogs.errors[-1][1]


def test_demo_case_loads_complete_and_valid(window, dialogs):
    demo = load_case_file(demo_case_path())
    validate_case(demo)  # valid as shipped
    example = json.loads(demo_case_path().read_text(encoding="utf-8"))
    assert example["patient"]["last_name"] != "Vance"
    for key, value in example.items():  # every section filled
        assert value not in (None, [], {}, ""), key
    summaries: list[str] = []
    dialogs.attach_summary = lambda parent, title, text, rows, actions=(): summaries.append(text)
    window.actions_["demo"].trigger()
    assert dialogs.errors == []
    assert window.case_list.visible_names() == ["Lindqvist, Maren"]
    # it comes with a fictional document for every category, so every view can be tried
    categories = {a.category for a in window.evidence.model.attachments}
    assert categories == {c.id for c in window.profile.categories}
    assert summaries and "attached" in summaries[-1]
    assert window.checklist.verdict_text() == "READY"
    editor = window.editor
    assert editor.errors() == []
    for info in form_fields().values():  # complete: every form field has a value
        assert editor.binder.raw(info.path) not in (None, ""), info.path
    _assert_every_value_shown(editor, demo)


def _summary_case(first, last, mrn, member):
    return Case(
        patient=Patient(first_name=first, last_name=last, mrn=mrn),
        insurance=Insurance(member_id=member),
    )


def test_search_filters_by_name_mrn_and_member_id(window, store, qtbot):
    store.cases.create(_summary_case("Harold", "Vance", "TAC-102934", "U5521098834"))
    store.cases.create(_summary_case("Maren", "Lindqvist", "DEMO-558210", "AMH7730142259"))
    store.cases.create(_summary_case("Ada", "Quill", "Q-77", "ZX-1"))
    window.refresh_list()
    panel = window.case_list
    assert panel.visible_names() == ["Lindqvist, Maren", "Quill, Ada", "Vance, Harold"]

    def search(text):
        panel.search.clear()
        qtbot.keyClicks(panel.search, text)
        return panel.visible_names()

    assert search("vance") == ["Vance, Harold"]
    assert search("MAREN") == ["Lindqvist, Maren"]
    assert search("harold vance") == ["Vance, Harold"]
    assert search("tac-1029") == ["Vance, Harold"]
    assert search("amh7730") == ["Lindqvist, Maren"]
    assert search("zx-1") == ["Quill, Ada"]
    assert search("nobody") == []
    assert panel.count_label.text() == "0 of 3 cases"
    assert search("") == ["Lindqvist, Maren", "Quill, Ada", "Vance, Harold"]


def test_find_shortcut_focuses_the_search_box(window, qtbot):
    from PySide6.QtWidgets import QApplication

    assert window.actions_["find"].shortcut().toString() == "Ctrl+F"
    window.activateWindow()
    window.actions_["find"].trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.case_list.search, timeout=2000)


def test_searching_never_switches_the_open_case(window, store, qtbot):
    vance = store.cases.create(_summary_case("Harold", "Vance", "TAC-102934", "U5521098834"))
    store.cases.create(_summary_case("Maren", "Lindqvist", "DEMO-558210", "AMH7730142259"))
    store.cases.create(_summary_case("Ada", "Quill", "Q-77", "ZX-1"))
    window.refresh_list()
    window.open_case(vance)
    type_field(qtbot, window.editor, "patient.phone", "555-0101")  # unsaved: a switch would ask
    for text in ("maren", "", "q", "zz", ""):
        window.case_list.search.clear()
        qtbot.keyClicks(window.case_list.search, text)
        assert window.current_id == vance
    assert window.dialogs.asked == []
    assert window.editor.widget("patient.phone").text() == "555-0101"
