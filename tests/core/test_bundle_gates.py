"""Gates: what is held back from a payer submission by default, and the recorded way through.

A case gets the patient's documents plus another patient's clinic note, an unreviewed
``other`` document, a scan without text and a PFT that contradicts the case. The default
bundle leaves each of them out with its reason; a person's decision (an override with a typed
reason, a confirmation, an acknowledgement) puts it in and is recorded in the case's audit
trail, the manifest and the export record.
"""

from __future__ import annotations

import copy
import json

import pytest
from intake_helpers import text_pdf
from test_bundle_support import attach, page_texts, qpdf_check, write_doc

from qalsody_desktop.cli import main
from qalsody_desktop.core.bundle import BundleBuilder
from qalsody_desktop.core.bundle.gates import (
    ACKNOWLEDGE,
    CONFIRM,
    INCLUDE,
    load_decisions,
    record_decision,
    screen,
    withdraw_decisions,
)
from qalsody_desktop.core.bundle.stamp import WITHHELD
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.errors import QalsodyError
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.kit import load_kit
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.exports import ExportRepository
from qalsody_desktop.core.storage.prefs import CasePrefs
from qalsody_desktop.core.synthetic import identity_from_case, make_document
from qalsody_desktop.core.synthetic.documents import write_demo_set

OURS = ("Vance, Harold J", "1966-04-09", "U5521098834")


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def gated(store, example_dict, tmp_path):
    """The demo set with its extras, classified by the app (nothing confirmed by a person),
    plus a PFT whose values contradict the case."""
    case_id = store.cases.create(case_from_dict(example_dict))
    paths = write_demo_set(tmp_path / "docs", example_dict, include_extras=True)
    profile = load_default_profile()
    outcomes = Attacher(store, profile).attach(case_id, paths)
    ids = {o.file: o.attachment_id for o in outcomes if o.status == "ok"}
    changed = copy.deepcopy(example_dict)
    changed["pulmonary"][0]["fvc_percent_predicted"] = 61
    changed["pulmonary"][0]["svc_percent_predicted"] = 60
    pft = make_document("pulmonary_function", identity_from_case(example_dict), changed)
    ids["pft-outside.pdf"] = attach(
        store, case_id, write_doc(tmp_path / "in", "pft-outside.pdf", pft), confirmed=False
    )
    return case_id, ids


def _conflict(store, case_id, ids) -> str:
    """The outside PFT's contradiction as the gate states it now."""
    profile = load_default_profile()
    kit = load_kit(store, case_id, profile)
    (entry,) = [s for s in screen(kit, profile, {}) if s.attachment.id == ids["pft-outside.pdf"]]
    return entry.conflict()


def _build(store, case_id, out):
    out.parent.mkdir(exist_ok=True)
    return BundleBuilder(store).build(case_id, out)


def _bundled(manifest) -> dict[str, dict]:
    return {d["file"]: d for s in manifest["sections"] for d in s["documents"]}


def test_default_bundle_holds_back_each_with_its_reason(store, gated, tmp_path):
    case_id, ids = gated
    out = tmp_path / "out" / "bundle.pdf"
    result = _build(store, case_id, out)
    qpdf_check(out)
    held = {h["file"]: h for h in result.held_back}
    assert set(held) == {
        "13-other.pdf",
        "14-other_patient_note.pdf",
        "15-scan.pdf",
        "pft-outside.pdf",
    }
    assert "another patient" in held["14-other_patient_note.pdf"]["reason"]
    assert [g["gate"] for g in held["14-other_patient_note.pdf"]["gates"]] == ["wrong_patient"]
    assert "nobody has reviewed" in held["13-other.pdf"]["reason"]
    scan_gates = {g["gate"] for g in held["15-scan.pdf"]["gates"]}
    assert scan_gates == {"unreviewed", "identity_unchecked"}
    assert "no text to check" in held["15-scan.pdf"]["reason"]
    assert "contradicts the case" in held["pft-outside.pdf"]["reason"]
    assert "61%" in held["pft-outside.pdf"]["reason"]
    # none of them is in the PDF; the patient's own documents are
    bundled = _bundled(result.manifest)
    assert not set(held) & set(bundled)
    assert "03-clinic_note.pdf" in bundled and "12-published_reference.pdf" in bundled
    # the record keeps the same account as the manifest beside the PDF
    (record,) = ExportRepository(store.db).list(case_id)
    assert record.manifest["held_back"] == result.manifest["held_back"]
    assert result.manifest["decisions"] == []
    assert not any("another patient" in w for w in result.warnings)  # said once, in held_back


