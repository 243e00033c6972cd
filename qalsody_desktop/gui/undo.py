"""Undo for deletes (attachments, timeline events): one QUndoStack for the window.

A delete removes rows and keeps them in the command; Undo puts them back through the
repository's ``restore`` (which refuses when the same file was attached again). A failure is
reported through the window's dialogs, never raised into Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..core.storage.snapshot import Removed

log = logging.getLogger(__name__)


class DeleteCommand(QUndoCommand):
    def __init__(
        self,
        removed: Removed,
        remove: Callable[[], Removed],
        restore: Callable[[Removed], None],
        changed: Callable[[], None],
        report: Callable[[str], None],
    ):
        super().__init__(f"Remove {removed.what} {removed.label}")
        self.removed = removed
        self._remove, self._restore = remove, restore
        self._changed, self._report = changed, report
        self._first = True  # the delete already happened when the command was pushed

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        try:
            self.removed = self._remove()
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Qt
            self._fail("redo", exc)
        self._changed()

    def undo(self) -> None:
        try:
            self._restore(self.removed)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Qt
            self._fail("undo", exc)
        self._changed()

    def _fail(self, what: str, exc: Exception) -> None:
        log.warning("%s of %s failed: %s", what, self.removed.what, type(exc).__name__)
        self.setObsolete(True)
        self._report(f"Could not {what} “{self.text()}”: {exc}")


def push_delete(stack: Any, removed: Removed, **callbacks: Any) -> DeleteCommand:
    command = DeleteCommand(removed, **callbacks)
    stack.push(command)
    return command
