"""The case editor: Designer forms and tables for every part of the case, validated as you type."""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.derived import alsfrs_series, case_age
from ..core.errors import FieldError
from ..core.model import Case
from ..core.validation import check_case, normalize_case
from .binding import FormBinder
from .fields import row_type, split_row_path, table_fields
from .fit import AdaptiveRow
from .forms.ui_diagnosis import Ui_DiagnosisForm
from .forms.ui_functional_status import Ui_FunctionalStatusForm
from .forms.ui_genetics import Ui_GeneticsForm
from .forms.ui_insurance import Ui_InsuranceForm
from .forms.ui_patient import Ui_PatientForm
from .forms.ui_prescriber import Ui_PrescriberForm
from .forms.ui_request import Ui_RequestForm
from .problems import ProblemList
from .section_tabs import SectionTabs
from .tables import ComputedColumn, RowTableModel, TableSection

ALSFRS_COMPUTED = (
    ComputedColumn(
        "since_previous",
        "Decline/month\nsince previous",
        "ALSFRS-R points lost per month since the previous assessment (positive = worse)",
    ),
    ComputedColumn(
        "since_onset", "Decline/month\nsince onset", "(48 - total) / months since symptom onset"
    ),
)
TABLE_WIDTHS = {
    "alsfrs_r": {"date": 110, "total": 70, "items": 270, "since_previous": 130},
    "nfl": {"date": 100, "value": 70, "unit": 70},
    "pulmonary": {"date": 100, "fvc_percent_predicted": 100},
    "emg": {"date": 110},
    "therapies": {
        "drug": 90,
        "start": 88,
        "end": 88,
        "dose": 175,
        "response": 165,
        "side_effects": 120,
    },
    "symptom_timeline": {"date": 110},
}
TABLE_WIDTH = 420  # tables side by side only while each gets this much width
STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"] {
    border: 1px solid #c62828; border-radius: 3px; background: #fff4f4; padding: 2px 4px;
}
QLabel#caseHeading { font-size: 17px; font-weight: 600; }
QLabel#caseDetails { color: #555; }
"""
_TOP_ORDER = {f.name: i for i, f in enumerate(dataclasses.fields(Case))}


def _form(ui_class: type) -> QWidget:
    widget = QWidget()
    ui = ui_class()
    ui.setupUi(widget)
    widget.ui = ui  # type: ignore[attr-defined]
    return widget


def _fmt_decline(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


class CaseEditor(QWidget):
    """Edits one case; ``changed`` fires after every edit, once problems are recomputed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseEditor")
        self.setStyleSheet(STYLE)
        self._base = Case()
        self._case = Case()
        self._errors: list[FieldError] = []
        self._baseline: tuple[Any, ...] = ()

        forms = {
            name: _form(cls)
            for name, cls in [
                ("patient", Ui_PatientForm),
                ("insurance", Ui_InsuranceForm),
                ("prescriber", Ui_PrescriberForm),
                ("diagnosis", Ui_DiagnosisForm),
                ("genetics", Ui_GeneticsForm),
                ("functional_status", Ui_FunctionalStatusForm),
                ("request", Ui_RequestForm),
            ]
        }
        self.forms = forms
        self.tables: dict[str, TableSection] = {}
        for path, info in table_fields().items():
            computed = ALSFRS_COMPUTED if path == "alsfrs_r" else ()
            model = RowTableModel(path, row_type(info), computed, self)
            section = TableSection(model, info.title)
            section.set_column_widths(TABLE_WIDTHS.get(path, {}))
            model.edited.connect(self._on_edit)
            self.tables[path] = section

        self.heading = QLabel("New case", self)
        self.heading.setObjectName("caseHeading")
        self.details = QLabel(self)
        self.details.setObjectName("caseDetails")
        self.tabs = SectionTabs(self)
        self.tabs.setObjectName("sections")
        self.tabs.addSection("Case facts")
        t = self.tables
        # each page: rows of widgets side by side; a row with a table takes the spare height
        pages: list[tuple[str, list[list[QWidget]]]] = [
            ("Patient", [[forms["patient"]]]),
            ("Insurance", [[forms["insurance"]]]),
            ("Prescriber", [[forms["prescriber"]]]),
            (
                "Diagnosis && genetics",
                [[forms["diagnosis"], forms["genetics"]], [t["symptom_timeline"]]],
            ),
            ("ALSFRS-R", [[t["alsfrs_r"]]]),
            ("Tests", [[t["nfl"], t["pulmonary"]], [t["emg"]]]),
            ("Therapies", [[t["therapies"]]]),
            ("Function && request", [[forms["functional_status"], forms["request"]]]),
        ]
        self._tab_titles: list[str] = []
        for title, rows in pages:
            self.tabs.addTab(self._page(rows), title)
            self._tab_titles.append(title)

        self.binder = FormBinder(forms.values(), self)
        self.binder.edited.connect(self._on_edit)
        self.problems = ProblemList(self)
        self.problems.activated.connect(self.focus_path)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        self.load(Case())

    def _page(self, rows: list[list[QWidget]]) -> QWidget:
        inner = QWidget()
        box = QVBoxLayout(inner)
        has_table = False
        for row in rows:
            is_table = any(isinstance(w, TableSection) for w in row)
            has_table = has_table or is_table
            for widget in row:
                if not is_table:
                    widget.layout().setAlignment(Qt.AlignmentFlag.AlignTop)
            # side by side while each gets room (tables: TABLE_WIDTH), stacked on a laptop
            line = AdaptiveRow(row, TABLE_WIDTH if is_table else 0)
            box.addWidget(line, 1 if is_table else 0)
        if not has_table:
            box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    # --- loading and reading --------------------------------------------------------------------

    def load(self, case: Case) -> None:
        """Show ``case`` (a copy is kept); the editor is clean afterwards."""
        self._base = copy.deepcopy(case)
        self.binder.load(case)
        for path, section in self.tables.items():
            section.model.load(getattr(case, path))
        self._recompute(emit=False)
        self._baseline = self._snapshot()
        self.changed.emit()

    def apply_case(self, case: Case) -> None:
        """Show a changed version of the case (accepted suggestions); it stays unsaved."""
        baseline = self._baseline
        self.load(case)
        self._baseline = baseline
        self.changed.emit()

    def commit_pending(self) -> None:
        for section in self.tables.values():
            section.commit_pending()

    def case(self) -> Case:
        """The edited case, normalized (valid only if :meth:`errors` is empty)."""
        return copy.deepcopy(self._case)

    def errors(self) -> list[FieldError]:
        return list(self._errors)

    def is_dirty(self) -> bool:
        return self._snapshot() != self._baseline

    def _snapshot(self) -> tuple[Any, ...]:
        return (self.binder.snapshot(), *(s.model.snapshot() for s in self.tables.values()))

    def _collect(self) -> tuple[Case, list[FieldError]]:
        case = copy.deepcopy(self._base)
        parse_errors: list[FieldError] = []
        self.binder.apply(case, parse_errors)
        for path, section in self.tables.items():
            setattr(case, path, section.model.items(parse_errors))
        normalize_case(case)
        unparsed = {e.path for e in parse_errors}
        errors = parse_errors + [e for e in check_case(case) if e.path not in unparsed]
        return case, sorted(errors, key=self._error_order)

    @staticmethod
    def _error_order(error: FieldError) -> tuple[int, int]:
        name, row, _ = split_row_path(error.path)
        return _TOP_ORDER.get(name.split(".")[0], 99), -1 if row is None else row

    # --- after every edit ------------------------------------------------------------------------

    def _on_edit(self, *_: object) -> None:
        self._recompute(emit=True)

    def _recompute(self, emit: bool) -> None:
        self._case, self._errors = self._collect()
        form_problems: dict[str, list[str]] = defaultdict(list)
        cell_problems: dict[str, dict[tuple[int, str], list[str]]] = defaultdict(dict)
        tab_counts: dict[int, int] = defaultdict(int)
        for error in self._errors:
            name, row, field = split_row_path(error.path)
            if row is not None and name in self.tables:
                cell_problems[name].setdefault((row, field or ""), []).append(error.message)
                tab_counts[self._tab_of(self.tables[name])] += 1
            else:
                form_problems[error.path].append(error.message)
                widget = self.binder.widgets.get(error.path)
                if widget is not None:
                    tab_counts[self._tab_of(widget)] += 1
        self.binder.show_problems(form_problems)
        for path, section in self.tables.items():
            section.model.set_problems(cell_problems.get(path, {}))
        self._update_alsfrs()
        self.problems.set_problems(self._errors)
        for i, title in enumerate(self._tab_titles):
            n = tab_counts.get(i, 0)
            self.tabs.setTabText(i, f"{title} ({n})" if n else title)
            self.tabs.tabBar().setTabTextColor(i, QColor("#b3261e") if n else QColor())
        self._update_heading()
        if emit:
            self.changed.emit()

    def _update_alsfrs(self) -> None:
        points = alsfrs_series(self._case)
        values = []
        for item in self._case.alsfrs_r:
            point = next((p for p in points if p.date == item.date and p.total == item.total), None)
            values.append(
                {}
                if point is None
                else {
                    "since_previous": _fmt_decline(point.decline_since_previous),
                    "since_onset": _fmt_decline(point.decline_since_onset),
                }
            )
        self.tables["alsfrs_r"].model.set_computed(values)

    def _update_heading(self) -> None:
        case = self._case
        p = case.patient
        self.heading.setText(case.display_name if (p.first_name or p.last_name) else "New case")
        parts = []
        if p.date_of_birth:
            parts.append(f"DOB {p.date_of_birth.isoformat()} (age {case_age(case)})")
        if p.mrn:
            parts.append(f"MRN {p.mrn}")
        if case.insurance.payer:
            parts.append(case.insurance.payer)
        self.details.setText("  ·  ".join(parts))

    # --- navigation ------------------------------------------------------------------------------

    def _tab_of(self, widget: QWidget) -> int:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                return i
        return -1

    def _show(self, widget: QWidget) -> None:
        index = self._tab_of(widget)
        if index >= 0:
            self.tabs.setCurrentIndex(index)
            page = self.tabs.widget(index)
            if isinstance(page, QScrollArea):
                page.ensureWidgetVisible(widget)

    def focus_path(self, path: str) -> None:
        """Bring the widget or table cell of a field path into view and focus it."""
        name, row, field = split_row_path(path)
        if name in self.tables:
            section = self.tables[name]
            self._show(section)
            section.focus_cell(row or 0, field)
            return
        widget = self.binder.widgets.get(path)
        if widget is not None:
            self._show(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def widget(self, path: str) -> QWidget:
        return self.binder.widgets[path]

    def tab_texts(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]
