"""Letters that carry the evidence (issue 11): the evidence library, cited publications as
enclosures, the denial each appeal answers, Medicare Advantage wording, the gap banner and the
action plan, the payer-criteria count, the trajectory. Letters are read back from DOCX
(python-docx) and PDF (pypdf)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from test_letters_support import (
    REFERENCE_TEXTS,
    add_attachment,
    add_published_references,
    docx_text,
    example_case,
    missing_from,
    pdf_text,
    qpdf_check,
    squash,
)
from testpaths import SHARED, require_shared

from qalsody_desktop.core.letters.context import DenialInfo
from qalsody_desktop.core.letters.criteria import count_criteria
from qalsody_desktop.core.letters.service import generate_letter, write_letter
from qalsody_desktop.core.policy import load_default_profile

TODAY = date(2025, 7, 1)
NEJM = "N Engl J Med 2022;387:1099-1110"
EXPERIMENTAL = DenialInfo(
    letter_date=date(2025, 6, 20),
    received_date=date(2025, 6, 24),
    reference="PA-EXP-1",
    reason_ids=("experimental_designation",),
    matched_sentences={
        "experimental_designation": "Tofersen is considered\n  investigational   for this use."
    },
)
IDENTITY = "Patient: Harold J Vance\nDOB: 04/09/1966\n"


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def make_case(store, example_path, plan_type="fully_insured", urgency="standard", edit=None):
    case = example_case(example_path)
    case.insurance.plan_type = plan_type
    case.request.urgency = urgency
    if edit is not None:
        edit(case)
    return store.cases.create(case)


def insert_event(store, case_id, event_id, type_, day, data):
    with store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO events (id, case_id, type, date, data, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (event_id, case_id, type_, day, json.dumps(data), f"{day}T09:00:00", f"{day}T09:00:00"),
        )


def written(result, tmp_path, name):
    out_docx, out_pdf = tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf"
    write_letter(result, docx=out_docx, pdf=out_pdf)
    qpdf_check(out_pdf)
    return docx_text(out_docx), pdf_text(out_pdf)


# --- the evidence library --------------------------------------------------------------------


def test_every_passage_is_sourced_and_every_figure_is_in_the_verified_facts():
    """Each number a passage states appears in domain-facts.md (the project's verified facts)."""
    facts = require_shared(SHARED / "reference" / "domain-facts.md").read_text(encoding="utf-8")
    known = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?", facts))
    profile = load_default_profile()
    assert len(profile.evidence) >= 8
    topics = {t for p in profile.evidence for t in p.topics}
    assert {"trial_design", "efficacy", "biomarker", "extension", "dosing", "add_on"} <= topics
    assert "delay" in topics
    for p in profile.evidence:
        assert p.status in ("verified", "corrected"), p.id
        assert profile.source(p.source).citation and p.citation.strip(), p.id
        figures = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?", f"{p.text} {p.short}"))
        assert figures - known == set(), (p.id, figures - known)
    # every cited publication can be recognised in an attachment
    for ref in profile.published_references:
        assert profile.source(ref.source) and ref.match


def test_a_passage_with_an_unknown_source_does_not_load(tmp_path):
    from qalsody_desktop.core.policy import load_profile
    from qalsody_desktop.core.policy.errors import ProfileError

    raw = Path(load_default_profile().path).read_text(encoding="utf-8")
    anchor = 'source = "nejm_valor_2022"\nstatus = "verified"\ncitation'
    bad = raw.replace(anchor, anchor.replace("nejm_valor_2022", "nejm_2099"), 1)
    assert bad != raw
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ProfileError, match="nejm_2099"):
        load_profile(path)


# --- an 'experimental' denial answered with the evidence ---------------------------------------


