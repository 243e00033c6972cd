"""Synthetic clinical documents: the SOD1 genetic report and the neurology clinic note.

Realistic enough that the classifier and the fact extractors meet the wording real reports
use (labels, tables, units, HGVS), and fully fictional: names, labs and numbers are made up.
"""

from __future__ import annotations

from typing import Any

from .common import Facts, Identity, as_date, demographics, long, new_doc, plus_days, us
from .pdfwriter import PdfWriter

_THREE = "AlaArgAsnAspCysGlnGluGlyHisIleLeuLysMetPheProSerThrTrpTyrVal"
_AA = {
    _THREE[i : i + 3]: one for i, one in zip(range(0, 60, 3), "ARNDCQEGHILKMFPSTWYV", strict=True)
}


def legacy_name(protein: str) -> str:
    """'p.Ala5Val' -> 'A4V': the traditional SOD1 numbering omits the initiator methionine."""
    body = protein.removeprefix("p.").strip("()")
    ref, pos, alt = body[:3], body[3:-3], body[-3:]
    if ref in _AA and alt in _AA and pos.isdigit():
        return f"{_AA[ref]}{int(pos) - 1}{_AA[alt]}"
    return ""


def genetic_report(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    g = facts.section("genetics")
    tested = as_date(g.get("test_date")) or facts.latest_visit()
    doc = new_doc(identity, "Genetic test report")
    doc.heading(g["lab_name"])
    doc.paragraph(
        f"1200 Laboratory Way, Morrisville, NC 27560  |  Tel {g.get('lab_contact')}\n"
        f"CLIA #{g['clia_number']}  |  Laboratory Director: Ruth Anand-Moss, PhD, FACMG",
        size=9,
    )
    doc.rule()
    doc.heading("GENETIC TEST REPORT: Hereditary ALS / Motor Neuron Disease Gene Panel", 2)
    demographics(
        doc,
        identity,
        ("Accession #:", options.get("accession", "PGL-24-118823")),
        ("Specimen:", "Whole blood (EDTA)"),
        ("Collected:", us(plus_days(tested, -16))),
        ("Received:", us(plus_days(tested, -14))),
        ("Report date:", us(tested)),
        ("Ordering provider:", f"{facts.prescriber_line()}, {facts.get('prescriber', 'practice')}"),
    )
    cls = str(g["classification"])
    positive = cls in ("pathogenic", "likely pathogenic")
    doc.heading("RESULT: " + ("POSITIVE" if positive else "VARIANT OF UNCERTAIN SIGNIFICANCE"), 3)
    protein, cdna = str(g["variant_protein"]), str(g["variant_cdna"])
    legacy = legacy_name(protein)
    doc.table(
        ["Gene", "Transcript", "Variant", "Protein", "Zygosity", "Classification"],
        [
            [
                g["gene"],
                "NM_000454.5",
                cdna,
                protein + (f" ({legacy})" if legacy else ""),
                str(g["zygosity"]).capitalize(),
                cls.title(),
            ]
        ],
        [50, 80, 70, 110, 80, 114],
    )
    doc.heading("Interpretation", 3)
    if positive:
        text = (
            f"This individual is {g['zygosity']} for the {cdna} ({protein}) variant in the "
            f"{g['gene']} gene, classified as {cls} according to ACMG/AMP guidelines. "
            "Pathogenic variants in SOD1 (superoxide dismutase 1) cause autosomal dominant "
            "amyotrophic lateral sclerosis. This result confirms a genetic diagnosis of "
            "SOD1-related ALS in this individual."
        )
    else:
        text = (
            f"A {cdna} ({protein}) variant of uncertain significance was identified in "
            f"{g['gene']}. "
            "There is not enough evidence to classify it as pathogenic or benign; it should not be "
            "used for clinical decision-making. Reclassification may occur as evidence accumulates."
        )
    doc.paragraph(text)
    doc.paragraph(
        "Genetic counseling is recommended. First-degree relatives have a 50% chance of "
        "inheriting this variant; targeted testing is available."
    )
    doc.heading("Methodology", 3)
    doc.paragraph(
        f"{g['methodology']}. Genes analyzed: ANG, C9orf72 (repeat expansion by repeat-primed "
        "PCR), FUS, OPTN, SOD1, TARDBP, TBK1, UBQLN2, VCP. Next-generation sequencing of coding "
        "regions and flanking intronic sequence (+/-20 bp), mean depth > 200x; variants "
        "confirmed by Sanger sequencing."
    )
    doc.heading("Limitations", 3)
    doc.paragraph(
        "This test does not detect all variants that cause ALS. Large deletions, deep intronic "
        "variants and variants in genes not on this panel are not assessed. This test was "
        "developed and its performance characteristics determined by the laboratory; it is "
        "performed in a CLIA-certified laboratory and is used for clinical purposes.",
        size=9,
    )
    doc.paragraph(
        f"Electronically signed: Ruth Anand-Moss, PhD, FACMG, Laboratory Director, {us(tested)}"
    )
    return doc


def clinic_note(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    visit = as_date(options.get("visit_date")) or facts.latest_visit()
    dx, fs = facts.section("diagnosis"), facts.section("functional_status")
    scores = [s for s in facts.series("alsfrs_r") if (as_date(s.get("date")) or visit) <= visit]
    doc = new_doc(identity, "Neurology clinic note")
    doc.heading(str(facts.get("prescriber", "practice")))
    doc.paragraph(facts.practice_address(), size=9)
    doc.heading("Neurology Clinic Note: ALS Multidisciplinary Clinic", 2)
    demographics(
        doc,
        identity,
        ("Date of service:", us(visit)),
        ("Provider:", f"{facts.prescriber_line()} (Neurology)"),
        ("Visit type:", "Established patient, office visit"),
    )
    age = identity.age_on(visit)
    sex = {"M": "man", "F": "woman"}.get(identity.sex, "patient")
    doc.heading("Chief Complaint", 3)
    doc.paragraph("Follow-up of amyotrophic lateral sclerosis; discuss SOD1-targeted therapy.")
    doc.heading("History of Present Illness", 3)
    onset = as_date(dx.get("symptom_onset_date"))
    events = "; ".join(
        f"{us(as_date(e.get('date')))}: {e.get('event')}" for e in facts.series("symptom_timeline")
    )
    doc.paragraph(
        f"{identity.first_name} {identity.last_name} is a {age}-year-old {sex} with "
        f"{dx['onset_region']}-onset ALS. Symptoms began around {long(onset)}. "
        f"Diagnosis was made on {us(as_date(dx.get('diagnosis_date')))} "
        f"({dx['criteria_category']} ALS by {dx['criteria']} criteria). "
        + (f"Timeline: {events}. " if events else "")
        + f"Genetic testing showed a {facts.get('genetics', 'classification')} SOD1 variant "
        f"({facts.get('genetics', 'variant_protein')}). Weakness continues to progress."
    )
    doc.heading("Current Medications", 3)
    for t in facts.series("therapies"):
        end = as_date(t.get("end"))
        status = f"stopped {us(end)} ({t.get('stop_reason')})" if end else "continuing"
        doc.paragraph(
            f"- {str(t['drug']).capitalize()}: {t.get('dose')}, started "
            f"{us(as_date(t.get('start')))}, {status}.",
            indent=8,
        )
    doc.paragraph("Allergies: No known drug allergies.")
    doc.heading("Past Medical History / Social History", 3)
    doc.paragraph("Hypertension, controlled. Never smoker; lives with spouse; retired.")
    doc.heading("Review of Systems", 3)
    doc.paragraph(
        "Positive for cramps, fasciculations, fatigue. Negative for sensory loss, "
        "bowel or bladder changes."
    )
    doc.heading("Physical Examination", 3)
    doc.paragraph(
        "Vital signs: BP 128/78, HR 72, SpO2 97% on room air. Neurological examination: alert, "
        "speech clear. Atrophy of the left first dorsal interosseous and thenar muscles. "
        "Strength (MRC): left finger abductors 3/5, left wrist extensors 4-/5, right ankle "
        "dorsiflexion 4/5. Reflexes brisk throughout with spread; Hoffmann sign present on the "
        "left. Fasciculations in both calves and the left forearm. Sensation intact."
    )
    doc.heading("Functional Status", 3)
    series = ", ".join(f"{s['total']} on {us(as_date(s.get('date')))}" for s in scores[:-1])
    latest = scores[-1]["total"] if scores else "not done"
    doc.paragraph(
        f"Ambulation: {fs['ambulation']}. Speech: {fs['speech']}. Swallowing: "
        f"{fs['swallowing']}. Ventilation: {str(fs['ventilation']).replace('_', ' ')}. "
        f"ALSFRS-R total today {latest}/48" + (f" (previously {series})." if series else ".")
    )
    for p in facts.series("pulmonary")[-1:]:
        doc.paragraph(
            f"Pulmonary function ({us(as_date(p.get('date')))}): FVC "
            f"{p.get('fvc_percent_predicted')}% predicted, SVC "
            f"{p.get('svc_percent_predicted')}% predicted."
        )
    doc.heading("Assessment and Plan", 3)
    pathogenic = facts.get("genetics", "classification") in ("pathogenic", "likely pathogenic")
    plan = "Will request prior authorization for Qalsody (tofersen) 100 mg intrathecal."
    doc.paragraph(
        f"1. ALS (ICD-10 {dx['icd10']}) with {facts.get('genetics', 'classification')} SOD1 "
        "variant, progressing despite riluzole and a trial of edaravone. "
        + (plan if pathogenic else "Tofersen not indicated unless the variant is reclassified.")
        + "\n2. Continue riluzole. PT/OT and speech evaluations. Respiratory monitoring every 3 "
        "months.\n3. Return to clinic in 3 months."
    )
    doc.paragraph(f"Electronically signed by {facts.prescriber_line()} on {us(visit)}.")
    return doc
