"""Answers to denial reasons: each reason of the profile met with the case's own facts.

The reason's title and the sentence the denial letter used come first; then the facts and the
sourced statements that answer it, and the enclosed documents the profile says prove it. A
reason this module has no answer for gets a visible placeholder, never a made-up argument.
"""

from __future__ import annotations

from collections.abc import Callable

from ..checklist import POST_SUBMISSION_KINDS, RULES
from ..derived import alsfrs_series, case_age
from ..document import BulletList, Inline, Placeholder, Run
from ..policy.model import Criterion, DenialReason
from . import clinical as cl
from . import therapies as th
from .criteria import count_criteria, fact_verdicts, is_payer_criterion
from .evidence import REFERENCE_CATEGORY, cited_references, passages, quote_passages
from .facts import VENTILATION_NAMES, fact, join, optional, sentence, us_date
from .parts import Draft, attachments_of, pages_text
from .sections import drug

# The criteria that decide whether the patient is within the label (adult, SOD1 mutation).
LABEL_KINDS = ("min_age", "sod1_pathogenic")
# Categories an answer never lists as "enclosed": the letter itself is the medical necessity part.
SELF_CATEGORIES = ("medical_necessity_letter",)


def bid(prefix: str, reason_id: str) -> str:
    """A block id for a reason's block (bookmark names are limited to 40 characters)."""
    return f"{prefix}_{reason_id}"[:40]


def _sod1(d: Draft, r: DenialReason) -> None:
    d.para([Run("The genetic test result: "), *cl.genetics_inlines(d)], id=bid("a", r.id))


def _step(d: Draft, r: DenialReason) -> None:
    d.para("Every ALS therapy the patient has tried is listed below.", id=bid("a", r.id))
    if th.therapy_table(d, id=bid("t", r.id)):
        d.para(th.therapy_summary(d.case), id=bid("s", r.id))


def _prescriber(d: Draft, r: DenialReason) -> None:
    p = d.case.prescriber
    d.para(
        sentence(
            "I am the prescribing physician: ",
            fact(p.name, "prescriber name"),
            ", ",
            fact(p.credentials, "prescriber credentials"),
            ", specialty ",
            fact(p.specialty, "prescriber specialty"),
            "; board certification: ",
            fact(p.board_certification, "board certification"),
            optional(p.practice, "; {}"),
            "; NPI ",
            fact(p.npi, "prescriber NPI"),
            ".",
            missing="prescriber specialty and board certification missing",
        ),
        id=bid("a", r.id),
    )


def _patient_fit(d: Draft) -> list[Inline]:
    """The patient's facts against the label; "the labelled use" only when the criteria hold."""
    age = case_age(d.case, d.ctx.today)
    g = d.case.genetics
    verdicts = fact_verdicts(d.case, d.ctx.profile, d.ctx.today)
    label_kinds = [v for v in verdicts if v.criterion.kind in LABEL_KINDS]
    labelled = bool(label_kinds) and all(v.met for v in label_kinds)
    if not labelled:
        d.ctx.warn("age or SOD1 result do not show the labelled use: the letter does not claim it")
    return sentence(
        "My patient is ",
        fact(f"{age} years old" if age is not None else None, "age"),
        " and has ALS with the ",
        fact(g.gene, "gene"),
        " variant ",
        fact(g.variant_protein or g.variant_cdna, "SOD1 variant"),
        ", classified as ",
        fact(g.classification, "variant classification"),
        ": the use requested is the labelled use." if labelled else ".",
        missing="patient's age and SOD1 variant missing",
    )


def _experimental(d: Draft, r: DenialReason) -> None:
    d.para(
        f"{drug(d)} is not experimental or investigational for this patient: it is approved by "
        "the U.S. Food and Drug Administration for this disease.",
        id=bid("a", r.id),
    )
    # the basis of the approval follows among the evidence passages that answer this reason
    ids = ("fda_approval", "label_indication", "cms_memo_2024_12_09")
    d.statements(ids, prefix="x")
    d.para(_patient_fit(d), id=bid("f", r.id))


