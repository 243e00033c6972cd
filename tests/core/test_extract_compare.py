"""Facts against the typed case: new / same / conflict, and the case is never modified."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from qalsody_desktop.core.extract import Fact, compare_with_case, extract_facts

# Another lab's report: other variant, other classification.
OTHER_VARIANT_REPORT = """Blue Ridge Molecular Diagnostics    CLIA: 34D0000002
Report date: 01/15/2025
Gene: SOD1
Variant: c.281G>C (p.Gly94Ala), legacy name G93A
Classification: Likely pathogenic
"""


def findings_for(text, case):
    return compare_with_case(extract_facts(text), case)


def by_field(findings):
    return {(f.field, f.kind) for f in findings}


def test_conflicting_genetic_report_is_flagged(example_dict):
    findings = findings_for(OTHER_VARIANT_REPORT, example_dict)
    kinds = by_field(findings)
    assert ("genetics.variant_protein", "conflict") in kinds
    assert ("genetics.variant_legacy", "conflict") in kinds
    assert ("genetics.variant_cdna", "conflict") in kinds
    assert ("genetics.classification", "conflict") in kinds
    assert ("genetics.clia_number", "conflict") in kinds
    assert ("genetics.test_date", "conflict") in kinds
    assert ("genetics.gene", "same") in kinds
    protein = next(f for f in findings if f.field == "genetics.variant_protein")
    assert protein.case_value == "p.Ala5Val" and protein.document_value == "p.Gly94Ala"
    assert "Protein variant" in protein.message and "p.Gly94Ala" in protein.message
    legacy = next(f for f in findings if f.field == "genetics.variant_legacy")
    assert "G93A means p.Gly94Ala" in legacy.message
    classification = next(f for f in findings if f.field == "genetics.classification")
    assert classification.document_value == "likely pathogenic"


def test_legacy_name_agreeing_with_the_case_is_same(example_dict):
    findings = findings_for(
        "SOD1 variant, legacy name A4V. Classification: Pathogenic", example_dict
    )
    assert by_field(findings) >= {
        ("genetics.variant_legacy", "same"),
        ("genetics.variant_protein", "same"),
        ("genetics.classification", "same"),
    }
    assert not [f for f in findings if f.kind == "conflict"]


def test_case_spelled_differently_still_matches(example_dict):
    case = copy.deepcopy(example_dict)
    case["genetics"]["variant_protein"] = "p.A5V"
    case["genetics"]["variant_cdna"] = "c.14c>t"
    case["genetics"]["lab_name"] = "Piedmont Genetics Laboratories, Inc."
    text = "PIEDMONT GENETICS LABORATORY\nCLIA 34D0000001\nGene: SOD1\nVariant: c.14C>T p.Ala5Val"
    findings = findings_for(text, case)
    assert {f.kind for f in findings} == {"same"}


def test_empty_case_gets_suggestions(example_dict):
    case = copy.deepcopy(example_dict)
    case["genetics"] = {}
    case["alsfrs_r"] = []
    findings = findings_for("Gene: SOD1\nVariant: p.Ala5Val\nALSFRS-R: 37/48 on 05/19/2025", case)
    assert {f.kind for f in findings} == {"new"}
    assert by_field(findings) == {
        ("genetics.gene", "new"),
        ("genetics.variant_protein", "new"),
        ("alsfrs_r[]", "new"),
    }


def test_alsfrs_same_conflict_new_and_undated(example_dict):
    text = (
        "ALSFRS-R: 37/48 on 05/19/2025.\n"
        "ALSFRS-R: 35/48 on 02/17/2025.\n"
        "ALSFRS-R: 34/48 on 08/18/2025.\n"
        "ALSFRS-R total 30.\n"
    )
    findings = findings_for(text, example_dict)
    got = [(f.kind, f.document_value) for f in findings]
    assert got[0] == ("same", 37)
    assert got[1] == ("conflict", 35)
    assert findings[1].case_value == 40
    assert "2025-02-17" in findings[1].message and "ALSFRS-R" in findings[1].message
    assert got[2] == ("new", {"date": date(2025, 8, 18), "total": 34})
    assert findings[3].kind == "new" and "without a date" in findings[3].message


def test_alsfrs_item_scores_compared(example_dict):
    items = "Item scores: 4 4 4 3 3 3 4 3 3 3 3 3"
    same = findings_for(f"ALSFRS-R 40/48 on 02/17/2025. {items}", example_dict)
    assert [f.kind for f in same] == ["same"]
    other = "Item scores: 4 4 4 4 3 3 3 3 3 3 3 3"
    conflict = findings_for(f"ALSFRS-R 40/48 on 02/17/2025. {other}", example_dict)
    assert ("alsfrs_r[].items", "conflict") in by_field(conflict)
    new = findings_for(
        f"ALSFRS-R 37/48 on 05/19/2025. {other[:12]} 4 4 4 3 3 3 3 3 3 3 3 1", example_dict
    )
    assert ("alsfrs_r[].items", "new") in by_field(new)


def test_pulmonary_and_nfl(example_dict):
    text = (
        "05/19/2025: FVC 78% predicted. SVC 70% predicted on 05/19/2025.\n"
        "Plasma NfL 80.2 pg/mL on 05/12/2025. Plasma NfL 60 pg/mL on 08/01/2025."
    )
    findings = findings_for(text, example_dict)
    kinds = {(f.field, f.kind, f.document_value if f.field != "nfl[]" else None) for f in findings}
    assert ("pulmonary[].fvc_percent_predicted", "same", 78) in kinds
    assert ("pulmonary[].svc_percent_predicted", "conflict", 70) in kinds
    nfl = [f for f in findings if f.field == "nfl[]"]
    assert [f.kind for f in nfl] == ["conflict", "new"]
    assert nfl[0].case_value == 71.5 and nfl[0].document_value == 80.2


def test_therapy_dates_fills_and_doses(example_dict):
    text = (
        "Riluzole 100 mg twice daily started 10/01/2024.\n"
        "Edaravone stopped 04/07/2025.\n"
        "Pharmacy claims history\n"
        "11/15/2024  RILUZOLE 50 MG TABLET\n"
        "02/03/2025  RADICAVA ORS 105 MG/5 ML\n"
        "05/01/2025  RADICAVA ORS 105 MG/5 ML\n"
    )
    findings = findings_for(text, example_dict)
    got = [(f.field, f.kind) for f in findings]
    assert ("therapies[].start", "conflict") in got
    assert ("therapies[].dose", "conflict") in got
    assert ("therapies[].end", "same") in got
    fills = [(f.kind, f.document_value) for f in findings if f.field == "therapies[].fill_date"]
    assert fills == [
        ("conflict", date(2024, 11, 15)),  # before the typed start 2024-11-20
        ("same", date(2025, 2, 3)),
        ("conflict", date(2025, 5, 1)),  # after the typed stop 2025-04-07
    ]


def test_therapy_missing_from_case_is_new(example_dict):
    case = copy.deepcopy(example_dict)
    case["therapies"] = [t for t in case["therapies"] if t["drug"] != "edaravone"]
    findings = findings_for("Radicava ORS 105 mg daily started 01/06/2025.", case)
    assert [(f.field, f.kind) for f in findings] == [("therapies[]", "new")]


def test_compare_never_modifies_the_case(example_dict):
    before = copy.deepcopy(example_dict)
    compare_with_case(
        extract_facts(OTHER_VARIANT_REPORT + "\nALSFRS-R 10/48 on 05/19/2025"), example_dict
    )
    assert example_dict == before


def test_messages_name_fields_not_the_patient(example_dict):
    text = (
        OTHER_VARIANT_REPORT
        + "\nPatient: Vance, Harold J  DOB 04/09/1966\nALSFRS-R 30 on 05/19/2025"
    )
    findings = findings_for(text, example_dict)
    assert findings
    for f in findings:
        for secret in ("Vance", "Harold", "1966", "U5521098834", "TAC-102934"):
            assert secret not in f.message


def test_findings_are_deduplicated_and_keep_page_and_evidence(example_dict):
    fact = Fact("genetics.gene", "SOD1", "SOD1", "Gene: SOD1", page=3, confidence=0.9)
    findings = compare_with_case([fact, fact], example_dict)
    assert len(findings) == 1
    assert findings[0].page == 3 and findings[0].evidence == "Gene: SOD1"
    assert findings[0].to_json()["kind"] == "same"


@pytest.mark.parametrize(
    ("case_value", "kind"),
    [
        ("VUS", "conflict"),
        ("uncertain significance", "conflict"),
        ("Pathogenic", "same"),
        (None, "new"),
    ],
)
def test_classification_normalization(example_dict, case_value, kind):
    case = copy.deepcopy(example_dict)
    case["genetics"]["classification"] = case_value
    (finding,) = findings_for("Classification: Pathogenic", case)
    assert finding.kind == kind
