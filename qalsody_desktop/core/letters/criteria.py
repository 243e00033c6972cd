"""The payer criteria judged on the case facts alone (documents aside).

The checklist folds "the proving document is not attached" into a criterion's status; a letter
needs the two apart: a criterion the facts do not meet is something the letter must not gloss
over, a missing document is something to attach.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..checklist import MET, POST_SUBMISSION_KINDS, RULES, WARNING, Verdict
from ..model import Case
from ..policy.model import Criterion, PolicyProfile


@dataclass(frozen=True)
class FactVerdict:
    criterion: Criterion
    verdict: Verdict

    @property
    def met(self) -> bool:
        return self.verdict.status in (MET, WARNING)


def fact_verdicts(case: Case, profile: PolicyProfile, today: date) -> list[FactVerdict]:
    """Every pre-submission criterion the app can evaluate, judged on the case's facts."""
    out = []
    for c in profile.criteria:
        rule = RULES.get(c.kind)
        if rule is None or c.kind in POST_SUBMISSION_KINDS:
            continue
        out.append(FactVerdict(c, rule(c, case, today, ())))
    return out
