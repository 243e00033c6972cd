"""Identity check: the right patient's documents pass, anyone else's page is caught."""

from __future__ import annotations

import time
from datetime import date

import pytest

from qalsody_desktop.core.identity import (
    NO_IDENTIFIERS,
    ExpectedIdentity,
    check_identity,
    check_identity_pages,
)

HAROLD = ExpectedIdentity(
    first_name="Harold",
    middle_name="J",
    last_name="Vance",
    date_of_birth=date(1966, 4, 9),
    member_id="U5521098834",
    mrn="TAC-102934",
    other_names=("Anika Rosen",),
)
SECRETS = ("Harold", "Vance", "HAROLD", "VANCE", "1966", "04/09", "U5521098834", "TAC-102934")

LAB_REPORT = """PIEDMONT GENETICS LABORATORY          CLIA #: 34D0000001
Laboratory Director: Samuel Okafor, MD, PhD
Patient: Vance, Harold J        DOB: 04/09/1966        Sex: M
Ordering Provider: Anika Rosen, MD
Patient ID: PGL-55512
Gene: SOD1   Variant: c.14C>T (p.Ala5Val)
"""
CLINIC_NOTE = """Triangle ALS & Neuromuscular Center
Clinic Note    Date of service: 05/19/2025
Patient: Harold J. Vance   DOB: 04/09/1966   MRN: TAC-102934
Provider: Anika Rosen, MD
ALSFRS-R: 37/48 on 05/19/2025.
"""
DENIAL_LETTER = """Cigna Healthcare
June 2, 2025
Dear Harold Vance:
RE: Prior Authorization Request for Qalsody (tofersen)
Member ID: U5521098834 01
Reference #: PA-2025-0612-4471
We have denied coverage. Reviewed by Dr. Paul Whitfield, Medical Director.
"""
OTHER_PATIENT_NOTE = """Triangle ALS & Neuromuscular Center
Clinic Note    Date of service: 03/03/2025
Patient Name: Walter Briggs    DOB: 11/23/1958    MRN: TAC-118820
ALSFRS-R total score 33. Seen by Dr. Rosen.
"""
WRONG_DOB_NOTE = """Patient: Vance, Harold J   DOB: 09/04/1966
Follow-up visit, ALSFRS-R 36."""
PROVIDER_ONLY_NOTE = """Electronically signed by: Anika Rosen, MD
Dr. Rosen reviewed the case with the team. Laboratory Director: Samuel Okafor, PhD
Cigna Healthcare
Ordering Physician
Name: Anika Rosen
Re: Medical Necessity for Qalsody
"""


def assert_no_secrets(result):
    for message in result.messages:
        for secret in SECRETS:
            assert secret not in message


@pytest.mark.parametrize("text", [LAB_REPORT, CLINIC_NOTE, DENIAL_LETTER])
def test_this_patients_documents_match(text):
    result = check_identity(text, HAROLD)
    assert result.status == "match", result.messages
    assert result.messages == []


def test_found_identifiers_are_masked():
    result = check_identity(CLINIC_NOTE + "\nMember ID: U5521098834", HAROLD)
    kinds = {f.kind: f for f in result.found}
    assert kinds["name"].masked == "H. J. V."
    assert kinds["dob"].masked == "1966-04-09"  # shown in full in the app
    assert kinds["mrn"].masked == "***2934"
    assert kinds["member_id"].masked == "***8834"
    assert all(f.matches for f in result.found)
    assert "U5521098834" not in repr(result.found) and "Vance" not in repr(result.found)


@pytest.mark.parametrize(
    "line",
    [
        "Patient: Vance, Harold J",
        "Patient Name: Harold Vance",
        "Name: HAROLD J VANCE",
        "Re: Harold Vance",
        "RE: Harold Vance, DOB 04/09/1966",
        "PATIENT: VANCE HAROLD J",
        "Patient: Harold James Vance",
        "Pt: Vance, H.",
        "Patient: harold vance",
        "Dear Mr. Vance:",
        "Member: Harold Vance Jr.",
        "Patient Name: Vance, Harold",
    ],
)
def test_name_spellings_of_the_patient_match(line):
    result = check_identity(line, HAROLD)
    assert result.status == "match", result.messages
    assert [f.kind for f in result.found][0] == "name"


@pytest.mark.parametrize(
    "line",
    [
        "Date of Birth: April 9, 1966",
        "DOB 04/09/66",
        "D.O.B.: 1966-04-09",
        "Birth date: 9 April 1966",
    ],
)
def test_dob_spellings_match(line):
    result = check_identity(line, HAROLD)
    assert result.status == "match"
    assert [(f.kind, f.matches) for f in result.found] == [("dob", True)]


def test_another_patients_note_is_a_mismatch_on_every_identifier():
    result = check_identity(OTHER_PATIENT_NOTE, HAROLD)
    assert result.status == "mismatch"
    assert result.messages == [
        "patient name does not match the case",
        "date of birth does not match the case",
        "MRN does not match the case",
    ]
    assert_no_secrets(result)
    assert "Walter" not in " ".join(result.messages) and "1958" not in " ".join(result.messages)


def test_right_name_wrong_dob_is_a_mismatch():
    result = check_identity(WRONG_DOB_NOTE, HAROLD)
    assert result.status == "mismatch"
    assert result.messages == ["date of birth does not match the case"]
    assert [(f.kind, f.matches) for f in result.found] == [("name", True), ("dob", False)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Patient: Vance, Helen M", "patient name does not match the case"),  # a relative
        ("Re: Walter Briggs", "patient name does not match the case"),
        ("Dear Ms. Briggs,", "patient name does not match the case"),
        ("Patient: Harold Vance\nMember ID: U5521098899", "member ID does not match the case"),
        ("ID #: W7730021456", "member ID does not match the case"),
        ("Patient: Harold Vance  MRN: TAC-118820", "MRN does not match the case"),
    ],
)
def test_other_identifiers_are_mismatches(text, message):
    result = check_identity(text, HAROLD)
    assert result.status == "mismatch"
    assert message in result.messages
    assert_no_secrets(result)


