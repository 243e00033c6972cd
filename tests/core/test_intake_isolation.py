"""Intake reads every file in a killable reader process: timeouts, cancel, crashes, reuse."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from intake_helpers import children_of_this_process, slow_pdf, text_pdf

from qalsody_desktop.core.intake import inspect_bytes, pool
from qalsody_desktop.core.intake.pool import WorkerPool

linux_only = pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task").is_dir(), reason="needs Linux /proc to list children"
)


@pytest.fixture
def own_pool(monkeypatch):
    """A private pool, so killing its workers cannot disturb other tests. Its readers use
    pypdf's text extractor, which the small hostile PDF keeps busy (PDFium reads it at once)."""
    monkeypatch.setenv("QALSODY_PDF_TEXT", "pypdf")
    private = WorkerPool()
    monkeypatch.setattr(pool, "_POOL", private)
    yield private
    private.close()


def assert_no_zombies() -> None:
    if Path(f"/proc/{os.getpid()}/task").is_dir():
        states = children_of_this_process()
        assert "Z" not in states.values(), states


def test_a_small_hostile_pdf_is_cut_off_at_the_timeout(own_pool):
    data = slow_pdf()
    assert len(data) < 20_000  # small: size-based isolation would have read it in the app
    started = time.monotonic()
    result = inspect_bytes(data, "slow.pdf", timeout=1.0)
    elapsed = time.monotonic() - started
    assert (result.status, result.error) == ("rejected", "could not be read within 1 s")
    assert result.kind == "pdf" and result.page_texts == []
    assert elapsed < 1.0 + pool.STARTUP_TIMEOUT and elapsed < 8, elapsed
    assert own_pool.idle_pids() == []  # the busy worker was killed, not kept
    assert_no_zombies()
    after = inspect_bytes(text_pdf([["still works"]]), "next.pdf")
    assert after.status == "ok" and "still works" in after.text


def test_cancel_stops_an_isolated_read(own_pool):
    own_pool.prewarm()
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    result = inspect_bytes(slow_pdf(), "slow.pdf", cancel=stop.is_set)
    assert (result.status, result.error) == ("rejected", "reading was cancelled")
    assert time.monotonic() - started < 5
    assert_no_zombies()


@linux_only
def test_a_reader_that_dies_is_reported_and_reaped(own_pool):
    own_pool.prewarm()
    (pid,) = own_pool.idle_pids()
    data = slow_pdf()  # built before the clock starts: the worker must die while reading it
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
    result = inspect_bytes(data, "crash.pdf", timeout=30)
    assert result.status == "rejected"
    assert result.error == "the reader stopped unexpectedly on this file (exit code -9)"
    assert pid not in children_of_this_process()
    assert_no_zombies()


def test_the_warm_reader_is_reused(own_pool):
    small = text_pdf([["hello"]])
    inspect_bytes(small, "a.pdf")
    first = own_pool.idle_pids()
    started = time.monotonic()
    for _ in range(10):
        assert inspect_bytes(small, "a.pdf").status == "ok"
    assert own_pool.idle_pids() == first and len(first) == 1
    assert time.monotonic() - started < 5  # a fresh process each time would also pass this...
    assert_no_zombies()  # ...so reuse is shown by the unchanged pid above


def test_a_worker_that_served_a_large_file_is_replaced(monkeypatch, own_pool):
    monkeypatch.setattr(own_pool, "recycle_bytes", 100)
    inspect_bytes(text_pdf([["big enough"]]), "a.pdf")
    assert own_pool.idle_pids() == []
    assert_no_zombies()


def test_idle_workers_stop_on_their_own(own_pool):
    own_pool.idle_seconds = 0.2
    own_pool.prewarm()
    assert len(own_pool.idle_pids()) == 1
    deadline = time.monotonic() + 5
    while own_pool.idle_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert own_pool.idle_pids() == []
    assert_no_zombies()


# -- the pool's protocol, with scripted stand-in workers ----------------------------------------

_FAKE = """
import sys
from qalsody_desktop.core.intake.worker import read_frame, write_frame
out, inp = sys.stdout.buffer, sys.stdin.buffer
write_frame(out, {"ready": True})
header, _ = read_frame(inp)
if header["n"] == 0:
    sys.exit(9)
write_frame(out, {"echo": header["n"]})
read_frame(inp)
sys.exit(9)  # dies on its second request
"""


def fake_pool() -> WorkerPool:
    return WorkerPool(command=[sys.executable, "-c", _FAKE])


def test_a_crash_on_a_reused_worker_is_retried_on_a_fresh_one():
    fakes = fake_pool()
    try:
        assert fakes.run({"n": 1}, b"", timeout=10).header == {"echo": 1}
        assert len(fakes.idle_pids()) == 1
        outcome = fakes.run({"n": 2}, b"", timeout=10)  # the reused one dies: retried
        assert (outcome.status, outcome.header) == ("done", {"echo": 2})
    finally:
        fakes.close()
    assert_no_zombies()


def test_a_crash_on_a_fresh_worker_is_reported_with_its_exit_code():
    fakes = fake_pool()
    outcome = fakes.run({"n": 0}, b"", timeout=10)
    assert (outcome.status, outcome.exit_code) == ("crashed", 9)
    assert fakes.idle_pids() == []
    assert_no_zombies()


def test_a_worker_that_cannot_start_means_reading_in_process(monkeypatch):
    broken = WorkerPool(command=[sys.executable, "-c", "raise SystemExit(3)"])
    assert broken.run({}, b"", timeout=5).status == "unavailable"
    monkeypatch.setattr(pool, "_POOL", broken)
    result = inspect_bytes(text_pdf([["fallback text"]]), "a.pdf")
    assert result.status == "ok" and "fallback text" in result.text
    assert_no_zombies()
