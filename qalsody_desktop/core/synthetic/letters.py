"""Synthetic letters and references: necessity letter, FDA label excerpt, reminder, scan.

The necessity letter cites only the regulatory statements the profile allows for the case's
plan type, as a real letter from the app should; the label excerpt quotes the profile's text.
"""

from __future__ import annotations

import random
from typing import Any

from ..policy.model import PolicyProfile
from .common import Facts, Identity, as_date, long, new_doc, plus_days, us
from .pdfwriter import PdfWriter


def necessity_letter(
    identity: Identity, facts: Facts, profile: PolicyProfile, **options: Any
) -> PdfWriter:
    visit = facts.latest_visit()
    when = as_date(options.get("letter_date")) or plus_days(visit, 3)
    ins, g, dx = facts.section("insurance"), facts.section("genetics"), facts.section("diagnosis")
    plan_type = ins.get("plan_type")
    doc = new_doc(identity, "Letter of medical necessity")
    doc.heading(str(facts.get("prescriber", "practice")))
    doc.paragraph(
        f"{facts.practice_address()}  |  Phone {facts.get('prescriber', 'phone')}  |  "
        f"Fax {facts.get('prescriber', 'fax')}",
        size=9,
    )
    doc.spacer(6)
    doc.paragraph(long(when))
    doc.paragraph(f"{ins['payer']} Healthcare\nPrior Authorization Department")
    doc.paragraph(
        f"RE: Letter of Medical Necessity for Qalsody (tofersen)\nPatient: {identity.full_name}"
        f"   DOB: {us(identity.date_of_birth)}   Member ID: {identity.member_id}",
        bold=True,
    )
    doc.paragraph("Dear Medical Director:")
    doc.paragraph(
        f"I am writing on behalf of my patient, {identity.full_name}, to request coverage of "
        "Qalsody (tofersen) 100 mg intrathecally, three loading doses 14 days apart and then "
        "every 28 days (HCPCS J1304). In my clinical opinion this treatment is medically "
        "necessary."
    )
    doc.heading("Diagnosis", 3)
    doc.paragraph(
        f"{identity.first_name} {identity.last_name} has amyotrophic lateral sclerosis (ICD-10 "
        f"{dx['icd10']}), diagnosed on {long(as_date(dx.get('diagnosis_date')))}, meeting "
        f"{dx['criteria']} criteria for {dx['criteria_category']} ALS."
    )
    doc.heading("Genetic documentation", 3)
    doc.paragraph(
        f"Testing at {g['lab_name']} (CLIA {g['clia_number']}) on "
        f"{us(as_date(g.get('test_date')))} identified a {g['zygosity']} {g['gene']} variant, "
        f"{g['variant_cdna']} ({g['variant_protein']}), classified as {g['classification']}."
    )
    doc.heading("Clinical status and rationale", 3)
    scores = "; ".join(
        f"{s['total']} on {us(as_date(s.get('date')))}" for s in facts.series("alsfrs_r")
    )
    nfl = facts.series("nfl")[-1]
    pft = facts.series("pulmonary")[-1]
    doc.paragraph(
        f"ALSFRS-R totals show steady decline: {scores}. Plasma neurofilament light chain was "
        f"{nfl['value']} {nfl.get('unit', 'pg/mL')} on {us(as_date(nfl.get('date')))}. Slow "
        f"vital capacity is {pft.get('svc_percent_predicted')}% predicted. The patient does not "
        "use permanent ventilation. Delay risks irreversible loss of motor neurons and function."
    )
    doc.heading("Prior therapies", 3)
    for t in facts.series("therapies"):
        doc.paragraph(
            f"- {str(t['drug']).capitalize()} from {us(as_date(t.get('start')))}: "
            f"{t.get('dose')}; {t.get('response')}.",
            indent=8,
        )
    doc.heading("Regulatory support", 3)
    for sid in (
        "fda_approval",
        "label_indication",
        "accelerated_approval_basis",
        "cms_memo_2024_12_09",
    ):
        statement = profile.statement(sid)
        if statement.applies_to(plan_type):
            text = f'"{statement.text}" (FDA label)' if statement.quote else statement.text
            doc.paragraph(text)
    doc.paragraph(
        "I respectfully request approval. Please do not hesitate to contact me for a "
        "peer-to-peer discussion."
    )
    doc.paragraph(
        f"Sincerely,\n\n{facts.prescriber_line()}\n"
        f"{facts.get('prescriber', 'board_certification')}\nNPI "
        f"{facts.get('prescriber', 'npi')}"
    )
    return doc


