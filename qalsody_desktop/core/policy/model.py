"""What a policy profile holds, as frozen dataclasses.

Frozen so a profile loaded once can be shared by the checklist, the classifier, the deadline
engine and the GUI without any of them changing a rule under the others' feet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .errors import ProfileError

# verified: in the cited source; guide-only: the guide says so, no payer document does;
# corrected: the guide says otherwise, the value follows the source; assumption: a working
# value the project chose where no document gives one (to be confirmed, never a legal rule).
STATUSES = ("verified", "guide-only", "corrected", "assumption")
# What a criterion, denial reason or cited statement may be: a claim about the payer or the
# law is sourced (or the guide's), never the project's assumption.
CLAIM_STATUSES = STATUSES[:3]


@dataclass(frozen=True)
class Source:
    """Where a rule comes from; other entries refer to it by ``id``."""

    id: str
    title: str
    citation: str
    url: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Keyword:
    """One weighted phrase (or regular expression) the classifier looks for."""

    weight: float
    phrase: str | None = None
    pattern: str | None = None
    label: str | None = None

    @property
    def display(self) -> str:
        """What the classifier reports as matched: the label, else the phrase or pattern."""
        return self.label or self.phrase or self.pattern or ""


@dataclass(frozen=True)
class Category:
    """A document category; ``max_age_days`` is the freshness threshold, when there is one."""

    id: str
    title: str
    description: str
    keywords: tuple[Keyword, ...] = ()
    max_age_days: int | None = None
    max_age_source: str | None = None
    max_age_status: str | None = None
    max_age_note: str = ""


@dataclass(frozen=True)
class Criterion:
    """One coverage criterion; ``kind`` names the rule and ``params`` its parameters."""

    id: str
    title: str
    kind: str
    params: Mapping[str, Any]
    facts: tuple[str, ...]
    documents: tuple[str, ...]
    denial_reason: str
    source: str
    status: str
    note: str = ""


@dataclass(frozen=True)
class DenialReason:
    """A reason a payer gives for a denial, how to answer it and what proves the answer."""

    id: str
    title: str
    how_to_overturn: str
    required_documents: tuple[str, ...]
    match_phrases: tuple[str, ...]
    source: str
    status: str
    plan_types: tuple[str, ...] = ()
    note: str = ""


def in_force(effective_from: date | None, effective_to: date | None, on: date) -> bool:
    """True when ``on`` lies in the inclusive range (an open end is unbounded)."""
    return (effective_from is None or effective_from <= on) and (
        effective_to is None or on <= effective_to
    )


@dataclass(frozen=True)
class DeadlineRule:
    """A time limit: ``amount`` ``unit`` after (or before) ``from_event``, for ``plan_types``.

    ``effective_from``/``effective_to`` (inclusive, either open) bound the days on which the
    rule is the law: the engine applies the version in force on the day of the event it counts
    from, so a rule that changed still gives the old date for an old request. ``also_from``
    counts the same amount from other anchors (``also_source`` says who counts that way, such
    as a regulator's notice language against the statute's): the earliest date is the
    deadline and the others are shown in its basis.
    """

    id: str
    deadline: str
    title: str
    plan_types: tuple[str, ...]
    from_event: str
    amount: int
    unit: str
    source: str
    status: str
    direction: str = "after"
    urgency: str | None = None
    repeat_every: int | None = None
    note: str = ""
    effective_from: date | None = None
    effective_to: date | None = None
    also_from: tuple[str, ...] = ()
    also_source: str | None = None

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@dataclass(frozen=True)
class AwaitedDecision:
    """A decision that follows an event by law with no time limit the profile can source.

    Such as the Independent Review Entity's decision after an unfavourable Medicare Advantage
    reconsideration (the plan forwards the case itself): tracked as awaited, with no due date,
    rather than given an invented one.
    """

    id: str
    deadline: str
    title: str
    plan_types: tuple[str, ...]
    from_event: str
    source: str
    status: str
    urgency: str | None = None
    note: str = ""
    effective_from: date | None = None
    effective_to: date | None = None

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@dataclass(frozen=True)
class RegulatoryStatement:
    """Wording a letter may cite; ``plan_types`` empty means it applies to every plan type."""

    id: str
    title: str
    text: str
    source: str
    status: str
    quote: bool = False
    date: date | None = None
    plan_types: tuple[str, ...] = ()
    note: str = ""

    def applies_to(self, plan_type: str | None) -> bool:
        """True when the statement may be cited for a case of this plan type."""
        return not self.plan_types or plan_type in self.plan_types


# What an evidence passage is about; letters pick passages by topic and by denial reason.
EVIDENCE_TOPICS = (
    "trial_design",
    "efficacy",
    "biomarker",
    "extension",
    "dosing",
    "add_on",
    "delay",
    "safety",
)


@dataclass(frozen=True)
class EvidencePassage:
    """A sourced clinical passage a letter may quote: every figure in ``text`` is in the source.

    ``answers``: denial reason ids it answers; ``topics``: what it is about (``EVIDENCE_TOPICS``);
    ``citation``: the reference printed beside it (the source's full entry closes the letter).
    """

    id: str
    title: str
    text: str
    source: str
    status: str
    citation: str
    topics: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    short: str = ""  # a one-line version (peer-to-peer summary), same figures, same source
    note: str = ""


@dataclass(frozen=True)
class PublishedReference:
    """A publication a letter that cites ``source`` should enclose (category published_reference).

    ``match``: phrases (case-insensitive) that recognise it in an attachment's file name or text.
    """

    id: str
    source: str
    title: str
    match: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class PlanAction:
    """What to obtain when a payer criterion is not met (``when``: the verdict statuses).

    For staff and the signing physician: the action plan a gap case gets instead of a letter
    that concedes each point. Never printed in a letter to the payer.
    """

    id: str
    criterion: str
    when: tuple[str, ...]
    text: str
    source: str
    status: str
    note: str = ""


@dataclass(frozen=True)
class Route:
    """A way to deliver a submission, with the size and page budgets the bundle must meet."""

    id: str
    title: str
    kind: str
    limits_verified: bool
    source: str
    status: str
    max_file_mb: float | None = None
    max_pages: int | None = None
    formats: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class PayerContact:
    """The payer's PA department; ``placeholder`` until someone has checked the numbers."""

    name: str
    department: str
    fax: str
    phone: str
    placeholder: bool
    note: str = ""

    @property
    def is_configured(self) -> bool:
        """A fax cover sheet may use the number only once it is real."""
        return not self.placeholder and bool(self.fax.strip())


@dataclass(frozen=True)
class PolicyProfile:
    """One payer/state/drug profile, every rule with its source and status."""

    id: str
    version: str
    title: str
    payer: str
    state: str
    drug: str
    path: str
    sources: tuple[Source, ...]
    categories: tuple[Category, ...]
    criteria: tuple[Criterion, ...]
    denial_reasons: tuple[DenialReason, ...]
    deadlines: tuple[DeadlineRule, ...]
    regulatory_statements: tuple[RegulatoryStatement, ...]
    routes: tuple[Route, ...]
    payer_contact: PayerContact | None = None
    evidence: tuple[EvidencePassage, ...] = ()
    published_references: tuple[PublishedReference, ...] = ()
    actions: tuple[PlanAction, ...] = ()
    description: str = ""
    last_reviewed: date | None = None
    awaited: tuple[AwaitedDecision, ...] = ()
    _index: dict[tuple[str, str], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for table in (
            "sources",
            "categories",
            "criteria",
            "denial_reasons",
            "deadlines",
            "awaited",
            "regulatory_statements",
            "routes",
            "evidence",
            "published_references",
            "actions",
        ):
            for item in getattr(self, table):
                self._index[(table, item.id)] = item

    def _get(self, table: str, item_id: str) -> Any:
        try:
            return self._index[(table, item_id)]
        except KeyError:
            raise ProfileError(self.path, None, table, f"no entry with id '{item_id}'") from None

    def source(self, source_id: str) -> Source:
        return self._get("sources", source_id)

    def category(self, category_id: str) -> Category:
        """The category, or ProfileError for an unknown id (a caller's typo fails loudly)."""
        return self._get("categories", category_id)

    def criterion(self, criterion_id: str) -> Criterion:
        return self._get("criteria", criterion_id)

    def denial_reason(self, reason_id: str) -> DenialReason:
        return self._get("denial_reasons", reason_id)

    def deadline(self, rule_id: str) -> DeadlineRule:
        return self._get("deadlines", rule_id)

    def statement(self, statement_id: str) -> RegulatoryStatement:
        return self._get("regulatory_statements", statement_id)

    def route(self, route_id: str) -> Route:
        return self._get("routes", route_id)

    def passage(self, passage_id: str) -> EvidencePassage:
        return self._get("evidence", passage_id)

    def reference_for(self, source_id: str) -> PublishedReference | None:
        """The publication to enclose when a letter cites ``source_id``, if there is one."""
        return next((r for r in self.published_references if r.source == source_id), None)

    @property
    def category_ids(self) -> tuple[str, ...]:
        """Category ids in bundle order."""
        return tuple(c.id for c in self.categories)

    def deadline_rules(
        self,
        deadline: str,
        plan_type: str | None,
        urgency: str | None = None,
        on: date | None = None,
    ) -> tuple[DeadlineRule, ...]:
        """The rules for one deadline that apply to a plan type (and urgency, when given), in
        the version in force on ``on`` (today when not given)."""
        day = on or date.today()
        return tuple(
            r
            for r in self.deadlines
            if r.deadline == deadline
            and plan_type in r.plan_types
            and (urgency is None or r.urgency in (None, urgency))
            and r.in_force(day)
        )