def test_experimental_denial_is_answered_with_cited_evidence_in_docx_and_pdf(
    store, example_path, tmp_path
):
    case_id = make_case(store, example_path)
    refs = add_published_references(store, case_id)
    add_attachment(store, case_id, "denial_letter", "denial.pdf")
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=EXPERIMENTAL)
    doc = result.document
    # the trial, its primary endpoint stated plainly, the biomarker, the basis of approval, the
    # open-label extension: each from the library with its citation and numbered source
    for passage in (
        "valor_design",
        "valor_primary_endpoint",
        "valor_biomarkers",
        "nfl_accelerated_approval",
        "ole_early_start",
    ):
        block = doc.block(f"ev_{passage}")
        assert "[" in block.text and "]" in block.text, passage
    assert NEJM in doc.block("ev_valor_design").text
    expected = [
        "108 adults with SOD1-ALS were randomized 2:1",
        "-6.98 points with tofersen and -8.14 points with placebo",
        "the primary endpoint was not met",
        "by about 50% or more in the treated group",
        "based on the reduction in plasma neurofilament light chain (NfL)",
        "(about -6.0 versus -9.5 points)",
        NEJM,
        "Miller TM et al. Trial of Antisense Oligonucleotide Tofersen for SOD1 ALS",  # sources
        "Tofersen is considered investigational for this use.",  # whitespace normalised
    ]
    docx, pdf = written(result, tmp_path, "experimental")
    assert missing_from(docx, expected) == []
    assert missing_from(pdf, expected) == []
    # the cited publications are the attached ones, named in the enclosures
    items = ["".join(x.text for x in item) for item in doc.block("enclosures").items]
    for att in refs:
        assert any(att.file_name in i for i in items)
    assert not [p for p in result.placeholders if p.startswith("attach the published reference")]
    # no figure without a source: the 12-month survival figures are not in the library
    assert "0.36" not in doc.plain_text() and "hazard" not in doc.plain_text().lower()


def test_a_cited_publication_not_attached_is_named_not_skipped(store, example_path):
    case_id = make_case(store, example_path)
    # a published reference that is another publication does not stand in for the trial
    add_attachment(
        store, case_id, "published_reference", "riluzole-label.pdf",
        text="HIGHLIGHTS OF PRESCRIBING INFORMATION RILUTEK (riluzole) tablets",
    )  # fmt: skip
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=EXPERIMENTAL)
    wanted = [p for p in result.placeholders if p.startswith("attach the published reference")]
    assert len(wanted) == 2 and any("1099-1110" in p for p in wanted)
    assert any("no published reference attached to the case matches" in w for w in result.warnings)
    answer = result.document.block("e_experimental_designation").text
    assert "[attach the published reference: Miller TM et al." in answer


def test_step_therapy_denial_gets_the_add_on_evidence(store, example_path):
    case_id = make_case(store, example_path)
    denial = DenialInfo(date(2025, 6, 20), None, "R-2", ("insufficient_step_therapy",))
    doc = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=denial).document
    text = doc.block("ev_add_on_not_alternative").text
    assert "do not target SOD1" in text and "alongside tofersen" in text and NEJM in text


# --- the medical necessity letter: evidence, criteria, trajectory ------------------------------


def test_medical_necessity_letter_presents_only_payer_criteria(store, example_path):
    case_id = make_case(store, example_path)
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    doc = result.document
    headings = [b.text for b in doc.blocks if type(b).__name__ == "Heading"]
    assert not any("step therapy" in h.lower() for h in headings)
    assert "5. Other ALS therapies: add-on therapies, not alternatives" in headings
    criteria = ["".join(i.text for i in item) for item in doc.block("criteria").items]
    profile = load_default_profile()
    payer = [c.title for c in profile.criteria if c.status in ("verified", "corrected")]
    assert all(any(c.startswith(t) for t in payer) for c in criteria)
    for guide_only in ("Step therapy", "ALSFRS-R total of at least 24"):
        assert not any(guide_only in c for c in criteria)
        assert guide_only not in doc.plain_text()


