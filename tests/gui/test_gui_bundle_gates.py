"""The Bundle tab's "Held back" group: reasons, Include… with a typed reason, confirmations,
and Build asking before a flagged document goes to the payer."""

from __future__ import annotations

import copy
import json

import pytest
from PySide6.QtCore import Qt

from qalsody_desktop.core.bundle.gates import CONFIRM, INCLUDE, load_decisions
from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.prefs import CasePrefs
from qalsody_desktop.core.synthetic import identity_from_case, make_document, write_demo_set
from qalsody_desktop.gui.bundle_view import BundlePanel
from qalsody_desktop.gui.task import SynchronousPool, TaskRunner

PROFILE = load_default_profile()
NOTE, SCAN, OTHER = "14-other_patient_note.pdf", "15-scan.pdf", "13-other.pdf"


@pytest.fixture
def case_id(store, example_path, example_dict, tmp_path) -> str:
    case_id = store.cases.create(load_case_file(example_path))
    write_demo_set(tmp_path / "docs", example_dict, include_extras=True)
    outcomes = Attacher(store, PROFILE).attach(case_id, [tmp_path / "docs"])
    assert {o.status for o in outcomes} == {"ok"}
    return case_id


@pytest.fixture
def panel(qtbot, store, dialogs, case_id):
    panel = BundlePanel(store, PROFILE, dialogs, TaskRunner(SynchronousPool()))
    qtbot.addWidget(panel)
    panel.resize(1200, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_case(case_id, store.cases.get(case_id).case)
    return panel


def _rows(panel) -> dict[str, str]:
    tree = panel.held.list
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }


def _select(held, file_name: str) -> None:
    held.select(next(r.attachment_id for r in held.rows if r.file == file_name))
    assert held.selected().file == file_name


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_held_back_group_lists_each_with_its_reason(panel):
    held = panel.held
    assert held.isVisible()
    rows = _rows(panel)
    assert set(rows) == {NOTE, SCAN, OTHER}
    assert "another patient" in rows[NOTE]
    assert "nobody has reviewed" in rows[OTHER]
    assert "no text to check" in rows[SCAN]
    assert "3 document(s) held back" in held.summary.text()
    _select(held, NOTE)
    assert held.include_button.isEnabled()
    assert not held.confirm_button.isEnabled() and not held.withdraw_button.isEnabled()
    _select(held, SCAN)
    assert held.confirm_button.isEnabled()
    # the tree says it too, in the Notes column
    note = next(d for d in panel.model.documents() if d.file_name == NOTE)
    index = panel.model.find(note.key)
    notes = index.siblingAtColumn(2).data()
    assert notes.startswith("HELD BACK") and "another patient" in notes
    assert index.data(Qt.ItemDataRole.ForegroundRole) == Qt.GlobalColor.darkRed


def test_include_needs_a_typed_reason_and_is_recorded(qtbot, panel, store, dialogs, case_id):
    held = panel.held
    _select(held, NOTE)
    held.ask_reason = lambda parent, name: None  # Cancel
    _click(qtbot, held.include_button)
    held.ask_reason = lambda parent, name: "   "  # nothing typed
    _click(qtbot, held.include_button)
    assert dialogs.errors and dialogs.errors[-1][0] == "Not included"
    assert load_decisions(CasePrefs(store.db), case_id) == {}
    held.ask_reason = lambda parent, name: "the payer asked for the outside note"
    _click(qtbot, held.include_button)
    (decision,) = load_decisions(CasePrefs(store.db), case_id)[held.selected().attachment_id]
    assert decision.action == INCLUDE and decision.reason == "the payer asked for the outside note"
    rows = _rows(panel)
    assert rows[NOTE].startswith("in the bundle: included by override: the payer asked")
    assert any(e.action == "bundle_decision" for e in store.cases.audit(case_id))
    # withdrawn: held back again
    _select(held, NOTE)
    _click(qtbot, held.withdraw_button)
    assert "another patient" in _rows(panel)[NOTE]


def test_build_asks_before_including_a_flagged_document(
    qtbot, panel, store, dialogs, case_id, tmp_path
):
    held = panel.held
    _select(held, SCAN)
    _click(qtbot, held.confirm_button)
    # confirmed as this patient's, but still nobody reviewed what it is
    assert "nobody has reviewed" in _rows(panel)[SCAN] and "confirmed" in _rows(panel)[SCAN]
    _select(held, NOTE)
    held.ask_reason = lambda parent, name: "requested by the reviewer"
    _click(qtbot, held.include_button)
    out = tmp_path / "bundle.pdf"
    # the user says no: nothing is built, no file is asked for
    dialogs.confirm_answers.append(False)
    panel.build()
    assert NOTE in dialogs.confirmed[-1] and "requested by the reviewer" in dialogs.confirmed[-1]
    assert not out.exists() and dialogs.save_paths == []
    # yes: built with the note (stamped without our identifiers), the rest held back
    dialogs.confirm_answers.append(True)
    dialogs.save_paths.append(out)
    panel.build()
    assert not dialogs.errors, dialogs.errors
    assert "held back" in panel.state_text()
    manifest = json.loads(out.with_name("bundle.manifest.json").read_text())
    assert {h["file"] for h in manifest["held_back"]} == {SCAN, OTHER}
    assert [(d["file"], d["action"]) for d in manifest["decisions"]] == [(NOTE, INCLUDE)]
    scan_id = next(h["attachment_id"] for h in manifest["held_back"] if h["file"] == SCAN)
    actions = [d.action for d in load_decisions(CasePrefs(store.db), case_id)[scan_id]]
    assert actions == [CONFIRM]
    summary = panel.result.summary.toPlainText()
    assert "Held back" in summary and "In by your decision" in summary


def test_acknowledge_a_contradiction(qtbot, panel, store, case_id, example_dict, tmp_path):
    changed = copy.deepcopy(example_dict)
    changed["pulmonary"][0]["fvc_percent_predicted"] = 61
    pft = tmp_path / "outside" / "pft-outside.pdf"
    pft.parent.mkdir()
    pft.write_bytes(make_document("pulmonary_function", identity_from_case(example_dict), changed))
    Attacher(store, PROFILE).attach(case_id, [pft], category="pulmonary_function")
    panel.refresh()
    held = panel.held
    assert "contradicts the case" in _rows(panel)["pft-outside.pdf"]
    _select(held, "pft-outside.pdf")
    assert not held.confirm_button.isEnabled()
    _click(qtbot, held.acknowledge_button)
    assert _rows(panel)["pft-outside.pdf"].startswith("in the bundle: conflict acknowledged")
    row = next(r for r in held.rows if r.file == "pft-outside.pdf")
    (decision,) = load_decisions(CasePrefs(store.db), case_id)[row.attachment_id]
    assert decision.subject.startswith("contradicts the case") and "61%" in decision.subject
