"""Appeal letters: the internal appeal (or Medicare Advantage reconsideration) and the
external review request.

Both answer every denial reason with case facts. Which external review applies depends on the
plan type and is read from the profile: NC's Smart NC review (its regulatory statement applies to
the plan type), the federal process (an ``external_review_deadline`` rule for the plan type
without the NC statement), Medicare Advantage reconsideration, or, where the profile has no
route, a placeholder and a warning rather than a guess.
"""

from __future__ import annotations

from ..document import Document, Inline, Placeholder, Run, Table
from ..model import Case
from ..policy.model import DeadlineRule
from . import clinical as cl
from .answers import answer_reason
from .context import DenialInfo, LetterContext
from .facts import fact, join, patient_name, plan_description, plan_type_name, sentence
from .parts import Draft, closing, contact_phone, enclosures, header, payer_addressee
from .sections import UNIT_NAMES, drug, request_table, urgency_paragraph

FROM_EVENT = {
    "final_denial_received": "after receipt of the final internal denial notice",
    "denial_notice_date": "after the date of the denial notice",
    "denial_notice_received": "after receipt of the denial notice",
}
MA_RECONSIDERATION = "ma_reconsideration_deadline"
MA_DECISION = "ma_reconsideration_decision_expected"


def _denial(d: Draft) -> DenialInfo:
    if d.ctx.denial is None:
        d.ctx.warn(
            "no denial is recorded for the case: add a 'denied' event or give the denial "
            "(--denial-reason, --denial-date, --denial-ref)"
        )
        return DenialInfo()
    return d.ctx.denial


def _denial_line(denial: DenialInfo, what: str) -> list[Inline]:
    return sentence(
        f"{what}: reference " if what else "Reference ",
        fact(denial.reference, "denial reference number"),
        " · letter dated ",
        fact(denial.letter_date, "denial letter date"),
        " · received ",
        fact(denial.received_date, "date the denial was received"),
        missing="denial reference number and dates missing",
    )


def _rule_text(d: Draft, rule: DeadlineRule) -> list[Inline]:
    unit = UNIT_NAMES.get(rule.unit, rule.unit)
    when = FROM_EVENT.get(rule.from_event, f"after {rule.from_event.replace('_', ' ')}")
    out: list[Inline] = [Run(f"{rule.title}: within {rule.amount} {unit} {when}")]
    out += [d.cites.cite(rule.source), Run(".")]
    if rule.note:  # the profile's notes are for staff (they cite the guide), not the reviewer
        d.ctx.warn(f"{rule.title}: {rule.note}")
    return out


def _reasons(d: Draft, denial: DenialInfo) -> None:
    d.heading("The reasons for the denial, answered", 1, id="h_reasons")
    if not denial.reason_ids:
        d.para([Placeholder("denial reasons missing")], id="reasons_missing")
        d.ctx.warn("the denial's reasons are not recorded: the letter cannot answer them")
        return
    for number, reason_id in enumerate(dict.fromkeys(denial.reason_ids), start=1):
        answer_reason(d, reason_id, number, denial.matched_sentences.get(reason_id))


def _p2p(d: Draft) -> str:
    phone = contact_phone(d)
    return f" I am available for a peer-to-peer discussion{f' at {phone}' if phone else ''}."


