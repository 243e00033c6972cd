"""The medical necessity letter for the example case: every fact of the five groups, in both the
DOCX (read back with python-docx, tables included) and the PDF (pypdf), from case data only."""

from __future__ import annotations

import time
from datetime import date

import pytest
from test_letters_support import (
    add_attachment,
    docx_image_count,
    docx_tables,
    docx_text,
    example_case,
    missing_from,
    pdf_text,
    qpdf_check,
    squash,
)

from qalsody_desktop.core.letters.service import generate_letter, write_letter
from qalsody_desktop.core.model import PLAN_TYPES

TODAY = date(2025, 6, 10)

# Every fact the issue names, as the example case holds it, written the way letters write it
# (US dates). Decline per month worked out by hand (days / 30.4375):
#   11/18/2024 -> 02/17/2025: 91 days = 2.990 months, 42-40 = 2  -> 0.67
#   02/17/2025 -> 05/19/2025: 91 days = 2.990 months, 40-37 = 3  -> 1.00
#   whole series: 182 days = 5.980 months, 5 points              -> 0.84
#   since onset 03/01/2024: 262 d -> 6/8.608 = 0.70; 353 d -> 8/11.597 = 0.69;
#                           444 d -> 11/14.587 = 0.75
GROUPS = {
    "identification and diagnosis": [
        "Harold J Vance",
        "04/09/1966",
        "age 59",
        "U5521098834",
        "3310442",
        "Cigna Open Access Plus",
        "G12.21",
        "diagnosed on 11/18/2024",
        "revised El Escorial",
        "clinically definite",
    ],
    "genetics": [
        "SOD1",
        "c.14C>T",
        "p.Ala5Val",
        "classified as pathogenic",
        "Piedmont Genetics Laboratory",
        "CLIA 34D0000001",
        "12/20/2024",
        "NGS ALS gene panel with Sanger confirmation",
        "heterozygous",
    ],
    "clinical rationale": [
        "Symptoms began on 03/01/2024 with limb onset",
        "Left hand weakness, dropping objects",
        "Cramps and fasciculations in both calves",
        "fell from 42 on 11/18/2024 to 37 on 05/19/2025",
        "5 points in 6.0 months, 0.84 points per month",
        "0.67",
        "1.00",
        "0.70",
        "0.69",
        "0.75",
        "71.5 pg/mL on 05/12/2025",
        "Plasma neurofilament light chain",
        "slow vital capacity (SVC) was 76%",
        "forced vital capacity (FVC) 78% of predicted",
        "walks with ankle-foot orthosis and cane",
        "ankle-foot orthosis, cane",
        "feeding tube: no",
        "no ventilatory support",
        "Risks of delay",
    ],
    "step therapy": [
        "riluzole",
        "from 11/20/2024, ongoing",
        "50 mg twice daily",
        "tolerated; progression continued",
        "mild nausea",
        "edaravone",
        "01/06/2025 to 04/07/2025",
        "Radicava ORS 105 mg daily, 10 of 14 days",
        "no slowing of decline",
        "fatigue",
        "ineffective",
    ],
    "regulatory support": [
        "April 25, 2023",
        "accelerated approval (NDA 215887)",
        "treatment of amyotrophic lateral sclerosis (ALS) in adults who have a mutation in the "
        "superoxide dismutase 1 (SOD1) gene",
        "reduction in plasma neurofilament light chain (NfL)",
        "100 mg (15 mL) administered intrathecally by lumbar puncture",
        "three loading doses at 14-day intervals, then a maintenance dose once every 28 days",
        "accessdata.fda.gov",
    ],
    "request and signature": [
        "Qalsody (tofersen)",
        "J1304",
        "hospital outpatient infusion",
        "Standard",
        "Anika Rosen",
        "NPI 1234567893",
        "June 10, 2025",
    ],
}
ALL_FACTS = [v for values in GROUPS.values() for v in values]


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def written(store, example_path, tmp_path):
    case_id = store.cases.create(example_case(example_path))
    start = time.perf_counter()
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    composed = time.perf_counter() - start
    out_docx, out_pdf = tmp_path / "mnl.docx", tmp_path / "mnl.pdf"
    start = time.perf_counter()
    write_letter(result, docx=out_docx, pdf=out_pdf)
    print(f"compose {composed:.2f} s, render DOCX+PDF {time.perf_counter() - start:.2f} s")
    return result, out_docx, out_pdf