def label_excerpt(profile: PolicyProfile, **options: Any) -> PdfWriter:
    """An excerpt in the layout of FDA prescribing information; no patient on it."""
    indication = profile.statement("label_indication").text
    doc = PdfWriter(
        title="Qalsody prescribing information (excerpt)",
        footer="Excerpt prepared for testing. See the full prescribing information. "
        "Page {page} of {pages}",
    )
    doc.heading("HIGHLIGHTS OF PRESCRIBING INFORMATION")
    doc.paragraph(
        "These highlights do not include all the information needed to use QALSODY safely and "
        "effectively. See full prescribing information for QALSODY.\nQALSODY (tofersen) "
        "injection, for intrathecal use\nInitial U.S. Approval: 2023",
        size=9,
    )
    doc.heading("INDICATIONS AND USAGE", 2)
    doc.paragraph(
        f"QALSODY is an antisense oligonucleotide indicated for the {indication} (SOD1-ALS). "
        + profile.statement("accelerated_approval_basis").text
    )
    doc.heading("DOSAGE AND ADMINISTRATION", 2)
    doc.paragraph(profile.statement("dosing").text)
    doc.heading("DOSAGE FORMS AND STRENGTHS", 2)
    doc.paragraph("Injection: 100 mg/15 mL (6.7 mg/mL) in a single-dose vial.")
    doc.heading("CONTRAINDICATIONS", 2)
    doc.paragraph("None.")
    doc.heading("WARNINGS AND PRECAUTIONS", 2)
    doc.paragraph(
        "Myelitis and radiculitis; papilledema and elevated intracranial pressure; aseptic "
        "meningitis. Monitor and manage as clinically indicated."
    )
    doc.heading("ADVERSE REACTIONS", 2)
    doc.paragraph(
        "The most common adverse reactions (incidence at least 10% and greater than placebo) "
        "were pain, fatigue, arthralgia, increased CSF white blood cells, and myalgia."
    )
    doc.heading("USE IN SPECIFIC POPULATIONS", 2)
    doc.paragraph("Pregnancy: no adequate data on the developmental risk.")
    doc.paragraph("Reference: " + profile.statement("pivotal_trial").text, size=9)
    return doc


def appointment_reminder(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    """A document that belongs to no category: the ``other`` example."""
    when = plus_days(facts.latest_visit(), 84)
    doc = new_doc(identity, "Appointment reminder")
    doc.heading(str(facts.get("prescriber", "practice")))
    doc.paragraph(f"Dear {identity.first_name} {identity.last_name},")
    doc.paragraph(
        f"This is a friendly reminder of your upcoming appointment on {long(when)} at 10:30 AM. "
        "Please arrive 20 minutes early to complete check-in. Free parking is available in deck "
        "B; bring your parking ticket to the front desk for validation. If you need to "
        "reschedule, please call us at least 24 hours ahead. Wheelchairs are available at the "
        "main entrance."
    )
    doc.paragraph("We look forward to seeing you.\nThe front desk team")
    return doc


def scan_pages(pages: int = 2, seed: int = 7, width: int = 850, height: int = 1100) -> PdfWriter:
    """Image-only pages that look like a faxed letter: grey noise and dark 'text' lines."""
    rnd = random.Random(seed)
    doc = PdfWriter(title="Scanned document")
    noise_rows = [bytes(rnd.randrange(226, 256) for _ in range(width)) for _ in range(16)]
    for _ in range(pages):
        rows = []
        y = 0
        while y < height:
            if 90 < y < height - 90 and rnd.random() < 0.45:
                line = bytearray(noise_rows[rnd.randrange(16)])
                x = 80
                while x < width - 120:
                    word = rnd.randrange(15, 70)
                    line[x : x + word] = bytes(rnd.randrange(20, 90) for _ in range(word))
                    x += word + rnd.randrange(8, 18)
                rows.extend([bytes(line)] * 14)
                y += 14
            rows.append(noise_rows[rnd.randrange(16)])
            y += 1
        doc.image_page(width, height, b"".join(rows[:height]))
    return doc