def compose_internal_appeal(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    denial = _denial(d)
    ma = d.plan_type == "medicare_advantage"
    kind = "Request for reconsideration" if ma else "Appeal"
    header(
        d,
        f"{kind} of the denial of {drug(d)}",
        payer_addressee(d, "Appeals"),
        extra=_denial_line(denial, "Denial"),
    )
    name = patient_name(case) or "my patient"
    verb = "request a reconsideration of" if ma else "appeal"
    d.para(
        f"I am writing to {verb} your denial of coverage for {drug(d)} for my patient, {name}. "
        "Each reason your letter gives is answered below with the facts of the case, and the "
        "records are enclosed. I ask you to overturn the denial.",
        id="intro",
    )
    urgency_paragraph(d, "internal_appeal_decision_expected", MA_DECISION, what="this appeal")
    d.heading("Patient and diagnosis", 1, id="h_facts")
    cl.identification(d)
    d.para(cl.diagnosis_inlines(d), id="diagnosis")
    d.para(cl.genetics_inlines(d), id="genetics")
    _reasons(d, denial)
    d.heading("Request", 1, id="h_request")
    request_table(d)
    d.para(
        f"For these reasons I ask you to overturn the denial and approve {drug(d)}." + _p2p(d),
        id="request",
    )
    closing(d)
    enclosures(d, require=("denial_letter",))
    d.sources()
    return d.document(f"{kind}: {drug(d)}", f"{kind} of a prior authorization denial")


def _review_info(d: Draft, denial: DenialInfo) -> None:
    case, p, pr = d.case, d.case.patient, d.case.prescriber
    a = p.address
    address = ", ".join(x for x in (a.line1, a.line2, a.city, a.state, a.postal_code) if x)
    urgency = {"expedited": "Expedited", "standard": "Standard"}.get(case.request.urgency or "")
    rows: list[list[str | Inline | list[Inline]]] = [
        [
            "Covered person",
            sentence(
                fact(patient_name(case), "patient name"),
                ", DOB ",
                fact(p.date_of_birth, "date of birth"),
                missing="patient missing",
            ),
        ],
        [
            "Address and phone",
            sentence(
                fact(address or None, "patient address"),
                " · ",
                fact(p.phone, "patient phone"),
                missing="patient address missing",
            ),
        ],
        [
            "Health plan",
            sentence(
                fact(plan_description(case), "plan"),
                " · member ID ",
                fact(case.insurance.member_id, "member ID"),
                " · group ",
                fact(case.insurance.group_number, "group number"),
                missing="plan missing",
            ),
        ],
        [
            "Treating physician",
            sentence(
                fact(pr.name, "prescriber name"),
                " · NPI ",
                fact(pr.npi, "prescriber NPI"),
                " · phone ",
                fact(pr.phone, "prescriber phone"),
                " · fax ",
                fact(pr.fax, "prescriber fax"),
                missing="treating physician missing",
            ),
        ],
        ["Final internal denial", _denial_line(denial, "")],
        [
            "Service denied",
            sentence(
                drug(d),
                ", HCPCS ",
                fact(case.request.hcpcs, "HCPCS code"),
                ", ",
                fact(case.request.site_of_care, "site of care"),
                missing="service missing",
            ),
        ],
        ["Review requested", [fact(urgency, "urgency").inline()]],
    ]
    d.heading("Information for the review", 1, id="h_review_info")
    d.add(Table([], rows, col_widths=[1.6, 4.9], id="review_info"))


def _route(d: Draft) -> tuple[str, list[Inline]]:
    """Which external review applies to this plan type, from the profile, and why."""
    plan = d.plan_type
    nc = d.statement("nc_external_review")
    rules = d.ctx.profile.deadline_rules("external_review_deadline", plan)
    if nc is not None:
        text: list[Inline] = d.statement_inlines(nc, "Route")
        for rule in rules:
            text += [Run(" "), *_rule_text(d, rule)]
        return "nc", text
    if rules:
        text = [Run(f"Route: this is a {plan_type_name(plan) or 'plan'}. ")]
        for rule in rules:
            text += _rule_text(d, rule)
        return "federal", text
    ma_rules = [
        r
        for deadline in ("internal_appeal_deadline", MA_RECONSIDERATION)
        for r in d.ctx.profile.deadline_rules(deadline, plan)
    ]
    if plan == "medicare_advantage" and ma_rules:
        d.ctx.warn(
            "Medicare Advantage: Smart NC external review does not apply; file a "
            "reconsideration (letter kind internal_appeal)"
        )
        text = [
            Run("Route: this is a Medicare Advantage plan, which uses the Medicare appeal levels. ")
        ]
        for rule in ma_rules:
            text += _rule_text(d, rule)
        return "medicare_advantage", text
    if plan is None:
        d.ctx.warn("the case has no plan type: it decides which external review applies")
        return "none", [Run("Route: "), Placeholder("plan type missing")]
    d.ctx.warn(
        "the policy profile has no external review route for this plan type: check the "
        "denial notice for the route that applies"
    )
    covered = next(
        (s for s in d.ctx.profile.regulatory_statements if s.id == "nc_external_review"), None
    )
    text = [
        Run("Route: "),
        Placeholder(f"external review route for {plan_type_name(plan) or 'this plan'} missing"),
    ]
    if covered is not None and covered.plan_types:
        names = " and ".join(plan_type_name(p) or p for p in covered.plan_types)
        text += [
            Run(f". North Carolina external review covers the {names}"),
            d.cites.cite(covered.source),
            Run("."),
        ]
    return "none", text


def compose_external_review_request(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    denial = _denial(d)
    route, route_text = _route(d)
    if route == "nc":
        nc = d.ctx.statement("nc_external_review", d.plan_type)
        src = d.ctx.profile.source(nc.source) if nc else None
        addressee = [src.title.split(":")[0] if src else "", "External Review"]
        salutation = "Dear External Review Coordinator:"
    else:
        addressee = payer_addressee(d, "Appeals")
        salutation = "Dear Medical Director:"
    header(
        d,
        f"Request for external review: denial of {drug(d)}",
        addressee,
        extra=_denial_line(denial, "Final internal denial"),
        salutation=salutation,
    )
    name = patient_name(case) or "my patient"
    payer = case.insurance.payer or ctx.profile.payer
    asked = (
        "a reconsideration of"
        if route == "medicare_advantage"
        else "an independent external review of"
    )
    d.para(
        f"On behalf of my patient, {name}, I request {asked} {payer}'s denial of coverage for "
        f"{drug(d)}. The route that applies to this plan is set out below, then the answer to "
        "each reason for the denial.",
        id="intro",
    )
    d.para(route_text, id="route")
    if route == "medicare_advantage":
        decisions: tuple[str, ...] = ("internal_appeal_decision_expected", MA_DECISION)
    else:
        decisions = ("external_review_decision_expected",)
    urgency_paragraph(d, *decisions, what="this request")
    _review_info(d, denial)
    d.heading("Diagnosis and genetics", 1, id="h_facts")
    d.para(join([cl.diagnosis_inlines(d), cl.genetics_inlines(d)]), id="diagnosis")
    _reasons(d, denial)
    d.heading("Request", 1, id="h_request")
    request_table(d)
    d.para(f"I ask that the denial be reversed and {drug(d)} approved." + _p2p(d), id="request")
    closing(d)
    enclosures(d, require=("denial_letter",))
    d.sources()
    return d.document(f"Request for external review: {drug(d)}", "External review request")
