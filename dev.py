#!/usr/bin/env python3
"""One task runner, standard library only, so a fresh clone needs nothing but Python >= 3.11.

python3 dev.py app      create .venv on first use, install, launch the app
python3 dev.py test     same .venv, run every test (Qt offscreen)
python3 dev.py cli ...  run qalsody-pa from the .venv
python3 dev.py lint     ruff, mypy on the core, import-linter
python3 dev.py bench    run the benchmarks under benchmarks/
python3 dev.py freeze   build the frozen app (PyInstaller, dist/qalsody-desktop) + smoke test
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("QALSODY_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".qalsody-installed"


def _requirements_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the project (editable, with test extras) when pyproject changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be run by an old python3
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = _requirements_digest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    print("installing dependencies (first run only) ...", flush=True)
    pip = [str(PY), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.check_call([*pip, "install", "--upgrade", "pip"])
    subprocess.check_call([*pip, "install", "-e", f"{ROOT}[test]"])
    STAMP.write_text(digest)


def run(*cmd: str, env: dict[str, str] | None = None) -> int:
    return subprocess.call(list(cmd), cwd=ROOT, env={**os.environ, **(env or {})})


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "app"
    rest = argv[1:]
    ensure_venv()
    if task == "app":
        return run(str(PY), "-m", "qalsody_desktop", *rest)
    if task == "test":
        env = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        return run(str(PY), "-m", "pytest", *rest, env=env)
    if task == "cli":
        return run(str(PY), "-m", "qalsody_desktop.cli", *rest)
    if task == "lint":
        checks = [
            [str(PY), "-m", "ruff", "check", "qalsody_desktop", "tests", "benchmarks", "dev.py"],
            [str(PY), "-m", "ruff", "format", "--check", "qalsody_desktop", "tests", "dev.py"],
            [str(PY), "-m", "mypy"],
            [str(BIN / "lint-imports")],
        ]
        return max(run(*c) for c in checks)
    if task == "freeze":
        return run(str(PY), str(ROOT / "packaging" / "build.py"), *rest)
    if task == "bench":
        scripts = sorted((ROOT / "benchmarks").glob("*_bench.py"))
        return max((run(str(PY), str(s), *rest) for s in scripts), default=0)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
