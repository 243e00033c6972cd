"""Synthetic test results: pulmonary function, EMG/NCS and neurofilament light chain.

Each prints the measure the way the real report does (% predicted, pg/mL with a reference
interval, nerve tables) so the extractors and the classifier meet realistic layouts.
"""

from __future__ import annotations

from typing import Any

from .common import Facts, Identity, as_date, demographics, new_doc, plus_days, us
from .pdfwriter import PdfWriter


def pulmonary_report(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    test = facts.series("pulmonary")[-1]
    when = as_date(test.get("date")) or facts.latest_visit()
    fvc, svc = test.get("fvc_percent_predicted") or 80, test.get("svc_percent_predicted") or 78
    doc = new_doc(identity, "Pulmonary function test")
    doc.heading("Eno Valley Pulmonary Function Laboratory")
    doc.heading("PULMONARY FUNCTION TEST REPORT (Spirometry)", 2)
    demographics(
        doc,
        identity,
        ("Test date:", us(when)),
        ("Height / weight:", "178 cm / 79 kg"),
        ("Reference equations:", "GLI 2012 (race-neutral)"),
        ("Technician:", "M. Oduya, RRT (respiratory therapist)"),
    )
    pred_fvc, pred_svc = 4.52, 4.60
    rows = [
        ["FVC (L), seated", f"{pred_fvc * fvc / 100:.2f}", f"{pred_fvc:.2f}", f"{fvc}"],
        ["SVC (L), seated", f"{pred_svc * svc / 100:.2f}", f"{pred_svc:.2f}", f"{svc}"],
        ["FEV1 (L)", f"{3.61 * (fvc + 2) / 100:.2f}", "3.61", f"{fvc + 2}"],
        ["FEV1/FVC (%)", "81", "79", "103"],
        ["FVC (L), supine", f"{pred_fvc * (fvc - 6) / 100:.2f}", f"{pred_fvc:.2f}", f"{fvc - 6}"],
        ["MIP (cmH2O)", "-58", "-96", "60"],
        ["SNIP (cmH2O)", "62", "98", "63"],
    ]
    doc.table(["Parameter", "Measured", "Predicted", "% Predicted"], rows, [170, 100, 100, 100])
    doc.heading("Interpretation", 3)
    doc.paragraph(
        f"Slow vital capacity {svc}% predicted and forced vital capacity {fvc}% predicted. "
        "Normal FEV1/FVC ratio. Mildly reduced maximal inspiratory pressure and SNIP, consistent "
        "with early respiratory muscle weakness from neuromuscular disease. Supine drop in FVC "
        "under 10%. Good effort and reproducibility (ATS/ERS criteria met)."
    )
    doc.paragraph(f"Interpreted by: Samuel Brandt-Okoro, MD, Pulmonology, {us(when)}")
    return doc


def emg_report(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    study = facts.series("emg")[-1]
    when = as_date(study.get("date")) or facts.latest_visit()
    doc = new_doc(identity, "EMG/NCS report")
    doc.heading("Triangle Electrodiagnostic Laboratory")
    doc.heading("Electromyography and Nerve Conduction Study Report", 2)
    demographics(
        doc,
        identity,
        ("Study date:", us(when)),
        ("Referring:", facts.prescriber_line()),
        ("Indication:", "Progressive asymmetric weakness; evaluate for motor neuron disease."),
    )
    doc.heading("Nerve Conduction Studies", 3)
    doc.table(
        ["Nerve (site)", "Latency (ms)", "Amplitude", "Conduction velocity (m/s)"],
        [
            ["L median motor (APB)", "3.9", "2.1 mV (CMAP, low)", "51"],
            ["L ulnar motor (ADM)", "3.1", "3.4 mV (CMAP, low)", "54"],
            ["R peroneal motor (EDB)", "4.8", "1.9 mV", "42"],
            ["R tibial motor (AH)", "4.6", "5.2 mV", "43"],
            ["L median sensory", "3.2", "24 uV (SNAP)", "52"],
            ["R sural sensory", "3.5", "12 uV (SNAP)", "45"],
        ],
        [150, 80, 120, 154],
    )
    doc.heading("Needle Examination (EMG)", 3)
    doc.table(
        ["Muscle", "Fibs", "PSW", "Fascic.", "Motor unit potentials / recruitment"],
        [
            ["L first dorsal interosseous", "2+", "2+", "present", "large, reduced recruitment"],
            ["L biceps", "1+", "1+", "present", "large, reduced recruitment"],
            ["R tibialis anterior", "2+", "2+", "present", "large, reduced recruitment"],
            ["R vastus lateralis", "1+", "1+", "none", "large"],
            ["T10 paraspinal", "1+", "1+", "none", "normal"],
        ],
        [150, 45, 45, 60, 204],
    )
    doc.paragraph("Fibs = fibrillation potentials; PSW = positive sharp waves.", size=8)
    doc.heading("Impression", 3)
    doc.paragraph(
        f"{study.get('summary')} Sensory responses are normal. Findings meet electrodiagnostic "
        "criteria for a widespread disorder of anterior horn cells (Awaji criteria) and "
        "support the clinical diagnosis of amyotrophic lateral sclerosis."
    )
    doc.paragraph(f"Electromyographer: Priya Castellanos, MD, Clinical Neurophysiology, {us(when)}")
    return doc


def nfl_result(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    result = facts.series("nfl")[-1]
    when = as_date(result.get("date")) or facts.latest_visit()
    specimen = str(result.get("specimen") or "plasma")
    doc = new_doc(identity, "Neurofilament light chain result")
    doc.heading("Blue Heron Reference Laboratory")
    doc.paragraph("Specialty Neurology Testing  |  CLIA #34D9990412", size=9)
    doc.heading("LABORATORY REPORT", 2)
    demographics(
        doc,
        identity,
        ("Accession #:", "CRL-25-0448120"),
        ("Collected:", f"{us(when)} 09:42"),
        ("Reported:", us(plus_days(when, 4))),
        ("Ordering provider:", facts.prescriber_line()),
        ("Specimen:", f"{specimen.capitalize()}, EDTA"),
    )
    doc.table(
        ["Test", "Result", "Units", "Reference interval", "Flag"],
        [
            [
                f"Neurofilament light chain (NfL), {specimen}",
                f"{result['value']}",
                str(result.get("unit") or "pg/mL"),
                "<= 12.5 (age 50-59)",
                "H",
            ]
        ],
        [200, 60, 50, 120, 40],
    )
    doc.paragraph(
        "Method: single-molecule array (Simoa) digital immunoassay. Elevated NfL indicates "
        "neuroaxonal injury and is not specific for a diagnosis. Values rise with age; interpret "
        "with the age-specific reference interval."
    )
    doc.paragraph(f"Reviewed by: Thomas Iwu, MD, Medical Director, {us(plus_days(when, 4))}")
    return doc
