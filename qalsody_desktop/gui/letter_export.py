"""Save a drafted letter as DOCX or PDF: warn about what is unfinished, ask where, write.

The warning comes first (placeholders left, edits waiting for a choice), then the file dialog;
``write_letter`` renders in memory and writes atomically, so a failure leaves no half file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from ..core.letters.context import LetterResult
from ..core.letters.service import write_letter
from .dialogs import DOCX_FILTER, PDF_FILTER
from .letter_fields import KIND_FILE_STEMS
from .wording import file_stem

log = logging.getLogger(__name__)
FILTERS = {"docx": DOCX_FILTER, "pdf": PDF_FILTER}


def unfinished(result: LetterResult) -> list[str]:
    """Why the letter is not ready to send, in sentences; empty when it is."""
    problems = []
    n = len(result.placeholders)
    if n:
        shown = ", ".join(f"[{p}]" for p in result.placeholders[:5])
        more = f" and {n - 5} more" if n > 5 else ""
        problems.append(f"The letter still has {n} placeholder(s): {shown}{more}.")
    if result.conflicts:
        problems.append(
            f"{len(result.conflicts)} edited paragraph(s) changed underneath; the letter shows "
            "the new generated text until you choose."
        )
    return problems


def suggested_name(kind: str, patient: str, fmt: str) -> str:
    """The patient's name and the letter kind, as staff file it ("Lindqvist-Maren-appeal")."""
    return f"{file_stem(patient, KIND_FILE_STEMS.get(kind, kind))}.{fmt}"


def with_suffix(path: Path, fmt: str) -> Path:
    """``letter`` -> ``letter.docx``; a name with another suffix keeps it and gains this one."""
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def export_letter(
    parent: QWidget, dialogs: Any, result: LetterResult, case_id: str, fmt: str, patient: str = ""
) -> Path | None:
    """Ask and write; the written path, or None when the user stopped or writing failed."""
    if fmt not in FILTERS:
        raise ValueError(f"unknown letter format {fmt!r}")
    problems = unfinished(result)
    if problems and not dialogs.confirm(
        parent, "Letter not finished", " ".join(problems) + "\n\nSave it anyway?", "Save anyway"
    ):
        return None
    chosen = dialogs.save_path(
        parent,
        f"Save the letter as {fmt.upper()}",
        suggested_name(result.kind, patient, fmt),
        file_filter=FILTERS[fmt],
    )
    if chosen is None:
        return None
    path = with_suffix(Path(chosen), fmt)
    try:
        if fmt == "docx":
            write_letter(result, docx=path)
        else:
            write_letter(result, pdf=path)
    except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
        log.warning("letter export of case %s failed: %s", case_id, type(exc).__name__)
        dialogs.error(parent, "Letter not saved", f"{path.name} could not be written: {exc}")
        return None
    return path
