"""DOCX attachments to PDF with LibreOffice, all in one headless run.

Starting LibreOffice costs seconds, so every DOCX of a bundle is converted by one process
(with a private profile, so a user's open LibreOffice and its settings do not interfere) under
a time limit. A file LibreOffice cannot convert simply has no PDF afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT_S = 180.0
NO_LIBREOFFICE = "it is a DOCX and LibreOffice (soffice), needed to convert it, is not installed"


def find_soffice() -> str | None:
    override = os.environ.get("QALSODY_SOFFICE")
    if override:
        return override if Path(override).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_docx(sources: dict[str, Path], workdir: Path) -> dict[str, Path | str]:
    """{key: PDF path} for each converted file, {key: reason} for each that failed.

    Each source is copied under a unique name first (two attachments may share a file name).
    """
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
    result: dict[str, Path | str] = {}
    for key in sources:
        pdf = outputs / f"{key}.pdf"
        result[key] = pdf if pdf.exists() and pdf.stat().st_size > 0 else failure
    return result
