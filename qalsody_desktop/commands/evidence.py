"""``qalsody-pa attach / attachments / detach / categorize / check``: the evidence kit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
from ..core.checklist import OPEN_STATUSES
from ..core.classifier.local import learn_correction, load_local
from ..core.errors import QalsodyError
from ..core.policy.model import PolicyProfile
from ..core.policy.profile import load_default_profile
from ..core.storage import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("attach", help="attach files or folders to a case")
    p.add_argument("case")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--category", help="category id for all files (else classified from text)")
    p.add_argument(
        "--password", action="append", default=[], help="password for encrypted PDFs (repeatable)"
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("attachments", help="list a case's attachments with their warnings")
    p.add_argument("case")
    add_json_flag(p)
    p.set_defaults(handler=cmd_attachments)

    p = sub.add_parser("detach", help="remove an attachment from a case")
    p.add_argument("case")
    p.add_argument("attachment")
    add_json_flag(p)
    p.set_defaults(handler=cmd_detach)

    p = sub.add_parser(
        "categorize", help="set an attachment's category (kept over the automatic one)"
    )
    p.add_argument("case")
    p.add_argument("attachment")
    p.add_argument("category")
    add_json_flag(p)
    p.set_defaults(handler=cmd_categorize)

    p = sub.add_parser(
        "split",
        help="split a multi-document PDF (e.g. a fax) into one attachment per document",
    )
    p.add_argument("case")
    p.add_argument("attachment")
    p.add_argument(
        "--keep-cover", action="store_true", help="keep fax cover sheets as their own attachment"
    )
    p.add_argument("--dry-run", action="store_true", help="show the parts, change nothing")
    add_json_flag(p)
    p.set_defaults(handler=cmd_split)

    p = sub.add_parser("check", help="the payer checklist: what is met, what is missing")
    p.add_argument("case")
    add_json_flag(p)
    p.set_defaults(handler=cmd_check)


def _out(args: argparse.Namespace) -> Output:
    return Output(bool(getattr(args, "json", False)))


def _profile() -> PolicyProfile:
    return load_default_profile()


def _check_category(profile: PolicyProfile, category: str) -> None:
    if category not in profile.category_ids:
        raise QalsodyError(
            f"unknown category {category!r}; one of: {', '.join(profile.category_ids)}"
        )


def cmd_attach(args: argparse.Namespace, store: Store) -> int:
    case_id = store.cases.resolve(args.case)
    profile = _profile()
    if args.category:
        _check_category(profile, args.category)
    missing = [str(f) for f in args.files if not f.exists()]
    if missing:
        raise QalsodyError(f"no such file: {', '.join(missing)}")
    from ..core.evidence.attach import Attacher  # the intake: only when attaching

    outcomes = Attacher(store, profile).attach(
        case_id, args.files, category=args.category, passwords=args.password
    )
    data = [o.to_json() for o in outcomes]

    def text() -> str:
        lines = []
        for o in outcomes:
            if o.status == "rejected":
                lines.append(f"REJECTED   {o.file}: {o.error}")
            else:
                conf = f"{o.confidence:.2f}" if o.confidence is not None else "-"
                lines.append(
                    f"{o.status.upper():<10} {o.file} -> {o.category} ({o.category_source},"
                    f" confidence {conf}, {o.pages or '?'} pages) [{o.attachment_id}]"
                )
            lines.extend(f"           ! {w}" for w in o.warnings)
        return "\n".join(lines)

    _out(args).emit(data, text)
    return 0 if all(o.status != "rejected" for o in outcomes) else 3


def _attachment_json(att: Any, review: Any) -> dict[str, Any]:
    return {
        "attachment_id": att.id,
        "file": att.file_name,
        "sha256": att.original_sha256,
        "working_sha256": att.working_sha256,
        "kind": att.kind,
        "category": att.category,
        "category_source": att.category_source,
        "confidence": att.confidence,
        "matched": att.matched,
        "pages": att.pages,
        "has_text_layer": att.has_text_layer,
        "document_date": att.document_date,
        "warnings": list(dict.fromkeys([*att.warnings, *review.warnings])),
        "identity": review.identity.to_json() if review.identity else None,
        "suggestions": [f.to_json() for f in review.suggestions],
        "conflicts": [f.to_json() for f in review.conflicts],
        "pages_state": att.pages_state.to_json(),
    }


def cmd_attachments(args: argparse.Namespace, store: Store) -> None:
    from ..core.evidence.kit import load_kit

    case_id = store.cases.resolve(args.case)
    kit = load_kit(store, case_id, _profile())
    data = [_attachment_json(a, kit.reviews[a.id]) for a in kit.attachments]

    def text() -> str:
        if not data:
            return "no attachments"
        lines = []
        for d in data:
            lines.append(
                f"{d['attachment_id']}  {d['category']:<26} {d['pages'] or '?':>4} p  {d['file']}"
            )
            lines.extend(f"    ! {w}" for w in d["warnings"])
        return "\n".join(lines)

    _out(args).emit(data, text)


def _resolve_attachment(store: Store, case_id: str, ref: str) -> str:
    matches = [a.id for a in store.attachments.list(case_id) if a.id.startswith(ref)]
    if len(matches) != 1:
        raise QalsodyError(
            f"no attachment {ref!r} in case {case_id}"
            if not matches
            else f"{ref!r} matches several attachments; give more of the id"
        )
    return matches[0]


def cmd_detach(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    att = store.attachments.delete(_resolve_attachment(store, case_id, args.attachment))
    _out(args).emit({"detached": att.id, "file": att.file_name}, f"detached {att.file_name}")


def cmd_categorize(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    _check_category(_profile(), args.category)
    att_id = _resolve_attachment(store, case_id, args.attachment)
    att = store.attachments.update(att_id, category=args.category, category_source="user")
    texts = store.attachments.page_texts(att.id)
    learn_correction(store.root, att.working_sha256, texts, att.category, _profile())
    _out(args).emit(
        {"attachment_id": att.id, "category": att.category, "category_source": "user"},
        f"{att.file_name} is now {att.category}",
    )


def cmd_split(args: argparse.Namespace, store: Store) -> None:
    from ..core.evidence.split import split_attachment

    case_id = store.cases.resolve(args.case)
    att_id = _resolve_attachment(store, case_id, args.attachment)
    result = split_attachment(
        store,
        case_id,
        att_id,
        _profile(),
        keep_cover=args.keep_cover,
        dry_run=args.dry_run,
        local=load_local(store.root),
    )

    def text() -> str:
        lines = []
        for seg in result.segments:
            kind = "fax cover sheet" if seg.cover_sheet else seg.category
            left = " (left out)" if seg.first in result.left_out else ""
            lines.append(f"pages {seg.first}-{seg.last}: {kind} {seg.confidence:.2f}{left}")
        for part in result.parts:
            lines.append(f"attached {part.file} as {part.category} ({part.attachment_id})")
        if result.removed:
            lines.append(f"removed the original {result.removed}")
        elif args.dry_run:
            lines.append("dry run: nothing changed")
        return "\n".join(lines)

    _out(args).emit(result.to_json(), text)


def cmd_check(args: argparse.Namespace, store: Store) -> None:
    from ..core.evidence.kit import load_kit

    case_id = store.cases.resolve(args.case)
    checklist = load_kit(store, case_id, _profile()).checklist
    data = checklist.to_json()

    def text() -> str:
        marks = {
            "met": "[x]",
            "warning": "[!]",
            "missing_evidence": "[d]",  # the facts meet it; its document is not attached
            "not_met": "[ ]",
            "missing": "[?]",
        }
        lines = [
            f"{'READY' if checklist.ready else 'NOT READY'} ({checklist.profile_id} "
            f"{checklist.profile_version})"
        ]
        for item in checklist.items:
            flag = "" if item.payer else f"  ({item.source_status}: not the payer's)"
            lines.append(f"{marks[item.status]} {item.title}{flag}")
            lines.append(f"      {item.detail}")
            if item.status in OPEN_STATUSES:
                lines.append(f"      invites denial: {item.denial_title}")
        lines.extend(f"! {n}" for n in checklist.notes)
        return "\n".join(lines)

    _out(args).emit(data, text)
