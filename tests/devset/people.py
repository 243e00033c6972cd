"""Synthetic people, institutions and values for the development set (never real PHI)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

FIRST = [
    "Thaddeus", "Marisol", "Dmitri", "Keisha", "Ingrid", "Oluwaseun", "Beatrix", "Rafael",
    "Priya", "Cornelius", "Yuki", "Ebony", "Lars", "Fatima", "Desmond", "Graciela", "Anton",
    "Wilhelmina", "Tobias", "Naomi", "Ezekiel", "Rosalind", "Kwame", "Colette", "Bartholomew",
]  # fmt: skip
MIDDLE = ["A", "B", "Lee", "Marie", "R", "James", "K", "Ann", "T", "Jose", ""]
LAST = [
    "Okonkwo", "Lindqvist", "Haverford", "Nakamura", "Castellanos", "Pemberton", "Abernathy",
    "Szymanski", "Delacroix", "Whitcombe", "Baptiste", "Ferreira-Lund", "McAllister", "Oduya",
    "Vasquez", "Thornbury", "Kowalczyk", "Ashworth", "Lindgren", "Mbeki", "O'Rourke", "Quintero",
]  # fmt: skip
CLINICIANS = [
    "Helena Marsh, MD", "Victor Osei, MD", "Ruth Caldwell, DO", "Samir Haddad, MD, PhD",
    "Lena Brandt, NP", "Gordon Pike, MD", "Imani Rhodes, MD", "Tomasz Wrona, MD",
]  # fmt: skip
CLINICS = [
    "Blue Ridge Neuromuscular Associates", "Cape Fear Neurology Group",
    "Piedmont Motor Neuron Clinic", "Sandhills Neuroscience Institute",
    "Coastal Plain ALS Center", "Yadkin Valley Neurology, PLLC",
]  # fmt: skip
LABS = [
    "Heliotrope Genomics", "Northgate Molecular Diagnostics", "Cardinal Reference Laboratories",
    "Tidewater Clinical Labs", "Ashgrove Genetics Institute",
]  # fmt: skip
PAYERS = [
    "Cigna Healthcare", "Evergreen Mutual Health Plan", "Carolina Keystone Insurance",
    "Summit Benefit Administrators", "Blue Heron Health", "Medicore Advantage",
]  # fmt: skip
PHARMACIES = ["Accredo Specialty Pharmacy", "Oakleaf Pharmacy #2231", "CarePlus Specialty Rx"]


@dataclass(frozen=True)
class Person:
    first: str
    middle: str
    last: str
    dob: date
    member_id: str
    mrn: str

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


@dataclass(frozen=True)
class Context:
    """Everything random about one document; a style only formats it."""

    rng: random.Random
    patient: Person
    clinician: str
    clinic: str
    lab: str
    payer: str
    pharmacy: str
    day: date

    def d(self, days_back: int = 0, fmt: str = "%m/%d/%Y") -> str:
        return (self.day - timedelta(days=days_back)).strftime(fmt)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def num(self, lo: float, hi: float, digits: int = 1) -> str:
        return f"{self.rng.uniform(lo, hi):.{digits}f}"


def make_context(seed: int) -> Context:
    rng = random.Random(seed)
    dob = date(rng.randint(1945, 1992), rng.randint(1, 12), rng.randint(1, 28))
    person = Person(
        rng.choice(FIRST),
        rng.choice(MIDDLE),
        rng.choice(LAST),
        dob,
        rng.choice("UWX") + "".join(rng.choice("0123456789") for _ in range(10)),
        "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8, 9)))),
    )
    return Context(
        rng,
        person,
        rng.choice(CLINICIANS),
        rng.choice(CLINICS),
        rng.choice(LABS),
        rng.choice(PAYERS),
        rng.choice(PHARMACIES),
        date(2025, 1, 1) + timedelta(days=rng.randint(0, 500)),
    )
