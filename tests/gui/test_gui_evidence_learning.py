"""A category chosen in the Evidence table teaches the clinic's classifier (off the GUI thread)."""

from __future__ import annotations

from fax_samples import PFT, fax_pdf
from PySide6.QtCore import Qt

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.classifier.local import load_local
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.gui.evidence_model import CATEGORY


def test_category_chosen_in_the_table_is_learned(window, store, example_path, tmp_path):
    case_id = store.cases.create(load_case_file(example_path))
    Attacher(store, window.profile).attach(case_id, [fax_pdf(tmp_path / "pft.pdf", [PFT])])
    window.refresh_list()
    assert window.open_case(case_id)
    model = window.evidence.model
    assert load_local(store.root) is None
    assert model.setData(model.index(0, CATEGORY), "emg_ncs", Qt.ItemDataRole.EditRole)
    local = load_local(store.root)
    assert local is not None and local.docs == {"emg_ncs": 1.0}
    assert store.attachments.list(case_id)[0].category_source == "user"
