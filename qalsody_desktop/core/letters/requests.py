"""Two short requests to the payer: a formulary exception and expedited review.

Both restate the case's core facts (diagnosis, SOD1 variant, decline, therapies tried) and cite
only sourced profile statements and evidence passages (the exception: why riluzole and edaravone
are add-ons, not alternatives; the expedited request: what delay costs); the expedited request
quotes the decision time the profile gives for the plan type.
"""

from __future__ import annotations

from ..document import Document, Run
from ..model import Case
from . import clinical as cl
from . import therapies as th
from .context import LetterContext
from .evidence import passages, quote_passages
from .facts import disease, patient_name
from .parts import Draft, closing, contact_phone, enclosures, header, payer_addressee
from .sections import drug, request_table, urgency_paragraph

FORMULARY_STATEMENTS = ("fda_approval", "label_indication", "dosing")
EXPEDITED_STATEMENTS = ("fda_approval", "label_indication")


def _core_facts(d: Draft) -> None:
    cl.identification(d)
    d.para(cl.diagnosis_inlines(d), id="diagnosis")
    d.para(cl.genetics_inlines(d), id="genetics")
    d.para(cl.alsfrs_summary(d.case), id="alsfrs")


def _p2p_offer(d: Draft) -> str:
    phone = contact_phone(d)
    return f"I am available for a peer-to-peer discussion{f' at {phone}' if phone else ''}."


def compose_formulary_exception(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    if case.insurance.benefit == "medical":
        ctx.warn(
            "the case records the medical benefit: a formulary exception concerns the pharmacy "
            "benefit; check which benefit covers the drug before sending"
        )
    header(d, f"Formulary exception request: {drug(d)}", payer_addressee(d))
    name = patient_name(case) or "my patient"
    d.para(
        f"I request a formulary exception so that my patient, {name}, can be treated with "
        f"{drug(d)} for {disease(case)}.",
        id="intro",
    )
    d.heading("Patient and diagnosis", 1, id="h_facts")
    _core_facts(d)
    d.heading("Alternatives tried", 1, id="h_alternatives")
    quote_passages(d, passages(d, reasons=("not_on_formulary",)), "ev")
    if th.therapy_table(d):
        d.para(th.therapy_summary(case), id="step_therapy")
    d.heading("Why this drug", 1, id="h_why")
    d.statements(FORMULARY_STATEMENTS)
    d.heading("Request", 1, id="h_request")
    request_table(d)
    urgency_paragraph(d, "pa_decision_expected", what="this exception request")
    d.para(
        [Run(f"Please grant a formulary exception for {drug(d)}. "), Run(_p2p_offer(d))],
        id="request",
    )
    closing(d)
    enclosures(d, exclude=("medical_necessity_letter",))
    d.sources()
    return d.document(f"Formulary exception request: {drug(d)}", "Formulary exception request")


def compose_expedited_review_request(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    if case.request.urgency != "expedited":
        ctx.warn("the case's urgency is standard: set it to expedited if the request is urgent")
    # Medicare Advantage calls the plan's first decision an organization determination
    what = (
        "expedited organization determination"
        if d.plan_type == "medicare_advantage"
        else "expedited review"
    )
    header(d, f"Request for {what}: prior authorization of {drug(d)}", payer_addressee(d))
    name = patient_name(case) or "my patient"
    d.para(
        f"I request an {what} of the prior authorization request for {drug(d)} for my "
        f"patient, {name}, who has {disease(case)}.",
        id="intro",
    )
    d.heading("Why the request is urgent", 1, id="h_urgent")
    d.para(cl.alsfrs_summary(case), id="alsfrs")
    cl.alsfrs_table(d)
    d.para(cl.pulmonary_inlines(case), id="pulmonary")
    d.para(cl.function_inlines(case), id="function")
    urgency_paragraph(d, "pa_decision_expected", always=True)
    quote_passages(d, passages(d, topics=("delay",)), "ev")
    d.heading("Patient and diagnosis", 1, id="h_facts")
    cl.identification(d)
    d.para(cl.diagnosis_inlines(d), id="diagnosis")
    d.para(cl.genetics_inlines(d), id="genetics")
    d.statements(EXPEDITED_STATEMENTS)
    d.para(
        [Run("Please decide this request on an expedited basis. "), Run(_p2p_offer(d))],
        id="request",
    )
    closing(d)
    enclosures(d, exclude=("medical_necessity_letter",))
    d.sources()
    return d.document(f"Request for expedited review: {drug(d)}", "Expedited review request")
