"""The shared background-task helper: real thread pool and the synchronous fake."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QPushButton

from qalsody_desktop.gui.task import SynchronousPool, TaskCancelled, TaskRunner


@pytest.fixture
def pool():
    pool = QThreadPool()
    yield pool
    pool.waitForDone(5000)


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, pool):
    runner = TaskRunner(pool)
    gui_thread = QApplication.instance().thread()
    seen: list[tuple[int, int, str, bool]] = []
    worker_threads: list[object] = []

    def work(ctx):
        worker_threads.append(QThread.currentThread())
        for i in range(1, 4):
            ctx.progress(i, 3, f"step {i}")
        return "done"

    results: list[object] = []
    task = runner.run(
        work,
        on_progress=lambda d, t, m: seen.append((d, t, m, QThread.currentThread() is gui_thread)),
        on_success=lambda r: results.append((r, QThread.currentThread() is gui_thread)),
    )
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert worker_threads and worker_threads[0] is not gui_thread
    assert results == [("done", True)]
    assert seen == [(1, 3, "step 1", True), (2, 3, "step 2", True), (3, 3, "step 3", True)]
    assert task.outcome == "succeeded" and task.result == "done"
    assert runner.active() == 0


def test_exception_is_delivered_as_error_not_raised(qtbot, pool):
    runner = TaskRunner(pool)
    errors: list[BaseException] = []
    successes: list[object] = []

    def work(ctx):
        raise ValueError("broken input")

    task = runner.run(work, on_error=errors.append, on_success=successes.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], ValueError)
    assert str(errors[0]) == "broken input"
    assert successes == []
    assert task.outcome == "failed"


def test_cancel_is_cooperative(qtbot, pool):
    runner = TaskRunner(pool)
    started = threading.Event()
    steps: list[int] = []

    def work(ctx):
        started.set()
        for i in range(10_000):
            if ctx.cancelled():
                return "partial"
            steps.append(i)
            QThread.msleep(1)
        return "complete"

    successes: list[object] = []
    cancelled: list[bool] = []
    task = runner.run(
        work, on_success=successes.append, on_cancelled=lambda: cancelled.append(True)
    )
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert cancelled == [True]
    assert successes == []  # a cancelled task's return value is not a success
    assert len(steps) < 10_000
    assert task.outcome == "cancelled"


def test_check_raises_task_cancelled_and_ends_as_cancelled(qtbot):
    runner = TaskRunner(SynchronousPool())
    after_check: list[bool] = []

    def work(ctx):
        ctx._task.cancel()  # as if the user pressed Cancel between two steps
        ctx.check()
        after_check.append(True)
        return "not reached"

    task = runner.run(work)
    assert task.outcome == "cancelled"
    assert after_check == []
    assert issubclass(TaskCancelled, Exception)


def test_synchronous_pool_runs_inline_with_the_same_signals(qtbot):
    runner = TaskRunner(SynchronousPool())
    progress: list[tuple[int, int, str]] = []
    task = runner.run(
        lambda ctx: (ctx.progress(1, 2, "half"), 42)[1],
        on_progress=lambda *a: progress.append(a),
    )
    assert task.done and task.result == 42
    assert progress == [(1, 2, "half")]


def test_progress_dialog_follows_and_cancels(qtbot, pool):
    runner = TaskRunner(pool)
    release = threading.Event()

    def work(ctx):
        ctx.progress(1, 4, "reading files")
        while not ctx.cancelled():
            if release.wait(0.005):
                break
        ctx.check()
        return "finished"

    task = runner.run(work, progress_title="Working")
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.labelText() == "reading files", timeout=5000)
    assert dialog.maximum() == 4 and dialog.value() == 1
    with qtbot.waitSignal(task.finished, timeout=5000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert task.outcome == "cancelled"
    assert not dialog.isVisible()


def test_a_result_for_a_deleted_widget_is_dropped(qtbot):
    from PySide6.QtWidgets import QLabel
    from shiboken6 import delete

    label = QLabel()
    runner = TaskRunner(SynchronousPool())
    delete(label)  # the window closed while the worker ran
    task = runner.run(lambda ctx: "late", on_success=label.setText)  # would raise into Qt
    assert task.outcome == "succeeded"


def test_other_runtime_errors_still_surface(qtbot):
    runner = TaskRunner(SynchronousPool())

    def broken(result: object) -> None:
        raise RuntimeError("a real bug")

    with qtbot.capture_exceptions() as caught:
        runner.run(lambda ctx: 1, on_success=broken)
    assert caught and "a real bug" in str(caught[0][1])


def test_shutdown_stops_and_waits_for_the_workers(qtbot):
    """As the app quits, no worker may still run Python while Qt is torn down."""
    pool = QThreadPool()
    runner = TaskRunner(pool)
    started, finished = threading.Event(), threading.Event()

    def work(ctx):
        started.set()
        while not ctx.cancelled():  # cooperative: stops when asked
            threading.Event().wait(0.01)
        finished.set()

    runner.run(work, name="long")
    assert started.wait(5)
    assert runner.shutdown(5000) is True
    assert finished.is_set()  # the worker ended before shutdown returned