@pytest.mark.parametrize("group", list(GROUPS))
def test_docx_and_pdf_hold_every_fact_of_each_group(written, group):
    _, out_docx, out_pdf = written
    assert missing_from(docx_text(out_docx), GROUPS[group]) == []
    assert missing_from(pdf_text(out_pdf), GROUPS[group]) == []


def test_alsfrs_and_therapy_tables_read_back_from_docx(written):
    _, out_docx, _ = written
    tables = docx_tables(out_docx)
    alsfrs = next(t for t in tables if t[0][0] == "Date" and t[0][1] == "Total")
    assert [row[:2] for row in alsfrs[1:]] == [
        ["11/18/2024", "42"],
        ["02/17/2025", "40"],
        ["05/19/2025", "37"],
    ]
    assert [row[2] for row in alsfrs[1:]] == ["\u2014", "0.67", "1.00"]
    assert [row[3] for row in alsfrs[1:]] == ["0.70", "0.69", "0.75"]
    therapy = next(t for t in tables if t[0][0] == "Therapy")
    assert therapy[0] == ["Therapy", "Dates", "Dose", "Response", "Side effects", "Reason stopped"]
    assert [r[0] for r in therapy[1:]] == ["riluzole", "edaravone"]
    assert therapy[2][5] == "ineffective"
    assert docx_image_count(out_docx) >= 1  # the ALSFRS-R trend chart


def test_complete_case_has_no_placeholder_but_enclosures(written, tmp_path):
    result, _, out_pdf = written
    # the example case has every fact; only the cited publications are not attached
    assert sorted(result.placeholders) == [
        "attach the published reference: Miller TM et al., Trial of Antisense Oligonucleotide "
        "Tofersen for SOD1 ALS, N Engl J Med 2022;387:1099-1110",
        "attach the published reference: QALSODY (tofersen) U.S. Prescribing Information "
        "(FDA label)",
    ]
    assert sum("no published reference attached" in w for w in result.warnings) == 2
    assert result.conflicts == []
    qpdf_check(out_pdf)


def test_non_medicare_letter_never_cites_the_cms_memo(written):
    result, out_docx, out_pdf = written
    for text in (docx_text(out_docx), pdf_text(out_pdf), result.document.plain_text()):
        assert "CMS" not in text and "December 9, 2024" not in text
        assert "Medicare" not in text


def test_enclosures_list_attachments_in_bundle_order_with_bundle_pages(store, example_path):
    case_id = store.cases.create(example_case(example_path))
    note = add_attachment(store, case_id, "clinic_note", "note-2025-05.pdf", pages=3)
    gen = add_attachment(store, case_id, "sod1_genetic_report", "sod1-report.pdf", pages=2)
    signed = add_attachment(store, case_id, "medical_necessity_letter", "old-letter.pdf")
    pages = {gen.id: (5, 6), note.id: (7, 9), signed.id: (1, 4)}
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY, bundle_pages=pages)
    block = result.document.block("enclosures")
    items = [squash("".join(i.text for i in item)) for item in block.items]
    assert items[:2] == [
        squash("SOD1 genetic test report: sod1-report.pdf, bundle pages 5-6"),
        squash("Neurology clinic note: note-2025-05.pdf, bundle pages 7-9"),
    ]  # the letter does not enclose (an older copy of) itself
    assert all(i.startswith(squash("[attach the published reference")) for i in items[2:])
    assert "no documents attached to enclose" not in result.placeholders


@pytest.mark.parametrize("plan_type", PLAN_TYPES)
def test_cms_memo_is_cited_for_medicare_advantage_only(store, example_path, plan_type):
    case = example_case(example_path)
    case.insurance.plan_type = plan_type
    case_id = store.cases.create(case)
    for kind in ("medical_necessity", "p2p_summary"):
        text = generate_letter(store, case_id, kind, today=TODAY).document.plain_text()
        cited = "December 9, 2024" in text or "CMS memo" in text
        assert cited == (plan_type == "medicare_advantage"), (kind, plan_type)
    if plan_type == "medicare_advantage":
        doc = generate_letter(store, case_id, "medical_necessity", today=TODAY).document
        memo = doc.block("reg_cms_memo_2024_12_09").text
        assert "may not apply a blanket 'experimental' exclusion" in memo
        assert "it is not a coverage mandate" in memo
        assert "CMS memo to Medicare Advantage organizations, 2024-12-09" in doc.plain_text()
