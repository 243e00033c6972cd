"""The mapping table (``resources/ehr/codes.toml``): coded EHR facts to case fields.

Codes live in data with their source and status; Python only looks them up. A concept is
matched by code first, then by its display name or original text (EHRs use local codes and
codes vary between terminology versions), and the match says which of the two it was.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..paths import resources_dir


@dataclass(frozen=True)
class Target:
    id: str
    kind: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    drug: str | None = None
    icd10: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class CodeEntry:
    system: str
    code: str
    target: str
    display: str
    source: str
    status: str


@dataclass(frozen=True)
class Match:
    target: Target
    by: str  # "code" or "name"
    entry: CodeEntry | None = None

    def describe(self) -> str:
        if self.entry is not None:
            return f"{self.entry.system} {self.entry.code} ({self.entry.status})"
        return "matched by name"


@dataclass
class CodeTable:
    systems: dict[str, str]
    targets: dict[str, Target]
    codes: dict[tuple[str, str], CodeEntry] = field(default_factory=dict)

    def system_name(self, system: str | None) -> str:
        """'LOINC' for an OID or URI the table knows; the raw value otherwise."""
        if not system:
            return "local"
        return self.systems.get(system.strip(), self.systems.get(system.strip().lower(), system))

    def by_code(self, system: str | None, code: str | None) -> Match | None:
        if not code:
            return None
        entry = self.codes.get((self.system_name(system), code.strip()))
        if entry is None:
            return None
        return Match(self.targets[entry.target], "code", entry)

    def by_name(self, text: str | None, kinds: tuple[str, ...] = ()) -> Match | None:
        if not text:
            return None
        for target in self.targets.values():
            if kinds and target.kind not in kinds:
                continue
            if any(p.search(text) for p in target.patterns):
                return Match(target, "name")
        return None

    def match(
        self,
        codings: Sequence[tuple[str | None, str | None, str | None]],
        texts: Sequence[str | None],
        kinds: tuple[str, ...] = (),
    ) -> Match | None:
        """The first code that maps, else the first name that does (only among ``kinds``)."""
        for system, code, _display in codings:
            found = self.by_code(system, code)
            if found is not None and (not kinds or found.target.kind in kinds):
                return found
        for text in [*texts, *(d for _s, _c, d in codings)]:
            found = self.by_name(text, kinds)
            if found is not None:
                return found
        return None


def load_code_table(path: Path | None = None) -> CodeTable:
    """Parse and check the table; a broken file is a clear error naming the entry."""
    path = path or resources_dir() / "ehr" / "codes.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    sources = {s["id"] for s in data.get("sources", [])}
    systems = {str(k): str(v) for k, v in data.get("systems", {}).items()}
    targets: dict[str, Target] = {}
    for raw in data.get("targets", []):
        targets[raw["id"]] = Target(
            id=raw["id"],
            kind=raw["kind"],
            label=raw["label"],
            patterns=tuple(re.compile(p, re.I) for p in raw.get("names", [])),
            drug=raw.get("drug"),
            icd10=raw.get("icd10"),
            unit=raw.get("unit"),
        )
    table = CodeTable(systems, targets)
    for raw in data.get("codes", []):
        entry = CodeEntry(
            raw["system"], raw["code"], raw["target"], raw["display"], raw["source"], raw["status"]
        )
        if entry.target not in targets:
            raise ValueError(f"{path.name}: code {entry.code} names unknown target {entry.target}")
        if entry.source not in sources:
            raise ValueError(f"{path.name}: code {entry.code} names unknown source {entry.source}")
        if entry.status not in ("verified", "unverified"):
            raise ValueError(f"{path.name}: code {entry.code} has status {entry.status!r}")
        table.codes[(entry.system, entry.code)] = entry
    return table


@lru_cache(maxsize=1)
def default_code_table() -> CodeTable:
    return load_code_table()
