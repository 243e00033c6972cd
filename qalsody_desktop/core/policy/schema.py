"""The shape of each profile table: its keys, their types, which are required.

Declared as data so that the loader checks every table the same way and an unknown key (a
typo such as ``staus``) is an error rather than a rule silently ignored.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any

from .. import model as case_model
from .kinds import DIRECTIONS, EVENTS, PLAN_TYPES, ROUTE_KINDS, UNITS, URGENCIES, Param
from .model import CLAIM_STATUSES, EVIDENCE_TOPICS, STATUSES

Spec = Mapping[str, Param]

TOP_LEVEL: Spec = {
    "profile": Param("table"),
    "sources": Param("array"),
    "categories": Param("array"),
    "criteria": Param("array"),
    "denial_reasons": Param("array"),
    "deadlines": Param("array"),
    "awaited": Param("array", required=False),
    "regulatory_statements": Param("array"),
    "routes": Param("array"),
    "payer_contact": Param("table", required=False),
    "evidence": Param("array", required=False),
    "published_references": Param("array", required=False),
    "actions": Param("array", required=False),
}

PROFILE: Spec = {
    "id": Param("str"),
    "version": Param("str"),
    "title": Param("str"),
    "payer": Param("str"),
    "state": Param("str"),
    "drug": Param("str"),
    "description": Param("str", required=False),
    "last_reviewed": Param("date", required=False),
}

SOURCE: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "citation": Param("str"),
    "url": Param("str", required=False),
    "note": Param("str", required=False),
}

CATEGORY: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "description": Param("str"),
    "keywords": Param("list[table]"),
    "max_age_days": Param("int", required=False),
    "max_age_source": Param("str", required=False),
    "max_age_status": Param("str", required=False, choices=STATUSES),
    "max_age_note": Param("str", required=False),
}

KEYWORD: Spec = {
    "weight": Param("number"),
    "phrase": Param("str", required=False),
    "pattern": Param("str", required=False),
    "label": Param("str", required=False),
}

CRITERION: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "kind": Param("str"),
    "facts": Param("list[str]"),
    "documents": Param("list[str]"),
    "denial_reason": Param("str"),
    "source": Param("str"),
    "status": Param("str", choices=CLAIM_STATUSES),
    "note": Param("str", required=False),
}

DENIAL_REASON: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "how_to_overturn": Param("str"),
    "required_documents": Param("list[str]"),
    "match_phrases": Param("list[str]"),
    "source": Param("str"),
    "status": Param("str", choices=CLAIM_STATUSES),
    "plan_types": Param("list[str]", required=False, choices=PLAN_TYPES),
    "note": Param("str", required=False),
}

DEADLINE: Spec = {
    "id": Param("str"),
    "deadline": Param("str"),
    "title": Param("str"),
    "plan_types": Param("list[str]", choices=PLAN_TYPES),
    "from_event": Param("str", choices=EVENTS),
    "amount": Param("int"),
    "unit": Param("str", choices=UNITS),
    "source": Param("str"),
    "status": Param("str", choices=STATUSES),
    "direction": Param("str", required=False, choices=DIRECTIONS),
    "urgency": Param("str", required=False, choices=URGENCIES),
    "repeat_every": Param("int", required=False),
    "note": Param("str", required=False),
    "effective_from": Param("date", required=False),
    "effective_to": Param("date", required=False),
    "also_from": Param("list[str]", required=False, choices=EVENTS),
    "also_source": Param("str", required=False),
}

AWAITED: Spec = {
    "id": Param("str"),
    "deadline": Param("str"),
    "title": Param("str"),
    "plan_types": Param("list[str]", choices=PLAN_TYPES),
    "from_event": Param("str", choices=EVENTS),
    "source": Param("str"),
    "status": Param("str", choices=STATUSES),
    "urgency": Param("str", required=False, choices=URGENCIES),
    "note": Param("str", required=False),
    "effective_from": Param("date", required=False),
    "effective_to": Param("date", required=False),
}

STATEMENT: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "text": Param("str"),
    "source": Param("str"),
    "status": Param("str", choices=CLAIM_STATUSES),
    "quote": Param("bool", required=False),
    "date": Param("date", required=False),
    "plan_types": Param("list[str]", required=False, choices=PLAN_TYPES),
    "note": Param("str", required=False),
}

EVIDENCE: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "text": Param("str"),
    "source": Param("str"),
    "status": Param("str", choices=CLAIM_STATUSES),
    "citation": Param("str"),
    "topics": Param("list[str]", required=False, choices=EVIDENCE_TOPICS),
    "answers": Param("list[str]", required=False),
    "short": Param("str", required=False),
    "note": Param("str", required=False),
}

PUBLISHED_REFERENCE: Spec = {
    "id": Param("str"),
    "source": Param("str"),
    "title": Param("str"),
    "match": Param("list[str]"),
    "note": Param("str", required=False),
}

ACTION: Spec = {
    "id": Param("str"),
    "criterion": Param("str"),
    "when": Param("list[str]", choices=("not_met", "missing")),
    "text": Param("str"),
    "source": Param("str"),
    "status": Param("str", choices=STATUSES),
    "note": Param("str", required=False),
}

ROUTE: Spec = {
    "id": Param("str"),
    "title": Param("str"),
    "kind": Param("str", choices=ROUTE_KINDS),
    "limits_verified": Param("bool"),
    "source": Param("str"),
    "status": Param("str", choices=STATUSES),
    "max_file_mb": Param("number", required=False),
    "max_pages": Param("int", required=False),
    "formats": Param("list[str]", required=False),
    "note": Param("str", required=False),
}

PAYER_CONTACT: Spec = {
    "name": Param("str"),
    "department": Param("str"),
    "fax": Param("str"),
    "phone": Param("str"),
    "placeholder": Param("bool"),
    "note": Param("str", required=False),
}


def type_problem(tag: str, value: Any) -> str | None:
    """Why ``value`` is not of type ``tag``, or None when it is."""
    ok: bool
    if tag == "str":
        ok = isinstance(value, str)
    elif tag == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tag == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif tag == "bool":
        ok = isinstance(value, bool)
    elif tag == "date":
        ok = isinstance(value, date)
    elif tag in ("table", "array", "list[table]"):
        inner = dict if tag == "table" else list
        ok = isinstance(value, inner)
        if ok and tag == "list[table]":
            ok = all(isinstance(v, dict) for v in value)
    elif tag == "list[str]":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif tag == "table[list[str]]":
        ok = isinstance(value, dict) and all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value.values()
        )
    else:  # pragma: no cover - a spec typo, caught by the tests of the shipped profile
        raise ValueError(f"unknown type tag {tag}")
    if ok:
        return None
    return f"must be {_DESCRIBE.get(tag, tag)}, not {_toml_type(value)}"


_DESCRIBE = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "date": "a date (YYYY-MM-DD, unquoted)",
    "table": "a table",
    "array": "an array of tables ([[...]])",
    "list[table]": "an array of inline tables",
    "list[str]": "an array of strings",
    "table[list[str]]": "a table of string arrays",
}


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    for cls, name in names.items():
        if type(value) is cls:
            return name
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


def fact_path_problem(path: str) -> str | None:
    """Why ``path`` names no field of the case model (``genetics.classification``), or None."""
    cls: Any = case_model.Case
    parts = path.split(".")
    for pos, part in enumerate(parts):
        if cls is None or not dataclasses.is_dataclass(cls):
            return f"'{'.'.join(parts[:pos])}' has no fields"
        hints = typing.get_type_hints(cls)
        if part not in hints:
            return f"'{part}' is not a field of {getattr(cls, '__name__', cls)}"
        hint = hints[part]
        if typing.get_origin(hint) is list:
            hint = typing.get_args(hint)[0]
        cls = hint if dataclasses.is_dataclass(hint) else None
    return None
