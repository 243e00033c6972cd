"""``qalsody-pa letter`` (compose a letter to DOCX/PDF) and ``qalsody-pa clinic`` (settings)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
from ..core.errors import QalsodyError
from ..core.letters.context import DenialInfo
from ..core.letters.kinds import LETTER_KIND_IDS
from ..core.policy.profile import load_default_profile
from ..core.storage import Store
from ..core.storage.clinic import ClinicSettings, ClinicSettingsRepository, Signer


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("letter", help="compose a letter for a case (DOCX, optionally PDF)")
    p.add_argument("case", help="case id (or a unique prefix)")
    p.add_argument("--kind", required=True, choices=LETTER_KIND_IDS, help="the letter to compose")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.docx", help="DOCX to write")
    p.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also write a PDF")
    p.add_argument("--today", type=_date, help="the letter's date (default: today)")
    p.add_argument(
        "--denial-reason",
        action="append",
        default=[],
        metavar="ID",
        help="appeal letters: a denial reason id of the policy profile (repeatable); "
        "without any --denial-* option the latest 'denied' event of the case is used",
    )
    p.add_argument("--denial-date", type=_date, help="appeal letters: the denial letter's date")
    p.add_argument("--denial-received", type=_date, help="appeal letters: when it was received")
    p.add_argument("--denial-ref", help="appeal letters: the denial's reference number")
    p.add_argument(
        "--denial-event",
        metavar="EVENT_ID",
        help="internal appeal: the recorded 'denied' event to answer (default: the latest); "
        "the external review request always cites the final internal adverse determination",
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_letter)

    clinic = sub.add_parser("clinic", help="the clinic's letterhead and signers")
    csub = clinic.add_subparsers(dest="clinic_command", metavar="ACTION")
    csub.required = True
    p = csub.add_parser("show", help="show the clinic settings")
    add_json_flag(p)
    p.set_defaults(handler=cmd_clinic_show)
    p = csub.add_parser("set", help="change clinic settings (options not given are kept)")
    p.add_argument("--practice-name")
    p.add_argument(
        "--address", action="append", metavar="LINE", help="an address line (repeatable)"
    )
    p.add_argument("--phone")
    p.add_argument("--fax")
    p.add_argument("--logo", type=Path, metavar="FILE", help="PNG or JPEG logo")
    p.add_argument(
        "--signer",
        action="append",
        metavar="NAME|CREDENTIALS|NPI",
        help="a signer (repeatable; replaces the list of signers)",
    )
    p.add_argument(
        "--signature",
        action="append",
        type=Path,
        metavar="FILE",
        help="PNG or JPEG signature of the 1st, 2nd... signer, in order (repeatable)",
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_clinic_set)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _out(args: argparse.Namespace) -> Output:
    return Output(bool(getattr(args, "json", False)))


def _denial(args: argparse.Namespace) -> DenialInfo | None:
    given = args.denial_reason or args.denial_date or args.denial_received or args.denial_ref
    if not given:
        return None
    profile = load_default_profile()
    known = {r.id for r in profile.denial_reasons}
    unknown = [r for r in args.denial_reason if r not in known]
    if unknown:
        raise QalsodyError(
            f"unknown denial reason {', '.join(unknown)}; one of: {', '.join(sorted(known))}"
        )
    return DenialInfo(
        letter_date=args.denial_date,
        received_date=args.denial_received,
        reference=args.denial_ref,
        reason_ids=tuple(dict.fromkeys(args.denial_reason)),
    )


def cmd_letter(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    if args.out.suffix.lower() != ".docx":
        raise QalsodyError(f"--out {args.out.name}: the letter file must end in .docx")
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise QalsodyError(f"--pdf {args.pdf.name}: the file must end in .pdf")
    # rendering needs Qt: imported here, so other commands (and --help) start fast
    from ..core.letters.service import generate_letter, write_letter

    denial = _denial(args)
    if args.denial_event and denial is not None:
        raise QalsodyError("--denial-event and the other --denial-* options exclude each other")
    result = generate_letter(
        store, case_id, args.kind, today=args.today, denial=denial, denial_event=args.denial_event
    )
    write_letter(result, docx=args.out, pdf=args.pdf)
    files = {"docx": str(args.out), **({"pdf": str(args.pdf)} if args.pdf else {})}
    data: dict[str, Any] = {"case_id": case_id, **result.to_json(), "files": files}

    def text() -> str:
        lines = [f"wrote {result.kind} letter for case {case_id}: {', '.join(files.values())}"]
        lines += [f"  placeholder: [{p}]" for p in result.placeholders]
        lines += [f"  warning: {w}" for w in result.warnings]
        lines += [f"  action: {step.line()}" for step in result.action_plan]
        lines += [
            f"  conflict: paragraph {c.block_id} "
            + ("is gone" if c.vanished else "changed under your edit")
            for c in result.conflicts
        ]
        return "\n".join(lines)

    _out(args).emit(data, text)
    # unmet criteria on stderr whatever the output mode: a draft that concedes them must not
    # pass unnoticed in a script (messages name the case id, never the patient)
    for unmet in result.unmet:
        print(f"qalsody-pa: warning: payer criterion not met: {unmet}", file=sys.stderr)
    if result.unmet:
        print(
            f"qalsody-pa: warning: the {result.kind} letter for case {case_id} is a draft with "
            f"a NOT READY banner; see the action plan ({len(result.action_plan)} step(s))",
            file=sys.stderr,
        )
    if result.placeholders:
        print(
            f"qalsody-pa: warning: the {result.kind} letter for case {case_id} has "
            f"{len(result.placeholders)} placeholder(s) to fill in before it is sent",
            file=sys.stderr,
        )


def _settings_json(settings: ClinicSettings) -> dict[str, Any]:
    return settings.to_json()


def cmd_clinic_show(args: argparse.Namespace, store: Store) -> None:
    settings = ClinicSettingsRepository(store.db, store.blobs).get()

    def text() -> str:
        if not settings.is_configured and not settings.signers:
            return "no clinic settings yet (qalsody-pa clinic set --practice-name ...)"
        lines = [settings.practice_name or "(no practice name)", *settings.address_lines]
        lines.append(f"Phone {settings.phone or '-'}  Fax {settings.fax or '-'}")
        lines.append(f"Logo: {'set' if settings.logo_sha256 else 'none'}")
        for i, s in enumerate(settings.signers, start=1):
            sig = "signature image" if s.signature_sha256 else "no signature image"
            lines.append(
                f"Signer {i}: {s.name}, {s.credentials or '-'}, NPI {s.npi or '-'} ({sig})"
            )
        return "\n".join(lines)

    _out(args).emit(_settings_json(settings), text)


def _parse_signer(text: str) -> Signer:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise QalsodyError(f"--signer {text!r}: use 'Name|Credentials|NPI'")
    parts += [""] * (3 - len(parts))
    return Signer(parts[0], parts[1] or None, parts[2] or None)


def cmd_clinic_set(args: argparse.Namespace, store: Store) -> None:
    repo = ClinicSettingsRepository(store.db, store.blobs)
    settings = repo.get()
    if args.practice_name is not None:
        settings.practice_name = args.practice_name.strip()
    if args.address is not None:
        settings.address_lines = [a.strip() for a in args.address if a.strip()]
    if args.phone is not None:
        settings.phone = args.phone.strip() or None
    if args.fax is not None:
        settings.fax = args.fax.strip() or None
    if args.signer:
        settings.signers = [_parse_signer(s) for s in args.signer]
    signatures = args.signature or []
    if len(signatures) > len(settings.signers):
        raise QalsodyError(
            f"{len(signatures)} signature file(s) but {len(settings.signers)} signer(s)"
        )
    # check and store every image before saving anything: all or nothing
    if args.logo is not None:
        settings.logo_sha256 = repo.store_image(args.logo, "logo")
    for index, path in enumerate(signatures):
        settings.signers[index].signature_sha256 = repo.store_image(path, "signature")
    repo.save(settings)
    _out(args).emit(_settings_json(settings), "clinic settings saved")
