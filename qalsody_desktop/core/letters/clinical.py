"""Case facts as letter paragraphs and tables: diagnosis, genetics, ALSFRS-R, NfL, function.

Shared by every letter kind, so a fact is written the same way in the medical necessity letter,
the appeal and the peer-to-peer summary. Every function reads only the case (and derived
values); what the case lacks becomes a placeholder through ``facts.sentence``.
"""

from __future__ import annotations

from ..derived import ALSFRS_MAX, alsfrs_series, case_age, months_between, overall_decline
from ..document import BulletList, Image, Inline, Placeholder, Run, Table
from ..document.chart import line_chart_png
from ..model import Case, NflResult
from .facts import (
    VENTILATION_NAMES,
    Part,
    cap,
    fact,
    join,
    number,
    optional,
    patient_name,
    plan_description,
    rate,
    sentence,
    us_date,
)
from .parts import Draft

DASH = "\u2014"


def identification(d: Draft, id: str = "identification") -> None:
    case = d.case
    age = case_age(case, d.ctx.today)
    ins = case.insurance
    d.para(
        join(
            [
                sentence(
                    "Patient: ",
                    fact(patient_name(case), "patient name"),
                    ", date of birth ",
                    fact(case.patient.date_of_birth, "date of birth"),
                    f" (age {age})" if age is not None else "",
                    ".",
                    missing="patient name and date of birth missing",
                ),
                sentence(
                    "Insurance: ",
                    fact(plan_description(case), "plan"),
                    ", member ID ",
                    fact(ins.member_id, "member ID"),
                    ", group ",
                    fact(ins.group_number, "group number"),
                    ".",
                    missing="insurance (member ID, group, plan) missing",
                ),
            ]
        ),
        id=id,
    )


def diagnosis_inlines(d: Draft) -> list[Inline]:
    dx = d.case.diagnosis
    st = d.ctx.profile.regulatory_statements
    code_statement = next((s for s in st if s.id == "icd10_g1221"), None)
    if dx.icd10 and code_statement and dx.icd10 not in code_statement.text:
        d.ctx.warn(f"ICD-10 code {dx.icd10} is not the ALS code the policy profile cites")
    sentences = [
        sentence(
            "Diagnosis: amyotrophic lateral sclerosis (ALS), ICD-10-CM ",
            fact(dx.icd10, "ICD-10 code"),
            ", diagnosed on ",
            fact(dx.diagnosis_date, "diagnosis date"),
            ".",
            missing="ALS diagnosis (ICD-10 code and diagnosis date) missing",
        ),
        sentence(
            "The diagnosis meets the ",
            fact(dx.criteria, "diagnostic criteria"),
            " criteria for ",
            fact(dx.criteria_category, "criteria category"),
            " ALS.",
            missing="diagnostic criteria met missing",
        ),
    ]
    for study in sorted((e for e in d.case.emg if e.date), key=lambda e: e.date):  # type: ignore[arg-type, return-value]
        if study.summary:
            sentences.append(
                sentence(
                    "EMG/nerve conduction study on ",
                    fact(study.date, "EMG date"),
                    f": {study.summary.rstrip('.')}.",
                    missing="EMG missing",
                )
            )
    return join(sentences)


def genetics_inlines(d: Draft) -> list[Inline]:
    g = d.case.genetics
    return sentence(
        "Genetic testing at ",
        fact(g.lab_name, "genetic laboratory"),
        " (CLIA ",
        fact(g.clia_number, "CLIA number"),
        ") on ",
        fact(g.test_date, "genetic test date"),
        ", by ",
        fact(g.methodology, "genetic test method"),
        ", identified a ",
        optional(g.zygosity, "{} "),
        fact(g.gene, "gene"),
        " variant ",
        fact(g.variant_cdna, "cDNA variant (HGVS)"),
        " (",
        fact(g.variant_protein, "protein variant (HGVS)"),
        "), classified as ",
        fact(g.classification, "variant classification"),
        ".",
        missing="SOD1 genetic test result missing",
    )


