"""What the Letters tab tells about a draft besides the letter itself: the facts it lacks (each
leading to its field), the warnings, which copy will be submitted, and the denial an appeal
answers. The texts are plain functions of the store and the result, so tests read them directly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..core.errors import QalsodyError
from ..core.letters.compose import APPEAL_KINDS
from ..core.letters.context import LetterResult
from ..core.letters.service import SIGNED_CATEGORY, appeal_denial, signed_copy
from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from .fields import describe_path
from .letter_fields import placeholder_path
from .wording import gui_words

PathRole = Qt.ItemDataRole.UserRole + 1
SIGNED_KIND = "medical_necessity"  # the letter a signed copy (SIGNED_CATEGORY) stands for


class LetterIssues(QWidget):
    """Missing facts (activate one: ``go_to_field(path)``) and the draft's warnings."""

    go_to_field = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterIssues")
        self.missing = QListWidget(self)
        self.missing.setObjectName("letterPlaceholders")
        self.missing.setAccessibleName("Missing facts")
        self.missing.itemActivated.connect(self._on_activated)
        missing_label = QLabel("Missing &facts (double-click or Enter: go to the field):", self)
        missing_label.setBuddy(self.missing)
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("letterWarnings")
        self.warnings.setAccessibleName("Warnings")
        self.warnings.setWordWrap(True)
        warnings_label = QLabel("&Warnings:", self)
        warnings_label.setBuddy(self.warnings)
        self.plan = QListWidget(self)
        self.plan.setObjectName("letterActionPlan")
        self.plan.setAccessibleName("Action plan: what to obtain before sending")
        self.plan.setWordWrap(True)
        plan_label = QLabel("Acti&on plan (what to obtain before the letter is sent):", self)
        plan_label.setBuddy(self.plan)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (plan_label, self.plan, missing_label, self.missing, warnings_label):
            layout.addWidget(w)
        layout.addWidget(self.warnings)
        QWidget.setTabOrder(self.plan, self.missing)
        QWidget.setTabOrder(self.missing, self.warnings)

    def clear(self) -> None:
        self.plan.clear()
        self.missing.clear()
        self.warnings.clear()

    def _show_plan(self, result: LetterResult) -> None:
        for step in result.action_plan:
            lead = "NOT MET" if step.kind == "unmet" else "DOCUMENT"
            item = QListWidgetItem(f"{lead}: {step.criterion}: {gui_words(step.action)}")
            item.setToolTip(f"{step.criterion}: {step.problem}")
            self.plan.addItem(item)
        if not result.action_plan:
            item = QListWidgetItem(
                "Nothing to obtain: the case meets every payer criterion the letter rests on."
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.plan.addItem(item)

    def show_result(self, result: LetterResult, case: Case | None) -> None:
        self.clear()
        self._show_plan(result)
        for label in result.placeholders:
            path = placeholder_path(label, case)
            blank = label in result.blanks
            text = f"[{label}]" + (" (blank line for the patient or family)" if blank else "")
            item = QListWidgetItem(text + (f"  → {describe_path(path)}" if path else ""))
            item.setData(PathRole, path)
            item.setToolTip(
                f"Double-click to go to {describe_path(path)}"
                if path
                else "Not a case field: complete it in the paragraph, or attach the document"
            )
            self.missing.addItem(item)
        if not result.placeholders:
            item = QListWidgetItem("None: every fact the letter uses is in the case.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.missing.addItem(item)
        for warning in result.warnings or ["No warnings."]:
            self.warnings.addItem(gui_words(warning))

    def _on_activated(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if path:
            self.go_to_field.emit(str(path))


def signed_copy_text(store: Store, case_id: str, kind: str, profile: PolicyProfile) -> str | None:
    """Which copy of the letter goes out; None for kinds a signed copy does not stand for."""
    if kind != SIGNED_KIND:
        return None
    signed = signed_copy(store, case_id)
    if signed is not None:
        return f"Signed copy on file: {signed.file_name} (this is what the bundle uses)."
    title = next((c.title for c in profile.categories if c.id == SIGNED_CATEGORY), SIGNED_CATEGORY)
    return (
        "No signed copy attached: the bundle uses a letter generated from the saved case. "
        f"After signing, attach the signed PDF in the Evidence tab as category “{title}”."
    )


def denial_text(
    store: Store,
    case_id: str,
    kind: str,
    profile: PolicyProfile,
    denial_event: str | None = None,
) -> str | None:
    """The denial an appeal letter answers (as the core picks it), or that there is none."""
    if kind not in APPEAL_KINDS:
        return None
    try:
        denial = appeal_denial(store, case_id, kind, denial_event=denial_event)
    except QalsodyError as exc:  # the chosen denial was deleted meanwhile
        return str(exc)
    if denial is None:
        return (
            "No denial is recorded for this case, so the letter cannot name the denial or "
            "answer its reasons. Record the denial (date and reasons) on the case timeline, "
            "then refresh (Ctrl+R)."
        )
    titles = {r.id: r.title for r in profile.denial_reasons}
    reasons = "; ".join(titles.get(r, r) for r in denial.reason_ids) or "none recorded"
    when = denial.letter_date.isoformat() if denial.letter_date else "date not recorded"
    ref = f", reference {denial.reference}" if denial.reference else ""
    if kind == "internal_appeal":
        which = "the chosen" if denial_event else "the latest recorded"
        return f"Answers {which} denial ({when}{ref}). Reasons: {reasons}."
    if denial.final:
        return (
            f"Cites the final internal adverse determination ({when}{ref}) and answers the "
            f"reasons it upheld: {reasons}."
        )
    return (
        f"No final internal adverse determination is recorded: the request cites the latest "
        f"denial ({when}{ref}). Record the final denial on the timeline first. Reasons: {reasons}."
    )
