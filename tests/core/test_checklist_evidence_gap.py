"""``missing_evidence``: the case facts meet a criterion but its document is not attached.

Kept apart from ``not_met`` (the facts fail it) in the checklist, ``check --json`` and text, so a
coordinator knows whether to fetch a document or to change something about the request.
"""

from __future__ import annotations

import json
from datetime import date

from qalsody_desktop.cli import main
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic import write_demo_set

TODAY = date(2025, 6, 1)


def test_check_tells_a_missing_document_from_an_unmet_criterion(
    store, example_dict, tmp_path, capsys
):
    example_dict["prescriber"]["specialty"] = "Family Medicine"
    example_dict["prescriber"]["board_certification"] = "ABFM"
    case_id = store.cases.create(case_from_dict(example_dict))
    files = [
        p
        for p in write_demo_set(tmp_path / "docs", example_dict)
        if "sod1_genetic_report" not in p.name and "nfl_lab" not in p.name
    ]
    Attacher(store, load_default_profile(), today=TODAY).attach(case_id, files)
    assert main(["--data-dir", str(store.root), "check", case_id, "--json"]) == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    for gap in ("sod1_mutation_confirmed", "baseline_nfl"):
        assert items[gap]["status"] == "missing_evidence", items[gap]
        assert items[gap]["facts_met"] is True and "attach" in items[gap]["detail"]
    unmet = items["neurologist_prescriber"]
    assert unmet["status"] == "not_met" and unmet["facts_met"] is False
    assert items["step_therapy_documented"]["payer"] is False  # guide-only: the app's only
    assert items["sod1_mutation_confirmed"]["payer"] is True
    assert main(["--data-dir", str(store.root), "check", case_id]) == 0
    text = capsys.readouterr().out
    assert "NOT READY" in text
    assert "[d] SOD1 mutation confirmed" in text
    assert "[ ] Prescribed by or in consultation with a neurologist" in text
    assert "(guide-only: not the payer's)" in text
