"""Generic checks of profile tables: known keys, required keys, types, choices, references.

Kept apart from the table builders so every table is checked by the same code and reports
problems the same way (file, line, key).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from .errors import ProfileError
from .kinds import RULE_KINDS
from .locate import Locator
from .schema import Spec, type_problem

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Checker:
    """Checks parsed TOML against specs and raises ProfileError located in the raw text."""

    def __init__(self, path: Path, raw: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.where = Locator(raw)

    def fail(
        self, table: str | None, index: int | None, key: str | None, message: str, **at: Any
    ) -> NoReturn:
        line = self.where.line(table, index, key, **at)
        raise ProfileError(self.path, line, key, message)

    def checked(
        self,
        table: str | None,
        index: int | None,
        entry: Mapping[str, Any],
        spec: Spec,
        extra: Spec | None = None,
        prefix: str = "",
        element: int | None = None,
    ) -> dict[str, Any]:
        """``entry`` with every key known, present when required, of the right type."""
        allowed = {**spec, **(extra or {})}
        at: dict[str, Any] = {"element": element} if element is not None else {}
        for key in entry:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail(table, index, prefix + key, f"unknown key (known keys: {known})", **at)
        for key, param in allowed.items():
            if key not in entry:
                if param.required:
                    self.fail(table, index, prefix + key, "required key is missing", **at)
                continue
            value = entry[key]
            problem = type_problem(param.type, value)
            if problem:
                self.fail(table, index, prefix + key, problem, **at)
            values = value if isinstance(value, list) else [value]
            for v in values:
                if param.choices and v not in param.choices:
                    choices = ", ".join(param.choices)
                    self.fail(
                        table,
                        index,
                        prefix + key,
                        f"unknown value '{v}' (expected one of: {choices})",
                        **(at or {"value": v if isinstance(value, list) else None}),
                    )
        return dict(entry)

    def entries(self, table: str, spec: Spec) -> list[dict[str, Any]]:
        """The checked elements of one ``[[table]]`` array, with unique snake_case ids."""
        seen: set[str] = set()
        out = []
        for index, entry in enumerate(self.data[table]):
            item = self.checked(table, index, entry, spec, self._kind_params(table, index, entry))
            if "id" in item:
                if not _ID.match(item["id"]):
                    self.fail(table, index, "id", f"'{item['id']}' is not snake_case")
                if item["id"] in seen:
                    self.fail(table, index, "id", f"duplicate id '{item['id']}'")
                seen.add(item["id"])
            out.append(item)
        return out

    def _kind_params(self, table: str, index: int, entry: Mapping[str, Any]) -> Spec | None:
        if table != "criteria":
            return None
        kind = entry.get("kind")
        if not isinstance(kind, str):
            return None  # reported as a missing or mistyped key
        if kind not in RULE_KINDS:
            known = ", ".join(RULE_KINDS)
            self.fail(table, index, "kind", f"unknown rule kind '{kind}' (known: {known})")
        return RULE_KINDS[kind]

    def ref(self, table: str, index: int, key: str, value: str, known: set[str], what: str) -> None:
        if value not in known:
            self.fail(table, index, key, f"unknown {what} id '{value}'", value=value)


def tuples(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}


def freeze_params(params: Mapping[str, Any]) -> Mapping[str, Any]:
    """Read-only params: lists become tuples, tables read-only mappings."""

    def freeze(v: Any) -> Any:
        if isinstance(v, list):
            return tuple(freeze(x) for x in v)
        if isinstance(v, dict):
            return MappingProxyType({k: freeze(x) for k, x in v.items()})
        return v

    return MappingProxyType({k: freeze(v) for k, v in params.items()})