def test_other_patients_pages_never_in_the_default_bundle(store, gated, tmp_path):
    case_id, ids = gated
    out = tmp_path / "out" / "bundle.pdf"
    _build(store, case_id, out)
    other = store.attachments.page_texts(ids["14-other_patient_note.pdf"])
    marker = next(line for line in other[0].splitlines() if "Patient" in line)
    assert marker.strip()
    assert all(marker.strip() not in t for t in page_texts(out))


def test_decisions_put_each_in_and_are_recorded(store, gated, tmp_path):
    case_id, ids = gated
    prefs = CasePrefs(store.db)
    att = store.attachments.get
    record_decision(
        prefs,
        case_id,
        att(ids["14-other_patient_note.pdf"]),
        INCLUDE,
        "  outside note   the neurologist asked to enclose ",
    )
    record_decision(
        prefs,
        case_id,
        att(ids["pft-outside.pdf"]),
        ACKNOWLEDGE,
        subject=_conflict(store, case_id, ids),
    )
    record_decision(prefs, case_id, att(ids["15-scan.pdf"]), CONFIRM)
    record_decision(
        prefs, case_id, att(ids["13-other.pdf"]), INCLUDE, "reviewed: supporting document"
    )
    out = tmp_path / "out" / "bundle.pdf"
    result = _build(store, case_id, out)
    qpdf_check(out)
    held = {h["file"]: h for h in result.held_back}
    # the scan is confirmed as this patient's but still unreviewed: only that reason remains
    assert set(held) == {"15-scan.pdf"}
    assert [g["gate"] for g in held["15-scan.pdf"]["gates"]] == ["unreviewed"]
    bundled = _bundled(result.manifest)
    assert {"14-other_patient_note.pdf", "pft-outside.pdf", "13-other.pdf"} <= set(bundled)
    decisions = {(d["file"], d["action"]): d for d in result.manifest["decisions"]}
    assert decisions[("14-other_patient_note.pdf", INCLUDE)]["reason"] == (
        "outside note the neurologist asked to enclose"
    )
    assert ("pft-outside.pdf", ACKNOWLEDGE) in decisions
    (record,) = ExportRepository(store.db).list(case_id)
    assert record.manifest["decisions"] == result.manifest["decisions"]
    audit = [e for e in store.cases.audit(case_id) if e.action == "bundle_decision"]
    assert len(audit) == 4
    assert all("outside note" not in json.dumps(e.detail) for e in audit)  # no typed text
    # the other patient's pages carry no identifiers of ours
    note = bundled["14-other_patient_note.pdf"]
    assert note["unidentified_stamp_pages"] == [1, 2]
    texts = page_texts(out)
    first, last = note["output_pages"]["first"], note["output_pages"]["last"]
    for number in range(first, last + 1):
        page = texts[number - 1]
        assert WITHHELD in page and f"Page {number} of {len(texts)}" in page
        assert "1966-04-09" not in page and "U5521098834" not in page
    for number in (1, last + 1 if last < len(texts) else first - 1):
        assert all(x in texts[number - 1] for x in OURS)


