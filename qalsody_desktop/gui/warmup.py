"""Load the heavy modules (bundle builder, letter renderer, holiday calendar) once, early.

A module imported for the first time inside a worker still holds up the GUI thread for a
while (measured: a 130-280 ms stall on the first bundle build). Importing them in a worker
shortly after start-up, while the user is still reading the window, moves that cost out of
the first real action.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

log = logging.getLogger(__name__)

HEAVY_MODULES = (
    "qalsody_desktop.core.bundle.builder",
    "qalsody_desktop.core.letters.service",
    "qalsody_desktop.core.document.docx_render",
    "qalsody_desktop.core.document.pdf_render",
    "qalsody_desktop.core.tracking.deadlines",
    "qalsody_desktop.core.tracking.denial",
)


def warm_imports(ctx: Any = None) -> int:
    """Import :data:`HEAVY_MODULES`; returns how many loaded (a failure is only logged)."""
    loaded = 0
    for name in HEAVY_MODULES:
        try:
            importlib.import_module(name)
            loaded += 1
        except Exception as exc:  # noqa: BLE001 - the real use will report it properly
            log.warning("warm-up import of %s failed: %s", name, type(exc).__name__)
    return loaded


def schedule_warm_up(tasks: Any, delay_ms: int = 1500) -> None:
    """Start :func:`warm_imports` on the task runner after ``delay_ms``."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(delay_ms, lambda: tasks.run(warm_imports, name="warm-up"))
