"""Synthetic payer-side documents: pharmacy claims, denial letter, ID card, PA form.

The denial letter's reasons come from the policy profile, written as the natural sentences a
payer uses, so the denial-reason matcher is tested against prose, not against its own phrases.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..policy.model import PolicyProfile
from .common import Facts, Identity, as_date, demographics, long, new_doc, plus_days, us
from .pdfwriter import PdfWriter

# How a payer words each of the profile's denial reasons (fictional, modelled on real letters).
REASON_SENTENCES = {
    "no_sod1_documentation": (
        "The records we received do not include genetic test results confirming an SOD1 "
        "mutation. This drug is covered only for ALS caused by a mutation in the superoxide "
        "dismutase 1 (SOD1) gene."
    ),
    "insufficient_step_therapy": (
        "Your plan requires step therapy for this drug. We did not find records showing that "
        "riluzole or edaravone was tried first, or why they could not be used."
    ),
    "non_neurologist_prescriber": (
        "This drug must be prescribed by or in consultation with a neurologist who treats ALS. "
        "The request did not show the prescriber's specialty."
    ),
    "experimental_designation": (
        "Your plan excludes drugs and treatments that are experimental or investigational for "
        "the requested use."
    ),
    "incomplete_clinical_documentation": (
        "The information submitted was not enough for us to make a decision. We did not "
        "receive clinical notes with a baseline ALSFRS-R score, a neurofilament light chain "
        "level, and a breathing (vital capacity) test."
    ),
    "not_on_formulary": (
        "This drug is not on the formulary for your plan. Your doctor may ask us for a "
        "formulary exception."
    ),
    "not_medically_necessary": (
        "Based on the information provided, the request does not meet the medical necessity "
        "criteria in our coverage policy, so we consider it not medically necessary."
    ),
}

_FILLS = {
    "riluzole": ("Riluzole 50 mg tablet", "99207-0150-60", "60", "30", 30),
    "edaravone": ("Radicava ORS 105 mg/5 mL oral susp", "99207-0271-05", "50 mL", "28", 28),
}


def key_dates(facts: Facts, options: dict[str, Any]) -> dict[str, date]:
    """Dates the payer documents share: request submitted, denial letter."""
    visit = facts.latest_visit()
    pa = as_date(options.get("pa_date")) or plus_days(visit, 7)
    denial = as_date(options.get("letter_date")) or plus_days(pa, 12)
    return {"visit": visit, "pa": pa, "denial": denial}


def pharmacy_record(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    as_of = as_date(options.get("as_of")) or facts.latest_visit()
    ins = facts.section("insurance")
    rows: list[list[str]] = []
    for t in facts.series("therapies"):
        drug = str(t.get("drug", "")).lower()
        if drug not in _FILLS:
            continue
        name, ndc, qty, days, step = _FILLS[drug]
        if drug == "edaravone" and "IV" in str(t.get("dose", "")):
            name, ndc, qty = "Radicava (edaravone) 30 mg/100 mL IV", "99207-0270-10", "20 bags"
        start = as_date(t.get("start"))
        end = min(as_date(t.get("end")) or as_of, as_of)
        when = start
        while when and when <= end and len(rows) < 30:
            rows.append([us(when), name, ndc, qty, days, facts.prescriber_line().split(",")[0]])
            when = plus_days(when, step)
    rows.sort(key=lambda r: (r[0][6:], r[0][:5]))
    doc = new_doc(identity, "Prescription claims history")
    doc.heading(f"{ins['pharmacy_benefit_manager']}: Prescription Claims History")
    doc.paragraph(
        f"Specialty and retail pharmacy fills, paid claims. Prepared {us(as_of)} for "
        "prior authorization support."
    )
    demographics(
        doc, identity, ("Member ID:", identity.member_id), ("Group:", str(ins["group_number"]))
    )
    doc.table(
        ["Fill date", "Drug dispensed", "NDC", "Qty", "Days supply", "Prescriber"],
        rows,
        [56, 176, 72, 34, 64, 102],
    )
    doc.paragraph(
        f"Dispensing pharmacies: {ins['specialty_pharmacy']} Specialty Pharmacy (edaravone), "
        "retail network pharmacy (riluzole). Refills remaining on active prescriptions are not "
        "shown. Questions: pharmacist line 1-800-555-0123."
    )
    return doc


def denial_letter(
    identity: Identity, facts: Facts, profile: PolicyProfile, **options: Any
) -> PdfWriter:
    dates = key_dates(facts, options)
    reasons = list(options.get("reasons") or ["no_sod1_documentation"])
    for reason in reasons:
        profile.denial_reason(reason)  # unknown id: ProfileError names it
    ins = facts.section("insurance")
    ref = options.get("reference", f"PA-{dates['denial']:%Y}-{identity.mrn[-6:]}-Q")
    doc = new_doc(identity, "Coverage decision", footer_id=False)
    doc.heading(f"{ins['payer']} Healthcare")
    doc.paragraph(
        "Utilization Management, Specialty Drug Review  |  PO Box 5550, Nashville, TN 37202", size=9
    )
    doc.spacer(6)
    doc.paragraph(long(dates["denial"]))
    doc.paragraph(
        f"{identity.full_name}\nMember ID: {identity.member_id}\n"
        f"Date of birth: {us(identity.date_of_birth)}"
    )
    doc.paragraph(f"cc: {facts.prescriber_line()}, {facts.get('prescriber', 'practice')}")
    doc.rows(
        [
            ("Reference number:", ref),
            ("Drug requested:", "Qalsody (tofersen) 100 mg/15 mL intrathecal, HCPCS J1304"),
            ("Request received:", us(dates["pa"])),
            ("Plan:", f"{ins['plan_name']}"),
        ]
    )
    doc.heading("Notice of adverse benefit determination", 2)
    doc.paragraph(
        f"Dear {identity.first_name} {identity.last_name}: We reviewed the request your doctor "
        f"sent on {long(dates['pa'])} for coverage of Qalsody (tofersen). We are unable to "
        "approve this request, and coverage has been denied. A physician reviewer made this "
        "coverage decision using your plan's terms and our drug coverage policy."
    )
    doc.heading("Why we made this decision", 3)
    for reason in reasons:
        sentence = REASON_SENTENCES.get(reason) or f"{profile.denial_reason(reason).title}."
        doc.paragraph(f"- {sentence}", indent=8)
    doc.heading("Your right to appeal", 3)
    doc.paragraph(
        "You may appeal this decision. You, your doctor or someone you name must send a written "
        "appeal within 180 days from the date you receive this letter. Include the reference "
        "number above and any records that support the request. Your doctor may also ask for a "
        "peer-to-peer conversation with our medical director. If your health could be seriously "
        "harmed by waiting, ask for an expedited (urgent) appeal; we will decide within 72 hours."
    )
    doc.paragraph(
        "If we uphold this decision after your appeal, you may have the right to an independent "
        "external review. You may also contact Health Insurance Smart NC at 1-855-408-1212 for "
        "help. To request the coverage policy or the records used, call Customer Service at the "
        "number on your ID card."
    )
    doc.paragraph("Sincerely,\nM. Hallorann, MD, Medical Director, Clinical Pharmacy Review")
    return doc


def insurance_card(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    ins = facts.section("insurance")
    doc = new_doc(identity, "Insurance card copy", footer_id=False)
    doc.heading("Member ID card (copy): front")
    doc.rows(
        [
            ("", f"{ins['payer']} Healthcare   {ins['plan_name']}"),
            ("Name", identity.list_name),
            ("Member ID", identity.member_id),
            ("Group #", str(ins["group_number"])),
            ("Issuer", "(80840) 9140461701"),
            ("PCP / Specialist", "$25 copay / $50 copay"),
            ("ER / Urgent care", "$300 / $75"),
            ("RxBIN / RxPCN / RxGrp", "610999 / ADV / RXTAC01"),
            ("Rx", f"{ins['pharmacy_benefit_manager']}"),
        ],
        label_width=140,
    )
    doc.heading("Back", 2)
    doc.paragraph(
        "Member services: 1-800-555-0199 (24/7). Providers: precertification is required for "
        "inpatient stays and specialty drugs; call the number above or use the provider portal. "
        "Medical claims: PO Box 5555, Nashville, TN 37202. This card does not guarantee "
        "coverage. In-network and out-of-network benefits apply."
    )
    return doc


def pa_form(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    dates = key_dates(facts, options)
    ins, p, g = facts.section("insurance"), facts.section("prescriber"), facts.section("genetics")
    alsfrs = facts.series("alsfrs_r")
    urgent = facts.get("request", "urgency") == "expedited"
    doc = new_doc(identity, "Prior authorization request form")
    doc.heading(f"{ins['payer']} Prior Authorization Request Form: Specialty Medication")
    doc.paragraph(
        "Qalsody (tofersen). Fax the completed form with clinical documentation to the "
        "prior authorization number in your provider manual.",
        size=9,
    )
    doc.paragraph(
        f"Review type: [{' ' if urgent else 'X'}] Standard   [{'X' if urgent else ' '}] "
        f"Expedited (urgent)     Date of request: {us(dates['pa'])}"
    )
    doc.heading("Member Information", 3)
    doc.rows(
        [
            ("Name:", identity.full_name),
            ("Date of birth:", us(identity.date_of_birth)),
            ("Member ID:", identity.member_id),
            ("Group #:", str(ins["group_number"])),
        ]
    )
    doc.heading("Prescriber Information", 3)
    doc.rows(
        [
            ("Prescriber:", facts.prescriber_line()),
            ("NPI:", str(p.get("npi"))),
            ("Specialty:", str(p.get("specialty"))),
            ("Practice:", str(p.get("practice"))),
            ("Phone / Fax:", f"{p.get('phone')} / {p.get('fax')}"),
        ]
    )
    doc.heading("Medication Information", 3)
    doc.rows(
        [
            ("Drug:", "Qalsody (tofersen) 100 mg/15 mL single-dose vial"),
            ("HCPCS:", str(facts.get("request", "hcpcs", "J1304"))),
            (
                "Dose / route:",
                "100 mg intrathecal; 3 loading doses every 14 days, then every 28 days",
            ),
            ("Site of care:", str(facts.get("request", "site_of_care"))),
        ]
    )
    doc.heading("Clinical Information", 3)
    latest = alsfrs[-1]["total"] if alsfrs else "not done"
    doc.rows(
        [
            (
                "Diagnosis (ICD-10):",
                f"{facts.get('diagnosis', 'icd10')} amyotrophic lateral sclerosis",
            ),
            (
                "SOD1 mutation confirmed:",
                f"[X] Yes  [ ] No   {g['variant_protein']} ({g['classification']})",
            ),
            ("Latest ALSFRS-R:", f"{latest}"),
            ("Prior ALS therapies:", "[X] riluzole  [X] edaravone  [ ] none"),
            ("Ventilation:", "[X] none  [ ] part-time NIV  [ ] permanent"),
        ],
        label_width=150,
    )
    doc.spacer(10)
    doc.paragraph(
        f"Prescriber signature: {facts.prescriber_line()} (signed)    Date: {us(dates['pa'])}"
    )
    return doc