def onset(d: Draft) -> None:
    dx = d.case.diagnosis
    d.para(
        sentence(
            "Symptoms began on ",
            fact(dx.symptom_onset_date, "symptom onset date"),
            optional(dx.onset_region, " with {} onset"),
            ".",
            missing="symptom onset date missing",
        ),
        id="onset",
    )
    entries = sorted(d.case.symptom_timeline, key=lambda e: (e.date is None, e.date))
    if entries:
        items = [
            [fact(e.date, "timeline date").inline(), Run(f": {e.event}")]
            for e in entries
            if e.event
        ]
        if items:
            d.add(BulletList(items, id="timeline"))


def alsfrs_summary(case: Case) -> list[Inline]:
    """The decline in one or two sentences, each rate named and defined, as the table shows."""
    series = alsfrs_series(case)
    if not series:
        return [Placeholder("ALSFRS-R assessments missing")]
    first, last = series[0], series[-1]
    if len(series) == 1:
        out: list[Inline] = [
            Run(f"The ALSFRS-R total was {last.total}/48 on {us_date(last.date)}. "),
            Placeholder("serial ALSFRS-R assessment missing"),
        ]
    else:
        months = months_between(first.date, last.date)
        change = first.total - last.total
        decline = overall_decline(case)
        span = f"{us_date(first.date)} to {us_date(last.date)}"
        if change > 0 and decline is not None:
            text = (
                f"The ALSFRS-R total fell from {first.total} on {us_date(first.date)} to "
                f"{last.total} on {us_date(last.date)}: {change} points in {months:.1f} months, "
                f"{rate(decline)} points per month (the slope between the first and the latest "
                "recorded scores)."
            )
        elif change == 0:
            text = f"The ALSFRS-R total was unchanged at {last.total} from {span}."
        else:
            text = (
                f"The ALSFRS-R total rose from {first.total} to {last.total} from {span} "
                f"({-change} points in {months:.1f} months)."
            )
        out = [Run(text)]
    onset = case.diagnosis.symptom_onset_date
    if last.decline_since_onset is not None and onset is not None:
        out.append(
            Run(
                f" Since symptom onset on {us_date(onset)} the total has lost "
                f"{ALSFRS_MAX - last.total} of {ALSFRS_MAX} points, "
                f"{rate(last.decline_since_onset)} points per month: the progression rate "
                f"\u0394FS (delta-FS), defined as ({ALSFRS_MAX} minus the latest total) divided by "
                "the months since symptom onset."
            )
        )
    return out


