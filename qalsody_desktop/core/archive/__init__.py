"""Case archives (``.qpa``): one case with its rows and files, to move between workstations.

``export_case`` writes a zip atomically; ``import_archive`` checks everything before it writes
anything (see ``importer``). The GUI and the CLI call these two functions with a ``Store``.
"""

from __future__ import annotations

from pathlib import Path

from ..storage.store import Store
from .export import ExportResult
from .export import export_case as _export
from .importer import ImportResult
from .importer import import_archive as _import
from .layout import DEFAULT_LIMITS, FORMAT, SUFFIX, ArchiveError, Limits

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT",
    "SUFFIX",
    "ArchiveError",
    "ExportResult",
    "ImportResult",
    "Limits",
    "export_case",
    "import_archive",
]


def export_case(
    store: Store, case_id: str, out: Path, *, limits: Limits = DEFAULT_LIMITS
) -> ExportResult:
    """Write case ``case_id`` with its rows and files to ``out`` (atomically)."""
    return _export(store.db, store.blobs, case_id, out, limits=limits)


def import_archive(store: Store, path: Path, *, limits: Limits = DEFAULT_LIMITS) -> ImportResult:
    """Import the case in ``path``; a new case id when its id is taken here (see ``ids``)."""
    return _import(store.db, store.blobs, path, limits=limits)
