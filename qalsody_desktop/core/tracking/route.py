"""Which appeal route applies to a case, and why, told from the profile's own rules.

The plan type decides the route (Cigna's internal appeal then NC external review through Smart
NC for fully insured and State Health Plan members; federal external review for self-funded
ERISA plans; the Medicare Advantage reconsideration then the Independent Review Entity). The
rules that say so are in the profile with their notes and sources, so the explanation is built
from them rather than written here a second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import PLAN_TYPES
from ..policy.kinds import EVENTS
from ..policy.model import AwaitedDecision, DeadlineRule, PolicyProfile

# The steps that make up a route, in order; the other deadlines follow from them.
ROUTE_STEPS = ("internal_appeal_deadline", "external_review_deadline")


def rule_applies(rule: DeadlineRule | AwaitedDecision, plan_type: str | None) -> bool:
    """A rule applies to its plan types; with no plan type set, only to a rule for every type."""
    if plan_type is None:
        return set(PLAN_TYPES) <= set(rule.plan_types)
    return plan_type in rule.plan_types


@dataclass
class AppealRoute:
    plan_type: str | None
    summary: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    not_applicable: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "plan_type": self.plan_type,
            "summary": self.summary,
            "steps": self.steps,
            "not_applicable": self.not_applicable,
            "statements": self.statements,
            "warnings": self.warnings,
        }


def _step(profile: PolicyProfile, rule: DeadlineRule | AwaitedDecision) -> dict[str, Any]:
    return {
        "deadline": rule.deadline,
        "awaited": isinstance(rule, AwaitedDecision),
        "rule_id": rule.id,
        "title": rule.title,
        "source": rule.source,
        "source_title": profile.source(rule.source).title,
        "source_status": rule.status,
        "note": rule.note,
    }


def appeal_route(
    profile: PolicyProfile,
    plan_type: str | None,
    plan_state: str | None = None,
    *,
    on: date | None = None,
) -> AppealRoute:
    """The route for ``plan_type`` under the rules in force ``on`` (today): the steps that
    apply, those that do not and why."""
    warnings: list[str] = []
    if plan_state and plan_state.upper() != profile.state.upper():
        warnings.append(
            f"the plan is from {plan_state}, profile {profile.id} holds {profile.state} rules;"
            " the state's own external review rules may apply instead"
        )
    if plan_type is None:
        warnings.append(
            "plan type not set: the appeal route and its deadlines depend on it (fully insured,"
            " self-funded ERISA, Medicare Advantage, Medicaid or State Health Plan)"
        )
    day = on or date.today()
    timed = [r for r in profile.deadlines if r.deadline not in EVENTS and r.in_force(day)]
    applicable = [r for r in timed if rule_applies(r, plan_type)]
    steps = [_step(profile, r) for r in applicable if r.deadline in ROUTE_STEPS]
    # a level that follows by itself (the IRE after a Medicare Advantage reconsideration)
    steps += [
        _step(profile, a) for a in profile.awaited if a.in_force(day) and rule_applies(a, plan_type)
    ]
    missing = []
    for deadline in dict.fromkeys(r.deadline for r in timed):
        if any(r.deadline == deadline for r in applicable):
            continue
        others = [r for r in timed if r.deadline == deadline]
        types = sorted({t for r in others for t in r.plan_types})
        missing.append(
            {
                "deadline": deadline,
                "rule_ids": [r.id for r in others],
                "plan_types": types,
                "reason": f"the profile's rule applies to {', '.join(types)} only",
            }
        )
    statements = [
        {"id": s.id, "title": s.title, "source": s.source}
        for s in profile.regulatory_statements
        if s.plan_types and plan_type in s.plan_types
    ]
    return AppealRoute(
        plan_type, _summary(profile, plan_type, steps), steps, missing, statements, warnings
    )


def _summary(profile: PolicyProfile, plan_type: str | None, steps: list[dict[str, Any]]) -> str:
    label = plan_type.replace("_", " ") if plan_type else "plan type not set"
    if not steps:
        return (
            f"{label}: no appeal or external review rule in profile {profile.id} covers this"
            " plan type; follow the appeal rights stated in the denial letter"
        )
    parts = []
    for step_id in ROUTE_STEPS:
        mine = [s for s in steps if s["deadline"] == step_id]
        name = step_id.replace("_deadline", "").replace("_", " ")
        automatic = [s for s in steps if s["awaited"]]
        if mine:
            parts.append(f"{name}: " + "; ".join(f"{s['title']} ({s['rule_id']})" for s in mine))
        elif step_id == "external_review_deadline" and automatic:
            parts.append(
                "next level: "
                + "; ".join(f"{s['title']} ({s['rule_id']}), nothing to file" for s in automatic)
            )
        else:
            parts.append(f"{name}: no rule in the profile for this plan type")
    return f"{label}: " + " | ".join(parts)
