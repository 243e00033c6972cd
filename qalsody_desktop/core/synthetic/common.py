"""Shared pieces of the synthetic documents: the patient identity, facts with defaults, dates.

The generators must work from a full case (the demo set) and from a bare identity (a test that
needs one document), so every fact they print has a fictional default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .pdfwriter import PdfWriter

FOOTER_MARK = "SYNTHETIC TEST DOCUMENT - FICTIONAL PATIENT"

# fmt: off
DEFAULT_FACTS: dict[str, Any] = {
    "insurance": {
        "payer": "Cigna",
        "plan_name": "Open Access Plus",
        "plan_type": "fully_insured",
        "group_number": "3310442",
        "pharmacy_benefit_manager": "Express Scripts",
        "specialty_pharmacy": "Accredo",
    },
    "prescriber": {
        "name": "Anika Rosen",
        "credentials": "MD",
        "npi": "1234567893",
        "specialty": "Neurology",
        "board_certification": "ABPN Neurology; Neuromuscular Medicine",
        "practice": "Triangle ALS & Neuromuscular Center",
        "address": {"line1": "2200 Research Blvd, Suite 300", "city": "Durham", "state": "NC",
                    "postal_code": "27705"},
        "phone": "919-555-0100",
        "fax": "919-555-0101",
    },
    "diagnosis": {"icd10": "G12.21", "diagnosis_date": "2024-11-18",
                  "symptom_onset_date": "2024-03-01", "onset_region": "limb",
                  "criteria": "revised El Escorial", "criteria_category": "clinically definite"},
    "genetics": {"gene": "SOD1", "variant_cdna": "c.14C>T", "variant_protein": "p.Ala5Val",
                 "zygosity": "heterozygous", "classification": "pathogenic",
                 "lab_name": "Piedmont Genetics Laboratory", "clia_number": "34D0000001",
                 "test_date": "2024-12-20",
                 "methodology": "NGS ALS gene panel with Sanger confirmation",
                 "lab_contact": "919-555-0177"},
    "alsfrs_r": [{"date": "2024-11-18", "total": 42}, {"date": "2025-05-19", "total": 37}],
    "nfl": [{"date": "2025-05-12", "value": 71.5, "unit": "pg/mL", "specimen": "plasma"}],
    "pulmonary": [{"date": "2025-05-19", "fvc_percent_predicted": 78,
                   "svc_percent_predicted": 76}],
    "emg": [{"date": "2024-11-04", "summary": "Active and chronic denervation in cervical and "
             "lumbosacral regions, consistent with motor neuron disease."}],
    "therapies": [
        {"drug": "riluzole", "start": "2024-11-20", "end": None, "dose": "50 mg twice daily",
         "response": "tolerated; progression continued", "stop_reason": "ongoing"},
        {"drug": "edaravone", "start": "2025-01-06", "end": "2025-04-07",
         "dose": "Radicava ORS 105 mg daily, 10 of 14 days", "response": "no slowing of decline",
         "stop_reason": "ineffective"},
    ],
    "functional_status": {"ambulation": "walks with ankle-foot orthosis and cane",
                          "devices": ["ankle-foot orthosis", "cane"], "feeding_tube": False,
                          "ventilation": "none", "speech": "normal", "swallowing": "normal"},
    "symptom_timeline": [],
    "request": {"drug": "Qalsody (tofersen)", "urgency": "standard",
                "site_of_care": "hospital outpatient infusion", "hcpcs": "J1304"},
}
# fmt: on


def as_date(value: Any) -> date | None:
    """A date from a ``date`` or an ISO string; None when absent or unreadable."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def us(d: date | None) -> str:
    """MM/DD/YYYY, as US clinical forms print dates."""
    return d.strftime("%m/%d/%Y") if d else "unknown"


def long(d: date | None) -> str:
    """'May 19, 2025', as letters print dates."""
    return f"{d:%B} {d.day}, {d.year}" if d else "unknown"


