"""``qalsody-pa bundle``: the submission bundle as one checked PDF (or numbered parts).

Exit 0 when every document went in, 3 when one had to be left out (still encrypted, corrupt,
a DOCX without LibreOffice...) unless ``--allow-missing``; 2 on bad input. The manifest, also
written beside the PDF, is printed with ``--json``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
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
    lines.extend(f"LEFT OUT {x['file']}: {x['reason']}" for x in manifest["left_out"])
    lines.extend(f"excluded {x['file']}: {x['reason']}" for x in manifest["excluded"])
    lines.extend(f"! {w}" for w in manifest["warnings"])
    return "\n".join(lines)


def cmd_bundle(args: argparse.Namespace, store: Store) -> int:
    case_id = store.cases.resolve(args.case)
    from ..core.bundle import BundleBuilder, BundleOptions  # heavy: only when bundling

    options = BundleOptions(
        route=args.route,
        bates_prefix=args.bates,
        bates_start=args.bates_start,
        letter_kind=args.letter,
    )
    result = BundleBuilder(store, load_default_profile()).build(case_id, args.out, options)
    Output(bool(getattr(args, "json", False))).emit(result.manifest, lambda: _text(result.manifest))
    if result.left_out and not args.allow_missing:
        print(
            f"qalsody-pa: {len(result.left_out)} document(s) left out of the bundle"
            " (see left_out; --allow-missing to accept)",
            file=sys.stderr,
        )
        return EXIT_LEFT_OUT
    return 0
