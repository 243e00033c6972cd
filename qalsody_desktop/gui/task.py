"""The one background-task helper of the app (text extraction, bundle assembly, ...).

Usage::

    task = runner.run(work, on_success=show, on_error=report, progress_title="Assembling bundle")

``work(ctx)`` runs on a thread pool and receives a :class:`TaskContext`; it reports with
``ctx.progress(done, total, message)`` and checks ``ctx.cancelled()`` (cancel is cooperative).
Result, error, progress and cancellation are delivered on the GUI thread through the signals of a
:class:`Task`, a QObject that lives on the GUI thread; the worker never touches a widget. The pool
is injectable: tests pass :class:`SynchronousPool` to run tasks inline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)


class TaskCancelled(Exception):
    """Raised by work that stops early because the user cancelled (see TaskContext.check)."""


class Pool(Protocol):
    def start(self, runnable: QRunnable) -> None: ...


class SynchronousPool:
    """Runs each task inline on the calling thread: deterministic tests, same signals."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


class TaskContext:
    """What the work function sees: report progress, ask whether to stop."""

    def __init__(self, task: Task):
        self._task = task

    def progress(self, done: int, total: int, message: str = "") -> None:
        self._task._progress_from_worker.emit(int(done), int(total), str(message))

    def cancelled(self) -> bool:
        return self._task._cancel_event.is_set()

    def check(self) -> None:
        """Raise TaskCancelled if the user asked to stop."""
        if self.cancelled():
            raise TaskCancelled()


class Task(QObject):
    """Handle of one running task; lives on the GUI thread, so its signals arrive there.

    Exactly one of ``succeeded``, ``failed`` or ``cancelled`` is emitted, then ``finished``.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    # emitted from the worker thread; queued to the slots below because this object is
    # owned by the GUI thread
    _progress_from_worker = Signal(int, int, str)
    _done_from_worker = Signal(str, object)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._cancel_event = threading.Event()
        self.done = False
        self.outcome: str | None = None  # "succeeded" | "failed" | "cancelled"
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None  # set when the task shows progress
        self._progress_from_worker.connect(self._on_progress)
        self._done_from_worker.connect(self._on_done)

    def cancel(self) -> None:
        self._cancel_event.set()

    def is_cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.done:
            self.progressed.emit(done, total, message)

    @Slot(str, object)
    def _on_done(self, outcome: str, value: object) -> None:
        self.done = True
        self.outcome = outcome
        if outcome == "succeeded":
            self.result = value
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.error = value  # type: ignore[assignment]
            self.failed.emit(value)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[TaskContext], Any]):
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn

    def run(self) -> None:
        task = self._task
        ctx = TaskContext(task)
        try:
            value = self._fn(ctx)
        except TaskCancelled:
            _deliver(task, "cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI, never lost
            log.warning("task %r failed: %s", task.name, type(exc).__name__)
            _deliver(task, "failed", exc)
        else:
            _deliver(task, "cancelled" if task.is_cancel_requested() else "succeeded", value)


def _deliver(task: Task, outcome: str, value: object) -> None:
    try:
        task._done_from_worker.emit(outcome, value)
    except RuntimeError:  # the app quit and its objects are gone: nobody is left to tell
        log.info("task %r ended after the app closed", task.name)


class TaskRunner:
    """Starts tasks on a pool and keeps them alive until they finish."""

    def __init__(self, pool: Pool | None = None):
        self.pool: Pool = pool if pool is not None else QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        name: str = "task",
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        progress_title: str | None = None,
        parent: QWidget | None = None,
    ) -> Task:
        """Run ``fn(ctx)`` in the background; callbacks are called on the GUI thread.

        With ``progress_title`` a modal QProgressDialog (with Cancel) follows the task.
        """
        task = Task(name)
        if on_success:
            task.succeeded.connect(_unless_gone(on_success, name))
        if on_error:
            task.failed.connect(_unless_gone(on_error, name))
        if on_progress:
            task.progressed.connect(_unless_gone(on_progress, name))
        if on_cancelled:
            task.cancelled.connect(_unless_gone(on_cancelled, name))
        if progress_title:
            task.dialog = _attach_progress_dialog(task, progress_title, parent)
        self._running.add(task)
        task.finished.connect(lambda: self._running.discard(task))
        self.pool.start(_Runnable(task, fn))
        return task

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """As the app quits: ask running tasks to stop and wait for the workers, so no worker
        is still running Python (an import, an emit to a deleted task) while Qt is torn down.
        False when a worker did not end in time."""
        for task in list(self._running):
            task.cancel()
        wait = getattr(self.pool, "waitForDone", None)
        return bool(wait(timeout_ms)) if wait is not None else True

    def active(self) -> int:
        return len(self._running)


def _unless_gone(callback: Callable[..., Any], name: str) -> Callable[..., None]:
    """The callback, except that a result arriving after its widget was closed and deleted
    (the window shut while the worker ran) is dropped instead of raising into Qt."""

    def call(*args: Any) -> None:
        try:
            callback(*args)
        except RuntimeError as exc:
            if "already deleted" not in str(exc):
                raise
            log.info("task %r finished after its window closed; result dropped", name)

    return call


def _attach_progress_dialog(task: Task, title: str, parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(400)  # quick tasks finish without a flash of a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(task.cancel)

    def on_progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if message:
            dialog.setLabelText(message)

    def on_finished() -> None:
        dialog.canceled.disconnect(task.cancel)
        dialog.close()
        dialog.deleteLater()

    task.progressed.connect(on_progress)
    task.finished.connect(on_finished)
    return dialog