def test_criteria_count_agrees_with_the_checklist(store, example_path):
    from qalsody_desktop.core.evidence.kit import load_kit

    case_id = make_case(store, example_path)
    for category in ("sod1_genetic_report", "clinic_note", "nfl_lab", "alsfrs_r"):
        add_attachment(store, case_id, category, f"{category}.pdf", text=IDENTITY)
    add_attachment(store, case_id, "pulmonary_function", "pft.pdf", text=IDENTITY)
    profile = load_default_profile()
    case = store.cases.get(case_id).case
    kit = load_kit(store, case_id, profile, case=case, today=TODAY)
    payer = [i for i in kit.checklist.items if i.source_status in ("verified", "corrected")]
    payer = [i for i in payer if i.blocks_ready]
    met = [i for i in payer if i.status in ("met", "warning")]
    count = count_criteria(case, profile, TODAY, kit.checklist)
    assert (len(count.met), count.total) == (len(met), len(payer))
    p2p = generate_letter(store, case_id, "p2p_summary", today=TODAY).document.plain_text()
    assert f"{len(met)} of {len(payer)} payer criteria met" in p2p
    assert "Evidence: VALOR: plasma NfL fell by about 50% or more" in p2p
    mnl = generate_letter(store, case_id, "medical_necessity", today=TODAY).document
    lead = mnl.block("criteria_lead").text
    if len(met) == len(payer):
        assert f"All {len(payer)} coverage criteria are met" in lead
    else:
        assert not re.search(r"\d+ of \d+", lead)  # no count that disagrees
    # without the documents the facts still meet them: the count says so, as the checklist does
    bare = make_case(store, example_path)
    kit = load_kit(store, bare, profile, case=case, today=TODAY)
    count = count_criteria(case, profile, TODAY, kit.checklist)
    assert count.met == [] and len(count.document_missing) == count.total
    assert "0 of 8 payer criteria met; 8 more met by the case facts" in count.sentence()


def test_trajectory_rates_are_named_and_the_chart_zooms_on_the_scores(store, example_path):
    from qalsody_desktop.core.letters.clinical import chart_range

    def two_pfts(case):
        from qalsody_desktop.core.model import PulmonaryTest

        case.pulmonary.insert(0, PulmonaryTest(date(2025, 1, 13), 84.0, 82.0))
        case.nfl[0].reference_range = "< 20 pg/mL"

    case_id = make_case(store, example_path, edit=two_pfts)
    doc = generate_letter(store, case_id, "medical_necessity", today=TODAY).document
    alsfrs = doc.block("alsfrs").text
    assert "0.84 points per month (the slope between the first and the latest" in alsfrs
    assert "\u0394FS (delta-FS), defined as (48 minus the latest total)" in alsfrs
    assert "0.75 points per month" in alsfrs
    assert doc.block("nfl").text == (
        "Plasma neurofilament light chain (NfL) was 71.5 pg/mL (reference range < 20 pg/mL) "
        "on 05/12/2025."
    )
    pulmonary = doc.block("pulmonary").text
    assert pulmonary.startswith("On 05/19/2025, slow vital capacity (SVC) was 76%")
    assert "Earlier: on 01/13/2025, slow vital capacity (SVC) was 82% and forced vital " in (
        pulmonary
    )
    assert chart_range([42, 40, 37]) == (32.0, 44.0)
    assert chart_range([46, 20]) == (0.0, 48.0)  # a wide span keeps the whole scale
    chart = doc.block("alsfrs_chart")
    assert "the axis runs from 32 to 44 to show the change" in chart.caption


def test_missing_nfl_range_is_a_warning(store, example_path):
    case_id = make_case(store, example_path)
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    assert any("NfL result has no reference range" in w for w in result.warnings)


def test_zoomed_axis_spreads_the_line(qapp):
    from PySide6.QtGui import QColor, QImage

    from qalsody_desktop.core.document.chart import LINE, line_chart_png

    points = [(date(2024, 11, 18), 42.0), (date(2025, 2, 17), 40.0), (date(2025, 5, 19), 37.0)]

    def line_rows(png: bytes) -> int:
        image = QImage.fromData(png)
        rows = set()
        for y in range(image.height()):
            for x in range(0, image.width(), 2):
                c = QColor(image.pixel(x, y))
                if abs(c.red() - LINE.red()) + abs(c.green() - LINE.green()) < 30 and (
                    abs(c.blue() - LINE.blue()) < 30
                ):
                    rows.add(y)
                    break
        return max(rows) - min(rows)

    full = line_chart_png(points, "t", 48, dpi=100)
    zoomed = line_chart_png(points, "t", 44, y_min=32, dpi=100)
    assert line_rows(zoomed) > 2.5 * line_rows(full)
    with pytest.raises(ValueError):
        line_chart_png(points, "t", 30, y_min=32)


# --- appeals answer the right denial ----------------------------------------------------------


