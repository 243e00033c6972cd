#!/usr/bin/env python3
"""Build the frozen app (PyInstaller, one folder) and smoke-test it.

    .venv/bin/python packaging/build.py [--no-test] [--archive] [--dist DIR]

Installs PyInstaller into the running (venv) Python when it is missing, builds
``packaging/qalsody.spec`` into ``dist/qalsody-desktop`` (work files in ``build/pyinstaller``),
prints the build time and size, runs ``packaging/smoke_test.py`` on the result, and with
``--archive`` packs the folder as ``dist/qalsody-desktop-<version>-<platform>.tar.gz`` (``.zip``
on Windows). Exit 0 only when the build and the smoke test passed.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "qalsody.spec"
PYINSTALLER = "pyinstaller>=6.10,<7"


def version() -> str:
    text = (ROOT / "qalsody_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    return found.group(1) if found else "0"


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print(f"installing {PYINSTALLER} ...", flush=True)
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "install"]
        subprocess.check_call([*pip, PYINSTALLER])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> float:
    started = time.perf_counter()
    subprocess.check_call(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        cwd=ROOT,
    )
    return time.perf_counter() - started


def pack(dist: Path) -> Path:
    system = {"Darwin": "macos", "Windows": "windows"}.get(platform.system(), "linux")
    base = dist / f"qalsody-desktop-{version()}-{system}-{platform.machine().lower()}"
    fmt = "zip" if system == "windows" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=dist, base_dir="qalsody-desktop"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-test", action="store_true", help="skip the smoke test")
    parser.add_argument("--archive", action="store_true", help="also pack the folder")
    args = parser.parse_args(argv)

    ensure_pyinstaller()
    seconds = build(args.dist, args.work)
    app = args.dist / "qalsody-desktop"
    print(f"built {app} in {seconds:.0f} s, {folder_size(app) / 1e6:.0f} MB", flush=True)
    if not args.no_test:
        code = subprocess.call(
            [sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(args.dist)]
        )
        if code:
            print("smoke test FAILED", file=sys.stderr)
            return code
    if args.archive:
        archive = pack(args.dist)
        print(f"packed {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
