"""Letter sections built on the profile: the request, urgency, why now, regulatory support.

Wording that states a rule (dosing, approval, decision time limits) comes from the policy
profile with its source; what is written here only connects those statements to case facts.
"""

from __future__ import annotations

from ..derived import case_age
from ..document import Inline, Placeholder, Run, Table
from ..policy.model import DeadlineRule
from .clinical import decline_rate
from .facts import fact, rate, sentence
from .parts import Draft
from .therapies import declined_despite

UNIT_NAMES = {
    "calendar_days": "calendar days",
    "business_days": "business days",
    "hours": "hours",
    "months": "months",
}
# The medical necessity letter's regulatory group (issue 4): approval, indication, basis, dosing;
# the CMS memo is listed too but the profile limits it to Medicare Advantage plans.
# The dose is in the request table and the basis of approval among the evidence passages.
REGULATORY_SUPPORT = (
    "fda_approval",
    "label_indication",
    "cms_memo_2024_12_09",
)


def drug(d: Draft) -> str:
    """The case's requested drug; the profile is for one drug, so it names it otherwise."""
    return d.case.request.drug or d.ctx.profile.drug


def expedited_rule(d: Draft, *deadlines: str) -> DeadlineRule | None:
    """The first expedited decision rule among ``deadlines`` that covers the plan type."""
    for deadline in deadlines:
        for rule in d.ctx.profile.deadline_rules(deadline, d.plan_type, "expedited"):
            if rule.urgency == "expedited":
                return rule
    return None


def rule_inlines(d: Draft, rule: DeadlineRule) -> list[Inline]:
    unit = UNIT_NAMES.get(rule.unit, rule.unit)
    return [Run(f"{rule.title}: within {rule.amount} {unit}"), d.cites.cite(rule.source), Run(".")]


def urgency_paragraph(
    d: Draft, *deadlines: str, what: str = "this request", always: bool = False
) -> None:
    """When the case is expedited (or ``always``): ask for it, say why and the time limit."""
    if d.case.request.urgency != "expedited" and not always:
        return
    decline = decline_rate(d.case)
    why = (
        f"at the measured decline of {rate(decline)} ALSFRS-R points per month, "
        if decline is not None
        else ""
    )
    text: list[Inline] = [
        Run("Expedited review requested. ", bold=True),
        Run(
            f"I ask that {what} be decided on an expedited (urgent) basis: {why}waiting for a "
            "standard decision could seriously jeopardize my patient's health through further "
            "loss of motor function that ALS does not give back."
        ),
    ]
    rule = expedited_rule(d, *deadlines)
    if rule is not None:
        text += [Run(" "), *rule_inlines(d, rule)]
    else:
        d.ctx.warn("the policy profile has no expedited decision time for this plan type")
    d.para(text, id="urgency")


def request_table(d: Draft) -> None:
    case = d.case
    dosing = d.statement("dosing")
    dose: list[Inline] = (
        [Run(dosing.text), d.cites.cite(dosing.source)]
        if dosing
        else [Placeholder("dose schedule missing")]
    )
    urgency = {"expedited": "Expedited (urgent)", "standard": "Standard"}.get(
        case.request.urgency or ""
    )
    rows: list[list[str | Inline | list[Inline]]] = [
        ["Drug", drug(d)],
        ["Dose schedule", dose],
        ["HCPCS code", fact(case.request.hcpcs, "HCPCS code").inline()],
        ["Diagnosis code (ICD-10-CM)", fact(case.diagnosis.icd10, "ICD-10 code").inline()],
        ["Site of care", fact(case.request.site_of_care, "site of care").inline()],
        ["Review", fact(urgency, "urgency").inline()],
    ]
    d.add(Table([], rows, col_widths=[1.6, 4.9], id="request_table"))


def necessity(d: Draft) -> None:
    """Why this drug for this patient: the label's indication against the patient's facts."""
    case, g = d.case, d.case.genetics
    indication = d.statement("label_indication")
    age = case_age(case, d.ctx.today)
    parts: list[Inline] = []
    if indication is not None:
        parts += [
            Run(f"{drug(d)} is indicated for the \u201c{indication.text}\u201d"),
            d.cites.cite(indication.source),
            Run(". "),
        ]
    parts += sentence(
        "My patient is ",
        fact(f"{age} years old" if age is not None else None, "age"),
        " and carries the ",
        fact(g.gene, "gene"),
        " variant ",
        fact(g.variant_protein or g.variant_cdna, "SOD1 variant"),
        ", classified as ",
        fact(g.classification, "variant classification"),
        ".",
        missing="patient's age and SOD1 variant missing",
    )
    parts.append(Run(f" In my clinical opinion {drug(d)} is medically necessary for this patient."))
    tried = declined_despite(case)
    if tried:
        parts.append(
            Run(
                f" The ALSFRS-R total has kept falling since {' and '.join(tried)} "
                f"{'were' if len(tried) > 1 else 'was'} started."
            )
        )
    d.para(parts, id="necessity")


def delay(d: Draft) -> None:
    decline = decline_rate(d.case)
    measured = (
        f" At this patient's measured rate of {rate(decline)} ALSFRS-R points per month, each "
        "month without treatment risks further permanent loss of function."
        if decline is not None
        else " Each month without treatment risks further permanent loss of function."
    )
    d.para(
        [
            Run(
                "Risks of delay: ALS is progressive, and motor function lost to it is not "
                "regained." + measured
            )
        ],
        id="delay",
    )
