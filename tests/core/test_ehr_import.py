"""EHR import core: the ALS fixtures in C-CDA, FHIR bundle and NDJSON, reviewed against cases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from qalsody_desktop.core.ehr import (
    IdentityMismatch,
    apply_review,
    build_review,
    check_identity,
    read_export,
)
from qalsody_desktop.core.ehr.codes import load_code_table
from qalsody_desktop.core.ehr.values import parse_when
from qalsody_desktop.core.model import Case, Patient, PulmonaryTest, TherapyTrial

FIX = Path(__file__).resolve().parents[1] / "ehr_fixtures"
EXPORTS = ["als_ccd.xml", "als_bundle.json", "als_export.ndjson"]


def by_field(imp, field):
    return [p for p in imp.proposals if p.field == field and p.info is None]


@pytest.mark.parametrize("name", EXPORTS)
def test_als_export_proposes_every_case_fact(name):
    imp = read_export(FIX / name)
    one = {
        f: by_field(imp, f)[0].value
        for f in (
            "patient.first_name",
            "patient.last_name",
            "patient.date_of_birth",
            "patient.sex",
            "patient.mrn",
            "insurance.payer",
            "insurance.member_id",
            "insurance.group_number",
            "prescriber.npi",
            "prescriber.specialty",
            "diagnosis.icd10",
            "diagnosis.symptom_onset_date",
            "diagnosis.diagnosis_date",
        )
    }
    assert one == {
        "patient.first_name": "Jordan",
        "patient.last_name": "Testpatient",
        "patient.date_of_birth": date(1968, 4, 12),
        "patient.sex": "M",
        "patient.mrn": "MRN-44821",
        "insurance.payer": "Cigna Healthcare",
        "insurance.member_id": "U9876543201",
        "insurance.group_number": "GRP-77120",
        "prescriber.npi": "1234567893",
        "prescriber.specialty": "Neurology",
        "diagnosis.icd10": "G12.21",
        "diagnosis.symptom_onset_date": date(2024, 9, 3),
        "diagnosis.diagnosis_date": date(2025, 1, 14),
    }
    # the SSN in the file is never proposed, as MRN or anything else
    assert not [p for p in imp.proposals if str(p.value).replace("-", "") == "999001234"]
    assert "999001234" not in [i.replace("-", "") for i in imp.identity.ids]
    nfl = by_field(imp, "nfl[]")[0].value
    assert nfl["date"] == date(2026, 2, 26) and nfl["value"] == 61.5
    pulm = [p.value for p in by_field(imp, "pulmonary[]")]
    assert {"date": date(2026, 3, 10), "fvc_percent_predicted": 78.0} in pulm
    assert {"date": date(2026, 3, 10), "svc_percent_predicted": 81.0} in pulm
    totals = {p.value["date"]: p.value["total"] for p in by_field(imp, "alsfrs_r[]")}
    assert totals[date(2026, 3, 10)] == 38
    latest = next(p.value for p in by_field(imp, "alsfrs_r[]") if p.value["total"] == 38)
    assert latest["items"] == [4, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3]
    assert 4 not in totals.values() and 3 not in totals.values()  # items are not totals
    assert 12 not in totals.values()  # the entered-in-error observation is skipped
    ril = by_field(imp, "therapies[]")[0].value
    assert ril["drug"] == "riluzole" and ril["start"] == date(2025, 1, 20)
    assert ril["end"] == date(2025, 7, 2) and "50 mg" in ril["dose"]
    refused = [p for p in imp.proposals if p.info and "refused" in p.display.lower()]
    assert refused and "Edaravone" in refused[0].display
    assert not any(p.value.get("drug") == "edaravone" for p in by_field(imp, "therapies[]"))
    # unknown codes are listed, not dropped
    assert "8867-4" in {u.code for u in imp.unmapped}


def test_source_names_document_section_date_and_code():
    imp = read_export(FIX / "als_bundle.json")
    fvc = by_field(imp, "pulmonary[]")[0]
    assert fvc.source.document == "als_bundle.json"
    assert fvc.source.section == "Observation/o2"
    assert fvc.source.when == date(2026, 3, 10)
    assert fvc.source.code == "LOINC 19872-1 (unverified)"
    ccd = read_export(FIX / "als_ccd.xml")
    dx = by_field(ccd, "diagnosis.icd10")[0]
    assert dx.source.section == "PROBLEMS" and "86044005" in (dx.source.code or "")
    assert ccd.evidence_category == "other" and ccd.document_type == "Continuity of Care Document"
    assert any(title == "RESULTS" and "61.5 pg/mL" in text for title, text in ccd.narratives)


def test_year_only_dates_are_not_turned_into_january_first():
    when = parse_when("2011")
    assert when is not None and when.precision == "year" and when.exact is None
    assert parse_when("202403").precision == "month"
    assert parse_when("20240315103000-0500").exact == date(2024, 3, 15)
    assert parse_when("2024-02-30") is None


def test_review_new_same_conflict_and_apply_respects_conflicts():
    imp = read_export(FIX / "als_ccd.xml")
    case = Case(patient=Patient(first_name="Jordan", last_name="Testpatient", mrn="MRN-99999"))
    case.pulmonary.append(PulmonaryTest(date=date(2026, 3, 10), fvc_percent_predicted=70.0))
    case.therapies.append(TherapyTrial(drug="Riluzole", start=date(2025, 1, 20)))
    items = build_review(imp, case)
    kinds = {(i.field, i.kind) for i in items}
    assert ("patient.last_name", "same") in kinds
    assert ("patient.mrn", "conflict") in kinds
    assert ("pulmonary[].fvc_percent_predicted", "conflict") in kinds
    assert ("pulmonary[].svc_percent_predicted", "new") in kinds
    assert ("therapies[].end", "new") in kinds
    assert ("therapies[].dose", "new") in kinds
    chosen = [i for i in items if i.kind in ("new", "conflict") and i.acceptable]
    out, applied, refused = apply_review(case, chosen, overwrite=False)
    assert out.patient.mrn == "MRN-99999"  # a conflict never replaces without confirmation
    assert out.pulmonary[0].fvc_percent_predicted == 70.0
    assert {i.field for i, _why in refused} >= {"patient.mrn", "pulmonary[].fvc_percent_predicted"}
    assert out.pulmonary[0].svc_percent_predicted == 81.0
    assert out.therapies[0].end == date(2025, 7, 2) and out.therapies[0].dose
    assert out.diagnosis.icd10 == "G12.21"
    assert case.diagnosis.icd10 is None  # the input case is untouched
    confirmed, _applied, _refused = apply_review(case, chosen, overwrite=True)
    assert confirmed.patient.mrn == "MRN-44821"
    assert confirmed.pulmonary[0].fvc_percent_predicted == 78.0


def test_identity_mismatch_names_fields_not_values():
    imp = read_export(FIX / "als_bundle.json")
    other = Case(
        patient=Patient(
            first_name="Jordan", last_name="Otherperson", date_of_birth=date(1970, 1, 1)
        )
    )
    with pytest.raises(IdentityMismatch) as exc:
        check_identity(imp, other)
    msg = str(exc.value)
    assert "date of birth" in msg and "last name" in msg
    assert "Testpatient" not in msg and "1968" not in msg and "Otherperson" not in msg
    same = Case(
        patient=Patient(
            first_name="Jordan", last_name="TESTPATIENT", date_of_birth=date(1968, 4, 12)
        )
    )
    assert check_identity(imp, same) == []


def test_mapping_table_entries_have_sources_and_status():
    table = load_code_table()
    assert table.codes[("ICD-10-CM", "G12.21")].status == "verified"
    assert all(e.status in ("verified", "unverified") for e in table.codes.values())
    assert table.system_name("2.16.840.1.113883.6.1") == "LOINC"
    assert table.system_name("http://loinc.org") == "LOINC"
    found = table.match([("http://snomed.info/sct", "86044005", None)], [])
    assert found is not None and found.target.icd10 == "G12.21" and found.by == "code"
    assert table.by_name("ALS functional rating scale revised").target.kind == "alsfrs_r_total"
    assert table.by_name("ALSFRS-R total").target.kind == "alsfrs_r_total"


def test_bundle_in_another_key_order_and_json_that_is_not_fhir(tmp_path):
    data = json.loads((FIX / "als_bundle.json").read_text())
    reordered = {"entry": data["entry"], "type": "searchset", "resourceType": "Bundle"}
    path = tmp_path / "search.json"
    path.write_text(json.dumps(reordered))
    imp = read_export(path)
    assert imp.document_type == "FHIR Bundle (searchset)"
    assert by_field(imp, "diagnosis.icd10")[0].value == "G12.21"
    case_json = tmp_path / "case.json"
    case_json.write_text(json.dumps({"format": "qalsody-case/1", "patient": {}}))
    from qalsody_desktop.core.ehr import EhrImportError

    with pytest.raises(EhrImportError, match="no resourceType"):
        read_export(case_json)


def test_alsfrs_items_need_twelve_scores_adding_up_to_the_total():
    from qalsody_desktop.core.ehr.values import alsfrs_items

    assert alsfrs_items([4] * 12, 48) == [4] * 12
    assert alsfrs_items([4] * 12, 47) is None  # the sum disagrees with the total
    assert alsfrs_items([4] * 11, 44) is None
    assert alsfrs_items([5] + [3] * 11, 38) is None


def test_document_bundle_narrative_and_text_results(tmp_path):
    data = json.loads((FIX / "als_bundle.json").read_text())
    comp = {
        "resourceType": "Composition",
        "id": "doc",
        "status": "final",
        "title": "Clinic summary",
        "section": [
            {
                "title": "Assessment",
                "text": {
                    "status": "generated",
                    "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>ALS, '
                    "progressing &amp; stable &lt;FVC&gt;</p><p>Plan: tofersen</p></div>",
                },
            }
        ],
    }
    doc = {
        "resourceType": "Bundle",
        "type": "document",
        "entry": [{"resource": comp}, *data["entry"]],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    imp = read_export(path)
    assert imp.document_type == "FHIR Bundle (document)" and imp.title == "Clinic summary"
    assert ("Assessment", "ALS, progressing & stable <FVC>\nPlan: tofersen") in imp.narratives
    xml = (FIX / "als_ccd.xml").read_text()
    xml = xml.replace(
        '<value xsi:type="PQ" value="61.5" unit="pg/mL"/>',
        '<value xsi:type="ST">72.5 pg/mL</value>',
    )
    ccd = tmp_path / "st.xml"
    ccd.write_text(xml)
    assert [p.value["value"] for p in by_field(read_export(ccd), "nfl[]")] == [72.5]
