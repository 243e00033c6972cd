"""DOCX attachments to PDF: with LibreOffice when installed, else with the app's own renderer.

Starting LibreOffice costs seconds, so every DOCX of a bundle is converted by one process
(with a private profile, so a user's open LibreOffice and its settings do not interfere) under
a time limit. Without LibreOffice (most clinic PCs), or for a file it cannot convert, the app
draws the document's text itself (``docx_pdf``), so the evidence still reaches the bundle; the
result says which converter made each PDF, for the manifest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 180.0
NO_LIBREOFFICE = "it is a DOCX and LibreOffice (soffice), needed to convert it, is not installed"
LIBREOFFICE = "LibreOffice"


@dataclass(frozen=True)
class Converted:
    """A PDF made from a DOCX, and by what (named in the bundle manifest)."""

    path: Path
    engine: str
    notes: tuple[str, ...] = ()


def find_soffice() -> str | None:
    override = os.environ.get("QALSODY_SOFFICE")
    if override:
        return override if Path(override).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_docx(sources: dict[str, Path], workdir: Path) -> dict[str, Converted | str]:
    """{key: Converted} for each converted file, {key: reason} for each that failed."""
    result = _libreoffice(sources, workdir)
    for key, outcome in result.items():
        if isinstance(outcome, str):
            result[key] = _own_renderer(key, sources[key], workdir, outcome)
    return result


def _own_renderer(key: str, source: Path, workdir: Path, why_not_lo: str) -> Converted | str:
    from .docx_pdf import ENGINE, render_docx_pdf

    target = workdir / "docx-app" / f"{key}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        notes = render_docx_pdf(source, target, title=source.stem)
    except Exception as exc:  # noqa: BLE001 - a damaged DOCX is left out with the reason
        return f"{why_not_lo}; the app could not draw it either ({type(exc).__name__})"
    engine = ENGINE if why_not_lo == NO_LIBREOFFICE else f"the app's text renderer ({why_not_lo})"
    return Converted(target, engine, tuple(notes))


def _libreoffice(sources: dict[str, Path], workdir: Path) -> dict[str, Converted | str]:
    """One headless LibreOffice run for every DOCX. Each source is copied under a unique name
    first (two attachments may share a file name)."""
    exe = find_soffice()
    if exe is None:
        return {key: NO_LIBREOFFICE for key in sources}
    inputs = workdir / "docx-in"
    outputs = workdir / "docx-out"
    inputs.mkdir(parents=True, exist_ok=True)
    outputs.mkdir(parents=True, exist_ok=True)
    names: dict[str, Path] = {}
    for key, path in sources.items():
        target = inputs / f"{key}.docx"
        shutil.copyfile(path, target)
        names[key] = target
    profile = (workdir / "lo-profile").resolve()
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outputs),
        *(str(p) for p in names.values()),
    ]
    failure = "LibreOffice could not convert it"
    try:
        subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        failure = f"LibreOffice did not finish converting within {TIMEOUT_S:.0f} s"
    except OSError as exc:
        failure = f"LibreOffice could not be started ({exc.strerror or exc})"
    result: dict[str, Converted | str] = {}
    for key in sources:
        pdf = outputs / f"{key}.pdf"
        ok = pdf.exists() and pdf.stat().st_size > 0
        result[key] = Converted(pdf, LIBREOFFICE) if ok else failure
    return result
