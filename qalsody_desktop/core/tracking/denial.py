"""Denial letter analysis: date, reference, stated appeal window and the reasons given.

Reasons are the profile's denial-reason table matched against the letter's sentences (each
with the sentence that matched), looked for in the letter's reasons section when it has one
("Why we made this decision", "Reason for denial"...), so the appeal-rights boilerplate cannot
add a reason. The result proposes a ``denied`` event for the user to confirm, and for each
reason the checklist items and the evidence categories that answer it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ..checklist import Checklist
from ..classify import classify_text
from ..evidence.records import Attachment
from ..policy.model import DenialReason, PolicyProfile
from .events import Event
from .letter import Window, blocks, letter_date, reference_number, sentences, windows

DENIAL_CATEGORY = "denial_letter"
_SECTION_START = re.compile(
    r"^(?:why\s+(?:we|your\s+\w+)\s+(?:made|are\s+making|was|were|has\s+been)|"
    r"(?:the\s+)?reasons?(?:\(s\))?\s+(?:for|why)|basis\s+(?:for|of)\s+(?:the|this|our)|"
    r"(?:clinical\s+)?rationale|explanation\s+of\s+(?:the|this|our)\s+(?:decision|denial)|"
    r"(?:summary\s+of\s+)?(?:the\s+)?(?:denial\s+|decision\s+)?reasons?(?:\(s\))?\s*:|"
    r"decision\s+rationale|why\s+this\s+was\s+denied)",
    re.IGNORECASE,
)
_SECTION_END = re.compile(
    r"^(?:your\s+(?:right|rights)|(?:your\s+)?appeal\s+rights|right\s+to\s+appeal|"
    r"how\s+to\s+(?:appeal|ask|request)|if\s+you\s+disagree|what\s+(?:you\s+can|to)\s+do|"
    r"important\s+(?:information|notice)|next\s+steps|(?:external|independent)\s+review\b|"
    r"you\s+(?:may|can|have\s+the\s+right\s+to)\s+(?:appeal|request|ask\s+for)|"
    r"sincerely|questions\??$)",
    re.IGNORECASE,
)


@dataclass
class ReasonMatch:
    reason: DenialReason
    sentence: str
    phrase: str
    position: int
    checklist_items: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        r = self.reason
        return {
            "id": r.id,
            "title": r.title,
            "sentence": self.sentence,
            "matched_phrase": self.phrase,
            "how_to_overturn": r.how_to_overturn,
            "source": r.source,
            "source_status": r.status,
            "note": r.note,
            "checklist_items": self.checklist_items,
            "evidence": self.evidence,
        }


@dataclass
class DenialAnalysis:
    letter_date: date | None
    reference: str | None
    appeal_window: Window | None
    windows: list[Window]
    reasons: list[ReasonMatch]
    scope: str  # reasons_section | whole_letter
    category: str
    confidence: float
    warnings: list[str] = field(default_factory=list)

    def event_data(self, received: date | None = None) -> dict[str, Any]:
        """``data`` of the proposed ``denied`` event (the shape the appeal letters read)."""
        data: dict[str, Any] = {
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "received": received.isoformat() if received else None,
            "reference": self.reference,
            "reasons": [m.reason.id for m in self.reasons],
            "sentences": {m.reason.id: m.sentence for m in self.reasons},
        }
        if self.appeal_window:
            data["appeal_window"] = self.appeal_window.to_json()
        return {k: v for k, v in data.items() if v not in (None, [], {})}

    def proposed_event(self, received: date | None = None) -> dict[str, Any]:
        return {
            "type": "denied",
            "date": self.letter_date.isoformat() if self.letter_date else None,
            "data": self.event_data(received),
        }

    def to_json(self, received: date | None = None) -> dict[str, Any]:
        return {
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "reference": self.reference,
            "appeal_window": self.appeal_window.to_json() if self.appeal_window else None,
            "windows": [w.to_json() for w in self.windows],
            "reasons": [m.to_json() for m in self.reasons],
            "matched_in": self.scope,
            "classified_as": {"category": self.category, "confidence": self.confidence},
            "proposed_event": self.proposed_event(received),
            "warnings": self.warnings,
        }


@lru_cache(maxsize=512)  # the profile's phrases, compiled once per process
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def reasons_scope(text: str) -> tuple[list[str], str]:
    """The blocks that state the reasons (the reasons section), else every block.

    Found on lines, as a PDF's text gives them: from the first line that opens a reasons
    section to the first later line that opens the appeal rights (or the signature).
    """
    lines = [ln.strip() for ln in text.splitlines()]
    start = next((i for i, ln in enumerate(lines) if _SECTION_START.match(ln)), None)
    if start is None:
        return blocks(text), "whole_letter"
    end = next(
        (j for j in range(start + 1, len(lines)) if _SECTION_END.match(lines[j])), len(lines)
    )
    first = lines[start]
    colon = first.find(":")
    head = first[colon + 1 :].strip() if 0 < colon < len(first) - 1 else ""
    body = blocks("\n".join([head, *lines[start + 1 : end]]))
    return (body, "reasons_section") if body else (blocks(text), "whole_letter")


def match_reasons(scope: Sequence[str], profile: PolicyProfile) -> list[ReasonMatch]:
    """Each profile reason with the first sentence that states it, in the letter's order."""
    ordered = [s for block in scope for s in sentences(block)]
    found: list[ReasonMatch] = []
    for reason in profile.denial_reasons:
        best: tuple[int, int, str] | None = None  # (sentence index, offset, phrase)
        for phrase in reason.match_phrases:
            pattern = _phrase_pattern(phrase)
            for index, sentence in enumerate(ordered):
                m = pattern.search(sentence)
                if m and (best is None or (index, m.start()) < best[:2]):
                    best = (index, m.start(), phrase)
                    break
        if best is not None:
            found.append(ReasonMatch(reason, ordered[best[0]], best[2], best[0]))
    found.sort(key=lambda m: m.position)
    return found


