"""SOD1 genetic report facts: variant spellings and legacy numbering, classification, lab."""

from __future__ import annotations

from datetime import date

import pytest

from qalsody_desktop.core.extract import (
    extract_facts,
    legacy_name,
    normalize_cdna,
    normalize_protein,
)

# A fictional lab report, laid out as text extracted from a PDF.
LAB_REPORT = """PIEDMONT GENETICS LABORATORY
2200 Lab Way, Raleigh, NC 27601          CLIA #: 34D0000001
Laboratory Director: Samuel Okafor, MD, PhD

Patient: Vance, Harold J        DOB: 04/09/1966        Sex: M
Ordering Provider: Anika Rosen, MD
Specimen: Blood (EDTA)   Collected: 12/05/2024   Received: 12/09/2024
Report date: December 20, 2024

Test: SOD1 gene sequencing and deletion/duplication analysis
Methodology: NGS ALS gene panel with Sanger confirmation

RESULT: POSITIVE
Gene: SOD1
Variant: NM_000454.5:c.14C>T, p.(Ala5Val) (legacy name A4V)
Zygosity: Heterozygous
Classification: Pathogenic

Interpretation: This variant is classified as pathogenic. The p.Ala5Val variant (also known
as A4V) is the most common SOD1 variant in North America. Pathogenic variants in SOD1 cause
autosomal dominant ALS. Variants are classified as pathogenic, likely pathogenic, uncertain
significance, likely benign, or benign per ACMG guidelines.
No other pathogenic or likely pathogenic variants were identified.
"""


def values(facts, field):
    return [f.value for f in facts if f.field == field]


def test_lab_report_gives_every_genetics_field_once():
    facts = extract_facts(LAB_REPORT)
    assert values(facts, "genetics.gene") == ["SOD1"]
    assert values(facts, "genetics.variant_cdna") == ["c.14C>T"]
    assert values(facts, "genetics.variant_protein") == ["p.Ala5Val"]
    assert values(facts, "genetics.variant_legacy") == ["A4V"]
    assert values(facts, "genetics.classification") == ["pathogenic"]
    assert values(facts, "genetics.zygosity") == ["heterozygous"]
    assert values(facts, "genetics.clia_number") == ["34D0000001"]
    assert values(facts, "genetics.lab_name") == ["PIEDMONT GENETICS LABORATORY"]
    assert values(facts, "genetics.test_date") == [date(2024, 12, 20)]
    assert values(facts, "genetics.methodology") == ["NGS ALS gene panel with Sanger confirmation"]


def test_facts_carry_their_evidence_line():
    facts = extract_facts(LAB_REPORT)
    protein = next(f for f in facts if f.field == "genetics.variant_protein")
    assert protein.evidence == "Variant: NM_000454.5:c.14C>T, p.(Ala5Val) (legacy name A4V)"
    assert protein.page is None
    assert protein.confidence >= 0.9
    start, end = protein.span
    assert LAB_REPORT[start:end] == "p.(Ala5Val)"


@pytest.mark.parametrize(
    ("text", "protein", "legacy"),
    [
        ("SOD1 variant p.Ala5Val identified.", "p.Ala5Val", None),
        ("SOD1 variant p.A5V identified.", "p.Ala5Val", None),
        ("SOD1 variant p.(Ala5Val) identified.", "p.Ala5Val", None),
        ("SOD1 variant A5V identified.", "p.Ala5Val", None),  # A5V fits HGVS numbering only
        ("SOD1 mutation p.A4V.", "p.Ala5Val", "A4V"),  # residue 4 is Lys: legacy written with p.
        ("Known SOD1 A4V mutation carrier.", "p.Ala5Val", "A4V"),
        ("SOD1 variant, legacy name D90A.", "p.Asp91Ala", "D90A"),
        ("SOD1 G93A mutation.", "p.Gly94Ala", "G93A"),
        ("SOD1 H46R variant.", "p.His47Arg", "H46R"),
        ("SOD1 variant Ala4Val.", "p.Ala5Val", "A4V"),
        ("SOD1 c.272A>C (p.Asp91Ala), also known as D90A.", "p.Asp91Ala", "D90A"),
        # I113T: residue 113 and 114 are both Ile; next to p.Ile114Thr it is legacy.
        ("SOD1 variant p.Ile114Thr (I113T).", "p.Ile114Thr", "I113T"),
        # Alone, a bare name that fits both numberings is legacy by SOD1 convention.
        ("SOD1 variant I113T.", "p.Ile114Thr", "I113T"),
    ],
)
def test_protein_spellings_normalize_to_hgvs(text, protein, legacy):
    facts = extract_facts(text)
    assert values(facts, "genetics.variant_protein") == [protein]
    assert values(facts, "genetics.variant_legacy") == ([legacy] if legacy else [])


