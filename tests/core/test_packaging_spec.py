"""Fast checks of the packaging files (the build itself: test_packaging_freeze.py, on demand)."""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from qalsody_desktop import __version__
from qalsody_desktop.frozen_entry import REQUIRED_RESOURCES

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"


class _Recorder:
    """Stands in for PyInstaller's spec classes and remembers how the spec called them."""

    calls: list[tuple[str, tuple, dict]] = []

    def __init__(self, kind: str, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs
        _Recorder.calls.append((kind, args, kwargs))
        self.pure, self.scripts = [], []
        self.binaries = [
            ("PySide6/Qt/lib/libQt6Pdf.so.6", "/src/libQt6Pdf.so.6", "BINARY"),
            ("PySide6/Qt/lib/libQt6Quick.so.6", "/src/libQt6Quick.so.6", "BINARY"),
            (
                "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                "/src/x.so",
                "BINARY",
            ),
            ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/src/off.so", "BINARY"),
        ]
        self.datas = [("libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "SYMLINK")]


def _maker(kind: str):
    return lambda *args, **kwargs: _Recorder(kind, *args, **kwargs)


@pytest.fixture
def spec(monkeypatch):
    """Run packaging/qalsody.spec with recording stand-ins; returns the calls by kind."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda name: [(f"/site/{name}/data.txt", name)]
    hooks.collect_submodules = lambda name: [f"{name}.sub"]
    hooks.collect_dynamic_libs = lambda name: [(f"/site/{name}/lib.so", name)]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    _Recorder.calls = []
    namespace = {
        "SPECPATH": str(PACKAGING),
        **{kind: _maker(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    path = PACKAGING / "qalsody.spec"
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    calls: dict[str, list] = {}
    for kind, args, kwargs in _Recorder.calls:
        calls.setdefault(kind, []).append((args, kwargs))
    return calls, namespace


def _source_modules() -> set[str]:
    names = set()
    for path in (REPO / "qalsody_desktop").rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_spec_bundles_entry_resources_forms_and_every_module(spec):
    calls, namespace = spec
    ((args, kwargs),) = calls["Analysis"]
    (entry,) = args[0]
    assert Path(entry) == REPO / "qalsody_desktop" / "frozen_entry.py" and Path(entry).is_file()
    datas = {(Path(src), dest) for src, dest in kwargs["datas"]}
    assert (REPO / "resources", "resources") in datas
    assert (REPO / "forms", "forms") in datas
    hidden = set(kwargs["hiddenimports"])
    assert _source_modules() <= hidden
    assert {"qalsody_desktop.core.archive.importer", "qalsody_desktop.core.intake.worker"} <= hidden
    assert {"PySide6.QtPdf", "PySide6.QtSvg"} <= hidden
    assert "tkinter" in kwargs["excludes"] and "PySide6.QtPdf" not in kwargs["excludes"]
    exes = {k["name"]: k for _, k in calls["EXE"]}
    assert set(exes) == {"qalsody-desktop", "qalsody-pa"}
    assert exes["qalsody-desktop"]["console"] is False and exes["qalsody-pa"]["console"] is True
    ((_, collect),) = calls["COLLECT"]
    assert collect["name"] == "qalsody-desktop" and collect["upx"] is False
    assert namespace["VERSION"] == __version__


def test_spec_drops_only_the_virtual_keyboard_and_qt_quick(spec):
    _, namespace = spec
    a = namespace["a"]
    kept = {Path(b[0]).name for b in a.binaries}
    assert kept == {"libQt6Pdf.so.6", "libqoffscreen.so"}
    assert a.datas == []


def test_every_required_resource_and_form_exists():
    for relative in REQUIRED_RESOURCES:
        assert (REPO / "resources" / relative).is_file(), relative
    assert len(list((REPO / "forms").glob("*.ui"))) >= 7


def test_icons_in_every_size_from_the_svg_source():
    root = ET.parse(ICONS / "qalsody.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 512 512"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"qalsody-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            colors = image.convert("RGB").getcolors(maxcolors=1 << 20)
            assert colors is None or len(colors) > 8  # a drawing, not a blank square
            assert image.getpixel((0, 0))[3] == 0  # rounded corners are transparent
    with Image.open(ICONS / "qalsody.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "qalsody.icns") as icns:
        assert icns.format == "ICNS" and max(icns.info["sizes"])[0] >= 512


def test_desktop_file_matches_the_build_and_installer():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "qalsody-desktop.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "Qalsody PA Desk"
    assert d["Exec"] == "qalsody-desktop" and d["TryExec"] == "qalsody-desktop"
    assert d["Icon"] == "qalsody-desktop" and d["Terminal"] == "false"
    assert d["Categories"].endswith(";") and "Office" in d["Categories"].split(";")
    install = (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")
    assert "apps/qalsody-desktop.png" in install and "qalsody-desktop.desktop" in install


def _fake_build(folder: Path) -> Path:
    """A stand-in one-folder build: two executables and the icons, as install.sh expects."""
    app = folder / "qalsody-desktop"
    icons = app / "_internal" / "resources" / "icons"
    icons.mkdir(parents=True)
    for name in ("qalsody-desktop", "qalsody-pa"):
        exe = app / name
        exe.write_text(f"#!/bin/sh\necho {name} {__version__}\n")
        exe.chmod(0o755)
    for icon in ICONS.iterdir():
        (icons / icon.name).write_bytes(icon.read_bytes())
    return app


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell script")
def test_linux_install_and_uninstall_for_one_user(tmp_path):
    app = _fake_build(tmp_path / "dist")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    script = str(PACKAGING / "linux" / "install.sh")
    done = subprocess.run(["sh", script, str(app)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    opt = home / ".local" / "opt" / "qalsody-desktop"
    linked = subprocess.run(
        [str(home / ".local" / "bin" / "qalsody-pa")], capture_output=True, text=True
    )
    assert linked.stdout.strip() == f"qalsody-pa {__version__}"
    desktop = (home / ".local/share/applications/qalsody-desktop.desktop").read_text()
    assert f"Exec={opt}/qalsody-desktop\n" in desktop
    hicolor = home / ".local/share/icons/hicolor"
    for size in (16, 48, 256, 512):
        with Image.open(hicolor / f"{size}x{size}/apps/qalsody-desktop.png") as image:
            assert image.size == (size, size)
    data = home / ".local/share/QalsodyPADesk"
    data.mkdir()
    (data / "qalsody.sqlite3").write_bytes(b"patient data")
    gone = subprocess.run(["sh", script, "--uninstall"], env=env, capture_output=True, text=True)
    assert gone.returncode == 0, gone.stderr
    assert not opt.exists() and not (home / ".local/bin/qalsody-pa").exists()
    assert not list(hicolor.rglob("qalsody-desktop.*"))
    assert (data / "qalsody.sqlite3").read_bytes() == b"patient data"  # data is never touched
    missing = subprocess.run(
        ["sh", script, str(tmp_path / "nothing")], env=env, capture_output=True, text=True
    )
    assert missing.returncode == 2 and "no frozen build" in missing.stderr


def test_inno_setup_script_points_at_the_build():
    iss = (PACKAGING / "windows" / "qalsody.iss").read_text(encoding="utf-8")
    source = re.search(r'#define SourceDir "([^"]+)"', iss).group(1)
    assert (PACKAGING / "windows" / source.replace("\\", "/")).resolve() == (
        REPO / "dist" / "qalsody-desktop"
    )
    icon = re.search(r"SetupIconFile=(.+)", iss).group(1).strip()
    assert (PACKAGING / "windows" / icon.replace("\\", "/")).resolve() == ICONS / "qalsody.ico"
    assert '#define AppExe "qalsody-desktop.exe"' in iss
    assert re.search(r"AppId=\{\{[0-9A-F-]{36}\}", iss)
    assert "PrivilegesRequired=lowest" in iss


def _load(name: str, monkeypatch):
    module_name = f"packaging_{name}"
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, module_name, module)  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


def test_smoke_test_finds_builds_and_flags_bad_output(tmp_path, monkeypatch):
    smoke = _load("smoke_test", monkeypatch)
    linux = _fake_build(tmp_path / "dist")
    assert smoke.find_app_dir(tmp_path / "dist") == linux
    assert smoke.find_app_dir(linux) == linux
    mac = tmp_path / "mac" / "Qalsody PA Desk.app" / "Contents" / "MacOS"
    mac.mkdir(parents=True)
    for name in ("qalsody-desktop", "qalsody-pa"):
        (mac / name).write_text("")
    assert smoke.find_app_dir(tmp_path / "mac") == mac
    with pytest.raises(SystemExit):
        smoke.find_app_dir(tmp_path / "empty")
    for bad in (
        "ModuleNotFoundError: No module named 'holidays.countries'",
        'qt.qpa.plugin: Could not find the Qt platform plugin "offscreen" in ""',
        "Traceback (most recent call last):",
        "WARNING: intake: no reader process available; reading files in the app process",
        "qalsody-pa: internal error: KeyError: 'x'",
    ):
        assert smoke.BAD_OUTPUT.search(bad), bad
    assert not smoke.BAD_OUTPUT.search("This plugin does not support propagateSizeHints()")
    assert {"qalsody_desktop.frozen_entry", "qalsody_desktop.core.archive"} <= (
        smoke.source_modules()
    )