def _two_denials(store, case_id):
    insert_event(
        store, case_id, "d1", "denied", "2025-03-03",
        {"reference": "INIT-1", "received": "2025-03-06",
         "reasons": ["insufficient_step_therapy"]},
    )  # fmt: skip
    insert_event(store, case_id, "f1", "appeal_filed", "2025-03-20", {"channel": "fax"})
    insert_event(
        store, case_id, "f2", "appeal_decided", "2025-04-15",
        {"outcome": "upheld", "reference": "FINAL-77", "received": "2025-04-18"},
    )  # fmt: skip


def test_external_review_after_two_denials_cites_the_final_one(store, example_path, tmp_path):
    case_id = make_case(store, example_path)
    _two_denials(store, case_id)
    add_attachment(store, case_id, "denial_letter", "final-denial.pdf")
    add_attachment(store, case_id, "insurance_card", "card.pdf")
    result = generate_letter(store, case_id, "external_review_request", today=TODAY)
    doc = result.document
    re_line = doc.block("re_line").text
    final = re_line.split("\n")[3]
    assert final.startswith("Final internal adverse determination: reference FINAL-77")
    assert "04/15/2025" in final and "04/18/2025" in final and "INIT-1" not in final
    assert "Initial denial: reference INIT-1" in re_line
    rows = {
        "".join(i.text for i in r[0]): "".join(i.text for i in r[1])
        for r in doc.block("review_info").rows
    }
    assert "FINAL-77" in rows["Final internal adverse determination"]
    assert "INIT-1" in rows["Initial denial (upheld)"]
    assert doc.block("h_insufficient_step_therapy").text.startswith("Reason 1: Insufficient")
    assert not any("no final internal adverse determination" in w for w in result.warnings)
    # written to NCDOI, naming what it needs
    addressee = doc.block("addressee").text
    assert addressee.startswith("NC Department of Insurance")
    assert "1201 Mail Service Center" in addressee and "Cigna" not in addressee
    needs = [squash("".join(i.text for i in item)) for item in doc.block("ncdoi_contents").items]
    assert any(squash("External Review Request Form") in n for n in needs)
    assert any(squash("Appointment of Authorized Representative") in n for n in needs)
    assert any(squash("medical record release") in n for n in needs)
    assert any(squash("insurance card (front and back): enclosed (card.pdf)") in n for n in needs)
    assert any(
        squash("final internal denial letter: enclosed (final-denial.pdf)") in n for n in needs
    )
    assert "External Review Request Form: sign and enclose" in result.placeholders
    docx, pdf = written(result, tmp_path, "external")
    for text in (docx, pdf):
        assert missing_from(text, ["FINAL-77", "04/18/2025", "NC Department of Insurance"]) == []


def test_external_review_without_a_final_denial_says_so(store, example_path):
    case_id = make_case(store, example_path)
    insert_event(store, case_id, "d1", "denied", "2025-03-03", {"reference": "INIT-1"})
    result = generate_letter(store, case_id, "external_review_request", today=TODAY)
    assert any("no final internal adverse determination is recorded" in w for w in result.warnings)


def test_internal_appeal_answers_the_chosen_denial_default_latest(store, example_path):
    case_id = make_case(store, example_path)
    insert_event(
        store, case_id, "d1", "denied", "2025-03-03",
        {"reference": "FIRST", "reasons": ["no_sod1_documentation"]},
    )  # fmt: skip
    insert_event(
        store, case_id, "d2", "denied", "2025-05-02",
        {"reference": "SECOND", "reasons": ["not_on_formulary"]},
    )  # fmt: skip
    latest = generate_letter(store, case_id, "internal_appeal", today=TODAY).document
    assert "SECOND" in latest.block("re_line").text
    assert "h_not_on_formulary" in latest.ids()
    chosen = generate_letter(
        store, case_id, "internal_appeal", today=TODAY, denial_event="d1"
    ).document
    assert "FIRST" in chosen.block("re_line").text and "SECOND" not in chosen.plain_text()
    assert "h_no_sod1_documentation" in chosen.ids()
    from qalsody_desktop.core.errors import QalsodyError

    with pytest.raises(QalsodyError, match="no denial event 'zz'"):
        generate_letter(store, case_id, "internal_appeal", today=TODAY, denial_event="zz")


