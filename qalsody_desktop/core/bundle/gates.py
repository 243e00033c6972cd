"""What may not go to a payer without a person's say-so, and that say-so, kept for the record.

A document is held back from the bundle when it may be another patient's (identifiers that
disagree with the case), when nobody has looked at it (the classifier could not place it),
when whose it is cannot be checked (a scan with no text, a page with no identifiers) or when
its facts contradict the case (the reviewer would see both numbers). Each gate has its way
through: ``include`` with a typed reason passes any gate; ``confirm_patient`` passes the
identity check; ``acknowledge_conflict`` passes a contradiction.

Decisions are stored in ``case_prefs`` with an audit entry in one transaction, tied to the
file's hash (a decision about one file never lets another through), and every build records
the decisions it relied on in its manifest, hence in the export record.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import QalsodyError
from ..evidence.kit import Kit
from ..evidence.records import Attachment
from ..evidence.review import Review
from ..identity import UNVERIFIED
from ..paths import resources_dir
from ..policy.model import PolicyProfile
from ..storage.cases import now_iso
from ..storage.prefs import CasePrefs

KEY = "bundle.decisions"
INCLUDE, CONFIRM, ACKNOWLEDGE = "include", "confirm_patient", "acknowledge_conflict"
ACTIONS = (INCLUDE, CONFIRM, ACKNOWLEDGE)
WRONG_PATIENT, UNREVIEWED, IDENTITY, CONFLICT = (
    "wrong_patient",
    "unreviewed",
    "identity_unchecked",
    "conflict",
)
# which decisions open which gate
OPENS: Mapping[str, tuple[str, ...]] = {
    WRONG_PATIENT: (INCLUDE,),
    UNREVIEWED: (INCLUDE,),
    IDENTITY: (CONFIRM, INCLUDE),
    CONFLICT: (ACKNOWLEDGE, INCLUDE),
}
MAX_REASON = 500


@dataclass(frozen=True)
class GateRules:
    """The data in ``resources/bundle/gates.toml``."""

    not_patient_categories: frozenset[str]
    crosswalk: Mapping[str, Mapping[str, Any]]


@cache
def gate_rules() -> GateRules:
    path = resources_dir() / "bundle" / "gates.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise QalsodyError(f"{path.name}: cannot be read ({exc})") from None
    identity = data.get("identity", {})
    return GateRules(
        frozenset(identity.get("not_patient_categories", [])),
        {entry["kind"]: entry for entry in data.get("crosswalk", [])},
    )


@dataclass(frozen=True)
class Gate:
    kind: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"gate": self.kind, "reason": self.reason, "opened_by": list(OPENS[self.kind])}


@dataclass(frozen=True)
class Decision:
    attachment_id: str
    action: str
    reason: str
    at: str
    sha256: str
    # what was acknowledged (the contradiction as it read): a new contradiction needs a new look
    subject: str = ""

    def to_json(self) -> dict[str, Any]:
        data = {
            "attachment_id": self.attachment_id,
            "action": self.action,
            "reason": self.reason,
            "at": self.at,
            "sha256": self.sha256,
        }
        if self.subject:
            data["subject"] = self.subject
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        return cls(
            str(data["attachment_id"]),
            str(data["action"]),
            str(data.get("reason") or ""),
            str(data.get("at") or ""),
            str(data.get("sha256") or ""),
            str(data.get("subject") or ""),
        )


@dataclass
class Screened:
    """One attachment's gates and the decisions that apply to it."""

    attachment: Attachment
    gates: list[Gate] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    @property
    def open_gates(self) -> list[Gate]:
        actions = {d.action for d in self.decisions}
        return [g for g in self.gates if not actions & set(OPENS[g.kind])]

    @property
    def held(self) -> bool:
        return bool(self.open_gates)

    @property
    def used_decisions(self) -> list[Decision]:
        """The decisions that let a gated document in (recorded in the manifest)."""
        needed = {a for g in self.gates for a in OPENS[g.kind]}
        return [d for d in self.decisions if d.action in needed]

    def reason(self) -> str:
        return "; ".join(g.reason for g in self.open_gates)

    def conflict(self) -> str:
        """The contradiction with the case, as an acknowledgement must name it ("" if none)."""
        return next((g.reason for g in self.gates if g.kind == CONFLICT), "")

    def to_json(self) -> dict[str, Any]:
        att = self.attachment
        return {
            "attachment_id": att.id,
            "file": att.file_name,
            "category": att.category,
            "reason": self.reason(),
            "gates": [g.to_json() for g in self.open_gates],
        }