def chart_range(totals: list[int]) -> tuple[float, float]:
    """The ALSFRS-R axis: zoomed on the scores (in steps of 4) so a few points' loss shows,
    from 0 when the scores already span most of the scale."""
    low = max(0, (min(totals) - 4) // 4 * 4)
    high = min(ALSFRS_MAX, -(-(max(totals) + 2) // 4) * 4)
    if high - low >= ALSFRS_MAX // 2:
        return 0.0, float(ALSFRS_MAX)
    return float(low), float(high)


def alsfrs_table(d: Draft, caption: str = "Table 1. ALSFRS-R total score (0-48)") -> None:
    series = alsfrs_series(d.case)
    incomplete = [a for a in d.case.alsfrs_r if a.date is None or a.total is None]
    if incomplete:
        d.ctx.warn("an ALSFRS-R assessment lacks its date or total: left out of the decline")
    if not series and not incomplete:
        return
    rows: list[list[str | Inline]] = []
    for p in series:
        rows.append(
            [
                us_date(p.date),
                str(p.total),
                rate(p.decline_since_previous) if p.decline_since_previous is not None else DASH,
                rate(p.decline_since_onset) if p.decline_since_onset is not None else DASH,
            ]
        )
    for a in incomplete:
        rows.append(
            [
                fact(a.date, "ALSFRS-R date").inline(),
                fact(a.total, "ALSFRS-R total").inline(),
                DASH,
                DASH,
            ]
        )
    d.add(
        Table(
            [
                "Date",
                "Total",
                "Points lost per month since previous",
                "Points lost per month since onset",
            ],
            rows,
            col_widths=[1.1, 0.8, 1.6, 1.6],
            caption=caption,
            id="alsfrs_table",
        )
    )
    if len(series) >= 2:
        low, high = chart_range([p.total for p in series])
        png = line_chart_png(
            [(p.date, float(p.total)) for p in series],
            f"ALSFRS-R total score (axis {low:g} to {high:g} of 0-{ALSFRS_MAX})",
            high,
            y_min=low,
            width_in=6.0,
            height_in=2.2,
        )
        alt = ", ".join(f"{p.total} on {us_date(p.date)}" for p in series)
        axis = f"; the axis runs from {low:g} to {high:g} to show the change" if low > 0 else ""
        d.add(
            Image(
                png,
                5.5,
                alt=f"ALSFRS-R total over time: {alt}",
                caption=f"Figure 1. ALSFRS-R total over time (0-{ALSFRS_MAX}{axis})",
                id="alsfrs_chart",
            )
        )


def nfl_inlines(case: Case) -> list[Inline]:
    rows = sorted((r for r in case.nfl if r.date and r.value is not None), key=lambda r: r.date)  # type: ignore[arg-type, return-value]
    if not rows:
        return [Placeholder("neurofilament light chain (NfL) result missing")]
    last = rows[-1]
    assert last.date is not None and last.value is not None
    specimen = f"{cap(last.specimen)} n" if last.specimen else "N"
    text = (
        f"{specimen}eurofilament light chain (NfL) was {_nfl_value(last)} on {us_date(last.date)}"
    )
    earlier = [
        f"{_nfl_value(r)} on {us_date(r.date)}" for r in rows[:-1] if r.value is not None and r.date
    ]
    return [Run(text + (f" (earlier: {'; '.join(earlier)})." if earlier else "."))]


def warn_nfl_reference(d: Draft) -> None:
    """A value without the lab's range asks the reviewer to guess whether it is high."""
    rows = [r for r in d.case.nfl if r.date and r.value is not None]
    if rows and not max(rows, key=lambda r: r.date).reference_range:  # type: ignore[arg-type, return-value]
        d.ctx.warn(
            "the latest NfL result has no reference range: add the laboratory's range to the "
            "case so the letter shows it beside the value"
        )


def _nfl_value(r: NflResult) -> str:
    """ "71.5 pg/mL (reference range < 10 pg/mL)": the unit always, the lab's range if known."""
    assert r.value is not None
    unit = r.unit or "pg/mL"
    ref = f" (reference range {r.reference_range})" if r.reference_range else ""
    return f"{number(r.value)} {unit}{ref}"


def pulmonary_inlines(case: Case) -> list[Inline]:
    rows = sorted((r for r in case.pulmonary if r.date), key=lambda r: r.date)  # type: ignore[arg-type, return-value]
    rows = [
        r
        for r in rows
        if r.svc_percent_predicted is not None or r.fvc_percent_predicted is not None
    ]
    if not rows:
        return [Placeholder("vital capacity (SVC/FVC) missing")]
    readings = []
    for r in rows:
        assert r.date is not None
        measures = []
        if r.svc_percent_predicted is not None:
            measures.append(f"slow vital capacity (SVC) was {number(r.svc_percent_predicted)}%")
        if r.fvc_percent_predicted is not None:
            verb = "" if measures else "was "
            measures.append(f"forced vital capacity (FVC) {verb}{number(r.fvc_percent_predicted)}%")
        readings.append(f"on {us_date(r.date)}, {' and '.join(measures)} of predicted")
    latest = readings[-1]
    text = f"{cap(latest)}."
    if len(readings) > 1:
        text += f" Earlier: {'; '.join(readings[:-1])}."
    return [Run(text)]


def function_inlines(case: Case, lead: str = "Current function: ") -> list[Inline]:
    fs = case.functional_status
    tube = None if fs.feeding_tube is None else ("yes" if fs.feeding_tube else "no")
    ventilation = VENTILATION_NAMES.get(fs.ventilation or "", fs.ventilation)
    parts: list[Part] = [
        f"{lead}ambulation: ",
        fact(fs.ambulation, "ambulation"),
        optional(", ".join(fs.devices), "; assistive devices: {}"),
        "; speech: ",
        fact(fs.speech, "speech"),
        "; swallowing: ",
        fact(fs.swallowing, "swallowing"),
        "; feeding tube: ",
        fact(tube, "feeding tube status"),
        "; ventilation: ",
        fact(ventilation, "ventilation status"),
        ".",
    ]
    return sentence(*parts, missing="current functional status missing")


def decline_rate(case: Case) -> float | None:
    """Points per month between assessments, else since onset: the figure urgency rests on."""
    series = alsfrs_series(case)
    overall = overall_decline(case)
    if overall is not None:
        return overall
    return series[-1].decline_since_onset if series else None