@dataclass(frozen=True)
class Identity:
    """Who a document is about; the fields documents print to identify the patient."""

    first_name: str
    last_name: str
    date_of_birth: date
    mrn: str
    member_id: str
    middle_name: str = ""
    sex: str = "U"

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Identity:
        """Accepts case-format keys (``date_of_birth``) or the short ``dob``."""
        dob = as_date(d.get("date_of_birth") or d.get("dob"))
        if not d.get("first_name") or not d.get("last_name") or dob is None:
            raise ValueError("identity needs first_name, last_name and date_of_birth")
        return cls(
            first_name=str(d["first_name"]),
            last_name=str(d["last_name"]),
            date_of_birth=dob,
            mrn=str(d.get("mrn") or "MRN-000000"),
            member_id=str(d.get("member_id") or "U0000000000"),
            middle_name=str(d.get("middle_name") or ""),
            sex=str(d.get("sex") or "U"),
        )

    @property
    def full_name(self) -> str:
        middle = f" {self.middle_name}" if self.middle_name else ""
        return f"{self.first_name}{middle} {self.last_name}"

    @property
    def list_name(self) -> str:
        """'VANCE, HAROLD J' as lab systems print it."""
        middle = f" {self.middle_name[:1]}" if self.middle_name else ""
        return f"{self.last_name}, {self.first_name}{middle}".upper()

    def age_on(self, when: date) -> int:
        dob = self.date_of_birth
        return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


class Facts:
    """Case facts with defaults: ``facts.get("genetics", "lab_name")``."""

    def __init__(self, facts: Mapping[str, Any] | None) -> None:
        self.data = dict(facts or {})

    def section(self, name: str) -> dict[str, Any]:
        default = DEFAULT_FACTS.get(name, {})
        given = self.data.get(name)
        if isinstance(default, dict):
            return {**default, **{k: v for k, v in (given or {}).items() if v is not None}}
        return {}

    def series(self, name: str) -> list[dict[str, Any]]:
        given = self.data.get(name)
        rows = given if isinstance(given, list) and given else DEFAULT_FACTS.get(name, [])
        return sorted(rows, key=lambda r: str(r.get("date") or r.get("start") or ""))

    def get(self, section: str, key: str, default: Any = None) -> Any:
        value = self.section(section).get(key)
        return default if value is None else value

    def latest_visit(self) -> date:
        """The most recent clinical date: the anchor for letters and forms dated after it."""
        dates = [
            as_date(r.get("date"))
            for name in ("alsfrs_r", "pulmonary", "nfl")
            for r in self.series(name)
        ]
        dates.append(as_date(self.get("diagnosis", "diagnosis_date")))
        known = [d for d in dates if d]
        return max(known) if known else date(2025, 5, 19)

    def prescriber_line(self) -> str:
        p = self.section("prescriber")
        return f"{p.get('name')}, {p.get('credentials', 'MD')}"

    def practice_address(self) -> str:
        a = self.section("prescriber").get("address") or {}
        return f"{a.get('line1', '')}, {a.get('city', '')}, {a.get('state', '')} " + str(
            a.get("postal_code", "")
        )


def new_doc(identity: Identity, title: str, *, footer_id: bool = True) -> PdfWriter:
    """A writer whose footer identifies the patient on every page, as clinical systems do."""
    who = f"{identity.list_name}  DOB {us(identity.date_of_birth)}  MRN {identity.mrn}  "
    footer = (who if footer_id else "") + FOOTER_MARK + "  Page {page} of {pages}"
    return PdfWriter(title=title, author="Qalsody PA Desk (synthetic)", footer=footer)


def demographics(doc: PdfWriter, identity: Identity, *extra: tuple[str, str]) -> None:
    """The patient block at the top of most clinical documents."""
    doc.rows(
        [
            ("Patient:", identity.list_name),
            ("Date of birth:", us(identity.date_of_birth)),
            ("Sex:", {"M": "Male", "F": "Female"}.get(identity.sex, "Not recorded")),
            ("MRN:", identity.mrn),
            *extra,
        ],
        label_width=110,
    )


def plus_days(d: date, days: int) -> date:
    return d + timedelta(days=days)
