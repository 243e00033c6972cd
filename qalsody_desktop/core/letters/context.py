"""What a composer gets besides the case, and what composition gives back.

Composers are pure functions ``(case, context) -> Document``: everything they may use (the
policy profile, the clinic's letterhead and signers, the attachments to enclose, today's date,
bundle page numbers, the denial being appealed) comes in the context, so the same inputs always
give the same letter. A composer reports what a reader must know (missing facts, unmet
criteria) through ``context.warn``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..checklist import Checklist
from ..document import Document, Run
from ..evidence.records import Attachment
from ..policy.model import PolicyProfile, RegulatoryStatement, Source
from ..storage.clinic import ClinicSettings

if TYPE_CHECKING:
    from .action_plan import ActionStep
    from .edits import Conflict


@dataclass(frozen=True)
class DenialInfo:
    """The denial an appeal answers; ``reason_ids`` are the profile's denial_reason ids."""

    letter_date: date | None = None
    received_date: date | None = None
    reference: str | None = None
    reason_ids: Sequence[str] = ()
    matched_sentences: Mapping[str, str] = field(default_factory=dict)  # reason id -> sentence
    event_id: str | None = None  # the timeline event it was read from
    # True: the final internal adverse determination (what an external review request cites);
    # ``initial`` is then the denial it upheld, whose reasons are answered
    final: bool = False
    initial: DenialInfo | None = None


@dataclass
class LetterContext:
    profile: PolicyProfile
    today: date
    clinic: ClinicSettings = field(default_factory=ClinicSettings)
    logo_png: bytes | None = field(default=None, repr=False)
    signature_pngs: Mapping[int, bytes] = field(default_factory=dict, repr=False)
    attachments: Sequence[Attachment] = ()
    # documents left out of the letter (flagged as another patient's), by file name
    held_back: Sequence[str] = ()
    # text of the published references (first pages), to tell which publication each one is
    attachment_texts: Mapping[str, str] = field(default_factory=dict, repr=False)
    bundle_pages: Mapping[str, tuple[int, int]] | None = None  # attachment id -> (first, last)
    denial: DenialInfo | None = None
    checklist: Checklist | None = None
    warnings: list[str] = field(default_factory=list)
    blanks: list[str] = field(default_factory=list)  # lines left blank for the family to fill

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def statement(self, statement_id: str, plan_type: str | None) -> RegulatoryStatement | None:
        """The profile's statement if it exists and may be cited for this plan type."""
        found = next((s for s in self.profile.regulatory_statements if s.id == statement_id), None)
        if found is None:
            self.warn(f"the policy profile has no regulatory statement {statement_id!r}")
            return None
        return found if found.applies_to(plan_type) else None


class Citations:
    """Numbers sources in the order a letter first cites them, for a closing source list."""

    def __init__(self, profile: PolicyProfile):
        self.profile = profile
        self.order: list[str] = []

    def cite(self, source_id: str) -> Run:
        if source_id not in self.order:
            self.order.append(source_id)
        return Run(f" [{self.order.index(source_id) + 1}]")

    def sources(self) -> list[tuple[int, Source]]:
        return [(i, self.profile.source(s)) for i, s in enumerate(self.order, start=1)]


@dataclass
class LetterResult:
    """A composed letter: ``document`` has the user's edits applied; ``generated`` has not."""

    kind: str
    document: Document
    placeholders: list[str]
    warnings: list[str]
    conflicts: list[Conflict] = field(default_factory=list)
    generated: Document | None = None
    blanks: list[str] = field(default_factory=list)  # visit_prep: lines left for the family
    template: Path | None = None  # the clinic's own DOCX template, when it has one
    # payer letters: the unmet payer criteria and what to obtain (never printed in the letter)
    unmet: list[str] = field(default_factory=list)
    action_plan: list[ActionStep] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.document.title,
            "placeholders": list(self.placeholders),
            "warnings": list(self.warnings),
            "conflicts": [c.to_json() for c in self.conflicts],
            "unmet_criteria": list(self.unmet),
            "action_plan": [s.to_json() for s in self.action_plan],
        }