def test_provider_insurer_and_lab_director_names_are_not_patients():
    result = check_identity(PROVIDER_ONLY_NOTE, HAROLD)
    assert result.status == "unverified"
    assert result.found == []
    assert result.messages == [NO_IDENTIFIERS]


@pytest.mark.parametrize(
    "text",
    [
        "Name: Anika Rosen, MD",
        "Re: Dr. Anika Rosen",
        "Dear Dr. Rosen:",
        "Referring physician name: Thomas Akers",
        "Ordering Physician:  Name: Thomas Akers",
        "Re: Prior Authorization Request",
        "Patient: 58-year-old man with limb-onset ALS",
        "Subscriber Name: Margaret Vance",  # the policyholder may be someone else
        "Name: Thomas Akers MD",
        "NAME: THOMAS AKERS PHD",
        "Name: Thomas Akers, DO",
    ],
)
def test_non_patient_names_are_ignored(text):
    assert check_identity(text, HAROLD).status == "unverified"


@pytest.mark.parametrize("line", ["Patient: Minh Do", "PATIENT: MINH DO", "Patient: Do, Minh"])
def test_surname_that_looks_like_a_credential(line):
    minh = ExpectedIdentity("Minh", "Do")
    assert check_identity(line, minh).status == "match"
    assert check_identity(line, HAROLD).status == "mismatch"


def test_prescriber_named_like_a_patient_is_skipped_via_the_case():
    expected = ExpectedIdentity("Harold", "Vance", other_names=("Anika Rosen",))
    assert check_identity("Re: Anika Rosen", expected).status == "unverified"


def test_other_institutions_record_number_is_not_compared():
    result = check_identity("Patient ID: PGL-55512", HAROLD)
    assert result.status == "unverified"
    assert [(f.kind, f.matches) for f in result.found] == [("mrn", None)]


def test_middle_initial_difference_is_reported_not_a_mismatch():
    result = check_identity("Patient: Harold R. Vance   DOB: 04/09/1966", HAROLD)
    assert result.status == "match"
    assert result.messages == ["middle initial differs from the case"]


@pytest.mark.parametrize(
    "line",
    [
        "Patient: GARCIA LOPEZ, MARIA",
        "Patient Name: Maria Garcia Lopez",
        "Patient: María García-López",
        "Patient: Lopez, Maria E",
        "Patient: Garcia-Lopez Maria",
    ],
)
def test_hyphenated_and_accented_surnames(line):
    maria = ExpectedIdentity("Maria", "Garcia-Lopez", middle_name="Elena")
    assert check_identity(line, maria).status == "match"


def test_hyphenated_surname_of_someone_else_is_caught():
    maria = ExpectedIdentity("Maria", "Garcia-Lopez")
    assert check_identity("Patient: Maria Garcia-Ruiz", maria).status == "mismatch"


def test_pages_report_where_the_wrong_patient_is():
    pages = [CLINIC_NOTE, OTHER_PATIENT_NOTE, "Page 3 of 3. Plan: continue riluzole."]
    result = check_identity_pages(pages, HAROLD)
    assert result.status == "mismatch"
    assert [(p.page, p.status) for p in result.pages] == [
        (1, "match"),
        (2, "mismatch"),
        (3, "unverified"),
    ]
    assert "patient name on page 2 does not match the case" in result.messages
    assert "date of birth on page 2 does not match the case" in result.messages
    assert {f.page for f in result.found} == {1, 2}
    assert_no_secrets(result)
    assert result.to_json()["pages"][1] == {"page": 2, "status": "mismatch"}


def test_pages_without_identifiers():
    result = check_identity_pages(["Plan: continue riluzole.", "Follow up in 3 months."], HAROLD)
    assert result.status == "unverified"
    assert result.messages == [NO_IDENTIFIERS]
    assert check_identity_pages([], HAROLD).status == "unverified"


def test_case_without_dob_cannot_compare_one():
    expected = ExpectedIdentity("Harold", "Vance")
    result = check_identity("DOB: 04/09/1966", expected)
    assert result.status == "unverified"
    assert "a date of birth was found but the case has none to compare" in result.messages


def test_case_without_a_name_compares_only_what_it_has():
    expected = ExpectedIdentity("", "", date_of_birth=date(1966, 4, 9))
    result = check_identity(CLINIC_NOTE, expected)
    assert result.status == "match"
    assert [(f.kind, f.matches) for f in result.found][:2] == [("name", None), ("dob", True)]


def test_from_case_dict(example_dict):
    expected = ExpectedIdentity.from_case(example_dict)
    assert expected == ExpectedIdentity(
        first_name="Harold",
        last_name="Vance",
        middle_name="J",
        date_of_birth=date(1966, 4, 9),
        member_id="U5521098834",
        mrn="TAC-102934",
        other_names=("Anika Rosen",),
    )
    assert check_identity(CLINIC_NOTE, expected).status == "match"
    assert check_identity(OTHER_PATIENT_NOTE, expected).status == "mismatch"


@pytest.mark.parametrize(
    "text",
    ["Name: Harold Vance " * 5_000, "Patient:" + " " * 50_000, "ID #: " * 10_000, "DOB: " * 10_000],
    ids=["labels", "spaces", "ids", "dobs"],
)
def test_pathological_text_is_checked_quickly(text):
    start = time.perf_counter()
    check_identity(text, HAROLD)
    assert time.perf_counter() - start < 5
