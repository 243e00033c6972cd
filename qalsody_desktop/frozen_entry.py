"""Entry script of the frozen (PyInstaller) app: one program, several roles.

A frozen app has no Python to run ``-m qalsody_desktop.core.intake.worker`` with, so the same
executable serves every role, chosen by its first argument or its own name:

    qalsody-desktop [options]          the desktop app
    qalsody-desktop --cli ARGS...      the command line (qalsody-pa) from the GUI executable
    qalsody-pa ARGS...                 the command line (a console executable on Windows)
    <exe> --reader-worker              the intake reader process (started by the intake pool)
    <exe> --frozen-self-check          imports, Qt plugins, QtPdf and resources, as JSON

Outside a frozen app this module works the same, which is how the tests exercise it. Imports
are absolute because PyInstaller runs this file as ``__main__``, outside its package.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

WORKER_FLAG = "--reader-worker"
CLI_FLAG = "--cli"
SELF_CHECK_FLAG = "--frozen-self-check"
CLI_NAMES = ("qalsody-pa",)

# Resources the app cannot work without, relative to resources_dir().
REQUIRED_RESOURCES = (
    "policies/cigna-nc-qalsody.toml",
    "schema/qalsody-case-1.schema.json",
    "demo/demo-case.json",
    "templates/letter-base.docx",
    "icons/qalsody.svg",
)
# Third-party modules imported lazily somewhere (PyInstaller cannot see those imports).
EXTERNAL_MODULES = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtPdf",
    "PySide6.QtSvg",
    "pypdf",
    "cryptography",
    "docx",
    "PIL.Image",
    "platformdirs",
    "holidays",
    "icalendar",
    "sqlite3",
    "tomllib",
)


def worker_command() -> list[str]:
    """How the intake pool starts a reader in a frozen app: a sibling console executable."""
    exe = Path(sys.executable)
    suffix = ".exe" if os.name == "nt" else ""
    console = exe.with_name(f"qalsody-pa{suffix}")
    return [str(console if console.exists() else exe), WORKER_FLAG]


def configure_reader_pool() -> None:
    """Point the intake pool at this executable; unfrozen, the pool runs ``python -m`` itself."""
    if getattr(sys, "frozen", False):
        from qalsody_desktop.core.intake.pool import default_pool

        default_pool().command = worker_command()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == [WORKER_FLAG]:
        from qalsody_desktop.core.intake.worker import main as worker_main

        return worker_main()
    if args[:1] == [SELF_CHECK_FLAG]:
        return self_check()
    configure_reader_pool()
    if args[:1] == [CLI_FLAG]:
        return _cli(args[1:])
    if getattr(sys, "frozen", False) and Path(sys.executable).stem.lower() in CLI_NAMES:
        return _cli(args)
    from qalsody_desktop.gui.app import main as gui_main

    return gui_main(args)


def _cli(args: list[str]) -> int:
    from qalsody_desktop.cli import main as cli_main

    return cli_main(args)


# -- the self-check used by packaging/smoke_test.py -------------------------------------------


def _package_modules() -> list[str]:
    import pkgutil

    import qalsody_desktop

    names = ["qalsody_desktop"]
    names += [m.name for m in pkgutil.walk_packages(qalsody_desktop.__path__, "qalsody_desktop.")]
    return sorted(set(names))


def _check_imports(report: dict[str, Any]) -> None:
    import importlib

    failed: dict[str, str] = {}
    package = _package_modules()
    for name in [*EXTERNAL_MODULES, *package]:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the check
            failed[name] = f"{type(exc).__name__}: {exc}"
    report["package_modules"] = package
    report["import_failures"] = failed


def _check_resources(report: dict[str, Any]) -> None:
    from qalsody_desktop.core.paths import resources_dir
    from qalsody_desktop.core.policy import load_default_profile

    root = resources_dir()
    report["resources_dir"] = str(root)
    report["missing_resources"] = [r for r in REQUIRED_RESOURCES if not (root / r).is_file()]
    forms = root.parent / "forms"
    report["forms"] = sorted(p.name for p in forms.glob("*.ui")) if forms.is_dir() else []
    profile = load_default_profile()
    report["profile"] = f"{profile.id} {profile.version}"


def _check_qt(report: dict[str, Any]) -> None:
    import tempfile

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFontDatabase, QImageReader
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from qalsody_desktop.core.synthetic import make_document

    app = QApplication.instance() or QApplication([sys.executable])
    report["qt_platform"] = QApplication.platformName()
    report["image_formats"] = sorted(
        bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()
    )
    report["font_families"] = len(QFontDatabase.families())
    identity = {"first_name": "Test", "last_name": "Patient", "date_of_birth": "1960-01-01"}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "check.pdf"
        pdf.write_bytes(make_document("clinic_note", identity))
        doc = QPdfDocument(None)
        doc.load(str(pdf))
        report["qtpdf_pages"] = doc.pageCount()
        image = doc.render(0, QSize(200, 260)) if doc.pageCount() else None
        report["qtpdf_rendered"] = bool(image is not None and not image.isNull())
        doc.close()
    del app


def _check_reader(report: dict[str, Any]) -> None:
    """One PDF through the reader process, started the way the app starts it."""
    from qalsody_desktop.core.intake.pool import default_pool
    from qalsody_desktop.core.synthetic import make_document

    configure_reader_pool()
    pool = default_pool()
    identity = {"first_name": "Test", "last_name": "Patient", "date_of_birth": "1960-01-01"}
    request = {"fmt": "pdf", "password": None, "options": {}}
    outcome = pool.run(request, make_document("nfl_lab", identity), timeout=60)
    report["reader_command"] = pool.command or "python -m qalsody_desktop.core.intake.worker"
    report["reader_status"] = outcome.status
    report["reader_pids"] = pool.idle_pids()
    pool.close()


def self_check() -> int:
    """Print what the frozen app can import, load and render; exit 1 when anything is missing."""
    report: dict[str, Any] = {"frozen": bool(getattr(sys, "frozen", False))}
    for step in (_check_imports, _check_resources, _check_qt, _check_reader):
        try:
            step(report)
        except Exception as exc:  # noqa: BLE001 - reported as a failure of that step
            report.setdefault("errors", []).append(f"{step.__name__}: {type(exc).__name__}: {exc}")
    ok = not (
        report.get("errors")
        or report.get("import_failures")
        or report.get("missing_resources")
        or not report.get("qtpdf_rendered")
        or report.get("reader_status") != "done"
    )
    report["ok"] = ok
    print(json.dumps(report, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
