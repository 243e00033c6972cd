"""Case <-> plain dict (the JSON import format), driven by the dataclass type hints.

Conversion collects every problem instead of stopping at the first, so a user fixing an import
file sees all of them at once. Semantic rules (ranges, check digits, date order) are in
``validation.py``; this module only checks shapes and types.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from datetime import date
from functools import cache
from typing import Any, TypeVar

from .errors import CaseValidationError, FieldError
from .model import CASE_FORMAT, Case
from .textclean import clean_text

_SURROGATE = re.compile("[\ud800-\udfff]")

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0], True
    return tp, False


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _convert(tp: Any, value: Any, path: str, errors: list[FieldError]) -> Any:
    tp, optional = _strip_optional(tp)
    if value is None:
        if optional:
            return None
        if dataclasses.is_dataclass(tp):
            return typing.cast(Any, tp)()
        if typing.get_origin(tp) is list:
            return []
        if tp is str:
            return ""
        errors.append(FieldError(path, "a value is required"))
        return None
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            errors.append(FieldError(path, f"expected an object, got {_describe(value)}"))
            return typing.cast(Any, tp)()
        return _from_dict(tp, value, path, errors)  # type: ignore[arg-type]
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if not isinstance(value, list):
            errors.append(FieldError(path, f"expected a list, got {_describe(value)}"))
            return [] if not optional else None
        return [_convert(item_tp, v, f"{path}[{i}]", errors) for i, v in enumerate(value)]
    if tp is str:
        if isinstance(value, str):
            if not value.isascii() and _SURROGATE.search(value):
                # broken encoding, not a character: dropping it would silently change a name
                errors.append(FieldError(path, "has a broken character (a lone surrogate)"))
                return None
            value = clean_text(value).strip()
            return value if value or not optional else None
        errors.append(FieldError(path, f"expected text, got {_describe(value)}"))
        return None
    if tp is bool:
        if isinstance(value, bool):
            return value
        errors.append(FieldError(path, f"expected true or false, got {_describe(value)}"))
        return None
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(FieldError(path, f"expected a whole number, got {_describe(value)}"))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            errors.append(FieldError(path, f"expected a whole number, got {value}"))
            return None
        if isinstance(value, float) and not value.is_integer():
            errors.append(FieldError(path, f"expected a whole number, got {value}"))
            return None
        return int(value)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(FieldError(path, f"expected a number, got {_describe(value)}"))
            return None
        if not math.isfinite(value):  # NaN/Infinity: not JSON, and no lab ever reports one
            errors.append(FieldError(path, f"expected a finite number, got {value}"))
            return None
        try:
            return float(value)
        except OverflowError:  # an integer too large for a float
            errors.append(FieldError(path, f"expected a finite number, got {_describe(value)}"))
            return None
    if tp is date:
        return parse_iso_date(value, path, errors)
    raise TypeError(f"unsupported field type {tp!r} at {path}")  # programming error


def parse_iso_date(value: Any, path: str, errors: list[FieldError]) -> date | None:
    """Parse YYYY-MM-DD strictly; 2025-02-30 is an impossible date, not a typo to guess at."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        errors.append(FieldError(path, f"expected a date YYYY-MM-DD, got {_describe(value)}"))
        return None
    text = value.strip()
    if not text:
        return None
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        errors.append(FieldError(path, f"expected a date YYYY-MM-DD, got {_describe(value)}"))
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        errors.append(FieldError(path, f"impossible date {text!r} (no such day)"))
        return None


def _from_dict(cls: type[T], data: dict[str, Any], path: str, errors: list[FieldError]) -> T:
    hints = _hints(typing.cast(Any, cls))
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    for key in data:
        if key not in known:
            where = f"{path}.{key}" if path else key
            errors.append(FieldError(where, "unknown field"))
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        where = f"{path}.{f.name}" if path else f.name
        kwargs[f.name] = _convert(hints[f.name], data[f.name], where, errors)
    return cls(**kwargs)


def case_from_dict(data: Any) -> Case:
    """Build a Case from the import format; raise CaseValidationError listing every problem."""
    errors: list[FieldError] = []
    if not isinstance(data, dict):
        raise CaseValidationError([FieldError("(file)", "expected a JSON object at the top level")])
    body = dict(data)
    fmt = body.pop("format", CASE_FORMAT)
    if fmt != CASE_FORMAT:
        errors.append(
            FieldError("format", f"unsupported format {_describe(fmt)}; expected {CASE_FORMAT!r}")
        )
    case = _from_dict(Case, body, "", errors)
    if errors:
        raise CaseValidationError(errors)
    return case


def to_plain(value: Any) -> Any:
    """Dataclasses, lists and dates to JSON-ready values (dates as ISO strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def case_to_dict(case: Case) -> dict[str, Any]:
    """The import format of ``case``; importing it again gives an equal Case."""
    return {"format": CASE_FORMAT, **to_plain(case)}
