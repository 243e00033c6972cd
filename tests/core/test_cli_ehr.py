"""``qalsody-pa case import-ehr`` through the real entry point: list, create, update, refuse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf

FIX = Path(__file__).resolve().parents[1] / "ehr_fixtures"
EXE = Path(sys.executable).with_name("qalsody-pa")


def run(data: Path, *args: str):
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    return subprocess.run(
        [*cmd, "--data-dir", str(data), *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_ccd_into_new_case_then_bundle_into_it(tmp_path):
    data = tmp_path / "d"
    listed = run(data, "--json", "case", "import-ehr", str(FIX / "als_ccd.xml"))
    assert listed.returncode == 0, listed.stderr
    out = json.loads(listed.stdout)
    assert out["case_id"] is None and out["applied"] == [] and out["unmapped_codes"]
    assert run(data, "--json", "case", "list").stdout.strip() == "[]"  # nothing written
    created = run(data, "--json", "case", "import-ehr", str(FIX / "als_ccd.xml"), "--accept", "all")
    assert created.returncode == 0, created.stderr
    res = json.loads(created.stdout)
    case_id = res["case_id"]
    assert res["created"] and len(res["applied"]) > 25
    att = res["attachments"][0]
    assert att["status"] == "ok" and att["category"] == "other"
    case = json.loads(run(data, "case", "export-json", case_id).stdout)
    assert case["patient"]["last_name"] == "Testpatient"
    assert case["insurance"]["member_id"] == "U9876543201"
    assert case["diagnosis"]["icd10"] == "G12.21"
    assert case["nfl"][0]["value"] == 61.5
    assert case["therapies"][0]["drug"].lower() == "riluzole"
    # the record PDF lists the values with their sources
    blob = next((data / "files").rglob("*"), None)
    assert blob is not None
    pdfs = [p for p in (data / "files").rglob("*") if p.is_file() and p.read_bytes()[:4] == b"%PDF"]
    text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(pdfs[0]).pages).split())
    assert "EHR import" in text and "U9876543201" in text
    if shutil.which("qpdf"):
        assert (
            subprocess.run(["qpdf", "--check", str(pdfs[0])], capture_output=True).returncode == 0
        )
    again = run(
        data, "--json", "case", "import-ehr", str(FIX / "als_bundle.json"), "--case", case_id
    )
    kinds = {i["kind"] for i in json.loads(again.stdout)["items"]}
    assert "new" not in kinds and "same" in kinds


def test_conflict_needs_overwrite_and_other_patient_is_refused(tmp_path):
    data = tmp_path / "d"
    res = json.loads(
        run(
            data, "--json", "case", "import-ehr", str(FIX / "als_bundle.json"), "--accept", "all"
        ).stdout
    )
    case_id = res["case_id"]
    edited = json.loads(run(data, "case", "export-json", case_id).stdout)
    edited["insurance"]["member_id"] = "TYPED-1"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited))
    new_id = json.loads(run(data, "--json", "case", "import", str(path)).stdout)["case_id"]
    listed = json.loads(
        run(data, "--json", "case", "import-ehr", str(FIX / "als_ccd.xml"), "--case", new_id).stdout
    )
    conflict = next(i for i in listed["items"] if i["field"] == "insurance.member_id")
    assert conflict["kind"] == "conflict" and conflict["case_value"] == "TYPED-1"
    refused = run(
        data,
        "--json",
        "case",
        "import-ehr",
        str(FIX / "als_ccd.xml"),
        "--case",
        new_id,
        "--accept",
        conflict["id"],
    )
    assert refused.returncode == 2 and "nothing was written" in refused.stderr
    assert (
        json.loads(run(data, "case", "export-json", new_id).stdout)["insurance"]["member_id"]
        == "TYPED-1"
    )
    done = run(
        data,
        "--json",
        "case",
        "import-ehr",
        str(FIX / "als_ccd.xml"),
        "--case",
        new_id,
        "--accept",
        conflict["id"],
        "--overwrite",
    )
    assert done.returncode == 0, done.stderr
    assert (
        json.loads(run(data, "case", "export-json", new_id).stdout)["insurance"]["member_id"]
        == "U9876543201"
    )
    edited["patient"]["date_of_birth"] = "1971-01-01"
    path.write_text(json.dumps(edited))
    other = json.loads(run(data, "--json", "case", "import", str(path)).stdout)["case_id"]
    bad = run(
        data, "case", "import-ehr", str(FIX / "als_ccd.xml"), "--case", other, "--accept", "all"
    )
    assert bad.returncode == 2 and "date of birth differs" in bad.stderr
    assert "1968" not in bad.stderr and "Testpatient" not in bad.stderr


def test_embedded_pdf_of_an_unstructured_document_is_attached(tmp_path):
    from testpaths import SHARED, require_shared

    path = require_shared(
        SHARED
        / "ehr"
        / "ccda-examples"
        / "Unstructured"
        / "CDA with Embedded PDF 1"
        / "Unstructured_Document_embed.xml"
    )
    res = run(tmp_path / "d", "--json", "case", "import-ehr", str(path), "--accept", "all")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["document_type"] == "Physician Discharge Summary"
    atts = out["attachments"]
    assert [a["status"] for a in atts] == ["ok", "ok"]
    assert atts[0]["category"] == "clinic_note" and atts[1]["pages"] >= 1
