"""The peer-to-peer summary: one page the neurologist reads in two or three minutes.

Age, variant, timeline, therapies and outcomes, current function, why now, and the guide's key
discussion points, each tied to a fact of this case (or a placeholder where the case is silent).
Internal to the clinic, so a guide-only claim may appear, marked as such, never as fact.
"""

from __future__ import annotations

from ..derived import alsfrs_series, case_age, months_between, overall_decline
from ..document import BulletList, Document, Inline, Placeholder, Run, Table
from ..model import Case
from . import clinical as cl
from . import therapies as th
from .context import LetterContext
from .criteria import count_criteria
from .evidence import passages
from .facts import fact, join, optional, plan_description, rate, sentence, us_date
from .parts import Draft
from .sections import drug

SEX = {"M": "male", "F": "female"}


def _patient(d: Draft) -> list[Inline]:
    age = case_age(d.case, d.ctx.today)
    sex = SEX.get(d.case.patient.sex or "")
    return sentence(
        fact(f"{age} years old" if age is not None else None, "age"),
        optional(sex, ", {}"),
        "; ",
        fact(plan_description(d.case), "plan"),
        missing="age and plan missing",
    )


def _variant(case: Case) -> list[Inline]:
    g = case.genetics
    return sentence(
        fact(g.gene, "gene"),
        " ",
        fact(g.variant_cdna, "cDNA variant"),
        " (",
        fact(g.variant_protein, "protein variant"),
        "), ",
        fact(g.classification, "classification"),
        "; ",
        fact(g.lab_name, "laboratory"),
        ", ",
        fact(g.test_date, "test date"),
        missing="SOD1 genetic result missing",
    )


def _timeline(case: Case) -> list[Inline]:
    dx, g = case.diagnosis, case.genetics
    return sentence(
        "onset ",
        fact(dx.symptom_onset_date, "onset date"),
        optional(dx.onset_region, " ({})"),
        " \u2192 diagnosis ",
        fact(dx.diagnosis_date, "diagnosis date"),
        optional(dx.criteria_category, " ({})"),
        " \u2192 SOD1 result ",
        fact(g.test_date, "genetic test date"),
        missing="onset, diagnosis and genetic test dates missing",
    )


def _alsfrs(case: Case) -> list[Inline]:
    series = alsfrs_series(case)
    if not series:
        return [Placeholder("ALSFRS-R assessments missing")]
    text = " \u2192 ".join(f"{p.total} ({us_date(p.date)})" for p in series)
    decline = overall_decline(case)
    return [Run(text + (f": {rate(decline)} points lost per month" if decline is not None else ""))]


def _therapies(case: Case) -> list[Inline]:
    if not case.therapies:
        return [Placeholder("prior ALS therapies missing")]
    lines: list[list[Inline]] = []
    for t in sorted(case.therapies, key=lambda t: (t.start is None, t.start)):
        outcome = "ongoing" if th.is_ongoing(t) else None
        lines.append(
            sentence(
                f"{t.drug} ",
                *th.therapy_dates(t),
                ": ",
                fact(t.response, "response"),
                "" if outcome else "; stopped: ",
                None if outcome else fact(t.stop_reason, "reason stopped"),
                missing=f"{t.drug} outcome missing",
            )
        )
    return join(lines, sep="\n")


