"""The checklist panel shows "met by the case, document missing" apart from "not met"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qalsody_desktop.core.checklist import Checklist, ChecklistItem
from qalsody_desktop.gui.checklist_panel import STATUS_COLORS, ChecklistPanel


def _item(item_id: str, status: str, source_status: str = "verified") -> ChecklistItem:
    return ChecklistItem(
        id=item_id,
        title=item_id.replace("_", " "),
        status=status,
        source_status=source_status,
        detail="detail",
        evidence=[],
        denial_reason="r",
        denial_title="Denial",
        facts=[],
        documents=[],
        blocks_ready=True,
        source="s",
    )


def test_missing_evidence_is_shown_apart(qtbot):
    panel = ChecklistPanel()
    qtbot.addWidget(panel)
    items = [
        _item("gene", "missing_evidence"),
        _item("prescriber", "not_met"),
        _item("step", "met", "guide-only"),
        _item("assumed", "met", "assumption"),
    ]
    panel.set_checklist(Checklist(False, "p", "1", items, []))
    model = panel.model
    gap, unmet, guide, assumed = (model.index(r) for r in range(4))
    # the state and its reason are on the row itself, not only in the tooltip
    assert gap.data() == "gene\nMet by the case facts; the document is not attached: detail"
    assert unmet.data() == "prescriber\nNot met: detail (invites the denial “Denial”)"
    assert "Met by the case, document missing" in gap.data(Qt.ItemDataRole.ToolTipRole)
    assert "attach the document" in gap.data(Qt.ItemDataRole.ToolTipRole)
    assert gap.data(Qt.ItemDataRole.ForegroundRole) == STATUS_COLORS["missing_evidence"]
    assert STATUS_COLORS["missing_evidence"] != STATUS_COLORS["not_met"]
    assert guide.data() == "step (guide-only: the guide says so; the payer's policy does not)"
    assert assumed.data() == "assumed (assumption, not the payer's)"
    assert "not&nbsp;met" in panel.legend.text() and "document&nbsp;missing" in panel.legend.text()
    assert "never shown to the payer" in assumed.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.verdict_text() == "NOT READY"