def _documentation(d: Draft, r: DenialReason) -> None:
    d.para("The clinical documentation is summarised here and enclosed in full.", id=bid("a", r.id))
    d.para(cl.alsfrs_summary(d.case), id=bid("s", r.id))
    cl.alsfrs_table(d)
    d.para(join([cl.nfl_inlines(d.case), cl.pulmonary_inlines(d.case)]), id=bid("m", r.id))
    d.para(cl.function_inlines(d.case), id=bid("f", r.id))


def _formulary(d: Draft, r: DenialReason) -> None:
    if d.case.insurance.benefit == "medical":
        d.ctx.warn(
            "the case records the medical benefit while the denial cites the formulary: check "
            "whether the request went to the right benefit"
        )
    d.para(
        f"I request a formulary exception for {drug(d)}; the therapies already tried are below.",
        id=bid("a", r.id),
    )
    d.para(
        th.therapy_summary(d.case) or [Placeholder("prior ALS therapies missing")],
        id=bid("s", r.id),
    )
    d.statements(("label_indication",), prefix="fx")


def criterion_fact(d: Draft, c: Criterion) -> list[Inline]:
    """The case fact a criterion is judged by, written for a reviewer."""
    case = d.case
    g, dx, p = case.genetics, case.diagnosis, case.prescriber
    if c.kind == "min_age":
        age = case_age(case, d.ctx.today)
        return sentence(
            fact(f"age {age}" if age is not None else None, "age"),
            " (date of birth ",
            fact(case.patient.date_of_birth, "date of birth"),
            ")",
            missing="date of birth missing",
        )
    if c.kind == "sod1_pathogenic":
        return sentence(
            fact(g.gene, "gene"),
            " ",
            fact(g.variant_cdna, "cDNA variant"),
            " (",
            fact(g.variant_protein, "protein variant"),
            "), ",
            fact(g.classification, "classification"),
            ", ",
            fact(g.lab_name, "laboratory"),
            " (CLIA ",
            fact(g.clia_number, "CLIA number"),
            ")",
            missing="SOD1 genetic result missing",
        )
    if c.kind == "diagnostic_criteria":
        return sentence(
            fact(dx.criteria_category, "criteria category"),
            " ALS by the ",
            fact(dx.criteria, "diagnostic criteria"),
            " criteria",
            missing="diagnostic criteria missing",
        )
    if c.kind in ("measure_present", "alsfrs_baseline_min"):
        series = alsfrs_series(case)
        if not series:
            return [Placeholder("ALSFRS-R assessments missing")]
        last = series[-1]
        return [
            Run(f"ALSFRS-R {last.total}/48 on {us_date(last.date)} ({len(series)} assessments)")
        ]
    if c.kind == "lab_present":
        return cl.nfl_inlines(case)
    if c.kind == "vital_capacity_min":
        return cl.pulmonary_inlines(case)
    if c.kind == "ventilation_not":
        v = case.functional_status.ventilation
        return sentence(
            fact(VENTILATION_NAMES.get(v or "", v), "ventilation status"),
            missing="ventilation status missing",
        )
    if c.kind == "specialty_in":
        return sentence(
            fact(p.name, "prescriber name"),
            ", ",
            fact(p.specialty, "prescriber specialty"),
            optional(p.board_certification, "; {}"),
            missing="prescriber specialty missing",
        )
    if c.kind == "therapy_tried":
        return th.therapy_summary(case) or [Placeholder("prior ALS therapies missing")]
    item = d.ctx.checklist.item(c.id) if d.ctx.checklist else None
    return [Run(item.detail)] if item else [Placeholder(f"{c.title}: fact missing")]


