"""extract_from_pages: page numbers, page-local spans, evidence, JSON-ready values."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from qalsody_desktop.core.extract import Fact, extract_facts, extract_from_pages

PAGES = [
    "PIEDMONT GENETICS LABORATORY   CLIA #: 34D0000001\nReport date: 12/20/2024\n"
    "Patient: Vance, Harold J   DOB: 04/09/1966",
    "Gene: SOD1\nVariant: c.14C>T p.(Ala5Val)\nClassification: Pathogenic",
    "Summary: SOD1 c.14C>T (p.Ala5Val) pathogenic.\nALSFRS-R total score 40.",
]


def test_page_numbers_are_one_based_and_spans_are_page_local():
    facts = extract_from_pages(PAGES)
    pages = {f.field: f.page for f in facts}
    assert pages["genetics.clia_number"] == 1
    assert pages["genetics.variant_protein"] == 2  # first page it appears on; page 3 deduped
    assert pages["alsfrs_r[]"] == 3
    for f in facts:
        start, end = f.span
        assert 0 <= start < end <= len(PAGES[f.page - 1])
    protein = next(f for f in facts if f.field == "genetics.variant_protein")
    assert PAGES[1][slice(*protein.span)] == "p.(Ala5Val)"
    assert [f.value for f in facts if f.field == "genetics.variant_cdna"] == ["c.14C>T"]


def test_pages_are_read_together_for_context():
    facts = extract_from_pages(PAGES)
    # the report date labelled on page 1 dates the undated total on page 3
    (alsfrs,) = [f for f in facts if f.field == "alsfrs_r[]"]
    assert alsfrs.value == {"date": date(2024, 12, 20), "total": 40}
    # a bare legacy name on page 2 counts as SOD1 context because page 1 names the gene
    facts = extract_from_pages(["Gene: SOD1 sequencing", "Variant (legacy): D90A"])
    assert [f.value for f in facts if f.field == "genetics.variant_protein"] == ["p.Asp91Ala"]


def test_evidence_is_trimmed_around_the_match():
    long_line = "Background " * 30 + "ALSFRS-R: 37/48 on 05/19/2025 " + "and more text " * 30
    (fact,) = [f for f in extract_facts(long_line) if f.field == "alsfrs_r[]"]
    assert "ALSFRS-R: 37/48 on 05/19/2025" in fact.evidence
    assert len(fact.evidence) <= 162
    assert fact.evidence.startswith("…") and fact.evidence.endswith("…")


def test_fact_json_is_serializable():
    facts = extract_from_pages(PAGES)
    payload = json.dumps([f.to_json() for f in facts])
    back = json.loads(payload)
    assert {"field", "value", "display", "evidence", "page", "confidence"} <= set(back[0])
    alsfrs = next(f for f in back if f["field"] == "alsfrs_r[]")
    assert alsfrs["value"] == {"date": "2024-12-20", "total": 40}


def test_empty_and_unrelated_text_give_nothing():
    assert extract_facts("") == []
    assert extract_from_pages([]) == []
    assert extract_from_pages(["", "   "]) == []
    assert extract_facts("Thank you for your referral. Follow up in three months.") == []


def test_fact_is_a_plain_dataclass():
    f = Fact("genetics.gene", "SOD1", "SOD1", "Gene: SOD1")
    assert f.page is None and f.span is None and f.confidence == 0.5


PATHOLOGICAL = [
    "ALSFRS-R" + " total score is of at" * 2000,  # once took exponential time
    "ALSFRS-R" + " " * 50_000 + "x",
    "A4V " * 10_000 + " SOD1 variant",  # one 40 KB line of bare variant names
    "NfL 12 pg/mL plasma " * 3_000,
    "FVC 78% predicted " * 3_000,
    "riluzole 01/01/2025 " * 3_000,
    "pathogenic " * 5_000,
    "12/12/2012 " * 5_000,
    "| " * 20_000 + "\nDate | ALSFRS-R | FVC %\n" + "01/01/2025 | 40 | 80\n" * 2_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: t[:12])
def test_pathological_text_is_read_in_linear_time(text):
    start = time.perf_counter()
    extract_facts(text)
    assert time.perf_counter() - start < 5  # about 0.2 s; quadratic code took minutes
