"""Drafting a letter off the GUI thread: compose it and render its PDF preview in a worker.

The medical necessity letter takes about 0.3 s to compose and render, so a redraft runs on the
shared TaskRunner; the worker opens its own :class:`Store` (an SQLite connection belongs to its
thread) and touches no widget. Only the newest request counts: each one gets a generation
number, and a draft of an older generation is dropped when it arrives. A request made while one
is running waits and runs once, with the latest case, when that one ends. ``now`` drafts inline
for actions that need the draft at once (saving a paragraph, exporting).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.document.pdf_render import pdf_bytes
from ..core.letters.context import LetterResult
from ..core.letters.service import generate_letter
from ..core.model import Case
from ..core.policy.model import PolicyProfile
from ..core.storage import Store
from .task import TaskContext, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    case_id: str
    kind: str
    case: Case
    today: date | None
    explicit: bool  # asked for by the user (a failure gets a message box)
    denial_event: str | None = None  # the initial denial an internal appeal answers


@dataclass
class Draft:
    generation: int
    request: Request
    result: LetterResult | None = None
    pdf: bytes = b""
    error: str | None = None  # why it failed, for the user


def compose(store: Store, profile: PolicyProfile, request: Request, generation: int) -> Draft:
    """The letter and its PDF, or the reason it could not be drafted (never raises)."""
    draft = Draft(generation, request)
    try:
        draft.result = generate_letter(
            store,
            request.case_id,
            request.kind,
            profile=profile,
            today=request.today,
            case=request.case,
            denial_event=request.denial_event,
        )
        draft.pdf = pdf_bytes(draft.result.document)
    except Exception as exc:  # noqa: BLE001 - reported to the user by the panel
        log.warning(
            "letter %s of case %s failed: %s", request.kind, request.case_id, type(exc).__name__
        )
        draft.result, draft.error = None, str(exc) or type(exc).__name__
    return draft


class LetterDrafter(QObject):
    """``drafted(Draft)`` fires on the GUI thread for the newest request only."""

    drafted = Signal(object)

    def __init__(
        self, store: Store, profile: PolicyProfile, tasks: TaskRunner, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.store, self.profile, self.tasks = store, profile, tasks
        self.generation = 0
        self._running = False
        self._current: tuple[Request, int] | None = None  # the request in flight
        self._waiting: Request | None = None

    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def cancel(self) -> None:
        """Drop whatever is in flight or waiting (the case was closed or switched)."""
        self.generation += 1
        self._waiting = None

    def request(self, request: Request) -> None:
        """Draft in the background; the newest request wins."""
        request = _own(request)
        self.generation += 1
        if self._running:
            self._waiting = request
            return
        self._start(request, self.generation)

    def now(self, request: Request) -> Draft:
        """Draft inline (about 0.3 s at most), superseding anything in flight."""
        self.cancel()
        return compose(self.store, self.profile, _own(request), self.generation)

    def _start(self, request: Request, generation: int) -> None:
        root: Path = self.store.root
        profile = self.profile

        def work(_ctx: TaskContext) -> Draft:
            with Store(root) as store:
                return compose(store, profile, request, generation)

        self._running, self._current = True, (request, generation)
        self.tasks.run(work, name="draft letter", on_success=self._done, on_error=self._crashed)

    def _done(self, draft: Draft) -> None:
        self._running, self._current = False, None
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(waiting, self.generation)
        elif draft.generation == self.generation:
            self.drafted.emit(draft)

    def _crashed(self, exc: BaseException) -> None:
        """Opening the worker's Store failed (``compose`` itself never raises)."""
        log.warning("letter draft failed: %s", type(exc).__name__)
        current = self._current
        self._running, self._current = False, None
        if current is not None:
            self._done(Draft(current[1], current[0], error=str(exc) or type(exc).__name__))


def _own(request: Request) -> Request:
    """A private copy of the case: the worker must not read an object the GUI may change."""
    return Request(
        request.case_id,
        request.kind,
        copy.deepcopy(request.case),
        request.today,
        request.explicit,
        request.denial_event,
    )