def test_bare_name_of_hgvs_one_letter_form_is_not_shifted_next_to_p_notation():
    facts = extract_facts("SOD1 variant p.Ala5Val (A5V), heterozygous.")
    assert values(facts, "genetics.variant_protein") == ["p.Ala5Val"]
    assert values(facts, "genetics.variant_legacy") == []


def test_legacy_reading_is_less_confident_when_only_the_convention_decides():
    certain = extract_facts("SOD1 variant, legacy name A4V.")
    convention = extract_facts("SOD1 variant I113T.")
    p_legacy = extract_facts("SOD1 mutation p.A4V.")
    conf = {
        name: next(f for f in facts if f.field == "genetics.variant_protein").confidence
        for name, facts in (("certain", certain), ("convention", convention), ("p", p_legacy))
    }
    assert conf["certain"] > conf["p"] > conf["convention"]
    display = next(f.display for f in p_legacy if f.field == "genetics.variant_protein")
    assert "legacy A4V" in display and "p.A4V" in display


def test_change_that_fits_no_sod1_numbering_is_flagged_or_skipped():
    written = extract_facts("SOD1 variant p.Trp5Arg detected.")
    fact = next(f for f in written if f.field == "genetics.variant_protein")
    assert fact.value == "p.Trp5Arg" and fact.confidence <= 0.5
    assert "does not fit" in fact.display
    assert values(extract_facts("SOD1 variant W5R detected."), "genetics.variant_protein") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hemoglobin A1C 5.6% on 05/19/2025. SOD1 testing pending.",
        "A4V was discussed at the ALS meeting.",  # no SOD1 in the document
        "SOD1 ALS. Vitals: T2N stable. Family planning discussed.",
        "C9orf72 repeat expansion not detected; SOD1 sequencing normal.",
    ],
)
def test_bare_tokens_outside_a_sod1_variant_line_are_not_read(text):
    assert values(extract_facts(text), "genetics.variant_protein") == []


@pytest.mark.parametrize(
    ("text", "cdna"),
    [
        ("SOD1 c.14C>T", "c.14C>T"),
        ("SOD1 c.272A>C", "c.272A>C"),
        ("SOD1 c.435G>C", "c.435G>C"),
        ("SOD1 c.14 C>T", "c.14C>T"),
        ("SOD1 NM_000454.5:c.14c>t", "c.14C>T"),
        ("SOD1 c.358_360del", "c.358_360del"),
        ("SOD1 c.358_360delAAG", "c.358_360delAAG"),
        ("SOD1 c.340dupG", "c.340dupG"),
        ("SOD1 c.124_125insGG", "c.124_125insGG"),
        ("SOD1 c.240-2A>G", "c.240-2A>G"),
        ("SOD1 c.100_101delinsTT", "c.100_101delinsTT"),
    ],
)
def test_cdna_spellings(text, cdna):
    assert values(extract_facts(text), "genetics.variant_cdna") == [cdna]


