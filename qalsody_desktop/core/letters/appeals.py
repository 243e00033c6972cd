"""Appeal letters: the internal appeal (or Medicare Advantage reconsideration) and the
external review request.

Both answer every denial reason with case facts and the evidence library. The internal appeal
answers the initial denial chosen (default: the latest); the external review request cites the
final internal adverse determination (its own reference, letter and receipt dates) and answers
the reasons it upheld. Which external review applies depends on the plan type and is read from
the profile: NC's Smart NC review (the letter goes to NCDOI, with the list of what NCDOI needs),
the federal process (an ``external_review_deadline`` rule for the plan type without the NC
statement), Medicare Advantage (reconsideration wording throughout; an unfavourable decision
goes to the Independent Review Entity), or, where the profile has no route, a placeholder and a
warning rather than a guess.
"""

from __future__ import annotations

from ..document import BulletList, Document, Inline, Placeholder, Run, Table
from ..model import Case
from ..policy.model import DeadlineRule
from . import clinical as cl
from .answers import answer_reason
from .context import DenialInfo, LetterContext
from .facts import fact, join, patient_name, plan_description, plan_type_name, sentence
from .parts import (
    Draft,
    attachments_of,
    closing,
    contact_phone,
    enclosures,
    header,
    payer_addressee,
)
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


def _initial_line(denial: DenialInfo) -> list[Inline]:
    """The initial denial the final determination upheld, when the timeline records it."""
    first = denial.initial
    if first is None:
        return []
    return [Run("\n"), *_denial_line(first, "Initial denial")]


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


def _ire(d: Draft) -> None:
    """Medicare Advantage: an unfavourable reconsideration goes to the IRE (sourced)."""
    st = d.statement("ma_ire_forwarding")
    if st is not None:
        d.para(d.statement_inlines(st), id="ire")
    elif d.plan_type == "medicare_advantage":
        d.ctx.warn("the policy profile has no Independent Review Entity statement to cite")