def gates_of(
    att: Attachment, review: Review | None, profile: PolicyProfile, rules: GateRules
) -> list[Gate]:
    gates: list[Gate] = []
    if review is not None and review.wrong_patient:
        assert review.identity is not None
        detail = "; ".join(review.identity.messages) or "identifiers of another person"
        gates.append(Gate(WRONG_PATIENT, f"may be another patient's document ({detail})"))
    if att.category not in profile.category_ids or (
        att.category == "other" and att.category_source != "user"
    ):
        gates.append(Gate(UNREVIEWED, "uncategorized ('other'): nobody has reviewed what it is"))
    if att.category not in rules.not_patient_categories and not (
        review is not None and review.wrong_patient
    ):
        identity = review.identity if review is not None else None
        if identity is None:
            gates.append(
                Gate(IDENTITY, "no text to check whose document it is (a scan or a picture)")
            )
        elif identity.status == UNVERIFIED:
            gates.append(Gate(IDENTITY, "no patient identifiers found to check whose it is"))
    if review is not None and review.conflicts:
        what = "; ".join(
            f"{c.message}" + (f" (page {c.page})" if c.page else "") for c in review.conflicts
        )
        gates.append(Gate(CONFLICT, f"contradicts the case: {what}"))
    return gates


def load_decisions(prefs: CasePrefs, case_id: str) -> dict[str, list[Decision]]:
    stored = prefs.get(case_id, KEY) or {}
    out: dict[str, list[Decision]] = {}
    if not isinstance(stored, dict):
        return out
    for att_id, entries in stored.items():
        if isinstance(entries, list):
            out[str(att_id)] = [
                Decision.from_json(e) for e in entries if isinstance(e, dict) and "action" in e
            ]
    return out


def record_decision(
    prefs: CasePrefs,
    case_id: str,
    att: Attachment,
    action: str,
    reason: str = "",
    *,
    subject: str = "",
) -> Decision:
    """Store one decision (replacing an earlier one of the same action) with an audit entry.

    ``subject``: for ``acknowledge_conflict``, the contradiction acknowledged (its gate reason);
    the acknowledgement lapses when the contradiction changes."""
    if action not in ACTIONS:
        raise QalsodyError(f"unknown decision {action!r}; one of: {', '.join(ACTIONS)}")
    if att.case_id != case_id:
        raise QalsodyError(f"attachment {att.id} is not in case {case_id}")
    reason = " ".join(reason.split())
    if action == INCLUDE and not reason:
        raise QalsodyError(f"{att.file_name}: including a held-back document needs a reason")
    if len(reason) > MAX_REASON:
        raise QalsodyError(f"the reason is longer than {MAX_REASON} characters")
    if action == ACKNOWLEDGE and not subject:
        raise QalsodyError(f"{att.file_name}: no contradiction with the case to acknowledge")
    decision = Decision(att.id, action, reason, now_iso(), att.working_sha256, subject)
    stored = {k: [d.to_json() for d in v] for k, v in load_decisions(prefs, case_id).items()}
    kept = [d for d in stored.get(att.id, []) if d["action"] != action]
    stored[att.id] = [*kept, decision.to_json()]
    # the audit names the document and the decision, never the typed reason (it may be PHI)
    prefs.set_many(
        case_id,
        {KEY: stored},
        audit=("bundle_decision", {"attachment": att.id, "decision": action}),
    )
    return decision


def withdraw_decisions(prefs: CasePrefs, case_id: str, attachment_id: str) -> None:
    """Forget every decision about one document (it is held back again)."""
    stored = {k: [d.to_json() for d in v] for k, v in load_decisions(prefs, case_id).items()}
    if stored.pop(attachment_id, None) is None:
        return
    prefs.set_many(
        case_id,
        {KEY: stored or None},
        audit=("bundle_decision_withdrawn", {"attachment": attachment_id}),
    )


def screen(
    kit: Kit,
    profile: PolicyProfile,
    decisions: Mapping[str, list[Decision]],
    excluded: Iterable[str] = (),
) -> list[Screened]:
    """Every attachment the user has not excluded, with its gates; a decision counts only for
    the file it was made about (same hash)."""
    rules = gate_rules()
    skip = set(excluded)
    out = []
    for att in kit.attachments:
        if att.id in skip:
            continue
        gates = gates_of(att, kit.reviews.get(att.id), profile, rules)
        conflict = next((g.reason for g in gates if g.kind == CONFLICT), "")
        valid = [
            d
            for d in decisions.get(att.id, [])
            if d.sha256 == att.working_sha256 and (d.action != ACKNOWLEDGE or d.subject == conflict)
        ]
        out.append(Screened(att, gates, valid))
    return out


def foreign_pages(review: Review | None, pages: int | None) -> set[int]:
    """Pages of a document naming someone else that our identifiers must not be stamped on:
    every page but those whose own identifiers are this patient's (a page without any, or
    not read, may be the other person's too)."""
    if review is None or review.identity is None or not review.wrong_patient:
        return set()
    ours = {p.page for p in review.identity.pages if p.status == "match"}
    known = {p.page for p in review.identity.pages if p.page is not None}
    every = set(range(1, pages + 1)) if pages else known
    return {p for p in every | known if p not in ours}


def withheld_from_letters(
    prefs: CasePrefs, case_id: str, kit: Kit, profile: PolicyProfile
) -> set[str]:
    """Attachments that may be another patient's and nobody let in: a letter never encloses
    or cites them (a document merely unchecked stays listed; the bundle holds it back)."""
    return {
        s.attachment.id
        for s in screen(kit, profile, load_decisions(prefs, case_id))
        if any(g.kind == WRONG_PATIENT for g in s.open_gates)
    }