def test_categorizing_the_scan_and_confirming_it_lets_it_in(store, gated, tmp_path):
    case_id, ids = gated
    scan = ids["15-scan.pdf"]
    store.attachments.update(scan, category="clinic_note", category_source="user")
    out = tmp_path / "out" / "a.pdf"
    held = {h["file"] for h in _build(store, case_id, out).held_back}
    assert "15-scan.pdf" in held  # still: nobody confirmed whose it is
    record_decision(CasePrefs(store.db), case_id, store.attachments.get(scan), CONFIRM)
    result = _build(store, case_id, tmp_path / "out" / "b.pdf")
    assert "15-scan.pdf" not in {h["file"] for h in result.held_back}
    assert "15-scan.pdf" in _bundled(result.manifest)
    # withdrawn: held back again
    withdraw_decisions(CasePrefs(store.db), case_id, scan)
    assert scan not in load_decisions(CasePrefs(store.db), case_id)
    result = _build(store, case_id, tmp_path / "out" / "c.pdf")
    assert "15-scan.pdf" in {h["file"] for h in result.held_back}


def test_a_decision_needs_a_reason_and_fits_only_its_file(store, gated):
    case_id, ids = gated
    prefs = CasePrefs(store.db)
    note = store.attachments.get(ids["14-other_patient_note.pdf"])
    with pytest.raises(QalsodyError, match="needs a reason"):
        record_decision(prefs, case_id, note, INCLUDE, "   ")
    with pytest.raises(QalsodyError, match="unknown decision"):
        record_decision(prefs, case_id, note, "wave_through", "x")
    assert load_decisions(prefs, case_id) == {}
    # a decision about other bytes (same id, another hash) does not count
    decision = record_decision(prefs, case_id, note, INCLUDE, "checked")
    stored = prefs.get(case_id, "bundle.decisions")
    stored[note.id][0]["sha256"] = "0" * 64
    prefs.set(case_id, "bundle.decisions", stored)
    profile = load_default_profile()
    kit = load_kit(store, case_id, profile)
    decisions = load_decisions(prefs, case_id)
    (entry,) = [s for s in screen(kit, profile, decisions) if s.attachment.id == note.id]
    assert entry.held and decision.sha256 == note.working_sha256


