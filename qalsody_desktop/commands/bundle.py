"""``qalsody-pa bundle``: the submission bundle as one checked PDF (or numbered parts).

Exit 0 when every document went in; 3 when a document is held back by a gate (another
patient's, unreviewed ``other``, whose identity could not be checked, contradicting the case)
or had to be left out (still encrypted, corrupt, a DOCX without LibreOffice...; ``--allow-missing``
accepts those, never a held-back one); 2 on bad input. ``--include ID --reason TEXT``,
``--confirm-patient ID`` and ``--acknowledge ID`` record a decision (kept with the case, in its
audit trail and in the manifest) before the build; ``--hold-back ID`` withdraws them. The
manifest, also written beside the PDF, is printed with ``--json``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
from ..core.errors import QalsodyError
from ..core.policy.profile import load_default_profile
from ..core.storage import Store

EXIT_LEFT_OUT = 3
PACKET_KINDS = (
    "medical_necessity",
    "formulary_exception",
    "expedited_review_request",
    "internal_appeal",
    "external_review_request",
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "bundle",
        help="build the submission bundle: cover, contents, crosswalk, letter, evidence",
    )
    p.add_argument("case")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--route", help="delivery route id from the policy profile (limits apply)")
    p.add_argument(
        "--allow-missing",
        action="store_true",
        help="exit 0 even when a document had to be left out",
    )
    p.add_argument(
        "--letter",
        default="medical_necessity",
        choices=PACKET_KINDS,
        help="the letter the bundle leads with (appeals enclose the denial letter)",
    )
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="ATTACHMENT_ID",
        help="put a held-back document in (repeatable; each needs its own --reason)",
    )
    p.add_argument(
        "--reason",
        action="append",
        default=[],
        metavar="TEXT",
        help="why the --include at the same position is right (recorded in the manifest)",
    )
    p.add_argument(
        "--confirm-patient",
        action="append",
        default=[],
        metavar="ATTACHMENT_ID",
        help="confirm that a document whose identity could not be checked is this patient's",
    )
    p.add_argument(
        "--acknowledge",
        action="append",
        default=[],
        metavar="ATTACHMENT_ID",
        help="acknowledge that a document contradicts the case and include it as it is",
    )
    p.add_argument(
        "--hold-back",
        action="append",
        default=[],
        metavar="ATTACHMENT_ID",
        help="withdraw every decision about a document (a gate holds it back again)",
    )
    p.add_argument("--bates", metavar="PREFIX", help="number every page PREFIX000001, ...")
    p.add_argument("--bates-start", type=int, metavar="N", help="first Bates number (default 1)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_bundle)


def _text(manifest: dict[str, Any]) -> str:
    lines = [f"{f['file']}: {f['pages']} pages, {f['bytes']:,} bytes" for f in manifest["files"]]
    lines.append(f"{manifest['pages']} pages in all; manifest beside the PDF")
    for section in manifest["sections"]:
        span = section["output_pages"]
        lines.append(f"  {section['title']}: pages {span['first']}-{span['last']}")
    lines.extend(
        f"HELD BACK {x['attachment_id']} {x['file']}: {x['reason']}" for x in manifest["held_back"]
    )
    lines.extend(
        f"included by decision {x['attachment_id']} {x['file']}: {x['action']}"
        + (f" ({x['reason']})" if x["reason"] else "")
        for x in manifest["decisions"]
    )
    lines.extend(f"LEFT OUT {x['file']}: {x['reason']}" for x in manifest["left_out"])
    lines.extend(f"excluded {x['file']}: {x['reason']}" for x in manifest["excluded"])
    lines.extend(f"! {w}" for w in manifest["warnings"])
    return "\n".join(lines)


def _record_decisions(args: argparse.Namespace, store: Store, case_id: str) -> None:
    """Every decision on the command line, checked first, then stored (each with its audit)."""
    from ..core.bundle.gates import (
        ACKNOWLEDGE,
        CONFIRM,
        INCLUDE,
        record_decision,
        withdraw_decisions,
    )
    from ..core.storage.prefs import CasePrefs
    from .evidence import _resolve_attachment

    if len(args.include) != len(args.reason):
        raise QalsodyError(
            f"{len(args.include)} --include but {len(args.reason)} --reason: give each"
            " --include its own --reason"
        )
    wanted = [
        *((ref, INCLUDE, why) for ref, why in zip(args.include, args.reason, strict=True)),
        *((ref, CONFIRM, "") for ref in args.confirm_patient),
        *((ref, ACKNOWLEDGE, "") for ref in args.acknowledge),
    ]
    resolved = [
        (store.attachments.get(_resolve_attachment(store, case_id, ref)), action, why)
        for ref, action, why in wanted
    ]
    for att, action, why in resolved:
        if action == INCLUDE and not why.strip():
            raise QalsodyError(f"--include {att.id}: the --reason is empty")
    withdrawn = [_resolve_attachment(store, case_id, ref) for ref in args.hold_back]
    prefs = CasePrefs(store.db)
    for att_id in withdrawn:
        withdraw_decisions(prefs, case_id, att_id)
    conflicts: dict[str, str] = {}
    if args.acknowledge:  # what is acknowledged is the contradiction as it reads now
        from ..core.bundle.gates import load_decisions, screen
        from ..core.evidence.kit import load_kit

        profile = load_default_profile()
        kit = load_kit(store, case_id, profile)
        screened = screen(kit, profile, load_decisions(prefs, case_id))
        conflicts = {s.attachment.id: s.conflict() for s in screened}
    for att, action, why in resolved:
        subject = conflicts.get(att.id, "") if action == ACKNOWLEDGE else ""
        record_decision(prefs, case_id, att, action, why, subject=subject)


def cmd_bundle(args: argparse.Namespace, store: Store) -> int:
    case_id = store.cases.resolve(args.case)
    _record_decisions(args, store, case_id)
    from ..core.bundle import BundleBuilder, BundleOptions  # heavy: only when bundling

    options = BundleOptions(
        route=args.route,
        bates_prefix=args.bates,
        bates_start=args.bates_start,
        letter_kind=args.letter,
    )
    result = BundleBuilder(store, load_default_profile()).build(case_id, args.out, options)
    Output(bool(getattr(args, "json", False))).emit(result.manifest, lambda: _text(result.manifest))
    if result.held_back:
        print(
            f"qalsody-pa: {len(result.held_back)} document(s) held back from the bundle:",
            file=sys.stderr,
        )
        for x in result.held_back:
            print(f"  {x['attachment_id']} {x['file']}: {x['reason']}", file=sys.stderr)
        print(
            "  (--include ID --reason TEXT, --confirm-patient ID or --acknowledge ID to decide)",
            file=sys.stderr,
        )
        return EXIT_LEFT_OUT
    if result.left_out and not args.allow_missing:
        print(
            f"qalsody-pa: {len(result.left_out)} document(s) left out of the bundle"
            " (see left_out; --allow-missing to accept)",
            file=sys.stderr,
        )
        return EXIT_LEFT_OUT
    return 0