@pytest.mark.parametrize("kind", ["internal_appeal", "external_review_request"])
def test_medicare_advantage_letters_say_reconsideration_and_ire(
    store, example_path, tmp_path, kind
):
    case_id = make_case(store, example_path, "medicare_advantage", "expedited")
    result = generate_letter(store, case_id, kind, today=TODAY, denial=EXPERIMENTAL)
    doc = result.document
    text = doc.plain_text()
    assert "reconsideration" in doc.block("re_line").text.lower()
    assert "Independent Review Entity (IRE)" in doc.block("ire").text
    assert "external review" not in text.lower()
    assert "appeal of the denial" not in text.lower()
    assert "within 72 hours" in doc.block("urgency").text  # expedited Part B reconsideration
    docx, pdf = written(result, tmp_path, f"ma-{kind}")
    for body in (docx, pdf):
        assert missing_from(body, ["Independent Review Entity", "reconsideration"]) == []


# --- a gap case: banner, action plan, stderr ----------------------------------------------------


def _gaps(case):
    case.prescriber.specialty = "Family Medicine"
    case.prescriber.board_certification = "ABFM"
    case.genetics.classification = "VUS"
    case.functional_status.ventilation = "invasive"


def test_gap_case_shows_the_banner_and_the_action_plan(store, example_path, tmp_path):
    case_id = make_case(store, example_path, edit=_gaps)
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    banner = result.document.blocks[0]
    assert banner.id == "banner"
    cell = "".join(i.text for i in banner.rows[0][0])
    assert cell.startswith("DRAFT: NOT READY TO SEND. 3 payer criteria are not met")
    assert "1 payer criterion is not met" in _one_gap_banner(store, example_path)
    for title in ("neurologist experienced in ALS", "SOD1 mutation", "ventilation"):
        assert title in cell
    plan = {s.criterion_id: s.action for s in result.action_plan if s.kind == "unmet"}
    assert "co-sign" in plan["neurologist_prescriber"]
    assert "genetic counsellor" in plan["sod1_mutation_confirmed"]
    assert "22 hours a day" in plan["not_on_permanent_ventilation"]
    assert len(result.unmet) == 3
    # the plan is for staff: none of it is in the letter
    assert "genetic counsellor" not in result.document.plain_text()
    docx, pdf = written(result, tmp_path, "gap")
    for text in (docx, pdf):
        assert missing_from(text, ["DRAFT: NOT READY TO SEND", "Family Medicine"]) == []


def test_complete_case_has_no_banner(store, example_path):
    case_id = make_case(store, example_path)
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    assert "banner" not in result.document.ids() and result.unmet == []
    assert all(s.kind == "document" for s in result.action_plan)


def test_cli_prints_unmet_criteria_on_stderr_in_text_and_json(
    capsys, store, example_path, tmp_path
):
    from qalsody_desktop.cli import main

    case_id = make_case(store, example_path, edit=_gaps)
    out = tmp_path / "gap.docx"
    args = ["letter", case_id, "--kind", "medical_necessity", "--out", str(out)]
    assert main([*args, "--today", "2025-07-01"]) == 0
    captured = capsys.readouterr()
    assert "action: Prescribed by or in consultation with a neurologist" in captured.out
    err = captured.err
    assert err.count("payer criterion not met:") == 3 and "NOT READY banner" in err
    assert "Vance" not in err and "1966" not in err
    assert main(["--json", *args]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["unmet_criteria"]) == 3
    assert {s["criterion"] for s in data["action_plan"] if s["kind"] == "unmet"} == {
        "neurologist_prescriber",
        "sod1_mutation_confirmed",
        "not_on_permanent_ventilation",
    }
    assert captured.err.count("payer criterion not met:") == 3


def test_cli_denial_event_picks_the_denial(capsys, store, example_path, tmp_path):
    from qalsody_desktop.cli import main

    case_id = make_case(store, example_path)
    insert_event(store, case_id, "d1", "denied", "2025-03-03", {"reference": "FIRST"})
    insert_event(store, case_id, "d2", "denied", "2025-05-02", {"reference": "SECOND"})
    out = tmp_path / "a.docx"
    base = ["letter", case_id, "--kind", "internal_appeal", "--out", str(out)]
    assert main([*base, "--denial-event", "d1"]) == 0
    assert "FIRST" in docx_text(out) and "SECOND" not in docx_text(out)
    capsys.readouterr()
    assert main([*base, "--denial-event", "nope"]) == 2
    assert "no denial event 'nope'" in capsys.readouterr().err


