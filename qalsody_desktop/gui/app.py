"""Start-up of the desktop app: ``qalsody-desktop`` / ``python -m qalsody_desktop``.

Qt is imported only after the arguments are parsed, so ``--version`` stays instant and never
creates a QApplication.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

log = logging.getLogger("qalsody_desktop.gui")
ORG_NAME = "Qalsody PA Desk"
ORG_DOMAIN = "qalsody-pa-desk.local"
SETTINGS_APP_NAME = "QalsodyPADesk"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qalsody-desktop",
        description=f"{APP_NAME}: the desktop app (offline; local data only).",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $QALSODY_DATA_DIR or the user data folder)",
    )
    # start, show the window, print the start-up time and quit (packaging smoke test)
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser


def _setup_logging(data_dir: Path | None) -> str:
    """Log to stderr and, when the data folder exists, to logs/desktop.log inside it."""
    root = logging.getLogger("qalsody_desktop")
    root.setLevel(logging.INFO)
    if root.handlers:
        return ""
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(fmt)
    root.addHandler(stderr)
    if data_dir is None:
        return ""
    try:
        logs = data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            logs / "desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return ""
    handler.setFormatter(fmt)
    root.addHandler(handler)
    return str(logs / "desktop.log")


def _app_icon() -> QIcon:
    """The window/taskbar icon in every rendered size (resources/icons, see packaging/)."""
    from PySide6.QtGui import QIcon

    from ..core.paths import resources_dir

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon.addFile(str(resources_dir() / "icons" / f"qalsody-{size}.png"))
    return icon


def _show_startup_error(title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, title, text)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.version:
        print(f"qalsody-desktop {__version__}")
        return 0

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ..core.paths import data_dir
    from ..core.storage import open_store
    from .crash import install_excepthook

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "qalsody-desktop"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationName(SETTINGS_APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("qalsody-desktop")  # matches packaging/linux/qalsody-desktop.desktop
    app.setWindowIcon(_app_icon())

    folder = data_dir(args.data_dir)
    try:
        store = open_store(args.data_dir)
    except Exception as exc:  # noqa: BLE001 - any failure here is shown, never a traceback
        _setup_logging(None)
        log.error("cannot open the data folder: %s", type(exc).__name__)
        _show_startup_error(
            f"{APP_NAME} cannot start",
            f"The data folder could not be opened:\n{folder}\n\n{exc}\n\n"
            "Check that the folder exists and is writable, or start with --data-dir to use "
            "another folder.",
        )
        return 1
    log_file = _setup_logging(store.root)
    install_excepthook(log_hint=log_file)

    from ..core.policy import load_default_profile
    from .main_window import MainWindow
    from .task import TaskRunner

    window = MainWindow(
        store,
        QSettings(),
        tasks=TaskRunner(),
        profile=load_default_profile(),
        defer_work_panels=True,
    )
    window.show()
    window.install_work_panels_soon()
    if not args.smoke_test:
        from .warmup import schedule_warm_up

        schedule_warm_up(window.tasks)
    shown_ms = (time.perf_counter() - started) * 1000
    log.info("main window shown in %.0f ms", shown_ms)
    if args.smoke_test:
        print(f"main window shown in {shown_ms:.0f} ms")
        QTimer.singleShot(0, window.close)
    else:
        from .first_run import maybe_first_run

        QTimer.singleShot(0, lambda: maybe_first_run(window, window.settings))
    try:
        return int(app.exec())
    finally:
        window.tasks.shutdown()  # a worker still importing or emitting must end before Qt does
        store.close()
