"""The Evidence tab's "Split…" action: one faxed PDF into one attachment per document.

Both steps run on the task runner (reading and classifying every page of a long fax would
stall the GUI): first the plan, which the user confirms, then the split itself. The worker
opens its own Store, as attaching does.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..core.classifier.local import load_local
from ..core.errors import QalsodyError
from ..core.evidence.records import Attachment
from ..core.evidence.split import SplitResult, split_attachment
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from .task import TaskContext, TaskRunner

log = logging.getLogger(__name__)


def can_split(att: Attachment | None) -> bool:
    return att is not None and att.kind == "pdf" and att.pages > 1


class SplitAction(QObject):
    """Plan, confirm, split; ``finished`` carries the new attachment ids."""

    finished = Signal(list)

    def __init__(
        self,
        store: Store,
        profile: PolicyProfile,
        dialogs: Any,
        tasks: TaskRunner,
        parent: QWidget,
    ):
        super().__init__(parent)
        self.store, self.profile, self.dialogs, self.tasks = store, profile, dialogs, tasks
        self.widget = parent
        self._titles = {c.id: c.title for c in profile.categories}

    def start(self, case_id: str, att: Attachment) -> None:
        root, profile = self.store.root, self.profile

        def plan(ctx: TaskContext) -> SplitResult:
            with Store(root) as store:
                return split_attachment(
                    store, case_id, att.id, profile, dry_run=True, local=load_local(root)
                )

        self.tasks.run(
            plan,
            name="split-plan",
            on_success=lambda result: self._confirm(case_id, att, result),
            on_error=lambda exc: self._failed(att, exc),
            progress_title="Reading the pages",
            parent=self.widget.window(),
        )

    def describe(self, result: SplitResult) -> str:
        lines = []
        for s in result.segments:
            pages = f"page {s.first}" if s.first == s.last else f"pages {s.first}–{s.last}"
            kind = "fax cover sheet (left out)" if s.cover_sheet else self._titles[s.category]
            lines.append(f"• {pages}: {kind}")
        return "\n".join(lines)

    def _confirm(self, case_id: str, att: Attachment, plan: SplitResult) -> None:
        text = (
            f"“{att.file_name}” holds {len(plan.segments)} documents:\n{self.describe(plan)}\n\n"
            "Each becomes its own file with its own category; the original is replaced."
        )
        if not self.dialogs.confirm(self.widget, "Split file", text, "Split"):
            return
        root, profile = self.store.root, self.profile

        def work(ctx: TaskContext) -> SplitResult:
            with Store(root) as store:
                return split_attachment(store, case_id, att.id, profile, local=load_local(root))

        self.tasks.run(
            work,
            name="split",
            on_success=lambda r: self.finished.emit([p.attachment_id for p in r.parts]),
            on_error=lambda exc: self._failed(att, exc),
            progress_title="Splitting the file",
            parent=self.widget.window(),
        )

    def _failed(self, att: Attachment, exc: BaseException) -> None:
        log.info("split of %s not done: %s", att.id, type(exc).__name__)
        if isinstance(exc, QalsodyError):
            message = str(exc).removeprefix(f"{att.id}: ")
        else:
            message = f"The file could not be split: {exc}"
        self.dialogs.error(self.widget, "Not split", message)
