"""The crosswalk cites the pages whose words show each payer criterion, with a quote of them.

Every quote is looked for on its cited page of the finished bundle read back with pypdf; a
scanned page without text and another patient's page prove nothing; guide-only rules never
appear in what the payer sees.
"""

from __future__ import annotations

import copy

import pytest
from intake_helpers import text_pdf
from test_bundle_support import attach, norm, page_texts, qpdf_check, write_doc

from qalsody_desktop.core.bundle import BundleBuilder
from qalsody_desktop.core.bundle.crosswalk import NO_PAGE_IN_LETTER
from qalsody_desktop.core.bundle.gates import INCLUDE, record_decision
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.prefs import CasePrefs
from qalsody_desktop.core.synthetic import identity_from_case, make_document
from qalsody_desktop.core.synthetic.documents import write_demo_set

PAYER = ("verified", "corrected")


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def _crosswalk_text(texts, manifest) -> str:
    cross = manifest["front_matter"]["crosswalk"]
    return norm(" ".join(texts[p - 1] for p in range(cross["first"], cross["last"] + 1)))


def test_each_cited_page_holds_its_quote(store, example_dict, tmp_path):
    case_id = store.cases.create(case_from_dict(example_dict))
    profile = load_default_profile()
    paths = write_demo_set(tmp_path / "docs", example_dict)
    Attacher(store, profile).attach(case_id, [p for p in paths if "other" not in p.name])
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store, profile).build(case_id, out)
    qpdf_check(out)
    texts = page_texts(out)
    crosswalk = _crosswalk_text(texts, result.manifest)
    lines = {line["criterion"]: line for line in result.manifest["crosswalk"]}
    # only the payer's criteria, and none about what follows submission
    payer = {c.id for c in profile.criteria if c.status in PAYER}
    assert set(lines) == payer - {"prior_authorization_submitted"}
    for c in profile.criteria:
        if c.status not in PAYER:
            assert c.title not in crosswalk, c.id
    cited = 0
    for line in lines.values():
        assert line["citations"], line["criterion"]  # the demo set shows every criterion
        for c in line["citations"]:
            page = texts[c["page"] - 1]
            if c["quote"] is None:  # an identifier (date of birth): only in the PDF
                assert line["criterion"] == "adult_age_18"
                continue
            assert norm(c["quote"]) in page, (line["criterion"], c)
            assert norm(c["quote"]) in crosswalk
            assert 0 < len(c["quote"]) <= 90
            cited += 1
        assert line["pages"] == sorted({c["page"] for c in line["citations"]})
    assert cited >= 8
    # the words say what the criterion is about
    assert "SOD1" in lines["sod1_mutation_confirmed"]["citations"][0]["quote"]
    assert "pg/mL" in lines["baseline_nfl"]["citations"][0]["quote"]
    assert "vital capacity" in lines["vital_capacity_min_65"]["citations"][0]["quote"].lower()
    assert "Found on the page" in crosswalk


def test_a_scan_without_text_proves_nothing(store, example_dict, tmp_path):
    case_id = store.cases.create(case_from_dict(example_dict))
    kinds = ("clinic_note", "emg_ncs", "pulmonary_function", "sod1_genetic_report")
    for seed, category in enumerate(kinds, start=3):
        scan = make_document("scan", identity_from_case(example_dict), example_dict, seed=seed)
        attach(store, case_id, write_doc(tmp_path / "in", f"{category}.pdf", scan), category)
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    assert result.held_back == []  # each confirmed as this patient's, so each is enclosed
    assert len(result.manifest["sections"]) == 5  # the letter and four scans
    for line in result.manifest["crosswalk"]:
        assert line["citations"] == [] and line["pages"] == [], line
        facts_met = line["status"] in ("met", "warning", "missing_evidence")
        if facts_met:
            assert line["note"] == NO_PAGE_IN_LETTER
    crosswalk = _crosswalk_text(page_texts(out), result.manifest)
    assert NO_PAGE_IN_LETTER in crosswalk


def test_another_patients_report_is_never_cited(store, example_dict, tmp_path):
    case_id = store.cases.create(case_from_dict(example_dict))
    other = copy.deepcopy(example_dict)
    other["patient"].update(first_name="Margaret", last_name="Okafor", date_of_birth="1971-02-03")
    other["patient"]["mrn"] = "TAC-556677"
    other["insurance"]["member_id"] = "U9988776655"
    other["genetics"]["classification"] = "uncertain significance"
    vus = make_document("sod1_genetic_report", identity_from_case(other), other)
    att = attach(
        store,
        case_id,
        write_doc(tmp_path / "in", "genetics.pdf", vus),
        "sod1_genetic_report",
        confirmed=False,
    )
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    assert [h["file"] for h in result.held_back] == ["genetics.pdf"]
    sod1 = next(x for x in result.manifest["crosswalk"] if x["criterion"].startswith("sod1"))
    assert sod1["citations"] == []
    # put in by an override: enclosed, but still no proof of anything about our patient
    record_decision(CasePrefs(store.db), case_id, store.attachments.get(att), INCLUDE, "asked")
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    assert result.held_back == []
    assert all(line["citations"] == [] for line in result.manifest["crosswalk"])


def test_another_clinics_wording_is_found_on_its_own_page(store, example_dict, tmp_path):
    """A two-page outside note in its own words: each criterion cites the page it is on."""
    case_id = store.cases.create(case_from_dict(example_dict))
    note = text_pdf(
        [
            [
                "Piedmont Motor Neuron Center - Consultation",
                "Name: Harold J. Vance   Date of Birth: 04/09/1966",
                "Consultant: Neuromuscular neurology attending",
                "Impression: ALS, clinically definite per Awaji criteria (G12.21).",
            ],
            [
                "Name: Harold J. Vance   Date of Birth: 04/09/1966",
                "Respiratory: uses BiPAP at night only, 4 h; no tracheostomy.",
                "Plan: tofersen loading doses.",
            ],
        ]
    )
    attach(store, case_id, write_doc(tmp_path / "in", "outside-note.pdf", note), "clinic_note")
    out = tmp_path / "b.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    assert result.held_back == []
    texts = page_texts(out)
    lines = {line["criterion"]: line for line in result.manifest["crosswalk"]}
    (doc,) = [
        d
        for s in result.manifest["sections"]
        for d in s["documents"]
        if d["file"] == "outside-note.pdf"
    ]
    first = doc["output_pages"]["first"]
    expected = {
        "neurologist_prescriber": (first, "neurology"),
        "als_diagnosis_criteria": (first, "Awaji"),
        "not_on_permanent_ventilation": (first + 1, "BiPAP"),
    }
    for criterion, (page, word) in expected.items():
        (cited,) = lines[criterion]["citations"]
        assert cited["page"] == page and word in cited["quote"], (criterion, cited)
        assert norm(cited["quote"]) in texts[page - 1]
    (age,) = lines["adult_age_18"]["citations"]
    assert age["page"] == first and age["quote"] is None  # the date of birth stays out
