"""The letter of medical necessity: the guide's groups, the evidence, the payer's criteria.

1 patient identification and diagnosis, 2 genetic documentation, 3 clinical course (onset,
ALSFRS-R table, named rates and chart, NfL, vital capacity, function, the pace of the disease and
the risks of delay), 4 the clinical evidence (the evidence library's trial, biomarker and
extension passages, each cited), 5 other ALS therapies (add-ons, not alternatives: the guide's
"step therapy" is no payer criterion and is never called one), 6 regulatory support (profile
statements; the CMS memo only for Medicare Advantage), 7 the payer criteria with the count the
checklist gives; then the request, signature and enclosures (cited publications included).
"""

from __future__ import annotations

from ..document import Document, Placeholder, Run
from ..model import Case
from . import clinical as cl
from . import therapies as th
from .answers import criteria_list
from .context import LetterContext
from .evidence import passages, quote_passages
from .facts import disease, patient_name
from .parts import Draft, closing, contact_phone, enclosures, header, payer_addressee
from .sections import (
    REGULATORY_SUPPORT,
    delay,
    drug,
    necessity,
    request_table,
    urgency_paragraph,
)

TITLE = "Letter of medical necessity"


def compose_medical_necessity(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    header(d, f"Letter of medical necessity: {drug(d)}", payer_addressee(d))
    name = patient_name(case) or "my patient"
    enclosed = any(a.category != "medical_necessity_letter" for a in ctx.attachments)
    d.para(
        f"I am writing on behalf of my patient, {name}, to request coverage of {drug(d)} for "
        f"{disease(case)}. The facts below are from the patient's records"
        + ("; the supporting documents are enclosed." if enclosed else "."),
        id="intro",
    )

    d.heading("1. Patient identification and diagnosis", 1, id="h_identification")
    cl.identification(d)
    d.para(cl.diagnosis_inlines(d), id="diagnosis")

    d.heading("2. Genetic documentation", 1, id="h_genetics")
    d.para(cl.genetics_inlines(d), id="genetics")

    d.heading("3. Clinical course and rationale", 1, id="h_rationale")
    cl.onset(d)
    d.para(cl.alsfrs_summary(case), id="alsfrs")
    cl.alsfrs_table(d)
    d.para(cl.nfl_inlines(case), id="nfl")
    cl.warn_nfl_reference(d)
    d.para(cl.pulmonary_inlines(case), id="pulmonary")
    d.para(cl.function_inlines(case), id="function")
    necessity(d)
    delay(d)
    quote_passages(d, passages(d, topics=("delay",)), "ev")

    d.heading(f"4. Clinical evidence for {drug(d)}", 1, id="h_evidence")
    found = passages(d, topics=("trial_design", "efficacy", "biomarker", "extension"))
    if not quote_passages(d, found, "ev"):
        d.para([Placeholder("clinical evidence (evidence library) missing")], id="ev_missing")
        d.ctx.warn("the policy profile has no citable evidence passages for this letter")

    d.heading("5. Other ALS therapies: add-on therapies, not alternatives", 1, id="h_therapies")
    quote_passages(d, passages(d, topics=("add_on",)), "ev")
    if th.therapy_table(d, caption="Table 2. Prior and current ALS therapies"):
        d.para(th.therapy_summary(case), id="step_therapy")

    d.heading("6. Regulatory support", 1, id="h_regulatory")
    d.statements(REGULATORY_SUPPORT)

    d.heading("7. Coverage criteria", 1, id="h_criteria")
    criteria_list(d, "criteria")

    d.heading("Request", 1, id="h_request")
    request_table(d)
    urgency_paragraph(d, "pa_decision_expected")
    phone = contact_phone(d)
    d.para(
        [
            Run(f"I respectfully request approval of {drug(d)} as set out above. "),
            Run(
                f"I am available for a peer-to-peer discussion at {phone}."
                if phone
                else "I am available for a peer-to-peer discussion."
            ),
        ],
        id="request",
    )
    closing(d)
    enclosures(d, exclude=("medical_necessity_letter",))
    d.sources()
    return d.document(f"{TITLE}: {drug(d)}", "Prior authorization: letter of medical necessity")