def criteria_list(d: Draft, block: str) -> None:
    """The payer criteria with the case's facts, led by the count the checklist gives.

    Only payer criteria (``verified``/``corrected``): the guide's own requirements are never
    presented to a payer as its criteria.
    """
    count = count_criteria(d.case, d.ctx.profile, d.ctx.today, d.ctx.checklist)
    payer = [c for c in d.ctx.profile.criteria if is_payer_criterion(c) and c.kind in RULES]
    payer = [c for c in payer if c.kind not in POST_SUBMISSION_KINDS]
    # a count is stated only as the checklist gives it, and to a payer only when it is all
    if count.total and len(count.met) == count.total:
        lead = f"All {count.total} coverage criteria are met ({count.sentence()}); the facts are:"
    else:
        lead = "The coverage criteria and the facts of the case:"
    d.para(lead, id=f"{block}_lead"[:40])
    items = [[Run(f"{c.title}: ", bold=True), *criterion_fact(d, c)] for c in payer]
    d.add(BulletList(items, id=block[:40]))


def _necessity(d: Draft, r: DenialReason) -> None:
    criteria_list(d, bid("c", r.id))
    quote_passages(d, passages(d, reasons=(r.id,)), "ev")  # before the closing request
    d.para("I request a peer-to-peer review with the plan's medical director.", id=bid("p", r.id))


ANSWERS: dict[str, Callable[[Draft, DenialReason], None]] = {
    "no_sod1_documentation": _sod1,
    "insufficient_step_therapy": _step,
    "non_neurologist_prescriber": _prescriber,
    "experimental_designation": _experimental,
    "incomplete_clinical_documentation": _documentation,
    "not_on_formulary": _formulary,
    "not_medically_necessary": _necessity,
}


def _evidence(d: Draft, r: DenialReason) -> None:
    """The enclosed documents the profile says answer this reason, with bundle pages."""
    parts: list[Inline] = [Run("Enclosed for this reason: ")]
    first = True
    for category in r.required_documents:
        if category in SELF_CATEGORIES:
            continue
        title = d.ctx.profile.category(category).title
        found = attachments_of(d, category)
        if category == REFERENCE_CATEGORY:  # the publications this letter cites, by name
            cited = cited_references(d)
            if cited:
                if not first:
                    parts.append(Run("; "))
                first = False
                parts += join(
                    [
                        [Run(f"{ref.title} ({att.file_name}{pages_text(d, att)})")]
                        if att is not None
                        else [Placeholder(f"attach the published reference: {ref.title}")]
                        for ref, att in cited
                    ],
                    "; ",
                )
                continue
        if not first:
            parts.append(Run("; "))
        first = False
        if found:
            parts.append(
                Run(", ".join(f"{title} ({a.file_name}{pages_text(d, a)})" for a in found))
            )
        else:
            parts.append(Placeholder(f"{title} not attached"))
            d.ctx.warn(f"{r.title}: no {title.lower()} is attached to answer it")
    if not first:
        parts.append(Run("."))
        d.para(parts, id=bid("e", r.id))


def answer_reason(d: Draft, reason_id: str, number: int, sentence_text: str | None) -> None:
    reason = next((r for r in d.ctx.profile.denial_reasons if r.id == reason_id), None)
    if reason is None:
        d.heading(f"Reason {number}: {reason_id}", 2, id=bid("h", reason_id))
        d.para(
            [Placeholder(f"answer to denial reason '{reason_id}' missing")], id=bid("a", reason_id)
        )
        d.ctx.warn(f"denial reason {reason_id!r} is not in the policy profile: answer it by hand")
        return
    d.heading(f"Reason {number}: {reason.title}", 2, id=bid("h", reason.id))
    if sentence_text and sentence_text.split():
        quoted = " ".join(sentence_text.split())  # a sentence read across PDF lines
        d.para(
            f"Your letter states: \u201c{quoted}\u201d",
            id=bid("q", reason.id),
            style="quote",
        )
    if reason.note:
        d.ctx.warn(f"note on the reason {reason.title}: {reason.note}")
    answer = ANSWERS.get(reason.id)
    if answer is None:
        d.para([Placeholder(f"answer to '{reason.title}' missing")], id=bid("a", reason.id))
        d.ctx.warn(f"no prepared answer for '{reason.title}': write it in the letter")
    else:
        answer(d, reason)
    quote_passages(d, passages(d, reasons=(reason.id,)), "ev")
    _evidence(d, reason)
