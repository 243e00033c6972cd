"""Attach, classify, review and check: the evidence kit end to end on real files and SQLite."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from qalsody_desktop.cli import main
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.kit import load_kit
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.synthetic import write_demo_set

TODAY = date(2025, 6, 1)  # the example's documents are recent on this day


@pytest.fixture(scope="module")
def profile():
    return load_default_profile()


@pytest.fixture
def demo_files(tmp_path, example_dict) -> list[Path]:
    return write_demo_set(tmp_path / "docs", example_dict, include_extras=False)


@pytest.fixture
def case_id(store, example_dict) -> str:
    return store.cases.create(case_from_dict(example_dict))


def _by_category(outcomes):
    return {o.file.split("-", 1)[1].removesuffix(".pdf"): o for o in outcomes}


def test_example_with_its_documents_is_ready(store, case_id, profile, demo_files):
    outcomes = Attacher(store, profile, today=TODAY).attach(case_id, demo_files)
    assert [o.status for o in outcomes] == ["ok"] * len(demo_files)
    by_cat = _by_category(outcomes)
    for category, outcome in by_cat.items():
        if category != "other":
            assert outcome.category == category, (category, outcome)
            assert outcome.category_source == "auto"
    kit = load_kit(store, case_id, profile, today=TODAY)
    statuses = {i.id: i.status for i in kit.checklist.items}
    assert kit.checklist.ready, statuses
    assert statuses["sod1_mutation_confirmed"] == "met"
    assert statuses["prior_authorization_submitted"] == "missing"  # post-submission, not blocking
    guide_only = {i.id for i in kit.checklist.items if i.source_status == "guide-only"}
    assert {"alsfrs_r_baseline_min_24", "step_therapy_documented"} <= guide_only


def _status(store, case_id, profile, item_id, case=None):
    kit = load_kit(store, case_id, profile, case=case, today=TODAY)
    return kit.checklist.item(item_id), kit.checklist.ready


def test_each_gap_turns_its_item_to_not_met(store, case_id, profile, demo_files, example_dict):
    outcomes = Attacher(store, profile, today=TODAY).attach(case_id, demo_files)
    genetic = _by_category(outcomes)["sod1_genetic_report"]

    case = case_from_dict(example_dict)
    case.prescriber.specialty = "Family Medicine"
    case.prescriber.board_certification = "ABFM"
    item, ready = _status(store, case_id, profile, "neurologist_prescriber", case)
    assert item.status == "not_met" and not ready
    assert item.denial_reason == "non_neurologist_prescriber"

    case = case_from_dict(example_dict)
    case.genetics.classification = "uncertain significance"
    item, ready = _status(store, case_id, profile, "sod1_mutation_confirmed", case)
    assert item.status == "not_met" and not ready
    assert "uncertain significance" in item.detail

    # the facts meet it but the proving document is gone: a gap in the file, not the patient
    store.attachments.delete(genetic.attachment_id)
    item, ready = _status(store, case_id, profile, "sod1_mutation_confirmed")
    assert item.status == "missing_evidence" and not ready
    assert item.facts_met and item.to_json()["facts_met"] is True
    assert "attach" in item.detail


def test_wrong_patient_document_blocks_and_warns(store, case_id, profile, tmp_path, example_dict):
    files = write_demo_set(tmp_path / "all", example_dict, include_extras=True)
    outcomes = Attacher(store, profile, today=TODAY).attach(case_id, files)
    other = next(o for o in outcomes if "other_patient" in o.file)
    assert any(w.startswith("WRONG PATIENT?") for w in other.warnings)
    scan = next(o for o in outcomes if o.file.endswith("scan.pdf"))
    assert scan.category == "other" and scan.has_text_layer is False
    assert "needs review: no text layer (scanned)" in scan.warnings
    kit = load_kit(store, case_id, profile, today=TODAY)
    assert not kit.checklist.ready
    assert any("other_patient" in n for n in kit.checklist.notes)


def test_duplicate_rejected_and_batch_goes_on(store, case_id, profile, demo_files, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "truncated.pdf").write_bytes(demo_files[1].read_bytes()[:300])
    (bad / "notes.txt").write_text("hello")
    attacher = Attacher(store, profile, today=TODAY)
    first = attacher.attach(case_id, [demo_files[1]])
    outcomes = attacher.attach(
        case_id,
        [bad / "empty.pdf", demo_files[1], bad / "truncated.pdf", bad / "notes.txt", demo_files[2]],
    )
    statuses = [o.status for o in outcomes]
    assert statuses == ["rejected", "duplicate", "rejected", "rejected", "ok"]
    assert outcomes[1].attachment_id == first[0].attachment_id
    assert all(o.error for o in outcomes if o.status == "rejected")
    assert "0 bytes" in outcomes[0].error or "empty" in outcomes[0].error
    assert len(store.attachments.list(case_id)) == 2


def test_encrypted_pdf_needs_password_then_stored_decrypted(
    store, case_id, profile, demo_files, tmp_path
):
    writer = PdfWriter(clone_from=str(demo_files[1]))
    writer.encrypt(user_password="s3cret", owner_password="own", algorithm="AES-256")
    locked = tmp_path / "locked.pdf"
    buf = io.BytesIO()
    writer.write(buf)
    locked.write_bytes(buf.getvalue())
    attacher = Attacher(store, profile, today=TODAY)
    (first,) = attacher.attach(case_id, [locked])
    assert first.status == "rejected" and first.needs_password
    (second,) = attacher.attach(case_id, [locked], passwords=["wrong", "s3cret"])
    assert second.status == "ok" and second.category == "sod1_genetic_report"
    att = store.attachments.get(second.attachment_id)
    assert att.encrypted_original and att.original_sha256 == second.sha256
    reader = PdfReader(io.BytesIO(store.blobs.read(att.working_sha256)))
    assert not reader.is_encrypted and "SOD1" in reader.pages[0].extract_text()


def test_cli_attach_check_categorize_detach(case_id, demo_files, capsys):
    assert main(["attach", case_id, str(demo_files[1]), str(demo_files[12]), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    keys = {
        "attachment_id",
        "file",
        "sha256",
        "category",
        "category_source",
        "confidence",
        "pages",
        "has_text_layer",
        "warnings",
        "status",
        "error",
    }
    assert all(keys <= set(r) for r in rows)
    other = rows[1]
    assert main(["categorize", case_id, other["attachment_id"], "clinic_note", "--json"]) == 0
    capsys.readouterr()
    assert main(["attachments", case_id, "--json"]) == 0
    listed = {r["attachment_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed[other["attachment_id"]]["category"] == "clinic_note"
    assert listed[other["attachment_id"]]["category_source"] == "user"
    assert main(["categorize", case_id, other["attachment_id"], "bogus"]) == 2
    assert "unknown category" in capsys.readouterr().err
    assert main(["check", case_id, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["profile"]["id"] == "cigna-nc-qalsody"
    assert {"id", "title", "status", "source_status", "detail", "evidence", "denial_reason"} <= set(
        report["items"][0]
    )
    assert main(["detach", case_id, other["attachment_id"]]) == 0
    capsys.readouterr()
    assert main(["attachments", case_id, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_cli_attach_exit_code_when_a_file_is_refused(case_id, tmp_path, capsys):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"PK\x03\x04 not a pdf at all")
    assert main(["attach", case_id, str(junk), "--json"]) == 3
    (row,) = json.loads(capsys.readouterr().out)
    assert row["status"] == "rejected" and row["error"]
