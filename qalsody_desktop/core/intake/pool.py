"""Warm reader processes that the app can kill: isolation for every file at little cost.

Why always isolate, not only big files: the files that hang pypdf are small (an 8 KB PDF with
a compressed content stream of a few MB keeps ``extract_text`` busy for 20 s), so file size says
nothing about risk. Starting Python and importing pypdf costs ~0.3 s, so a worker is kept warm
and reused: a request then costs a few milliseconds of pipe traffic. A worker that times out,
is cancelled or dies is killed and reaped at once (no zombie); a worker that served a large
file or many files is replaced so memory does not creep; idle workers are stopped after a while.
A worker whose parent dies sees its stdin close and exits.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .worker import ProtocolError, read_frame, write_frame

log = logging.getLogger(__name__)

STARTUP_TIMEOUT = 30.0  # generous: a cold disk or a virus scanner can slow the first start
POLL_SECONDS = 0.05  # how often the cancel hook is asked while a worker reads
_WORKER_MODULE = f"{__package__}.worker"
_PACKAGE_ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Outcome:
    """How a request ended: done (with the reply) or why there is no reply."""

    status: str  # "done" | "timeout" | "cancelled" | "crashed" | "unavailable"
    header: dict[str, Any] | None = None
    payload: bytes = b""
    exit_code: int | None = None


class _Worker:
    def __init__(self, proc: subprocess.Popen[bytes]):
        self.proc = proc
        self.ready = False
        self.jobs = 0
        self.idle_since = time.monotonic()

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self, close_pipes: bool = True) -> int | None:
        """Kill and reap (never leaves a zombie); safe to call twice."""
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.proc.kill()
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignorable
            code = None
        if not close_pipes:
            return code
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        return code


class WorkerPool:
    """Hands each request to an idle worker (or a new one) and enforces the deadline."""

    def __init__(
        self,
        *,
        max_idle: int = 2,
        max_jobs: int = 200,
        recycle_bytes: int = 32 * 1024 * 1024,
        idle_seconds: float = 120.0,
        command: list[str] | None = None,
    ):
        self.max_idle = max_idle
        self.max_jobs = max_jobs
        self.recycle_bytes = recycle_bytes
        self.idle_seconds = idle_seconds
        self.command = command
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    # -- public -------------------------------------------------------------------------------

    def run(
        self,
        header: dict[str, Any],
        payload: bytes,
        *,
        timeout: float,
        cancel: Callable[[], bool] | None = None,
    ) -> Outcome:
        """Send one request; a crash on a reused worker is retried once on a fresh one."""
        for attempt in range(2):
            worker = self._acquire(fresh=attempt > 0)
            if worker is None:
                return Outcome("unavailable")
            reused = worker.jobs > 0
            outcome = self._exchange(worker, header, payload, timeout, cancel)
            if outcome.status == "done":
                self._release(worker, max(len(payload), len(outcome.payload)))
                return outcome
            code = worker.kill()
            outcome.exit_code = outcome.exit_code if outcome.exit_code is not None else code
            if outcome.status != "crashed" or not reused:
                return outcome
        return outcome

    def prewarm(self) -> None:
        """Start a worker now so that the first file does not wait for Python to start."""
        with self._lock:
            if self._idle:
                return
        worker = self._spawn()
        if worker is not None:
            self._release(worker, 0, count_job=False)

    def idle_pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._idle]

    def close(self) -> None:
        """Stop every idle worker now; the pool stays usable and starts new ones on demand."""
        with self._lock:
            idle, self._idle = self._idle, []
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        for worker in idle:
            worker.kill()

    # -- workers ------------------------------------------------------------------------------

    def _command(self) -> list[str] | None:
        if self.command:
            return list(self.command)
        if getattr(sys, "frozen", False):
            return None  # a frozen app's executable is the app itself, not Python
        # -P: do not put the current folder on sys.path (a stray json.py there would be run)
        return [sys.executable, "-P", "-m", _WORKER_MODULE]

    def _spawn(self) -> _Worker | None:
        command = self._command()
        if command is None:
            return None
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
        )
        try:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                close_fds=True,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            log.warning("intake: cannot start a reader process (%s)", exc.__class__.__name__)
            return None
        return _Worker(proc)

    def _acquire(self, fresh: bool) -> _Worker | None:
        if not fresh:
            with self._lock:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive:
                        return worker
                    worker.kill()  # died while idle: reap it
        return self._spawn()

    def _release(self, worker: _Worker, size: int, count_job: bool = True) -> None:
        if count_job:
            worker.jobs += 1
        keep = worker.alive and worker.jobs < self.max_jobs and size < self.recycle_bytes
        with self._lock:
            if keep and len(self._idle) < self.max_idle:
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
                if self._timer is None:
                    self._timer = threading.Timer(self.idle_seconds, self._reap_idle)
                    self._timer.daemon = True
                    self._timer.start()
                return
        worker.kill()

    def _reap_idle(self) -> None:
        now = time.monotonic()
        with self._lock:
            self._timer = None
            expired = [w for w in self._idle if now - w.idle_since >= self.idle_seconds * 0.99]
            # Reaped before they leave the idle list: nobody can see an empty pool while a
            # stopped worker is still a zombie (SIGKILL and wait take milliseconds).
            for worker in expired:
                worker.kill()
            self._idle = [w for w in self._idle if w not in expired]
            if self._idle:
                self._timer = threading.Timer(self.idle_seconds, self._reap_idle)
                self._timer.daemon = True
                self._timer.start()

    # -- one request --------------------------------------------------------------------------

    def _exchange(
        self,
        worker: _Worker,
        header: dict[str, Any],
        payload: bytes,
        timeout: float,
        cancel: Callable[[], bool] | None,
    ) -> Outcome:
        """Talk to the worker on a helper thread; this thread keeps the clock and the cancel."""
        events: queue.Queue[tuple[str, Any]] = queue.Queue()
        talker = threading.Thread(target=_talk, args=(worker, header, payload, events), daemon=True)
        talker.start()
        deadline = time.monotonic() + (timeout if worker.ready else STARTUP_TIMEOUT)
        finished = False
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return Outcome("timeout" if worker.ready else "unavailable")
                wait = min(left, POLL_SECONDS) if cancel is not None else left
                try:
                    event, value = events.get(timeout=wait)
                except queue.Empty:
                    if cancel is not None and cancel():
                        return Outcome("cancelled")
                    continue
                if event == "ready":
                    worker.ready = True
                    deadline = time.monotonic() + timeout
                elif event == "done":
                    finished = True
                    return Outcome("done", header=value[0], payload=value[1])
                else:  # "eof": the worker died (or never started)
                    finished = True
                    return Outcome("crashed" if worker.ready else "unavailable")
        finally:
            if not finished:
                worker.kill(close_pipes=False)  # unblocks the talker: its pipe I/O fails
            talker.join(timeout=10)


def _talk(
    worker: _Worker,
    header: dict[str, Any],
    payload: bytes,
    events: queue.Queue[tuple[str, Any]],
) -> None:
    stdin, stdout = worker.proc.stdin, worker.proc.stdout
    assert stdin is not None and stdout is not None
    try:
        if not worker.ready:
            hello = read_frame(stdout)
            if hello is None or not hello[0].get("ready"):
                events.put(("eof", None))
                return
            events.put(("ready", None))
        write_frame(stdin, header, payload)
        reply = read_frame(stdout)
        events.put(("done", reply) if reply is not None else ("eof", None))
    except (OSError, ValueError, ProtocolError):  # broken pipe, closed file, garbage
        events.put(("eof", None))


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def default_pool() -> WorkerPool:
    """The process-wide pool, created on first use and stopped at interpreter exit."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = WorkerPool()
            atexit.register(_POOL.close)
        return _POOL