def _points(d: Draft) -> list[list[Inline]]:
    case, g = d.case, d.case.genetics
    age = case_age(case, d.ctx.today)
    points: list[list[Inline]] = []
    approval = d.statement("fda_approval")
    if approval is not None:
        points.append(
            [
                Run("FDA-approved for this patient's disease: ", bold=True),
                Run(approval.text),
                d.cites.cite(approval.source),
                Run(" "),
                *sentence(
                    "This patient: ",
                    fact(f"{age} years old" if age is not None else None, "age"),
                    ", ",
                    fact(g.gene, "gene"),
                    " ",
                    fact(g.variant_protein or g.variant_cdna, "variant"),
                    " (",
                    fact(g.classification, "classification"),
                    ").",
                    missing="patient's age and variant missing",
                ),
            ]
        )
    only = d.ctx.statement("only_sod1_therapy", d.plan_type)
    if only is not None:
        marker = (
            "" if only.status in ("verified", "corrected") else " (the guide's claim; unverified)"
        )
        points.append([Run("Targets SOD1: ", bold=True), Run(only.text + marker)])
    series = alsfrs_series(case)
    decline = overall_decline(case)
    if len(series) >= 2 and decline is not None:
        months = months_between(series[0].date, series[-1].date)
        progression = (
            f"ALSFRS-R {series[0].total} \u2192 {series[-1].total} in {months:.1f} months "
            f"({rate(decline)} points per month); every month of delay is lost function."
        )
        points.append([Run("Time-sensitive: ", bold=True), Run(progression)])
    else:
        points.append(
            [Run("Time-sensitive: ", bold=True), Placeholder("serial ALSFRS-R scores missing")]
        )
    count = count_criteria(case, d.ctx.profile, d.ctx.today, d.ctx.checklist)
    if count.total:
        text = count.sentence()  # as the checklist counts: the two never disagree
        unmet = "; ".join(f"{v.criterion.title} ({v.verdict.detail})" for v in count.unmet)
        points.append(
            [
                Run("Meets the criteria: ", bold=True),
                Run(text + (f"; open: {unmet}." if unmet else ".")),
            ]
        )
    evidence = [p for p in passages(d, topics=("biomarker", "extension")) if p.short]
    if evidence:  # the one-line versions the library gives for a 2-3 minute read
        line: list[Inline] = [Run("Evidence: ", bold=True)]
        line += join([[Run(p.short), d.cites.cite(p.source)] for p in evidence])
        points.append(line)
    memo = d.statement("cms_memo_2024_12_09")
    if memo is not None:
        points.append(
            [
                Run("Not experimental (Medicare Advantage): ", bold=True),
                Run(memo.title),
                d.cites.cite(memo.source),
            ]
        )
    return points


def compose_p2p_summary(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    d.heading(f"Peer-to-peer summary: {drug(d)}", 1, id="p2p_title")
    payer = case.insurance.payer or ctx.profile.payer
    d.para(
        f"For the peer-to-peer review with {payer}. Prepared {us_date(ctx.today)} from the case "
        "record; read time 2-3 minutes.",
        style="small",
    )
    rows = [
        ["Patient", _patient(d)],
        ["SOD1 variant", _variant(case)],
        ["Timeline", _timeline(case)],
        ["ALSFRS-R", _alsfrs(case)],
        ["NfL", cl.nfl_inlines(case)],
        ["Vital capacity", cl.pulmonary_inlines(case)],
        ["Therapies", _therapies(case)],
        ["Current function", cl.function_inlines(case, lead="")],
    ]
    d.add(Table([], rows, col_widths=[1.3, 5.2], id="p2p_facts"))
    d.heading("Why Qalsody now", 2, id="p2p_why_heading")
    decline = cl.decline_rate(case)
    tried = th.declined_despite(case)
    why: list[Inline] = sentence(
        "Decline of ",
        fact(rate(decline) if decline is not None else None, "ALSFRS-R decline per month"),
        " ALSFRS-R points per month",
        f" continuing since {' and '.join(tried)} started" if tried else "",
        "; the treatment labelled for SOD1-ALS is the next step, and waiting costs function.",
        missing="ALSFRS-R decline missing",
    )
    d.para(why, id="p2p_why")
    d.heading("Key discussion points", 2, id="p2p_points_heading")
    d.add(BulletList(_points(d), id="p2p_points"))
    d.sources()
    return d.document(
        f"Peer-to-peer summary: {drug(d)}", "Peer-to-peer summary", with_letterhead=False
    )
