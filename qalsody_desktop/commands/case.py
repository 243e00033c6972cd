"""``qalsody-pa case ...``: import, list, show, export and delete cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
from ..core.caseio import case_json_text, load_case_file, write_case_file
from ..core.codec import case_to_dict
from ..core.derived import alsfrs_series, case_age, overall_decline
from ..core.errors import QalsodyError
from ..core.storage import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    case = sub.add_parser("case", help="create, list, show, export and delete cases")
    csub = case.add_subparsers(dest="case_command", metavar="ACTION")
    csub.required = True

    p = csub.add_parser("import", help="import a case from a JSON file (qalsody-case/1)")
    p.add_argument("file", type=Path)
    add_json_flag(p)
    p.set_defaults(handler=cmd_import)

    p = csub.add_parser("list", help="list cases")
    add_json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = csub.add_parser("show", help="show one case with derived values")
    p.add_argument("case", help="case id (or a unique prefix)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_show)

    p = csub.add_parser("export-json", help="write the case as re-importable JSON")
    p.add_argument("case")
    p.add_argument("--out", type=Path, help="write to this file instead of stdout")
    add_json_flag(p)
    p.set_defaults(handler=cmd_export_json)

    p = csub.add_parser("delete", help="delete a case")
    p.add_argument("case")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    add_json_flag(p)
    p.set_defaults(handler=cmd_delete)

    # aliases of the top-level ``export`` / ``import-archive`` (commands/archive.py)
    from .archive import add_export_arguments, add_import_arguments

    add_export_arguments(csub.add_parser("export", help="write the case and its files to a .qpa"))
    add_import_arguments(csub.add_parser("import-archive", help="import a case from a .qpa"))

    from .ehr import add_import_ehr

    add_import_ehr(csub)


def _out(args: argparse.Namespace) -> Output:
    return Output(bool(getattr(args, "json", False)))


def cmd_import(args: argparse.Namespace, store: Store) -> None:
    case = load_case_file(args.file)
    case_id = store.cases.create(case, action="imported", source=args.file.name)
    _out(args).emit({"case_id": case_id}, f"imported {args.file.name} as case {case_id}")


def cmd_list(args: argparse.Namespace, store: Store) -> None:
    rows = store.cases.list()
    data = [
        {
            "case_id": r.id,
            "name": r.display_name,
            "date_of_birth": r.date_of_birth,
            "mrn": r.mrn,
            "member_id": r.member_id,
            "updated_at": r.updated_at,
        }
        for r in rows
    ]

    def text() -> str:
        if not rows:
            return "no cases"
        return "\n".join(
            f"{r.id}  {r.display_name:<30}  DOB {r.date_of_birth or '-':<10}  MRN {r.mrn or '-'}"
            for r in rows
        )

    _out(args).emit(data, text)


def derived_summary(case: Any) -> dict[str, Any]:
    series = alsfrs_series(case)
    decline = overall_decline(case)
    return {
        "age": case_age(case),
        "alsfrs_r": [
            {
                "date": p.date.isoformat(),
                "total": p.total,
                "decline_per_month_since_previous": _round(p.decline_since_previous),
                "decline_per_month_since_onset": _round(p.decline_since_onset),
            }
            for p in series
        ],
        "alsfrs_r_decline_per_month_overall": _round(decline),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def cmd_show(args: argparse.Namespace, store: Store) -> None:
    stored = store.cases.get(store.cases.resolve(args.case))
    case = stored.case
    derived = derived_summary(case)
    data = {
        "case_id": stored.id,
        "created_at": stored.created_at,
        "updated_at": stored.updated_at,
        "revision": stored.revision,
        "case": case_to_dict(case),
        "derived": derived,
    }

    def text() -> str:
        p, ins = case.patient, case.insurance
        age = derived["age"] if derived["age"] is not None else "-"
        lines = [
            f"Case {stored.id}: {case.display_name}",
            f"  DOB {p.date_of_birth or '-'} (age {age}), MRN {p.mrn or '-'}",
            f"  {ins.payer or '-'} {ins.plan_name or ''} ({ins.plan_type or 'plan type not set'}),"
            f" member {ins.member_id or '-'}",
            f"  Prescriber: {case.prescriber.name or '-'} {case.prescriber.credentials or ''}"
            f" ({case.prescriber.specialty or '-'})",
            f"  SOD1: {case.genetics.variant_protein or '-'} {case.genetics.variant_cdna or ''}"
            f" ({case.genetics.classification or '-'})",
            "  ALSFRS-R:",
        ]
        for row in derived["alsfrs_r"]:
            since = row["decline_per_month_since_previous"]
            lines.append(
                f"    {row['date']}  {row['total']:>2}/48"
                + (f"  {since:+.2f} pts/month lost since previous" if since is not None else "")
            )
        lines.append(f"  Updated {stored.updated_at} (revision {stored.revision})")
        return "\n".join(lines)

    _out(args).emit(data, text)


def cmd_export_json(args: argparse.Namespace, store: Store) -> None:
    stored = store.cases.get(store.cases.resolve(args.case))
    if args.out:
        write_case_file(stored.case, args.out)
        _out(args).emit(
            {"case_id": stored.id, "file": str(args.out)}, f"wrote case {stored.id} to {args.out}"
        )
    else:
        sys.stdout.write(case_json_text(stored.case))


def cmd_delete(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    if not args.yes:
        raise QalsodyError(f"deleting case {case_id} cannot be undone; add --yes to confirm")
    store.cases.delete(case_id)
    _out(args).emit({"deleted": case_id}, f"deleted case {case_id}")
