#!/usr/bin/env python3
"""Smoke test of a frozen build: ``python packaging/smoke_test.py DIST_DIR``.

Runs the executables found under DIST_DIR (``dist`` or ``dist/qalsody-desktop`` or the macOS
``.app``) offscreen, in a temporary data folder, with no Python of the build on PATH:

 1. versions of both executables, then ``--frozen-self-check`` (every module of the package
    imports, Qt's offscreen plugin, QtPdf renders a page, resources and forms are present, a
    reader process answers) compared with the modules of the source tree;
 2. the GUI starts and shows its main window (``--smoke-test``), offscreen and, where
    ``xvfb-run`` exists, on the real xcb plugin under a virtual X server;
 3. the frozen CLI imports the bundled demo case, attaches synthetic PDF, PNG and DOCX files
    (read by the frozen reader process), runs ``check``, builds the ``bundle`` when the app has
    that command, and moves the case through a ``.qpa`` archive into a second data folder.

Every stderr is scanned for missing modules, plugins or resources. Exit 0 when all passed.
The synthetic documents are made with the source tree's ``qalsody_desktop.core.synthetic``, so
run this with the project's venv Python.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUI_TIMEOUT = 60.0
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
BAD_OUTPUT = re.compile(
    r"ModuleNotFoundError|No module named|ImportError|cannot open shared object"
    r"|Could not (?:load|find) the Qt platform plugin|This application failed to start"
    r"|qt\.qpa\.plugin: Could not|Failed to execute script|Error loading Python lib"
    r"|Traceback \(most recent call last\)|internal error|FileNotFoundError"
    r"|no reader process available|Library not loaded",
    re.IGNORECASE,
)


class SmokeFailure(Exception):
    pass


@dataclass
class Result:
    name: str
    ok: bool
    seconds: float
    detail: str = ""


@dataclass
class Runner:
    app_dir: Path
    work: Path
    env: dict[str, str]
    timeout: float
    results: list[Result] = field(default_factory=list)
    case_id: str = ""
    resources_dir: str = ""

    def exe(self, name: str) -> Path:
        return self.app_dir / f"{name}{EXE_SUFFIX}"

    def run(
        self,
        name: str,
        *args: str,
        data: Path | None = None,
        expect: int | None = 0,
        prefix: tuple[str, ...] = (),
        env_extra: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run one executable; fail on bad stderr or an exit code other than ``expect``."""
        env = {**self.env, **(env_extra or {})}
        if data is not None:
            env["QALSODY_DATA_DIR"] = str(data)
        proc = subprocess.run(
            [*prefix, str(self.exe(name)), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=min(timeout or self.timeout, self.timeout),
            cwd=self.work,
            env=env,
        )
        bad = BAD_OUTPUT.search(proc.stderr)
        if bad:
            raise SmokeFailure(
                f"{name} {' '.join(args[:2])}: stderr says {bad.group(0)!r}:\n{proc.stderr[-2000:]}"
            )
        if expect is not None and proc.returncode != expect:
            raise SmokeFailure(
                f"{name} {' '.join(args)} exited {proc.returncode} (expected {expect}):\n"
                f"{proc.stderr[-2000:]}{proc.stdout[-1000:]}"
            )
        return proc

    def step(self, title: str, func: Any, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            value = func(*args)
        except (SmokeFailure, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as exc:
            self.results.append(Result(title, False, time.perf_counter() - started, str(exc)))
            print(f"FAIL {title}: {exc}", flush=True)
            return None
        seconds = time.perf_counter() - started
        detail = value if isinstance(value, str) else ""
        self.results.append(Result(title, True, seconds, detail))
        print(f"ok   {title} ({seconds:.1f} s){'  ' + detail if detail else ''}", flush=True)
        return value


def find_app_dir(dist: Path) -> Path:
    """The folder holding both executables, wherever under ``dist`` PyInstaller put it."""
    candidates = [
        dist,
        dist / "qalsody-desktop",
        *sorted(dist.glob("*.app/Contents/MacOS")),
        *sorted(dist.glob("qalsody-desktop/*.app/Contents/MacOS")),
    ]
    for folder in candidates:
        if all((folder / f"{n}{EXE_SUFFIX}").is_file() for n in ("qalsody-desktop", "qalsody-pa")):
            return folder
    raise SystemExit(f"{dist}: no qalsody-desktop and qalsody-pa executables found")


def clean_env(work: Path) -> dict[str, str]:
    """The user's environment minus anything that could let the build borrow a Python."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "QALSODY_", "QT_", "VIRTUAL_ENV"))
    }
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin
    )
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LANG"] = env.get("LANG") or "C.UTF-8"
    if os.name == "posix":  # QSettings of the GUI run go to the temporary folder
        env["HOME"] = str(work / "home")
        env["XDG_CONFIG_HOME"] = str(work / "home" / ".config")
        env["XDG_DATA_HOME"] = str(work / "home" / ".local" / "share")
        (work / "home").mkdir()
    return env


def source_modules() -> set[str]:
    names = set()
    for path in (ROOT / "qalsody_desktop").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.add(".".join(parts))
    return names


# -- the steps --------------------------------------------------------------------------------


def versions(r: Runner) -> str:
    gui = r.run("qalsody-desktop", "--version").stdout.strip()
    cli = r.run("qalsody-pa", "--version").stdout.strip()
    if not gui.startswith("qalsody-desktop ") or not cli.startswith("qalsody-pa "):
        raise SmokeFailure(f"unexpected version output {gui!r} / {cli!r}")
    return f"{gui}; {cli}"


def self_check(r: Runner) -> dict[str, Any]:
    proc = r.run("qalsody-desktop", "--frozen-self-check", data=r.work / "data-check", expect=None)
    report = json.loads(proc.stdout)
    r.resources_dir = report.get("resources_dir", "")
    problems = []
    if not report.get("frozen"):
        problems.append("the executable does not report itself frozen")
    problems += [f"import {k}: {v}" for k, v in report.get("import_failures", {}).items()]
    problems += [f"missing resource {m}" for m in report.get("missing_resources", [])]
    problems += report.get("errors", [])
    missing = sorted(source_modules() - set(report.get("package_modules", [])))
    problems += [f"module {m} is not in the build (rebuild?)" for m in missing]
    if not report.get("qtpdf_rendered"):
        problems.append("QtPdf did not render a page")
    if report.get("reader_status") != "done":
        problems.append(f"reader process: {report.get('reader_status')}")
    if report.get("qt_platform") != "offscreen":
        problems.append(f"Qt platform {report.get('qt_platform')!r}, expected offscreen")
    if problems or proc.returncode != 0:
        raise SmokeFailure("; ".join(problems) or f"self-check exited {proc.returncode}")
    return report


def gui_starts(r: Runner) -> str:
    proc = r.run("qalsody-desktop", "--smoke-test", data=r.work / "data-gui", timeout=GUI_TIMEOUT)
    shown = re.search(r"main window shown in (\d+) ms", proc.stdout)
    if not shown:
        raise SmokeFailure(f"no start-up line in {proc.stdout!r}")
    return f"main window in {shown.group(1)} ms"


def gui_starts_on_x11(r: Runner) -> str:
    """The real xcb platform plugin (and its system libraries), under a virtual X server."""
    xvfb = shutil.which("xvfb-run")
    if not sys.platform.startswith("linux") or not xvfb:
        return "SKIPPED: no xvfb-run here"
    proc = r.run(
        "qalsody-desktop",
        "--smoke-test",
        data=r.work / "data-x11",
        prefix=(xvfb, "-a"),
        env_extra={"QT_QPA_PLATFORM": "xcb"},
        timeout=GUI_TIMEOUT,  # a start-up error dialog would wait for a click forever
    )
    shown = re.search(r"main window shown in (\d+) ms", proc.stdout)
    if not shown:
        raise SmokeFailure(f"no start-up line in {proc.stdout!r}")
    return f"main window in {shown.group(1)} ms (xcb)"


def make_documents(r: Runner, case: dict[str, Any]) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from PIL import Image, ImageDraw

    from qalsody_desktop.core.synthetic import write_demo_set

    folder = r.work / "docs"
    files = write_demo_set(folder, case)
    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    for y in range(120, 900, 40):
        draw.rectangle((100, y, 700, y + 12), fill="black")
    png = folder / "scan.png"
    image.save(png)
    docx = folder / "letterhead.docx"
    shutil.copyfile(ROOT / "resources" / "templates" / "letter-base.docx", docx)
    return [*files, png, docx]


def cli_workflow(r: Runner) -> str:
    data = r.work / "data"
    if not r.resources_dir:
        raise SmokeFailure("the self-check did not say where the resources are")
    demo = Path(r.resources_dir) / "demo" / "demo-case.json"
    case_id = json.loads(
        r.run("qalsody-pa", "--json", "case", "import", str(demo), data=data).stdout
    )["case_id"]
    files = make_documents(r, json.loads(demo.read_text(encoding="utf-8")))
    attached = json.loads(
        r.run("qalsody-pa", "--json", "attach", case_id, *map(str, files), data=data).stdout
    )
    refused = [a["file"] for a in attached if a["status"] != "ok"]
    if refused or len(attached) != len(files):
        raise SmokeFailure(f"attach refused {refused}")
    check = json.loads(r.run("qalsody-pa", "--json", "check", case_id, data=data).stdout)
    if not check.get("items"):
        raise SmokeFailure("check returned no items")
    r.case_id = case_id
    met = sum(1 for i in check["items"] if i["status"] == "met")
    return f"{len(attached)} files attached, checklist {met}/{len(check['items'])} met"


def bundle(r: Runner) -> str:
    data = r.work / "data"
    commands = r.run("qalsody-pa", "--help").stdout
    if not re.search(r"^\s+bundle\s", commands, re.MULTILINE):
        return "SKIPPED: this build has no bundle command"
    usage = r.run("qalsody-pa", "bundle", "--help").stdout
    out = r.work / "bundle.pdf"
    args = ["--out", str(out)] if "--out" in usage else [str(out)]
    r.run("qalsody-pa", "--json", "bundle", r.case_id, *args, data=data)
    if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
        raise SmokeFailure(f"bundle did not write a PDF at {out}")
    qpdf = shutil.which("qpdf")
    if qpdf:
        check = subprocess.run([qpdf, "--check", str(out)], capture_output=True, text=True)
        if check.returncode not in (0, 3):  # 3: warnings only
            raise SmokeFailure(f"qpdf --check: {check.stdout[-500:]}")
    return f"bundle.pdf {out.stat().st_size} bytes"


def archive(r: Runner) -> str:
    data, other = r.work / "data", r.work / "data-other"
    qpa = r.work / "case.qpa"
    case_id = r.case_id
    r.run("qalsody-pa", "--json", "export", case_id, "--out", str(qpa), data=data)
    result = json.loads(
        r.run("qalsody-pa", "--json", "import-archive", str(qpa), data=other).stdout
    )
    if result["case_id"] != case_id:
        raise SmokeFailure(f"archive import gave case {result['case_id']}, not {case_id}")
    here = r.run("qalsody-pa", "--json", "attachments", case_id, data=data).stdout
    there = r.run("qalsody-pa", "--json", "attachments", case_id, data=other).stdout
    if here != there:
        raise SmokeFailure("the imported case's attachments differ from the original's")
    return f"{qpa.stat().st_size} bytes, {result['files_added']} files moved"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", type=Path, help="PyInstaller's dist folder (or the app folder)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per command")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    app_dir = find_app_dir(args.dist.resolve())
    work = Path(tempfile.mkdtemp(prefix="qalsody-smoke-"))
    runner = Runner(app_dir, work, clean_env(work), args.timeout)
    size = folder_size(app_dir.parent if app_dir.name == "MacOS" else app_dir)
    print(f"smoke test of {app_dir} ({size / 1e6:.0f} MB) in {work}", flush=True)
    started = time.perf_counter()
    try:
        runner.step("versions", versions, runner)
        runner.step("self-check (imports, Qt, QtPdf, resources, reader)", self_check, runner)
        runner.step("GUI starts offscreen", gui_starts, runner)
        runner.step("GUI starts on X11 (xvfb-run)", gui_starts_on_x11, runner)
        workflow = "CLI: import demo, attach, check"
        if runner.step(workflow, cli_workflow, runner):
            runner.step("CLI: bundle", bundle, runner)
            runner.step("CLI: .qpa export and import", archive, runner)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    failed = [r for r in runner.results if not r.ok]
    total = time.perf_counter() - started
    print(
        f"{len(runner.results) - len(failed)}/{len(runner.results)} steps passed in {total:.1f} s"
    )
    return 1 if failed or len(runner.results) < 7 else 0


if __name__ == "__main__":
    sys.exit(main())
