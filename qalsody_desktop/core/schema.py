"""JSON Schema of the case import format, generated from the model so it cannot drift.

``resources/schema/qalsody-case-1.schema.json`` is this function's output, committed for other
tools; a test fails when the two differ (regenerate with ``python -m qalsody_desktop.core.schema``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import typing
from datetime import date
from pathlib import Path
from typing import Any

from .codec import _hints, _strip_optional
from .model import CASE_FORMAT, Case
from .paths import resources_dir

SCHEMA_PATH = Path("schema") / "qalsody-case-1.schema.json"


def _type_schema(tp: Any, meta: dict[str, Any]) -> dict[str, Any]:
    tp, optional = _strip_optional(tp)
    if dataclasses.is_dataclass(tp):
        out = _object_schema(typing.cast(type, tp))
    elif typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        item_meta: dict[str, Any] = {}
        if "item_min" in meta:
            item_meta = {"min": meta["item_min"], "max": meta["item_max"]}
        out = {"type": "array", "items": _type_schema(item, item_meta)}
        if "length" in meta:
            out["minItems"] = out["maxItems"] = meta["length"]
    elif tp is str:
        out = {"type": "string"}
        if "enum" in meta:
            out["enum"] = list(meta["enum"])
        if "pattern" in meta:
            out["pattern"] = meta["pattern"]
    elif tp is bool:
        out = {"type": "boolean"}
    elif tp is int:
        out = {"type": "integer"}
    elif tp is float:
        out = {"type": "number"}
    elif tp is date:
        out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    else:  # pragma: no cover
        raise TypeError(tp)
    if "min" in meta:
        out["minimum"] = meta["min"]
    if "max" in meta:
        out["maximum"] = meta["max"]
    if optional:
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        out["type"] = [out["type"], "null"]
    return out


def _object_schema(cls: type) -> dict[str, Any]:
    hints = _hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        schema = _type_schema(hints[f.name], dict(f.metadata))
        schema = {"title": f.metadata.get("title", f.name), **schema}
        props[f.name] = schema
        if f.metadata.get("required"):
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def build_case_schema() -> dict[str, Any]:
    schema = _object_schema(Case)
    schema["properties"] = {"format": {"const": CASE_FORMAT}, **schema["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "qalsody-case-1.schema.json",
        "title": "Qalsody PA Desk case (import/export format)",
        "description": "Checks shape and types. Cross-field rules (NPI check digit, item sum,"
        " date order) are enforced by the app on import.",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(build_case_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # regenerate the committed file
    target = resources_dir() / SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")
