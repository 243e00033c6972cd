"""One entry point for synthetic documents: ``make_document`` and ``write_demo_set``.

Tests, benchmarks and the app's demo case all need believable PDFs of every category for a
given (fictional) patient; generating them keeps real patient data out of the repository.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..policy.model import PolicyProfile
from ..policy.profile import load_default_profile
from . import alsfrs, clinical, letters, payer, studies
from .common import Facts, Identity
from .pdfwriter import PdfWriter

# A second, equally fictional patient for the "wrong patient's note" case.
OTHER_PATIENTS = (
    {
        "first_name": "Margaret",
        "last_name": "Okonkwo-Hale",
        "date_of_birth": "1958-02-14",
        "mrn": "TAC-377120",
        "member_id": "U7730219945",
        "sex": "F",
    },
    {
        "first_name": "Desmond",
        "last_name": "Achterberg",
        "date_of_birth": "1949-10-30",
        "mrn": "TAC-560318",
        "member_id": "U6619920301",
        "sex": "M",
    },
)

Generator = Callable[..., PdfWriter]

_PLAIN: dict[str, Generator] = {
    "sod1_genetic_report": clinical.genetic_report,
    "clinic_note": clinical.clinic_note,
    "alsfrs_r": alsfrs.alsfrs_sheet,
    "pulmonary_function": studies.pulmonary_report,
    "emg_ncs": studies.emg_report,
    "nfl_lab": studies.nfl_result,
    "pharmacy_record": payer.pharmacy_record,
    "insurance_card": payer.insurance_card,
    "prior_authorization_form": payer.pa_form,
    "other": letters.appointment_reminder,
}
_WITH_PROFILE: dict[str, Generator] = {
    "medical_necessity_letter": letters.necessity_letter,
    "denial_letter": payer.denial_letter,
}
# Not categories: problem documents the intake must catch.
EXTRA_KINDS = ("other_patient_note", "scan")
DOCUMENT_KINDS = (*_WITH_PROFILE, *_PLAIN, "published_reference", *EXTRA_KINDS)


def other_identity(identity: Mapping[str, Any]) -> dict[str, Any]:
    """A different fictional patient than ``identity`` (never the same name or birth date)."""
    mine = Identity.from_dict(identity)
    for candidate in OTHER_PATIENTS:
        other = Identity.from_dict(candidate)
        if other.last_name != mine.last_name and other.date_of_birth != mine.date_of_birth:
            return dict(candidate)
    raise ValueError("no distinct fictional patient available")  # pragma: no cover


def make_document(
    category: str,
    identity: Mapping[str, Any],
    facts: Mapping[str, Any] | None = None,
    *,
    profile: PolicyProfile | None = None,
    **options: Any,
) -> bytes:
    """A PDF of one category (or an EXTRA_KINDS problem file) about ``identity``.

    ``identity``: first_name, last_name, date_of_birth (or dob), mrn, member_id, optional
    middle_name and sex. ``facts``: a case dict in the case-example format (missing parts get
    fictional defaults). Options per kind: ``reasons`` (denial reason ids), ``letter_date``,
    ``pa_date``, ``reference``, ``visit_date``, ``index`` (which ALSFRS-R assessment),
    ``pages`` and ``seed`` (scan).
    """
    if category not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind '{category}' (known: {', '.join(DOCUMENT_KINDS)})")
    if category == "scan":
        return letters.scan_pages(options.get("pages", 2), options.get("seed", 7)).to_bytes()
    who = Identity.from_dict(identity)
    known = Facts(facts)
    if category == "other_patient_note":
        stranger = Identity.from_dict(other_identity(identity))
        return clinical.clinic_note(stranger, known, **options).to_bytes()
    if category == "published_reference":
        return letters.label_excerpt(profile or load_default_profile(), **options).to_bytes()
    if category in _WITH_PROFILE:
        chosen = profile or load_default_profile()
        return _WITH_PROFILE[category](who, known, chosen, **options).to_bytes()
    return _PLAIN[category](who, known, **options).to_bytes()


def identity_from_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """The identity fields of a case dict (case-example.json format)."""
    patient = dict(case.get("patient") or {})
    patient["member_id"] = (case.get("insurance") or {}).get("member_id")
    return patient


def write_demo_set(
    folder: str | Path,
    case_dict: Mapping[str, Any],
    *,
    profile: PolicyProfile | None = None,
    include_extras: bool = False,
    reasons: list[str] | None = None,
) -> list[Path]:
    """One PDF per profile category for the case, in bundle order; extras add the problems.

    Files are named ``NN-<category>.pdf``; with ``include_extras`` also ``scan`` and
    ``other_patient_note``. Existing files of the same name are replaced.
    """
    profile = profile or load_default_profile()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    identity = identity_from_case(case_dict)
    kinds = [c for c in profile.category_ids if c in DOCUMENT_KINDS]
    if include_extras:
        kinds += list(EXTRA_KINDS)
    paths = []
    for number, kind in enumerate(kinds, start=1):
        options: dict[str, Any] = {}
        if kind == "denial_letter":
            options["reasons"] = reasons or ["no_sod1_documentation", "insufficient_step_therapy"]
        data = make_document(kind, identity, case_dict, profile=profile, **options)
        path = out / f"{number:02d}-{kind}.pdf"
        path.write_bytes(data)
        paths.append(path)
    return paths
