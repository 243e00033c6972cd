"""What the Letters tab shows about a letter in words: kind titles, paragraph names, and which
case field a placeholder asks for (so double-clicking it can take the user to that field).

The core writes placeholders as readable labels (``[CLIA number missing]``); the mapping to
the editor's field paths lives here because only the GUI has fields to go to. A label that is
not a case fact (an answer to a denial reason, a document to attach) maps to None.
"""

from __future__ import annotations

import re

from ..core.document import Document, Heading, Paragraph
from ..core.model import Case

KIND_TITLES: dict[str, str] = {
    "medical_necessity": "Letter of medical necessity",
    "p2p_summary": "Peer-to-peer summary",
    "visit_prep": "Visit preparation sheet (patient and family)",
    "formulary_exception": "Formulary exception request",
    "expedited_review_request": "Expedited review request",
    "internal_appeal": "Internal appeal",
    "external_review_request": "External review request",
}
# File names suggested on export: no patient details, the case id is added by the caller.
KIND_FILE_STEMS: dict[str, str] = {
    "medical_necessity": "letter-of-medical-necessity",
    "p2p_summary": "peer-to-peer-summary",
    "visit_prep": "visit-preparation",
    "formulary_exception": "formulary-exception-request",
    "expedited_review_request": "expedited-review-request",
    "internal_appeal": "internal-appeal",
    "external_review_request": "external-review-request",
}

PARAGRAPH_NAMES: dict[str, str] = {
    "date": "Date",
    "addressee": "Addressee",
    "re_line": "Subject line",
    "intro": "Opening",
    "identification": "Patient identification",
    "diagnosis": "Diagnosis",
    "genetics": "Genetic testing",
    "onset": "Onset and spread",
    "alsfrs": "ALSFRS-R decline",
    "nfl": "Neurofilament light (NfL)",
    "pulmonary": "Vital capacity",
    "function": "Current function",
    "necessity": "Why Qalsody",
    "delay": "Risks of delay",
    "step_therapy": "Step therapy",
    "request": "Request",
    "closing": "Closing",
    "urgency": "Urgency",
    "route": "Review route",
    "reasons_missing": "Denial reasons",
    "p2p_why": "Why Qalsody now",
}