def compose_internal_appeal(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    denial = _denial(d)
    ma = d.plan_type == "medicare_advantage"
    kind = "Request for reconsideration" if ma else "Appeal"
    act = "reconsideration" if ma else "appeal"
    header(
        d,
        f"{kind} of the denial of {drug(d)}",
        payer_addressee(d, "Reconsiderations (Part C appeals)" if ma else "Appeals"),
        extra=_denial_line(denial, "Denial"),
    )
    name = patient_name(case) or "my patient"
    verb = "request a reconsideration of" if ma else "appeal"
    d.para(
        f"I am writing to {verb} your denial of coverage for {drug(d)} for my patient, {name}. "
        "Each reason your letter gives is answered below with the facts of the case and the "
        "published evidence, and the records are enclosed. I ask you to "
        + ("reverse the organization determination." if ma else "overturn the denial."),
        id="intro",
    )
    urgency_paragraph(d, "internal_appeal_decision_expected", MA_DECISION, what=f"this {act}")
    d.heading("Patient and diagnosis", 1, id="h_facts")
    cl.identification(d)
    d.para(cl.diagnosis_inlines(d), id="diagnosis")
    d.para(cl.genetics_inlines(d), id="genetics")
    d.para(cl.alsfrs_summary(case), id="alsfrs")
    _reasons(d, denial)
    d.heading("Request", 1, id="h_request")
    request_table(d)
    ask = (
        f"For these reasons I ask you to reverse the organization determination on "
        f"reconsideration and approve {drug(d)}."
        if ma
        else f"For these reasons I ask you to overturn the denial and approve {drug(d)}."
    )
    d.para(ask + _p2p(d), id="request")
    if ma:
        _ire(d)
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
        ["Final internal adverse determination", _denial_line(denial, "")],
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
    if denial.initial is not None:
        rows.insert(5, ["Initial denial (upheld)", _denial_line(denial.initial, "")])
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


def _ncdoi_contents(d: Draft) -> None:
    """What NCDOI needs with the request, each item with its attachment or a placeholder."""
    st = d.statement("ncdoi_request_contents")
    if st is None:
        return
    items: list[list[Inline]] = []
    for raw in st.text.split("|"):
        tag, _, text = raw.strip().partition("] ")
        tag = tag.lstrip("[")
        if tag == "expedited" and d.case.request.urgency != "expedited":
            continue
        line: list[Inline] = [Run(text.strip())]
        if tag == "sign":
            what = text.strip().split(",")[0].removeprefix("The ").removeprefix("NCDOI's ")
            line += [Run(": "), Placeholder(f"{what}: sign and enclose")]
        elif tag in d.ctx.profile.category_ids:
            found = attachments_of(d, tag)
            if found:
                line.append(Run(": enclosed (" + ", ".join(a.file_name for a in found) + ")"))
            else:
                title = d.ctx.profile.category(tag).title
                line += [Run(": "), Placeholder(f"{title} not attached")]
                d.ctx.warn(f"NCDOI needs the {title.lower()}: attach it to the case")
        elif tag == "letter":
            line.append(Run(": enclosed"))
        items.append(line)
    d.heading("Enclosed for the Department", 1, id="h_ncdoi")
    d.para(
        [Run("What the NC Department of Insurance needs with a request for external review"),
         d.cites.cite(st.source), Run(":")],
        id="ncdoi_lead",
    )  # fmt: skip
    d.add(BulletList(items, id="ncdoi_contents"))


def compose_external_review_request(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    denial = _denial(d)
    if ctx.denial is not None and not denial.final:
        ctx.warn(
            "no final internal adverse determination is recorded: the request cites the latest "
            "denial; record the final denial (event final_denial_received, or appeal_decided "
            "upheld) with its reference and dates"
        )
    route, route_text = _route(d)
    ma = route == "medicare_advantage"
    payer = case.insurance.payer or ctx.profile.payer
    if route == "nc":
        address = d.statement("ncdoi_address")
        addressee = address.text.split("\n") if address else ["NC Department of Insurance"]
        salutation = "Dear External Review Coordinator:"
        title = f"Request for external review: {payer}'s denial of {drug(d)}"
    elif ma:
        addressee = payer_addressee(d, "Reconsiderations (Part C appeals)")
        salutation = "Dear Medical Director:"
        title = f"Request for reconsideration of the denial of {drug(d)}"
    else:
        addressee = payer_addressee(d, "Appeals")
        salutation = "Dear Medical Director:"
        title = f"Request for external review: denial of {drug(d)}"
    header(
        d,
        title,
        addressee,
        extra=[
            *_denial_line(denial, "Final internal adverse determination"),
            *_initial_line(denial),
        ],
        salutation=salutation,
    )
    name = patient_name(case) or "my patient"
    if ma:
        asked = "a reconsideration of"
    elif route == "nc":
        asked = "an independent external review, under North Carolina law, of"
    else:
        asked = "an independent external review of"
    d.para(
        f"On behalf of my patient, {name}, I request {asked} {payer}'s final denial of coverage "
        f"for {drug(d)}. The route that applies to this plan is set out below, then the answer "
        "to each reason for the denial, with the clinical facts and the published evidence.",
        id="intro",
    )
    d.para(route_text, id="route")
    if ma:
        decisions: tuple[str, ...] = ("internal_appeal_decision_expected", MA_DECISION)
    else:
        decisions = ("external_review_decision_expected",)
    urgency_paragraph(d, *decisions, what="this request")
    _review_info(d, denial)
    d.heading("Diagnosis and genetics", 1, id="h_facts")
    d.para(join([cl.diagnosis_inlines(d), cl.genetics_inlines(d)]), id="diagnosis")
    d.para(cl.alsfrs_summary(case), id="alsfrs")
    _reasons(d, denial)
    d.heading("Request", 1, id="h_request")
    request_table(d)
    if ma:
        ask = (
            f"I ask that the organization determination be reversed on reconsideration and "
            f"{drug(d)} approved."
        )
    else:
        ask = f"I ask that the denial be reversed and {drug(d)} approved."
    d.para(ask + _p2p(d), id="request")
    if ma:
        _ire(d)
    if route == "nc":
        _ncdoi_contents(d)
    closing(d)
    enclosures(d, require=("denial_letter",))
    d.sources()
    subject = "Reconsideration request" if ma else "External review request"
    return d.document(title, subject)
