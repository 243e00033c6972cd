"""``qalsody-pa event / events / deadlines / denial / dashboard``: the timeline and its clocks.

``deadlines CASE --json`` prints the list of deadlines; with ``--full`` it prints one object
``{"case_id", "today", "plan_type", "urgency", "route", "deadlines", "waiting", "anchors"}``
that also says which appeal route applies and why.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ..cli import Output, add_json_flag
from ..core.errors import QalsodyError
from ..core.policy.model import PolicyProfile
from ..core.policy.profile import load_default_profile
from ..core.storage import Store
from ..core.storage.events import EventRepository
from ..core.tracking.dashboard import open_deadlines
from ..core.tracking.deadlines import DONE, compute_deadlines
from ..core.tracking.events import EVENT_TYPES, Event, event_fields, validate_event

# The evidence intake, checklist, denial reader and calendar writer are imported by the
# handlers that use them: ``dashboard`` or ``events`` need none of them (0.2 s of imports).

# option dest -> event data key
_DATA_OPTIONS = {
    "received": "received",
    "ref": "reference",
    "note": "note",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "channel": "channel",
    "reason": "reasons",
    "urgency": "urgency",
    "outcome": "outcome",
    "time": "time",
    "with_": "with",
    "representative": "representative",
    "to": "to",
}
# a file given with these events is the payer's denial letter
_LETTER_CATEGORY = {"denied": "denial_letter", "final_denial_received": "denial_letter"}


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _event_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=_iso_date, help="event date (a letter: the date printed on it)")
    p.add_argument("--received", help="date the letter was received (YYYY-MM-DD)")
    p.add_argument("--ref", help="reference, confirmation or authorization number")
    p.add_argument("--note", help="free text")
    p.add_argument("--file", action="append", type=Path, default=[], help="attach and link")
    p.add_argument("--valid-from", help="approval start (YYYY-MM-DD)")
    p.add_argument("--valid-to", help="approval end (YYYY-MM-DD)")
    p.add_argument("--channel", help="portal, fax, phone, mail or email")
    p.add_argument("--reason", action="append", help="denial reason id (repeatable)")
    p.add_argument("--urgency", help="standard or expedited")
    p.add_argument("--outcome", help="appeal/review outcome, or what a call or P2P settled")
    p.add_argument("--time", help="time of day HH:MM (hour-based deadlines count from it)")
    p.add_argument("--with", dest="with_", help="who was called / met")
    p.add_argument("--representative", help="the payer's representative on a call")
    p.add_argument("--to", help="where a submission was sent")
    p.add_argument("--password", action="append", default=[], help="password for --file PDFs")
    add_json_flag(p)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("event", help="add, edit or delete a timeline event of a case")
    p.add_argument("case")
    esub = p.add_subparsers(dest="event_action", metavar="ACTION")
    esub.required = True
    a = esub.add_parser("add", help="record an event")
    a.add_argument("--type", required=True, choices=list(EVENT_TYPES), metavar="TYPE")
    _event_options(a)
    a.set_defaults(handler=cmd_event_add)
    e = esub.add_parser("edit", help="change an event's date or fields")
    e.add_argument("event_id")
    _event_options(e)
    e.set_defaults(handler=cmd_event_edit)
    d = esub.add_parser("delete", help="delete an event")
    d.add_argument("event_id")
    add_json_flag(d)
    d.set_defaults(handler=cmd_event_delete)

    p = sub.add_parser("events", help="a case's timeline")
    p.add_argument("case")
    add_json_flag(p)
    p.set_defaults(handler=cmd_events)

    p = sub.add_parser("deadlines", help="a case's deadlines with their basis and status")
    p.add_argument("case")
    p.add_argument("--today", type=_iso_date, help="evaluate as of this date (YYYY-MM-DD)")
    p.add_argument("--ics", type=Path, help="also write the open deadlines as an .ics calendar")
    p.add_argument("--full", action="store_true", help="JSON object with the route and anchors")
    add_json_flag(p)
    p.set_defaults(handler=cmd_deadlines)

    p = sub.add_parser("denial", help="analyse a denial letter: date, reference, reasons")
    p.add_argument("case")
    p.add_argument("file", type=Path)
    p.add_argument("--record", action="store_true", help="attach the letter, record the event")
    p.add_argument(
        "--final",
        action="store_true",
        help="the letter is the final internal denial (the appeal's decision): record it as"
        " final_denial_received, which starts the external review clock",
    )
    p.add_argument("--date", type=_iso_date, help="letter date, when it cannot be read")
    p.add_argument("--received", type=_iso_date, help="the day the letter arrived")
    p.add_argument("--password", action="append", default=[], help="password for the PDF")
    add_json_flag(p)
    p.set_defaults(handler=cmd_denial)

    p = sub.add_parser("dashboard", help="every case's open deadlines, soonest first")
    p.add_argument("--today", type=_iso_date, help="evaluate as of this date (YYYY-MM-DD)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_dashboard)


def _out(args: argparse.Namespace) -> Output:
    return Output(bool(getattr(args, "json", False)))


def _repo(store: Store, profile: PolicyProfile) -> EventRepository:
    return EventRepository(store.db, reason_ids=tuple(r.id for r in profile.denial_reasons))


def _resolve_event(repo: EventRepository, case_id: str, ref: str) -> str:
    matches = [e.id for e in repo.list(case_id) if e.id.startswith(ref.strip())]
    if len(matches) != 1:
        raise QalsodyError(
            f"no event {ref!r} in case {case_id}"
            if not matches
            else f"{ref!r} matches several events; give more of the id"
        )
    return matches[0]


def _data_from(args: argparse.Namespace, event_type: str) -> dict[str, Any]:
    allowed = event_fields(event_type)
    data: dict[str, Any] = {}
    for dest, key in _DATA_OPTIONS.items():
        value = getattr(args, dest, None)
        if value is None or value == []:
            continue
        if key not in allowed:
            flag = "--" + dest.rstrip("_").replace("_", "-")
            raise QalsodyError(f"{flag} does not apply to a {event_type} event")
        data[key] = value
    return data


def _attach_files(
    store: Store, profile: PolicyProfile, case_id: str, args: argparse.Namespace, kind: str
) -> tuple[list[str], list[dict[str, Any]]]:
    missing = [str(f) for f in args.file if not f.is_file()]
    if missing:
        raise QalsodyError(f"no such file: {', '.join(missing)}")
    if not args.file:
        return [], []
    from ..core.evidence.attach import Attacher

    outcomes = Attacher(store, profile).attach(
        case_id, args.file, category=_LETTER_CATEGORY.get(kind), passwords=args.password
    )
    refused = [o for o in outcomes if o.status == "rejected"]
    if refused:
        raise QalsodyError(
            f"{refused[0].file}: {refused[0].error}; the event was not recorded"
            f" (other files of this command that were accepted stay attached)"
        )
    return [o.attachment_id for o in outcomes if o.attachment_id], [o.to_json() for o in outcomes]


def _event_line(e: Event) -> str:
    data = e.data
    bits = [f"{e.date.isoformat()}  {e.type:<26} [{e.id}]"]
    if data.get("reference"):
        bits.append(f"ref {data['reference']}")
    if data.get("received"):
        bits.append(f"received {data['received']}")
    if data.get("reasons"):
        bits.append("reasons " + ", ".join(data["reasons"]))
    if data.get("valid_to"):
        bits.append(f"valid to {data['valid_to']}")
    if data.get("attachments"):
        bits.append(f"{len(data['attachments'])} file(s)")
    return "  ".join(bits)


def cmd_event_add(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    if args.date is None:
        raise QalsodyError("--date is required (YYYY-MM-DD)")
    profile = load_default_profile()
    data = _data_from(args, args.type)
    repo = _repo(store, profile)
    validate_event(args.type, args.date, data, reason_ids=repo.reason_ids)  # before any file
    ids, files = _attach_files(store, profile, case_id, args, args.type)
    if ids:
        data["attachments"] = ids
    event = repo.add(case_id, args.type, args.date, data)
    result = {**event.to_json(), "files": files}
    _out(args).emit(result, f"recorded {event.type} event {event.id} in case {case_id}")


def cmd_event_edit(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    profile = load_default_profile()
    repo = _repo(store, profile)
    event = repo.get(_resolve_event(repo, case_id, args.event_id))
    data = _data_from(args, event.type)
    ids, files = _attach_files(store, profile, case_id, args, event.type)
    if ids:
        data["attachments"] = list(dict.fromkeys([*event.attachments, *ids]))
    event = repo.update(event.id, when=args.date, data=data)
    result = {**event.to_json(), "files": files}
    _out(args).emit(result, f"updated {event.type} event {event.id} in case {case_id}")


def cmd_event_delete(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    repo = _repo(store, load_default_profile())
    event = repo.delete(_resolve_event(repo, case_id, args.event_id))
    _out(args).emit(
        {"deleted": event.id, "type": event.type, "case_id": case_id},
        f"deleted {event.type} event {event.id} from case {case_id}",
    )


def cmd_events(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    events = EventRepository(store.db).list(case_id)
    _out(args).emit(
        [e.to_json() for e in events],
        lambda: "\n".join(_event_line(e) for e in events) or f"no events in case {case_id}",
    )


def cmd_deadlines(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    profile = load_default_profile()
    case = store.cases.get(case_id).case
    events = EventRepository(store.db).list(case_id)
    report = compute_deadlines(case, events, profile, today=args.today)
    written = None
    if args.ics:
        from ..core.tracking.ics import write_deadlines_ics

        written = write_deadlines_ics(args.ics, case_id, report.deadlines)
    full = {"case_id": case_id, **report.to_json()}
    if args.ics:
        full["ics"] = {"file": str(args.ics), "events": written}
    data: Any = full if args.full else [d.to_json() for d in report.deadlines]

    def text() -> str:
        plan = (report.plan_type or "plan type not set").replace("_", " ")
        lines = [f"Case {case_id} ({plan}, {report.urgency}) on {report.today.isoformat()}"]
        lines.append(f"Route: {report.route.summary}")
        lines.extend(f"  ! {w}" for w in report.route.warnings)
        for d in report.deadlines:
            mark = "" if d.status != DONE else " (done)"
            lines.append(
                f"{d.due_label:<16} {d.status:<9} {d.title} [{d.id}]{mark}"
                f"\n{'':17}basis: {d.basis}\n{'':17}source: {d.source_title} ({d.source_status})"
            )
        if not report.deadlines:
            lines.append("no deadline has started yet (record the submission or a letter)")
        if written is not None:
            lines.append(f"wrote {written} open deadline(s) to {args.ics}")
            undated = len(report.open) - len(report.dated_open)
            if undated:
                lines.append(f"{undated} awaited decision(s) have no date: not in the calendar")
        return "\n".join(lines)

    _out(args).emit(data, text)


def cmd_denial(args: argparse.Namespace, store: Store) -> None:
    case_id = store.cases.resolve(args.case)
    if not args.file.is_file():
        raise QalsodyError(f"no such file: {args.file}")
    from ..core.checklist import evaluate_checklist
    from ..core.evidence.kit import load_kit
    from ..core.intake.inspect import inspect_file
    from ..core.tracking.anchors import event_anchors
    from ..core.tracking.denial import analyse_denial, answer_reasons, decided_appeal

    profile = load_default_profile()
    inspection = inspect_file(args.file)
    for password in args.password:
        if inspection.status != "needs_password":
            break
        inspection = inspect_file(args.file, password)
    if inspection.status != "ok":
        raise QalsodyError(f"{args.file.name}: {inspection.error or 'could not be read'}")
    analysis = analyse_denial(inspection.page_texts, profile)
    if args.date:
        analysis.letter_date = args.date
    repo = _repo(store, profile)
    events = repo.list(case_id)
    kit = load_kit(store, case_id, profile)
    checklist = evaluate_checklist(
        kit.case,
        kit.attachments,
        profile,
        reviews=kit.reviews,
        events=sorted(event_anchors(events)),
    )
    answer_reasons(analysis.reasons, profile, checklist=checklist, attachments=kit.attachments)
    result = {"case_id": case_id, "file": args.file.name, **analysis.to_json(args.received)}
    appeal = decided_appeal(events, analysis.letter_date)
    result["decides_appeal"] = appeal.id if appeal is not None else None
    if args.record:
        result["recorded"] = _record_denial(store, profile, repo, case_id, args, analysis)

    def text() -> str:
        a = analysis
        lines = [
            f"{args.file.name}: letter dated {a.letter_date or '?'}, reference {a.reference or '?'}"
        ]
        if a.appeal_window:
            w = a.appeal_window
            lines.append(f"appeal window stated: {w.amount} {w.unit} from {w.counted_from}")
        for m in a.reasons:
            lines.append(f'- {m.reason.title} [{m.reason.id}]: "{m.sentence}"')
            for item in m.checklist_items:
                lines.append(f"    checklist: {item['title']} ({item.get('status', '-')})")
            for ev in m.evidence:
                have = f"{len(ev['attached'])} attached" if ev["attached"] else "none attached"
                lines.append(f"    evidence: {ev['title']} ({have})")
        lines.extend(f"! {w}" for w in a.warnings)
        if appeal is not None and not args.final:
            lines.append(
                f"! dated after the internal appeal filed on {appeal.date.isoformat()}: if it"
                " decides that appeal, record it with --final (final internal denial)"
            )
        if "recorded" in result:
            recorded = result["recorded"]
            lines.append(f"recorded {recorded['type']} event {recorded['event_id']}")
        else:
            lines.append("not recorded: add --record to save it as a denied event")
        return "\n".join(lines)

    _out(args).emit(result, text)


def _record_denial(
    store: Store,
    profile: PolicyProfile,
    repo: EventRepository,
    case_id: str,
    args: argparse.Namespace,
    analysis: Any,
) -> dict[str, Any]:
    if analysis.letter_date is None:
        raise QalsodyError(
            f"the letter date of {args.file.name} was not found; give it with --date YYYY-MM-DD"
        )
    from ..core.tracking.denial import FINAL_DENIAL, denial_event_data

    kind = FINAL_DENIAL if getattr(args, "final", False) else "denied"
    data = denial_event_data(analysis, kind, args.received)
    # the attach helper reads a list of files; the caller's args keep the single path
    ids, _ = _attach_files(
        store, profile, case_id, argparse.Namespace(**{**vars(args), "file": [args.file]}), kind
    )
    data["attachments"] = ids
    for event in repo.list(case_id):  # the same letter recorded twice is one denial
        if event.type in _LETTER_CATEGORY and set(ids) & set(event.attachments):
            raise QalsodyError(
                f"{args.file.name} is already recorded as {event.type} event {event.id}"
            )
    return repo.add(case_id, kind, analysis.letter_date, data).to_json()


def cmd_dashboard(args: argparse.Namespace, store: Store) -> None:
    rows = open_deadlines(store, load_default_profile(), today=args.today)

    def text() -> str:
        if not rows:
            return "no open deadlines"
        return "\n".join(
            f"{r.deadline.due_label:<16} {r.deadline.status:<9} {r.case_id}  {r.deadline.title}"
            for r in rows
        )

    _out(args).emit([r.to_json() for r in rows], text)
