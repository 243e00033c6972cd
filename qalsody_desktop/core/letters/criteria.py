"""The payer criteria judged on the case facts alone (documents aside), and their count.

The checklist folds "the proving document is not attached" into a criterion's status; a letter
needs the two apart: a criterion the facts do not meet is something the letter must not gloss
over, a missing document is something to attach. Only payer criteria (``verified`` or
``corrected`` in the profile) are judged here: the guide's own requirements (``guide-only``) are
never presented to a payer as its criteria.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..checklist import MET, POST_SUBMISSION_KINDS, RULES, WARNING, Checklist, Verdict
from ..model import Case
from ..policy.model import Criterion, PolicyProfile

# what a payer may be told are its criteria: sourced in a payer policy, not the guide's claims
PAYER_STATUSES = ("verified", "corrected")


def is_payer_criterion(c: Criterion) -> bool:
    return c.status in PAYER_STATUSES


@dataclass(frozen=True)
class FactVerdict:
    criterion: Criterion
    verdict: Verdict

    @property
    def met(self) -> bool:
        return self.verdict.status in (MET, WARNING)


def fact_verdicts(case: Case, profile: PolicyProfile, today: date) -> list[FactVerdict]:
    """Every pre-submission payer criterion the app can evaluate, judged on the case's facts."""
    out = []
    for c in profile.criteria:
        rule = RULES.get(c.kind)
        if rule is None or c.kind in POST_SUBMISSION_KINDS or not is_payer_criterion(c):
            continue
        out.append(FactVerdict(c, rule(c, case, today, ())))
    return out


@dataclass
class CriteriaCount:
    """The payer criteria as the checklist counts them, plus what the facts alone say.

    ``met``: met in the checklist (facts and document); ``document_missing``: the facts meet it
    but the checklist does not (its document is missing or unusable); ``unmet``: the facts do not.
    """

    total: int
    met: list[Criterion] = field(default_factory=list)
    document_missing: list[Criterion] = field(default_factory=list)
    unmet: list[FactVerdict] = field(default_factory=list)

    def sentence(self) -> str:
        text = f"{len(self.met)} of {self.total} payer criteria met"
        if self.document_missing:
            text += (
                f"; {len(self.document_missing)} more met by the case facts, its supporting "
                "document still to enclose"
            )
        return text


def count_criteria(
    case: Case, profile: PolicyProfile, today: date, checklist: Checklist | None
) -> CriteriaCount:
    """Count as the checklist does (met = met or warning), so a letter never disagrees with it."""
    verdicts = {v.criterion.id: v for v in fact_verdicts(case, profile, today)}
    out = CriteriaCount(total=len(verdicts))
    for cid, v in verdicts.items():
        item = next((i for i in checklist.items if i.id == cid), None) if checklist else None
        status = item.status if item is not None else v.verdict.status
        if status in (MET, WARNING):
            out.met.append(v.criterion)
        elif v.met:
            out.document_missing.append(v.criterion)
        else:
            out.unmet.append(v)
    return out
