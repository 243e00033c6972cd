"""The case model: every fact the app knows about one patient's Qalsody request.

Plain dataclasses so the core, the CLI and the GUI share one vocabulary. Field metadata
(``title``, ``enum``, ``min``/``max``) drives validation, the JSON Schema and form labels, so a
rule is written once. Derived values (age, ALSFRS-R decline) live in ``derived.py`` and are
never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

CASE_FORMAT = "qalsody-case/1"

PLAN_TYPES = (
    "fully_insured",
    "self_funded_erisa",
    "medicare_advantage",
    "medicaid",
    "state_health_plan",
)
VARIANT_CLASSIFICATIONS = (
    "pathogenic",
    "likely pathogenic",
    "uncertain significance",
    "likely benign",
    "benign",
)
VENTILATION = ("none", "non_invasive_part_time", "non_invasive_permanent", "invasive")
URGENCY = ("standard", "expedited")
SEX = ("M", "F", "X", "U")
BENEFIT = ("medical", "pharmacy")


# Longest text a field may hold (``max_length`` in a field's metadata overrides it): a name or
# an ID longer than these is a paste accident or hostile input, never a real value.
TEXT_MAX = 4000
NAME_MAX = 200
ID_MAX = 64


def meta(title: str, **kw: Any) -> dict[str, Any]:
    """Field metadata: a human title plus optional enum / min / max / pattern / required /
    max_length."""
    return {"title": title, **kw}


@dataclass
class Address:
    line1: str | None = field(default=None, metadata=meta("Street"))
    line2: str | None = field(default=None, metadata=meta("Street (line 2)"))
    city: str | None = field(default=None, metadata=meta("City"))
    state: str | None = field(
        default=None, metadata=meta("State", pattern=r"^[A-Z]{2}$", hint="two capital letters")
    )
    postal_code: str | None = field(
        default=None,
        metadata=meta("ZIP code", pattern=r"^\d{5}(-\d{4})?$", hint="5 digits or ZIP+4"),
    )


@dataclass
class Patient:
    first_name: str = field(
        default="", metadata=meta("First name", required=True, max_length=NAME_MAX)
    )
    last_name: str = field(
        default="", metadata=meta("Last name", required=True, max_length=NAME_MAX)
    )
    middle_name: str | None = field(default=None, metadata=meta("Middle name", max_length=NAME_MAX))
    date_of_birth: date | None = field(default=None, metadata=meta("Date of birth", past=True))
    sex: str | None = field(default=None, metadata=meta("Sex", enum=SEX))
    mrn: str | None = field(default=None, metadata=meta("MRN", max_length=ID_MAX))
    phone: str | None = field(default=None, metadata=meta("Phone"))
    address: Address = field(default_factory=Address, metadata=meta("Address"))


@dataclass
class Insurance:
    payer: str | None = field(default=None, metadata=meta("Payer"))
    plan_name: str | None = field(default=None, metadata=meta("Plan name"))
    plan_type: str | None = field(default=None, metadata=meta("Plan type", enum=PLAN_TYPES))
    state: str | None = field(
        default=None, metadata=meta("Plan state", pattern=r"^[A-Z]{2}$", hint="two capital letters")
    )
    member_id: str | None = field(default=None, metadata=meta("Member ID", max_length=ID_MAX))
    group_number: str | None = field(default=None, metadata=meta("Group number", max_length=ID_MAX))
    benefit: str | None = field(default=None, metadata=meta("Benefit", enum=BENEFIT))
    pharmacy_benefit_manager: str | None = field(default=None, metadata=meta("PBM"))
    specialty_pharmacy: str | None = field(default=None, metadata=meta("Specialty pharmacy"))


@dataclass
class Prescriber:
    name: str | None = field(default=None, metadata=meta("Name"))
    credentials: str | None = field(default=None, metadata=meta("Credentials"))
    npi: str | None = field(default=None, metadata=meta("NPI", npi=True))
    specialty: str | None = field(default=None, metadata=meta("Specialty"))
    board_certification: str | None = field(default=None, metadata=meta("Board certification"))
    practice: str | None = field(default=None, metadata=meta("Practice"))
    address: Address = field(default_factory=Address, metadata=meta("Address"))
    phone: str | None = field(default=None, metadata=meta("Phone"))
    fax: str | None = field(default=None, metadata=meta("Fax"))


@dataclass
class Diagnosis:
    icd10: str | None = field(default=None, metadata=meta("ICD-10-CM code", icd10=True))
    diagnosis_date: date | None = field(default=None, metadata=meta("Diagnosis date", past=True))
    symptom_onset_date: date | None = field(
        default=None, metadata=meta("Symptom onset date", past=True)
    )
    onset_region: str | None = field(default=None, metadata=meta("Onset region"))
    criteria: str | None = field(default=None, metadata=meta("Diagnostic criteria"))
    criteria_category: str | None = field(default=None, metadata=meta("Criteria category"))


@dataclass
class Genetics:
    gene: str | None = field(default=None, metadata=meta("Gene"))
    variant_cdna: str | None = field(
        default=None,
        metadata=meta("Variant (cDNA, HGVS)", pattern=r"^c\.\S+$", hint="HGVS such as c.14C>T"),
    )
    variant_protein: str | None = field(
        default=None,
        metadata=meta(
            "Variant (protein, HGVS)", pattern=r"^p\.\S+$", hint="HGVS such as p.Ala5Val"
        ),
    )
    zygosity: str | None = field(default=None, metadata=meta("Zygosity"))
    classification: str | None = field(
        default=None, metadata=meta("Classification", enum=VARIANT_CLASSIFICATIONS)
    )
    lab_name: str | None = field(default=None, metadata=meta("Laboratory"))
    clia_number: str | None = field(
        default=None,
        metadata=meta("CLIA number", pattern=r"^\d{2}D\d{7}$", hint="like 34D0000001"),
    )
    test_date: date | None = field(default=None, metadata=meta("Test date", past=True))
    methodology: str | None = field(default=None, metadata=meta("Methodology"))
    lab_contact: str | None = field(default=None, metadata=meta("Lab contact"))


@dataclass
class AlsfrsR:
    date: date | None = field(default=None, metadata=meta("Date", required=True, past=True))
    total: int | None = field(default=None, metadata=meta("Total", required=True, min=0, max=48))
    items: list[int] | None = field(
        default=None, metadata=meta("Item scores", item_min=0, item_max=4, length=12)
    )


@dataclass
class NflResult:
    date: date | None = field(default=None, metadata=meta("Date", required=True, past=True))
    value: float | None = field(default=None, metadata=meta("Value", required=True, min=0))
    unit: str | None = field(default="pg/mL", metadata=meta("Unit"))
    specimen: str | None = field(
        default=None, metadata=meta("Specimen", enum=("plasma", "serum", "CSF"))
    )
    # as printed by the laboratory (ranges depend on the assay and the patient's age)
    reference_range: str | None = field(
        default=None, metadata=meta("Reference range", hint="as printed by the lab")
    )


@dataclass
class PulmonaryTest:
    date: date | None = field(default=None, metadata=meta("Date", required=True, past=True))
    fvc_percent_predicted: float | None = field(
        default=None, metadata=meta("FVC % predicted", min=0, max=200)
    )
    svc_percent_predicted: float | None = field(
        default=None, metadata=meta("SVC % predicted", min=0, max=200)
    )


@dataclass
class EmgStudy:
    date: date | None = field(default=None, metadata=meta("Date", required=True, past=True))
    summary: str | None = field(default=None, metadata=meta("Summary"))


@dataclass
class TherapyTrial:
    drug: str = field(default="", metadata=meta("Drug", required=True))
    start: date | None = field(default=None, metadata=meta("Start", past=True))
    end: date | None = field(default=None, metadata=meta("End", past=True))
    dose: str | None = field(default=None, metadata=meta("Dose"))
    response: str | None = field(default=None, metadata=meta("Response"))
    side_effects: str | None = field(default=None, metadata=meta("Side effects"))
    stop_reason: str | None = field(default=None, metadata=meta("Reason stopped"))


@dataclass
class FunctionalStatus:
    ambulation: str | None = field(default=None, metadata=meta("Ambulation"))
    devices: list[str] = field(default_factory=list, metadata=meta("Assistive devices"))
    feeding_tube: bool | None = field(default=None, metadata=meta("Feeding tube"))
    ventilation: str | None = field(default=None, metadata=meta("Ventilation", enum=VENTILATION))
    speech: str | None = field(default=None, metadata=meta("Speech"))
    swallowing: str | None = field(default=None, metadata=meta("Swallowing"))


@dataclass
class TimelineEntry:
    date: date | None = field(default=None, metadata=meta("Date", required=True, past=True))
    event: str = field(default="", metadata=meta("Event", required=True))


@dataclass
class Request:
    drug: str | None = field(default="Qalsody (tofersen)", metadata=meta("Drug"))
    urgency: str | None = field(default="standard", metadata=meta("Urgency", enum=URGENCY))
    site_of_care: str | None = field(default=None, metadata=meta("Site of care"))
    hcpcs: str | None = field(
        default="J1304",
        metadata=meta("HCPCS", pattern=r"^[A-V]\d{4}$", hint="a letter and 4 digits"),
    )


@dataclass
class Case:
    patient: Patient = field(default_factory=Patient, metadata=meta("Patient"))
    insurance: Insurance = field(default_factory=Insurance, metadata=meta("Insurance"))
    prescriber: Prescriber = field(default_factory=Prescriber, metadata=meta("Prescriber"))
    diagnosis: Diagnosis = field(default_factory=Diagnosis, metadata=meta("Diagnosis"))
    genetics: Genetics = field(default_factory=Genetics, metadata=meta("Genetics"))
    alsfrs_r: list[AlsfrsR] = field(default_factory=list, metadata=meta("ALSFRS-R series"))
    nfl: list[NflResult] = field(default_factory=list, metadata=meta("Neurofilament light"))
    pulmonary: list[PulmonaryTest] = field(default_factory=list, metadata=meta("Pulmonary tests"))
    emg: list[EmgStudy] = field(default_factory=list, metadata=meta("EMG / NCS"))
    therapies: list[TherapyTrial] = field(default_factory=list, metadata=meta("Therapy trials"))
    functional_status: FunctionalStatus = field(
        default_factory=FunctionalStatus, metadata=meta("Functional status")
    )
    symptom_timeline: list[TimelineEntry] = field(
        default_factory=list, metadata=meta("Symptom timeline")
    )
    request: Request = field(default_factory=Request, metadata=meta("Request"))

    @property
    def display_name(self) -> str:
        """ "Last, First" as clinic lists show it."""
        last, first = self.patient.last_name.strip(), self.patient.first_name.strip()
        return f"{last}, {first}" if last and first else (last or first or "(unnamed)")


@dataclass
class StoredCase:
    """A case as the store holds it: identity and bookkeeping around the facts."""

    id: str
    case: Case
    created_at: str
    updated_at: str
    revision: int