# --- text hygiene ------------------------------------------------------------------------------


def test_text_hygiene(store, example_path):
    def plan_with_payer(case):
        case.insurance.plan_name = "Cigna Open Access Plus"

    case_id = make_case(store, example_path, edit=plan_with_payer)
    later = add_attachment(
        store, case_id, "clinic_note", "next-visit.pdf", document_date="2025-08-01"
    )
    add_attachment(store, case_id, "clinic_note", "may-visit.pdf", document_date="2025-05-19")
    result = generate_letter(store, case_id, "internal_appeal", today=TODAY, denial=EXPERIMENTAL)
    text = result.document.plain_text()
    assert "Cigna Cigna" not in text and "Cigna Open Access Plus" in text
    quote = result.document.block("q_experimental_designation").text
    assert (
        quote
        == "Your letter states: \u201cTofersen is considered investigational for this use.\u201d"
    )
    items = ["".join(x.text for x in item) for item in result.document.block("enclosures").items]
    assert any("may-visit.pdf" in i for i in items)
    assert not any(later.file_name in i for i in items)
    assert any(
        "next-visit.pdf is dated 2025-08-01, after the letter's date" in w for w in result.warnings
    )
    assert set(REFERENCE_TEXTS)  # the helper's publications exist (used above)


def test_another_patients_document_is_not_enclosed(store, example_path):
    case_id = make_case(store, example_path)
    add_attachment(store, case_id, "clinic_note", "ours.pdf", text=IDENTITY)
    add_attachment(
        store, case_id, "clinic_note", "theirs.pdf",
        text="Patient: Margaret Q Olsen\nDOB: 02/14/1950\nMember ID: W9988776655\n",
    )  # fmt: skip
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    items = ["".join(x.text for x in item) for item in result.document.block("enclosures").items]
    assert any("ours.pdf" in i for i in items) and not any("theirs.pdf" in i for i in items)
    assert any("theirs.pdf is flagged as another patient's" in w for w in result.warnings)


def test_a_final_denial_with_its_own_reasons_is_answered_on_those(store, example_path):
    case_id = make_case(store, example_path)
    insert_event(
        store, case_id, "d1", "denied", "2025-03-03",
        {"reference": "INIT-1", "reasons": ["insufficient_step_therapy"]},
    )  # fmt: skip
    insert_event(
        store, case_id, "f9", "final_denial_received", "2025-05-05",
        {"reference": "FINAL-2", "received": "2025-05-09",
         "reasons": ["experimental_designation"],
         "sentences": {"experimental_designation": "The drug remains investigational."}},
    )  # fmt: skip
    doc = generate_letter(store, case_id, "external_review_request", today=TODAY).document
    assert "FINAL-2" in doc.block("re_line").text and "05/09/2025" in doc.block("re_line").text
    assert "h_experimental_designation" in doc.ids()
    assert "h_insufficient_step_therapy" not in doc.ids()
    assert "The drug remains investigational." in doc.block("q_experimental_designation").text


def test_medicare_advantage_expedited_request_is_an_organization_determination(store, example_path):
    case_id = make_case(store, example_path, "medicare_advantage", "expedited")
    doc = generate_letter(store, case_id, "expedited_review_request", today=TODAY).document
    assert "expedited organization determination" in doc.block("re_line").text
    assert doc.block("intro").text.startswith("I request an expedited organization determination")
    commercial = make_case(store, example_path, "fully_insured", "expedited")
    doc = generate_letter(store, commercial, "expedited_review_request", today=TODAY).document
    assert "organization determination" not in doc.plain_text()
    assert "Expedited prior authorization decision expected: within 72 hours" in (
        doc.block("urgency").text
    )


def _one_gap_banner(store, example_path) -> str:
    def vus(case):
        case.genetics.classification = "VUS"

    case_id = make_case(store, example_path, edit=vus)
    result = generate_letter(store, case_id, "medical_necessity", today=TODAY)
    return "".join(i.text for i in result.document.block("banner").rows[0][0])
