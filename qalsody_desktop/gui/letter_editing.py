"""The Letters panel's edit operations: save or revert one paragraph, settle a conflict.

A mixin of :class:`LetterPanel` (kept apart so the panel module stays small). Each edit is
stored with the case through the core, then the letter is redrafted.
"""

from __future__ import annotations

from typing import Any

from ..core.letters import Conflict
from ..core.letters.edits import Choice, resolve_conflict
from ..core.letters.service import edit_paragraph
from ..core.storage.letter_edits import LetterEditRepository
from .letter_fields import paragraph_name


class LetterEditing:
    store: Any
    dialogs: Any
    case_id: str | None
    paragraphs: Any
    changed: Any
    status: Any

    def save_paragraph(self, block_id: str, text: str) -> None:
        """Store the user's text for one paragraph (kept with the case), then redraft."""
        result = self._fresh()
        if result is None or self.case_id is None:
            return
        try:
            edit_paragraph(self.store, self.case_id, result, block_id, text)
        except Exception as exc:  # noqa: BLE001
            self.dialogs.error(self, "Paragraph not saved", f"The paragraph was not saved: {exc}")
            return
        self._after_edit(f"Paragraph “{paragraph_name(block_id)}” saved with the case")

    def revert_paragraph(self, block_id: str) -> None:
        """Drop the user's edit: the generated text shows again."""
        if self.case_id is None:
            return
        try:
            LetterEditRepository(self.store.db).delete(self.case_id, self.kind(), block_id)
        except Exception as exc:  # noqa: BLE001
            self.dialogs.error(self, "Edit not removed", f"The edit was not removed: {exc}")
            return
        self._after_edit(f"Paragraph “{paragraph_name(block_id)}” back to the generated text")

    def resolve(self, conflict: Conflict, choice: Choice) -> None:
        """Keep the user's edit over the new paragraph, or take the new text (drop the edit)."""
        result = self._fresh()
        if result is None or self.case_id is None:
            return
        current = next((c for c in result.conflicts if c.block_id == conflict.block_id), None)
        if current is None:  # settled meanwhile (e.g. the case changed back)
            return
        try:
            repo = LetterEditRepository(self.store.db)
            resolve_conflict(repo, self.case_id, result.kind, current, choice)
        except Exception as exc:  # noqa: BLE001
            self.dialogs.error(self, "Choice not saved", f"The choice was not saved: {exc}")
            return
        kept = "the new text used"
        if choice == "keep_edit":
            kept = "your edit kept" + (" until it returns" if current.vanished else "")
        self._after_edit(f"Paragraph “{paragraph_name(current.block_id)}”: {kept}")

    def _after_edit(self, message: str) -> None:
        self.paragraphs.forget_pending()
        self.refresh()
        self.changed.emit()
        self.status.emit(message)
