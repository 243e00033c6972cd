"""``qalsody-pa case import-ehr FILE [--case CASE]``: propose, then apply only what is chosen.

Without ``--accept`` the command lists the proposed values (each with an id, its source and
new / same / conflict) and writes nothing. ``--accept all`` takes every new value, ``--accept
p3,p7`` those items; a conflict is applied only with ``--overwrite`` as the confirmation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cli import Output, add_json_flag
from ..core.storage import Store

if TYPE_CHECKING:  # the EHR readers load only when this command runs (0.5 s of imports)
    from ..core.ehr import ImportPlan, ReviewItem

EXIT_REFUSED = 3


def add_import_ehr(csub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = csub.add_parser(
        "import-ehr", help="import a C-CDA (XML) or FHIR R4 (JSON/NDJSON) export, reviewed"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--case", help="propose changes to this case (default: a new case)")
    p.add_argument(
        "--accept",
        default="",
        help="'all' (every new value; conflicts too with --overwrite), or ids like p1,p4",
    )
    p.add_argument(
        "--overwrite", action="store_true", help="confirm replacing typed values (conflicts)"
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_import_ehr)


def _chosen(plan: ImportPlan, accept: str, overwrite: bool) -> list[ReviewItem]:
    accept = accept.strip()
    if not accept or accept == "none":
        return []
    if accept == "all":
        kinds = ("new", "conflict") if overwrite else ("new",)
        return [i for i in plan.items if i.acceptable and i.kind in kinds]
    return [plan.item(x.strip()) for x in accept.split(",") if x.strip()]


def cmd_import_ehr(args: argparse.Namespace, store: Store) -> int:
    out = Output(bool(getattr(args, "json", False)))
    case_id = store.cases.resolve(args.case) if args.case else None
    progress = None
    if not out.as_json and sys.stderr.isatty():

        def progress(done: int, total: int, message: str) -> None:
            sys.stderr.write(f"\r{message}: {100 * done // max(total, 1)}%   ")

    from ..core.ehr import commit_import, prepare_import
    from ..core.ehr.model import EhrImportError
    from ..core.policy.profile import load_default_profile

    plan = prepare_import(store, args.file, case_id, progress=progress)
    chosen = _chosen(plan, args.accept, args.overwrite)
    result = (
        commit_import(store, load_default_profile(), plan, chosen, overwrite=args.overwrite)
        if chosen
        else None
    )
    data: dict[str, Any] = {
        **plan.imp.summary_json(),
        "case_id": result.case_id if result else case_id,
        "created": bool(result and result.created),
        "warnings": plan.warnings,
        "items": [i.to_json() for i in plan.items],
        "applied": [i.id for i in result.applied] if result else [],
        "refused": [{"id": i.id, "reason": why} for i, why in result.refused] if result else [],
        "attachments": [o.to_json() for o in result.attachments] if result else [],
    }

    def text() -> str:
        lines = [f"{plan.imp.file_name}: {plan.imp.document_type} ({plan.imp.format})"]
        lines += [f"warning: {w}" for w in plan.warnings]
        for item in plan.items:
            mark = {"new": "+", "same": "=", "conflict": "!", "info": "i"}[item.kind]
            what = item.message
            if item.finding is not None and item.proposal.display not in what:
                what += f" ({item.proposal.display})"
            lines.append(f"  {item.id:>4} {mark} {what}  [{item.proposal.source.describe()}]")
        if plan.imp.unmapped:
            lines.append(f"  {len(plan.imp.unmapped)} code(s) not mapped to a case field")
        if result is None:
            lines.append(
                "nothing written (choose with --accept all | --accept p1,p2;"
                " --overwrite for conflicts)"
            )
        else:
            verb = "created case" if result.created else "updated case"
            lines.append(f"{verb} {result.case_id}: {len(result.applied)} value(s) applied")
            lines += [f"  not applied {i.id}: {why}" for i, why in result.refused]
        return "\n".join(lines)

    if progress is not None:
        sys.stderr.write("\n")
    out.emit(data, text)
    if chosen and (result is None or not result.applied):
        raise EhrImportError("none of the chosen values could be applied; nothing was written")
    return EXIT_REFUSED if result is not None and result.refused else 0