def test_cli_lists_held_back_and_records_overrides(capsys, store, gated, tmp_path):
    case_id, ids = gated
    out = tmp_path / "cli.pdf"
    data = ["--data-dir", str(store.root)]
    assert main([*data, "bundle", case_id, "--out", str(out), "--allow-missing"]) == 3
    err = capsys.readouterr().err
    assert "4 document(s) held back" in err
    assert ids["14-other_patient_note.pdf"] in err and "another patient" in err
    assert "Vance" not in err and "VANCE" not in err
    # an --include without its --reason is refused before anything is written
    code = main([*data, "bundle", case_id, "--out", str(out), "--include", ids["13-other.pdf"]])
    assert code == 2 and "--reason" in capsys.readouterr().err
    args = [
        *("--include", ids["13-other.pdf"], "--reason", "reviewed: a support letter"),
        *("--include", ids["15-scan.pdf"][:9], "--reason", "scan of the signed PA form"),
        *("--include", ids["14-other_patient_note.pdf"], "--reason", "requested by the payer"),
        *("--acknowledge", ids["pft-outside.pdf"]),
    ]
    code = main([*data, "bundle", case_id, "--out", str(out), *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    manifest = json.loads(captured.out)
    assert manifest["held_back"] == []
    reasons = {d["file"]: d["reason"] for d in manifest["decisions"] if d["action"] == INCLUDE}
    assert reasons["15-scan.pdf"] == "scan of the signed PA form"
    # kept with the case: the next build needs no flags
    assert main([*data, "bundle", case_id, "--out", str(tmp_path / "again.pdf")]) == 0
    text = capsys.readouterr().out
    assert "included by decision" in text
    # withdrawn from the command line: held back again
    note = ids["14-other_patient_note.pdf"]
    code = main([*data, "bundle", case_id, "--out", str(out), "--hold-back", note, "--json"])
    captured = capsys.readouterr()
    assert code == 3 and [h["attachment_id"] for h in json.loads(captured.out)["held_back"]] == [
        note
    ]


def test_a_letter_never_encloses_another_patients_document(store, gated):
    from qalsody_desktop.core.letters.service import generate_letter

    case_id, ids = gated
    text = generate_letter(store, case_id, "medical_necessity").document.plain_text()
    assert "03-clinic_note.pdf" in text  # the patient's own note is enclosed
    assert "14-other_patient_note.pdf" not in text
    note = store.attachments.get(ids["14-other_patient_note.pdf"])
    record_decision(CasePrefs(store.db), case_id, note, INCLUDE, "the payer asked for it")
    text = generate_letter(store, case_id, "medical_necessity").document.plain_text()
    assert "14-other_patient_note.pdf" in text


def test_an_acknowledgement_lapses_when_the_contradiction_changes(store, gated, tmp_path):
    case_id, ids = gated
    prefs = CasePrefs(store.db)
    pft = store.attachments.get(ids["pft-outside.pdf"])
    with pytest.raises(QalsodyError, match="no contradiction"):
        record_decision(prefs, case_id, pft, ACKNOWLEDGE)
    record_decision(prefs, case_id, pft, ACKNOWLEDGE, subject=_conflict(store, case_id, ids))
    result = _build(store, case_id, tmp_path / "out" / "a.pdf")
    assert "pft-outside.pdf" in _bundled(result.manifest)
    # the case's FVC is corrected to another value: a new contradiction, held back again
    stored = store.cases.get(case_id)
    case = stored.case
    case.pulmonary[0].fvc_percent_predicted = 70
    store.cases.save(case_id, case, base_revision=stored.revision)
    result = _build(store, case_id, tmp_path / "out" / "b.pdf")
    held = {h["file"]: h for h in result.held_back}
    assert "70" in held["pft-outside.pdf"]["reason"]


def test_a_mixed_fax_keeps_our_stamp_only_on_our_page(store, example_dict, tmp_path):
    """A fax with our patient's page, another person's page and a page naming nobody, let in
    by an override: only the page that names our patient carries our identifiers."""
    case_id = store.cases.create(case_from_dict(example_dict))
    fax = text_pdf(
        [
            ["Clinic note", "Patient: Vance, Harold J   DOB: 04/09/1966", "Ventilation: none."],
            ["Clinic note", "Patient: Okafor, Margaret   DOB: 02/03/1971", "Plan: follow up."],
            ["Continued", "Exam unchanged; return in 3 months."],
        ]
    )
    att = attach(
        store, case_id, write_doc(tmp_path / "in", "fax.pdf", fax), "clinic_note", confirmed=False
    )
    out = tmp_path / "out" / "b.pdf"
    assert [h["file"] for h in _build(store, case_id, out).held_back] == ["fax.pdf"]
    record_decision(
        CasePrefs(store.db), case_id, store.attachments.get(att), INCLUDE, "one fax, checked"
    )
    result = _build(store, case_id, out)
    qpdf_check(out)
    (doc,) = [d for d in _bundled(result.manifest).values() if d["file"] == "fax.pdf"]
    assert doc["unidentified_stamp_pages"] == [2, 3]
    texts = page_texts(out)
    first = doc["output_pages"]["first"]
    assert all(x in texts[first - 1] for x in OURS) and WITHHELD not in texts[first - 1]
    for number in (first + 1, first + 2):
        assert WITHHELD in texts[number - 1] and "U5521098834" not in texts[number - 1]
    # and the crosswalk never cites the other person's page
    cited = [c for line in result.manifest["crosswalk"] for c in line["citations"]]
    assert all(c["source_page"] == 1 for c in cited if c["file"] == "fax.pdf")
