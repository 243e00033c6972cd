"""Last line of defence: an unexpected exception is logged and shown, never a raw traceback.

The dialog and the log name the kind of error and where it happened (the stack), never the
exception's text: a foreign exception may quote a value the user typed, i.e. patient data.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("qalsody_desktop.crash")

ShowFn = Callable[[str], None]


def _show_dialog(text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        sys.stderr.write(text + "\n")
        return
    QMessageBox.critical(QApplication.activeWindow(), "Unexpected error", text)


def make_excepthook(show: ShowFn = _show_dialog, log_hint: str = "") -> Callable[..., None]:
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error(
            "unexpected error: %s\n%s", exc_type.__name__, "".join(traceback.format_tb(tb)).rstrip()
        )
        if showing:  # an error while showing the dialog: logged, not shown again
            return
        showing = True
        try:
            show(
                f"Something went wrong ({exc_type.__name__}). The action was not completed; "
                "saved cases are not affected."
                + (f"\n\nDetails were written to the log: {log_hint}" if log_hint else "")
            )
        except Exception:  # noqa: BLE001 - never let the hook itself raise
            log.exception("could not show the error dialog")
        finally:
            showing = False

    return hook


def install_excepthook(show: ShowFn = _show_dialog, log_hint: str = "") -> Callable[..., None]:
    hook = make_excepthook(show, log_hint)
    sys.excepthook = hook
    return hook
