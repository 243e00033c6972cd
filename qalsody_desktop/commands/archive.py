"""``qalsody-pa export CASE --out FILE.qpa`` / ``import-archive FILE.qpa``: move a case.

A ``.qpa`` archive holds the case, its attachments' files, letters, timeline, exports and
preferences. Importing never overwrites: a case whose id is taken here comes in under a new id
and the command says so (``renamed`` in --json).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
from ..core.archive import SUFFIX, export_case, import_archive
from ..core.storage import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export", help=f"write a case with its files to a {SUFFIX} archive (a backup or a move)"
    )
    add_export_arguments(p)

    p = sub.add_parser("import-archive", help=f"import a case from a {SUFFIX} archive")
    add_import_arguments(p)


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("case", help="case id (or a unique prefix)")
    p.add_argument("--out", type=Path, required=True, metavar=f"FILE{SUFFIX}")
    add_json_flag(p)
    p.set_defaults(handler=cmd_export)


def add_import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar=f"FILE{SUFFIX}")
    add_json_flag(p)
    p.set_defaults(handler=cmd_import_archive)


def _out(args: argparse.Namespace) -> Output:
    return Output(bool(getattr(args, "json", False)))


def cmd_export(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    result = export_case(store, case_id, args.out)
    data: dict[str, Any] = {
        "case_id": result.case_id,
        "file": str(result.path),
        "sha256": result.sha256,
        "size": result.size,
        "files": result.blobs,
        "file_bytes": result.blob_bytes,
        "rows": result.tables,
    }
    _out(args).emit(
        data,
        f"wrote case {case_id} to {result.path} ({result.size} bytes, {result.blobs} files)",
    )


def cmd_import_archive(args: argparse.Namespace, store: Store) -> None:
    result = import_archive(store, args.file)
    data = {
        "case_id": result.case_id,
        "source_case_id": result.source_case_id,
        "renamed": result.renamed,
        "rows": result.tables,
        "files_added": result.blobs_added,
        "files_already_stored": result.blobs_present,
        "archive_app_version": result.archive_app_version,
    }

    def text() -> str:
        line = f"imported {args.file.name} as case {result.case_id}"
        if result.case_id != result.source_case_id:
            line += f" (case {result.source_case_id} exists here, so the copy has a new id)"
        return line

    _out(args).emit(data, text)
