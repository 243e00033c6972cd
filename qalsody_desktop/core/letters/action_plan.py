"""The action plan for a case whose facts do not meet the payer's criteria.

A letter cannot argue away a criterion the facts do not meet (a non-neurologist prescriber, a
VUS, permanent ventilation): it would concede each point. The plan says what to obtain first,
from the profile's ``actions`` (by criterion and verdict), and for a criterion the facts meet
but no enclosed page proves, which document to attach. Staff-facing (GUI, CLI), never printed
in a letter to the payer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..checklist import Checklist
from ..model import Case
from ..policy.model import PolicyProfile
from .criteria import count_criteria


@dataclass(frozen=True)
class ActionStep:
    criterion_id: str
    criterion: str  # the criterion's title
    problem: str  # what the checklist found
    action: str  # what to obtain or do
    kind: str  # "unmet" (facts do not meet it) | "document" (the proof is missing)
    source: str = ""  # the profile source id behind the action, when there is one

    def to_json(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion_id,
            "title": self.criterion,
            "problem": self.problem,
            "action": self.action,
            "kind": self.kind,
            "source": self.source,
        }

    def line(self) -> str:
        return f"{self.criterion} ({self.problem}): {self.action}"


def action_plan(
    case: Case, profile: PolicyProfile, today: date, checklist: Checklist | None
) -> list[ActionStep]:
    """Unmet payer criteria first (what to obtain), then documents to attach."""
    count = count_criteria(case, profile, today, checklist)
    steps: list[ActionStep] = []
    for v in count.unmet:
        status = "missing" if v.verdict.status == "missing" else "not_met"
        actions = [a for a in profile.actions if a.criterion == v.criterion.id and status in a.when]
        if actions:
            for a in actions:
                steps.append(
                    ActionStep(
                        v.criterion.id,
                        v.criterion.title,
                        v.verdict.detail,
                        a.text,
                        "unmet",
                        a.source,
                    )
                )
        else:
            reason = profile.denial_reason(v.criterion.denial_reason)
            steps.append(
                ActionStep(
                    v.criterion.id,
                    v.criterion.title,
                    v.verdict.detail,
                    reason.how_to_overturn,
                    "unmet",
                    reason.source,
                )
            )
    for c in count.document_missing:
        item = next((i for i in checklist.items if i.id == c.id), None) if checklist else None
        names = " or ".join(profile.category(x).title for x in c.documents)
        steps.append(
            ActionStep(
                c.id,
                c.title,
                item.detail if item else "no supporting document",
                f"Attach the supporting document ({names}).",
                "document",
            )
        )
    return steps