def test_notation_helpers():
    assert normalize_protein("p.A5V") == "p.Ala5Val"
    assert normalize_protein("p.(Gly94Ala)") == "p.Gly94Ala"
    assert normalize_protein("p.Gly38*") == "p.Gly38Ter"
    assert normalize_protein("nonsense") is None
    assert normalize_cdna("c.14c>t") == "c.14C>T"
    assert normalize_cdna("14C>T") is None
    assert legacy_name("p.Ala5Val") == "A4V"
    assert legacy_name("p.Asp91Ala") == "D90A"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Classification: Pathogenic", "pathogenic"),
        ("Classification: Likely pathogenic", "likely pathogenic"),
        ("CLASSIFICATION: LIKELY PATHOGENIC", "likely pathogenic"),
        (
            "The SOD1 variant is classified as likely\npathogenic by ACMG criteria.",
            "likely pathogenic",
        ),
        ("Interpretation: Variant of uncertain significance (VUS)", "uncertain significance"),
        ("Result: variant of unknown significance in SOD1", "uncertain significance"),
        ("This SOD1 change is classified as a VUS.", "uncertain significance"),
        ("Classification: Likely benign", "likely benign"),
        ("Classification: Benign", "benign"),
        ("RESULT: POSITIVE - pathogenic variant identified in SOD1", "pathogenic"),
    ],
)
def test_classification(text, expected):
    assert values(extract_facts(text), "genetics.classification") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "This variant is not pathogenic.",
        "The variant is considered non-pathogenic.",
        "This variant is not likely pathogenic based on population data.",
        "No pathogenic variants were identified in SOD1.",
        "Negative for pathogenic variants in the ALS panel.",
        "Pathogenic variants in SOD1 cause autosomal dominant ALS.",
        "Variants are classified as pathogenic, likely pathogenic, uncertain significance, "
        "likely benign, or benign.",
        "The plan requires a pathogenic or likely pathogenic SOD1 variant.",
        "Documentation of a pathogenic SOD1 mutation was not provided.",
    ],
)
def test_negated_listed_generic_or_policy_classes_are_not_read(text):
    assert values(extract_facts(text), "genetics.classification") == []


def test_labelled_classification_beats_the_legend_below_it():
    text = "Classification: Likely pathogenic\nACMG classes: pathogenic, likely pathogenic, VUS."
    assert values(extract_facts(text), "genetics.classification") == ["likely pathogenic"]


@pytest.mark.parametrize(
    ("line", "lab"),
    [
        ("Laboratory: Blue Ridge Molecular Diagnostics", "Blue Ridge Molecular Diagnostics"),
        (
            "Performing lab: Blue Ridge Molecular Diagnostics   CLIA 34D0000002",
            "Blue Ridge Molecular Diagnostics",
        ),
        (
            "Testing performed at Carolina Genomics Laboratory, Durham NC",
            "Carolina Genomics Laboratory",
        ),
    ],
)
def test_lab_name(line, lab):
    text = f"{line}\nGene: SOD1\nVariant: c.14C>T\nSequencing by NGS. Classification: Pathogenic"
    assert values(extract_facts(text), "genetics.lab_name") == [lab]


def test_clia_number_format_is_enforced():
    good = extract_facts("SOD1 sequencing. CLIA No. 34d0000001. Variant: c.14C>T")
    assert values(good, "genetics.clia_number") == ["34D0000001"]
    bad = extract_facts("SOD1 sequencing. CLIA No. 34D000001. Variant: c.14C>T")
    assert values(bad, "genetics.clia_number") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Report date: December 20, 2024", date(2024, 12, 20)),
        ("Date reported: 2024-12-20", date(2024, 12, 20)),
        ("Reported: 20 December 2024", date(2024, 12, 20)),
        ("Test date: 12/20/2024    Collected: 12/05/2024", date(2024, 12, 20)),
        ("Collected: 12/05/2024", date(2024, 12, 5)),
    ],
)
def test_genetic_test_date(line, expected):
    text = f"Gene: SOD1\nCLIA: 34D0000001\n{line}\nVariant: c.14C>T (p.Ala5Val)"
    assert values(extract_facts(text), "genetics.test_date") == [expected]


def test_test_date_is_not_read_from_a_clinic_note():
    note = "Genetics: SOD1 A4V, pathogenic. Plasma NfL 71.5 pg/mL (collected 05/12/2025)."
    assert values(extract_facts(note), "genetics.test_date") == []


def test_labelled_other_gene_is_reported_as_is():
    facts = extract_facts("Gene: FUS\nVariant: c.1574C>T (p.Pro525Leu)\nClassification: Pathogenic")
    assert values(facts, "genetics.gene") == ["FUS"]
    # Not a SOD1 document: the protein change is kept as written, less confidently.
    protein = next(f for f in facts if f.field == "genetics.variant_protein")
    assert protein.value == "p.Pro525Leu" and protein.confidence < 0.9
