"""Reading and writing case JSON files (the import/export format) with user-facing errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .codec import case_from_dict, case_to_dict
from .errors import QalsodyError
from .model import Case
from .storage.blobs import atomic_write
from .userfile import read_limited
from .validation import validate_case

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # a case file is a few KB; anything huge is a wrong file


def load_case_file(path: Path, today: date | None = None) -> Case:
    """Parse and validate a case JSON file; QalsodyError names the file and the field."""
    data_bytes = read_limited(path, MAX_IMPORT_BYTES, what="for a case file")
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QalsodyError(f"{path.name}: not a text file (expected UTF-8 JSON)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QalsodyError(
            f"{path.name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise QalsodyError(f"{path.name}: JSON nested too deeply to be a case file") from None
    return case_from_json_data(data, today)


def case_from_json_data(data: object, today: date | None = None) -> Case:
    return validate_case(case_from_dict(data), today)


def case_json_text(case: Case) -> str:
    return json.dumps(case_to_dict(case), indent=2, ensure_ascii=False) + "\n"


def write_case_file(case: Case, path: Path) -> None:
    atomic_write(path, case_json_text(case).encode("utf-8"))