def answer_reasons(
    matches: Sequence[ReasonMatch],
    profile: PolicyProfile,
    *,
    checklist: Checklist | None = None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Fill each reason's checklist items and evidence categories (with what the case has)."""
    for m in matches:
        m.checklist_items = []
        for c in profile.criteria:
            if c.denial_reason != m.reason.id:
                continue
            item: dict[str, Any] = {"id": c.id, "title": c.title, "source_status": c.status}
            if checklist is not None:
                item["status"] = checklist.item(c.id).status
            m.checklist_items.append(item)
        m.evidence = []
        for category in m.reason.required_documents:
            have = [a.id for a in attachments if a.category == category]
            m.evidence.append(
                {
                    "category": category,
                    "title": profile.category(category).title,
                    "attached": have,
                }
            )


def analyse_denial(
    page_texts: Sequence[str], profile: PolicyProfile, *, today: date | None = None
) -> DenialAnalysis:
    """Everything a denial letter's text says that the case's deadlines and appeal need."""
    text = "\n".join(page_texts)
    warnings: list[str] = []
    if not text.strip():
        warnings.append("the file has no text layer; type the reasons in by hand")
    classified = classify_text(text, profile, has_text_layer=bool(text.strip()))
    if text.strip() and classified.category != DENIAL_CATEGORY:
        warnings.append(
            f"this does not read like a denial letter (classified as {classified.category});"
            " check the reasons before recording them"
        )
    scope, where = reasons_scope(text)
    reasons = match_reasons(scope, profile)
    if not reasons and where == "reasons_section":
        reasons = match_reasons(blocks(text), profile)
        if reasons:
            where = "whole_letter"
            warnings.append(
                "the reasons section names no known reason; matched in the whole letter"
            )
    if text.strip() and not reasons:
        warnings.append("no reason from the profile's table was found; record the reasons by hand")
    when = letter_date(text, today=today)
    if when is None and text.strip():
        warnings.append("the letter date was not found; enter it by hand")
    found = windows(text)
    appeal = next((w for w in found if w.about == "appeal"), None)
    return DenialAnalysis(
        letter_date=when,
        reference=reference_number(text),
        appeal_window=appeal,
        windows=found,
        reasons=reasons,
        scope=where,
        category=classified.category,
        confidence=round(classified.confidence, 3),
        warnings=warnings,
    )


FINAL_DENIAL = "final_denial_received"


def decided_appeal(events: Sequence[Event], letter_date: date | None) -> Event | None:
    """The internal appeal a denial letter of ``letter_date`` most likely decides: the latest
    ``appeal_filed`` event before it with no final decision recorded in between, or None."""
    if letter_date is None:
        return None
    appeals = [e for e in events if e.type == "appeal_filed" and e.date < letter_date]
    if not appeals:
        return None
    appeal = max(appeals, key=lambda e: e.date)
    decided = any(
        e.type in (FINAL_DENIAL, "appeal_decided") and appeal.date <= e.date <= letter_date
        for e in events
    )
    return None if decided else appeal


def denial_event_data(
    analysis: DenialAnalysis, kind: str, received: date | None = None
) -> dict[str, Any]:
    """The event data of the letter as ``kind`` (``denied`` or the final internal denial,
    which has no letter-date copy and no internal appeal window left)."""
    data = analysis.event_data(received)
    if kind == FINAL_DENIAL:
        data.pop("appeal_window", None)
        data.pop("letter_date", None)
    return data
