"""``qalsody-pa letter`` and ``qalsody-pa clinic`` in-process and through the real entry point."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from test_letters_support import (
    add_attachment,
    add_published_references,
    docx_text,
    example_case,
    qpdf_check,
    squash,
)

from qalsody_desktop.cli import main

EXE = Path(sys.executable).with_name("qalsody-pa")


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def case_id(store, example_path):
    return store.cases.create(example_case(example_path))


def run_json(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["--json", *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out.strip() else {}), captured.err


def test_letter_writes_docx_and_pdf_and_reports_placeholders(capsys, case_id, tmp_path):
    out, pdf = tmp_path / "mnl.docx", tmp_path / "mnl.pdf"
    code, data, err = run_json(
        capsys, "letter", case_id[:6], "--kind", "medical_necessity", "--out", str(out),
        "--pdf", str(pdf), "--today", "2025-06-10",
    )  # fmt: skip
    assert code == 0
    assert data["kind"] == "medical_necessity" and data["case_id"] == case_id
    assert data["files"] == {"docx": str(out), "pdf": str(pdf)}
    # the cited publications are not attached: each is a placeholder naming what to attach
    assert sorted(data["placeholders"]) == [
        "attach the published reference: Miller TM et al., Trial of Antisense Oligonucleotide "
        "Tofersen for SOD1 ALS, N Engl J Med 2022;387:1099-1110",
        "attach the published reference: QALSODY (tofersen) U.S. Prescribing Information "
        "(FDA label)",
    ]
    assert data["warnings"][0].startswith("missing facts: 2 fact(s)")
    assert data["conflicts"] == []
    assert err.count("\n") == 1 and "2 placeholder(s)" in err and case_id in err
    assert "Vance" not in err and "1966" not in err  # no patient identifiers in messages
    assert squash("p.Ala5Val") in squash(docx_text(out))
    qpdf_check(pdf)


def test_no_placeholder_no_warning_line(capsys, store, case_id, tmp_path):
    add_attachment(store, case_id, "sod1_genetic_report", "sod1.pdf")
    add_published_references(store, case_id)
    out = tmp_path / "complete.docx"
    code, data, err = run_json(
        capsys, "letter", case_id, "--kind", "medical_necessity", "--out", str(out)
    )
    assert code == 0 and data["placeholders"] == [] and err == ""
    assert "SOD1 genetic test report: sod1.pdf" in docx_text(out)


def test_appeal_with_explicit_denial_answers_each_reason(capsys, case_id, tmp_path):
    out = tmp_path / "appeal.docx"
    code, data, _ = run_json(
        capsys, "letter", case_id, "--kind", "internal_appeal", "--out", str(out),
        "--denial-reason", "no_sod1_documentation", "--denial-reason", "experimental_designation",
        "--denial-date", "2025-06-02", "--denial-received", "2025-06-05", "--denial-ref", "R-55",
    )  # fmt: skip
    assert code == 0
    text = docx_text(out)
    assert "Reason 1: No SOD1 mutation documented" in text
    assert "Reason 2: 'Experimental' or investigational designation" in text
    assert "R-55" in text and "06/02/2025" in text and "06/05/2025" in text
    assert "denial reference number and dates missing" not in data["placeholders"]


def test_unknown_denial_reason_exits_2_with_one_line(capsys, case_id, tmp_path):
    out = tmp_path / "x.docx"
    code = main(
        ["letter", case_id, "--kind", "internal_appeal", "--out", str(out)]
        + ["--denial-reason", "bogus_reason"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "unknown denial reason bogus_reason" in err and err.count("\n") == 1
    assert not out.exists()
    assert main(["letter", case_id, "--kind", "no_such_kind", "--out", str(out)]) == 2


def test_unknown_case_and_wrong_suffix_exit_2(capsys, case_id, tmp_path):
    assert main(["letter", "ffffffffff", "--kind", "p2p_summary", "--out", "x.docx"]) == 2
    assert "no case 'ffffffffff'" in capsys.readouterr().err
    code = main(["letter", case_id, "--kind", "p2p_summary", "--out", str(tmp_path / "x.pdf")])
    assert code == 2 and "must end in .docx" in capsys.readouterr().err


def png(path: Path) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", (200, 80), (30, 30, 120)).save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    return path


def test_clinic_set_and_show(capsys, tmp_path):
    code, data, _ = run_json(capsys, "clinic", "show")
    assert code == 0 and data["practice_name"] == "" and data["signers"] == []
    code, data, _ = run_json(
        capsys, "clinic", "set", "--practice-name", "Piedmont ALS Clinic",
        "--address", "10 Clinic Way", "--address", "Raleigh, NC 27601", "--phone", "919-555-0300",
        "--fax", "919-555-0301", "--logo", str(png(tmp_path / "logo.png")),
        "--signer", "Anika Rosen|MD|1234567893", "--signer", "Lee Park|NP",
        "--signature", str(png(tmp_path / "sig.png")),
    )  # fmt: skip
    assert code == 0
    code, shown, _ = run_json(capsys, "clinic", "show")
    assert shown["address_lines"] == ["10 Clinic Way", "Raleigh, NC 27601"]
    assert [s["name"] for s in shown["signers"]] == ["Anika Rosen", "Lee Park"]
    assert shown["signers"][0]["signature_sha256"] and shown["logo_sha256"]
    assert shown["signers"][1] == {
        "name": "Lee Park",
        "credentials": "NP",
        "npi": None,
        "signature_sha256": None,
    }
    # partial update keeps the rest
    assert main(["clinic", "set", "--fax", ""]) == 0
    capsys.readouterr()
    _, after, _ = run_json(capsys, "clinic", "show")
    assert after["fax"] is None and after["practice_name"] == "Piedmont ALS Clinic"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--signer", "A B|MD|1234567890"], "not a valid NPI"),
        (["--signer", "A|B|C|D"], "Name|Credentials|NPI"),
        (["--signer", "A|MD", "--signature", "SIG", "--signature", "SIG"], "2 signature file(s)"),
        (["--logo", "NOTANIMAGE"], "not a readable PNG or JPEG"),
    ],
)
def test_clinic_set_refuses_bad_input_and_saves_nothing(capsys, tmp_path, args, message):
    sig = png(tmp_path / "sig.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image at all")
    args = [str(sig) if a == "SIG" else str(bad) if a == "NOTANIMAGE" else a for a in args]
    code = main(["clinic", "set", "--practice-name", "New Name", *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err
    _, shown, _ = run_json(capsys, "clinic", "show")
    assert shown["practice_name"] == ""


def test_real_entry_point(tmp_path, example_path):
    data = tmp_path / "cli-data"
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    base = [*cmd, "--data-dir", str(data)]
    imported = subprocess.run(
        [*base, "--json", "case", "import", str(example_path)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    case_id = json.loads(imported.stdout)["case_id"]
    out = tmp_path / "visit.docx"
    result = subprocess.run(
        [*base, "letter", case_id, "--kind", "visit_prep", "--out", str(out), "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "visit_prep" and out.exists()
    assert "daily activities" in data["placeholders"]  # a blank line for the family
    assert "placeholder(s) to fill in" in result.stderr
