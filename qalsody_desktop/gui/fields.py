"""The case model seen by the GUI: field paths, readable labels, text <-> value conversion.

Everything here is derived from the dataclasses and their metadata in ``core.model``, so a new
field in the model shows up in the editor's bookkeeping (and the completeness test) without a
hand-written table.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from ..core.codec import parse_iso_date
from ..core.errors import FieldError
from ..core.model import Case

ENUM_LABELS: dict[str, dict[str, str]] = {
    "plan_type": {
        "fully_insured": "Fully insured (commercial)",
        "self_funded_erisa": "Self-funded employer plan (ERISA)",
        "medicare_advantage": "Medicare Advantage",
        "medicaid": "Medicaid",
        "state_health_plan": "State health plan",
    },
    "ventilation": {
        "none": "None",
        "non_invasive_part_time": "Non-invasive, part time",
        "non_invasive_permanent": "Non-invasive, permanent",
        "invasive": "Invasive (tracheostomy)",
    },
    "urgency": {"standard": "Standard", "expedited": "Expedited (urgent)"},
    "sex": {"M": "Male", "F": "Female", "X": "X (non-binary)", "U": "Unknown"},
    "benefit": {"medical": "Medical benefit", "pharmacy": "Pharmacy benefit"},
}
BOOL_LABELS = ((True, "Yes"), (False, "No"))
NOT_SET = "Not recorded"


def enum_label(field_name: str, value: str) -> str:
    label = ENUM_LABELS.get(field_name, {}).get(value)
    return label or value.replace("_", " ")[:1].upper() + value.replace("_", " ")[1:]


@dataclass(frozen=True)
class FieldInfo:
    """One leaf field of the case, e.g. path ``patient.address.city``."""

    path: str
    name: str
    type: Any  # without the Optional
    optional: bool
    metadata: Any

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", self.name))

    @property
    def enum(self) -> tuple[str, ...] | None:
        return self.metadata.get("enum")

    @property
    def object_name(self) -> str:
        return object_name(self.path)


def object_name(path: str) -> str:
    """The Designer objectName of the widget that edits ``path``: dots become underscores."""
    return path.replace(".", "_")


def strip_optional(tp: Any) -> tuple[Any, bool]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return tp, False


@cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def is_row_list(tp: Any) -> bool:
    """A list of dataclasses (a table in the editor), as opposed to list[str] or list[int]."""
    if typing.get_origin(tp) is not list:
        return False
    (item,) = typing.get_args(tp)
    return dataclasses.is_dataclass(item)


def fields_of(cls: type, prefix: str = "") -> list[FieldInfo]:
    out = []
    for f in dataclasses.fields(cls):
        tp, optional = strip_optional(hints(cls)[f.name])
        path = f"{prefix}.{f.name}" if prefix else f.name
        out.append(FieldInfo(path, f.name, tp, optional, f.metadata))
    return out


@cache
def form_fields() -> dict[str, FieldInfo]:
    """objectName -> field for every scalar leaf of the case (the fields forms edit)."""
    index: dict[str, FieldInfo] = {}

    def walk(cls: type, prefix: str) -> None:
        for info in fields_of(cls, prefix):
            if dataclasses.is_dataclass(info.type):
                walk(info.type, info.path)
            elif not is_row_list(info.type):
                key = info.object_name
                if key in index:  # would make the objectName mapping ambiguous
                    raise RuntimeError(f"{key} names both {index[key].path} and {info.path}")
                index[key] = info

    walk(Case, "")
    return index


@cache
def table_fields() -> dict[str, FieldInfo]:
    """List path -> field for every list of rows (the tables), e.g. ``alsfrs_r``."""
    return {i.path: i for i in fields_of(Case) if is_row_list(i.type)}


def row_type(info: FieldInfo) -> type:
    return typing.get_args(info.type)[0]  # type: ignore[no-any-return]


def get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def set_path(obj: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        obj = getattr(obj, part)
    setattr(obj, last, value)


# --- text <-> value -------------------------------------------------------------------------


def format_value(tp: Any, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(format_value(type(v), v) for v in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def parse_text(tp: Any, optional: bool, text: str, path: str, errors: list[FieldError]) -> Any:
    """Text typed by the user -> field value; problems go to ``errors`` under ``path``."""
    text = text.strip()
    if typing.get_origin(tp) is list:
        (item_tp,) = typing.get_args(tp)
        parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
        if not parts:
            return None if optional else []
        if item_tp is int:
            if not all(re.fullmatch(r"-?\d+", p) for p in parts):
                errors.append(FieldError(path, "expected whole numbers separated by commas"))
                return None if optional else []
            return [int(p) for p in parts]
        return parts
    if not text:
        return None if optional else ("" if tp is str else None)
    if tp is str:
        return text
    if tp is date:
        return parse_iso_date(text, path, errors)
    if tp is int:
        if re.fullmatch(r"[-+]?\d+", text):
            return int(text)
        errors.append(FieldError(path, f"expected a whole number, got {text!r}"))
        return None
    if tp is float:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            errors.append(FieldError(path, f"expected a number, got {text!r}"))
            return None
    raise TypeError(f"no text conversion for {tp!r} at {path}")  # programming error


# --- readable paths ---------------------------------------------------------------------------

_PATH_PART = re.compile(r"([a-z0-9_]+)(?:\[(\d+)\])?")


def describe_path(path: str) -> str:
    """``alsfrs_r[1].total`` -> ``ALSFRS-R series, row 2 › Total`` (titles from the model)."""
    cls: Any = Case
    words: list[str] = []
    for part in path.split("."):
        m = _PATH_PART.fullmatch(part)
        if not m or cls is None or not dataclasses.is_dataclass(cls):
            words.append(part)
            cls = None
            continue
        name, index = m.group(1), m.group(2)
        info = next((i for i in fields_of(cls) if i.name == name), None)
        if info is None:
            words.append(part)
            cls = None
            continue
        title = info.title
        if index is not None:
            title += f", row {int(index) + 1}"
        words.append(title)
        cls = row_type(info) if is_row_list(info.type) else info.type
    return " › ".join(words)


def split_row_path(path: str) -> tuple[str, int | None, str | None]:
    """``therapies[0].end`` -> (``therapies``, 0, ``end``); a form path -> (path, None, None)."""
    m = re.fullmatch(r"([a-z0-9_]+)\[(\d+)\](?:\.([a-z0-9_]+))?(?:\..*)?", path)
    if not m:
        return path, None, None
    return m.group(1), int(m.group(2)), m.group(3)
