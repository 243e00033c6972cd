"""Identity check on documents as clinics receive them: every usual way of writing the
patient's name and birth date is recognised, evidence is weighed (another person named on
the patient's own page is not a wrong patient), and someone else's page is still caught."""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.identity import ExpectedIdentity, check_identity, check_identity_pages

THAD = ExpectedIdentity(
    first_name="Thaddeus",
    middle_name="Lee",
    last_name="Okonkwo",
    date_of_birth=date(1958, 3, 7),
    member_id="W8801234567",
    mrn="00412377",
    other_names=("Helena Marsh",),
)
WILLIAM = ExpectedIdentity(first_name="William", last_name="Pemberton",
                           date_of_birth=date(1971, 11, 2))  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Patient: Thaddeus Okonkwo",
        "PATIENT: THADDEUS L OKONKWO",
        "Patient Name: OKONKWO, THADDEUS",
        "Name: OKONKWO,THADDEUS LEE",
        "Pt name: Thad Okonkwo",
        "Pt. Name: Okonkwo, Thaddeus L.",
        "Patient Name:\nThaddeus L. Okonkwo",
        "Patient Name (Last, First, MI): Okonkwo, Thaddeus L",
        "Member name: OKONKWO THADDEUS",
        "Re: Thad L. Okonkwo",
        # fields joined by single spaces, as text extraction often returns a form's line
        "Date of service: 05/19/2025 Patient: Thaddeus Okonkwo",
        "Clinic Note Patient: OKONKWO, THADDEUS",
        "Visit 05/19/2025 | Patient: Okonkwo, Thaddeus",
        'Patient: Thaddeus "Thad" Okonkwo',
        "Patient: Thaddeus (Thad) L. Okonkwo",
    ],
)
def test_the_usual_name_forms_match(text):
    result = check_identity(text, THAD)
    assert result.status == "match", (text, result.found)


@pytest.mark.parametrize(
    "text",
    ["Patient: Bill Pemberton", "Patient: Will Pemberton", "Patient: PEMBERTON, BILLY"],
)
def test_listed_nicknames_match(text):
    assert check_identity(text, WILLIAM).status == "match"


@pytest.mark.parametrize(
    "text",
    [
        "DOB: 03/07/1958",
        "DOB: 3/7/58",
        "D.O.B. 03-07-1958",
        "Date of Birth: March 7, 1958",
        "Birth date: 1958-03-07",
        "Born 7 March 1958",
        "DOB: 07-MAR-1958",
        "DOB (MM/DD/YYYY): 03/07/1958",
        "DOB: 03071958",
        "Birthdate: 19580307",
        "Date of birth\n03.07.1958",
    ],
)
def test_every_usual_dob_format_matches(text):
    result = check_identity(text, THAD)
    assert [f.kind for f in result.found] == ["dob"], text
    assert result.status == "match", text


@pytest.mark.parametrize(
    "text",
    [
        "Accompanied today. Family member: Grace Adeyemi",
        "Signed 05/19/2025 Physician name: Victor Osei",
        "Visit 05/19/2025 Emergency contact patient: Grace Adeyemi",
    ],
)
def test_mid_line_labels_of_other_people_are_not_read_as_the_patient(text):
    assert check_identity(text, THAD).status == "unverified"


def test_no_identifiers_is_unverified_not_ok():
    result = check_identity("ALSFRS-R total 37. Continue riluzole.", THAD)
    assert result.status == "unverified"
    pages = check_identity_pages(["Patient: Thaddeus Okonkwo", "Plan: follow up"], THAD)
    assert pages.status == "match"
    assert [p.status for p in pages.pages] == ["match", "unverified"]


def test_own_visit_note_naming_a_caregiver_is_not_a_wrong_patient():
    note = """Neurology Clinic Visit
Patient: Okonkwo, Thaddeus    DOB: 03/07/1958    MRN: 00412377
Accompanied by his daughter.
Name: Grace Adeyemi (daughter, health care POA)
Name: Victor Osei
Exam: tongue fasciculations."""
    result = check_identity(note, THAD)
    assert result.status == "match", result.found
    assert any("another person is named" in m for m in result.messages)


def test_dob_and_mrn_outweigh_an_unlabelled_other_name():
    page = "Patient: Grace Adeyemi\nDOB: 03/07/1958   MRN: 00412377"
    assert check_identity(page, THAD).status == "match"


@pytest.mark.parametrize(
    "member_line",
    ["Member ID: W8801234567 01", "Member ID: W8801234567-01", "ID: W880123456701",
     "Member ID: W8801234567"],
)  # fmt: skip
def test_member_id_with_its_two_digit_suffix_matches(member_line):
    letter = f"Evergreen Mutual Health Plan\nDear Thaddeus Okonkwo:\n{member_line}\nWe denied..."
    assert check_identity(letter, THAD).status == "match"


def test_other_member_id_with_a_suffix_is_still_a_mismatch():
    assert check_identity("Member ID: W8809999999-01", THAD).status == "mismatch"


@pytest.mark.parametrize(
    "text",
    [
        # same surname and birthday, other year and first name (a relative)
        "Patient: Adaeze Okonkwo    DOB: 03/07/1961",
        # same surname, same full birth date, another first name: a name alone does not vouch
        "Patient: Adaeze Okonkwo    DOB: 03/07/1958",
        # the right name but another person's MRN and DOB
        "Patient: Thaddeus Okonkwo   DOB: 03/07/1985   MRN: 00999123",
        "Patient: Margaret Lindqvist",
    ],
)
def test_someone_else_is_still_flagged(text):
    assert check_identity(text, THAD).status == "mismatch"


def test_another_patients_fax_page_is_flagged_with_its_page():
    fax = [
        "FAX  To: Evergreen Mutual  From: Cape Fear Neurology  Pages: 3",
        "Progress Note\nPatient: OKONKWO, THADDEUS L   DOB: 03/07/1958\nALSFRS-R 37",
        "Progress Note\nPatient: LINDQVIST, MARGARET   DOB: 11/23/1949\nALSFRS-R 31",
    ]
    result = check_identity_pages(fax, THAD)
    assert result.status == "mismatch"
    assert [p.status for p in result.pages] == ["unverified", "match", "mismatch"]
    assert any("page 3" in m for m in result.messages)
    assert not any("Lindqvist" in m or "1949" in m for m in result.messages)