# Placeholder label (without a trailing " missing") -> field path of the case editor.
_FIELDS: dict[str, str] = {
    "patient name": "patient.first_name",
    "patient": "patient.first_name",
    "patient name and date of birth": "patient.first_name",
    "date of birth": "patient.date_of_birth",
    "age": "patient.date_of_birth",
    "age and plan": "patient.date_of_birth",
    "patient's age and sod1 variant": "patient.date_of_birth",
    "patient's age and variant": "patient.date_of_birth",
    "patient address": "patient.address.line1",
    "patient phone": "patient.phone",
    "member id": "insurance.member_id",
    "group number": "insurance.group_number",
    "plan": "insurance.plan_name",
    "insurance (member id, group, plan)": "insurance.member_id",
    "plan type": "insurance.plan_type",
    "prescriber name": "prescriber.name",
    "treating physician": "prescriber.name",
    "prescriber credentials": "prescriber.credentials",
    "prescriber npi": "prescriber.npi",
    "prescriber phone": "prescriber.phone",
    "prescriber fax": "prescriber.fax",
    "prescriber specialty": "prescriber.specialty",
    "prescriber specialty and board certification": "prescriber.specialty",
    "board certification": "prescriber.board_certification",
    "icd-10 code": "diagnosis.icd10",
    "als diagnosis (icd-10 code and diagnosis date)": "diagnosis.icd10",
    "diagnosis date": "diagnosis.diagnosis_date",
    "diagnostic criteria": "diagnosis.criteria",
    "diagnostic criteria met": "diagnosis.criteria",
    "criteria category": "diagnosis.criteria_category",
    "symptom onset date": "diagnosis.symptom_onset_date",
    "onset date": "diagnosis.symptom_onset_date",
    "first symptom date": "diagnosis.symptom_onset_date",
    "onset, diagnosis and genetic test dates": "diagnosis.symptom_onset_date",
    "where symptoms started": "diagnosis.onset_region",
    "emg": "emg",
    "emg date": "emg",
    "gene": "genetics.gene",
    "sod1 genetic result": "genetics.gene",
    "sod1 genetic test result": "genetics.gene",
    "cdna variant": "genetics.variant_cdna",
    "cdna variant (hgvs)": "genetics.variant_cdna",
    "protein variant": "genetics.variant_protein",
    "protein variant (hgvs)": "genetics.variant_protein",
    "sod1 variant": "genetics.variant_protein",
    "variant": "genetics.variant_protein",
    "classification": "genetics.classification",
    "variant classification": "genetics.classification",
    "genetic laboratory": "genetics.lab_name",
    "laboratory": "genetics.lab_name",
    "clia number": "genetics.clia_number",
    "genetic test date": "genetics.test_date",
    "test date": "genetics.test_date",
    "genetic test method": "genetics.methodology",
    "alsfrs-r assessments": "alsfrs_r",
    "serial alsfrs-r assessment": "alsfrs_r",
    "serial alsfrs-r scores": "alsfrs_r",
    "alsfrs-r decline": "alsfrs_r",
    "alsfrs-r decline per month": "alsfrs_r",
    "alsfrs-r date": "alsfrs_r",
    "alsfrs-r total": "alsfrs_r",
    "neurofilament light chain (nfl) result": "nfl",
    "vital capacity (svc/fvc)": "pulmonary",
    "prior als therapies": "therapies",
    "prior als therapies (drug, dates, dose, response, reason stopped)": "therapies",
    "drug name": "therapies",
    "start date": "therapies",
    "end date": "therapies",
    "dose": "therapies",
    "response": "therapies",
    "reason stopped": "therapies",
    "current functional status": "functional_status.ambulation",
    "ambulation": "functional_status.ambulation",
    "walking": "functional_status.ambulation",
    "assistive devices": "functional_status.devices",
    "speech": "functional_status.speech",
    "swallowing": "functional_status.swallowing",
    "feeding tube": "functional_status.feeding_tube",
    "feeding tube status": "functional_status.feeding_tube",
    "ventilation status": "functional_status.ventilation",
    "breathing support": "functional_status.ventilation",
    "timeline date": "symptom_timeline",
    "hcpcs code": "request.hcpcs",
    "service": "request.hcpcs",
    "site of care": "request.site_of_care",
    "urgency": "request.urgency",
}
# Placeholders about one therapy row: "reason riluzole was stopped", "edaravone dose", ...
_THERAPY_FIELDS = {
    "dose": "dose",
    "effect": "response",
    "outcome": "response",
    "end date": "end",
    "start date": "start",
    "reason stopped": "stop_reason",
    "side effects": "side_effects",
}
_REASON_STOPPED = re.compile(r"^reason (?P<drug>.+) was stopped$")
_MISSING = re.compile(r"\s+missing$")


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.replace("_", " ").capitalize())


def placeholder_path(label: str, case: Case | None = None) -> str | None:
    """The editor field a placeholder asks for, or None when it is not a case fact."""
    key = _MISSING.sub("", label.strip()).lower()
    if key in _FIELDS:
        return _FIELDS[key]
    if case is None:
        return None
    m = _REASON_STOPPED.match(key)
    if m:
        return _therapy_path(case, m.group("drug"), "stop_reason")
    for suffix, field in _THERAPY_FIELDS.items():
        if key.endswith(" " + suffix):
            return _therapy_path(case, key[: -len(suffix) - 1], field)
    return None


def _therapy_path(case: Case, drug: str, field: str) -> str:
    """The cell of that drug's row, or the therapy table (to add the row) when it has none."""
    for row, therapy in enumerate(case.therapies):
        if therapy.drug.strip().lower() == drug.strip():
            return f"therapies[{row}].{field}"
    return "therapies"


def paragraph_name(block_id: str) -> str:
    if block_id in PARAGRAPH_NAMES:
        return PARAGRAPH_NAMES[block_id]
    for prefix, lead in (("reg_", "Regulatory: "), ("vp_", ""), ("p2p_", "")):
        if block_id.startswith(prefix):
            rest = block_id[len(prefix) :]
            return lead + PARAGRAPH_NAMES.get(rest, rest.replace("_", " "))
    return block_id.replace("_", " ").capitalize()


def paragraph_sections(document: Document) -> dict[str, str]:
    """Editable paragraph id -> the heading it sits under ("" before the first heading)."""
    out: dict[str, str] = {}
    section = ""
    for block in document.blocks:
        if isinstance(block, Heading):
            section = block.text
        elif isinstance(block, Paragraph) and block.id:
            out[block.id] = section
    return out


def snippet(text: str, limit: int = 90) -> str:
    """One line of a paragraph for a list row."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
