"""``qalsody-pa bundle``: manifest on stdout, exit 3 when a document is left out, 2 on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from intake_helpers import docx_with_tables
from test_bundle_support import page_texts, pdf_with_pages, qpdf_check, write_doc

from qalsody_desktop.cli import main
from qalsody_desktop.core.synthetic import identity_from_case, make_document

EXE = Path(sys.executable).with_name("qalsody-pa")


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def run(*args: str, data_dir: Path, env: dict[str, str] | None = None):
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
    full_env = {k: v for k, v in os.environ.items() if k != "QALSODY_DATA_DIR"}
    full_env.update(env or {})
    return subprocess.run(
        [*cmd, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=full_env,
    )


@pytest.fixture
def case_with_files(capsys, example_path, example_dict, tmp_path):
    """A case imported and given a signed letter and a clinic note, through the CLI."""
    assert main(["--json", "case", "import", str(example_path)]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    who = identity_from_case(example_dict)
    for kind in ("medical_necessity_letter", "clinic_note"):
        path = write_doc(tmp_path / "in", f"{kind}.pdf", make_document(kind, who, example_dict))
        assert main(["attach", case_id, str(path), "--category", kind]) == 0
    capsys.readouterr()
    return case_id


def test_bundle_prints_the_manifest_and_writes_the_pdf(capsys, case_with_files, tmp_path):
    out = tmp_path / "bundle.pdf"
    code = main(["bundle", case_with_files[:6], "--out", str(out), "--bates", "QPA", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    manifest = json.loads(captured.out)
    assert manifest["case_id"] == case_with_files
    assert manifest == json.loads((tmp_path / "bundle.manifest.json").read_text())
    assert (
        manifest["files"][0]["file"] == "bundle.pdf" and manifest["bates"]["first"] == "QPA000001"
    )
    qpdf_check(out)
    texts = page_texts(out)
    assert len(texts) == manifest["pages"]
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    # the text form summarises sections and warnings
    assert main(["bundle", case_with_files, "--out", str(tmp_path / "again.pdf")]) == 0
    text = capsys.readouterr().out
    assert "Letter of medical necessity: pages" in text and "again.pdf:" in text


def test_left_out_document_exits_3_unless_allowed(capsys, case_with_files, tmp_path, monkeypatch):
    docx = write_doc(tmp_path / "in", "note.docx", docx_with_tables())
    assert main(["--json", "attach", case_with_files, str(docx), "--category", "other"]) == 0
    (attached,) = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("QALSODY_SOFFICE", str(tmp_path / "no-soffice"))

    def cannot_draw(*args, **kwargs):
        raise ValueError("simulated")

    monkeypatch.setattr("qalsody_desktop.core.bundle.docx_pdf.render_docx_pdf", cannot_draw)
    out = tmp_path / "b.pdf"
    # it names nobody: confirmed as this patient's (kept with the case), then left out
    confirm = ["--confirm-patient", attached["attachment_id"]]
    assert main(["bundle", case_with_files, "--out", str(out), *confirm, "--json"]) == 3
    captured = capsys.readouterr()
    (left,) = json.loads(captured.out)["left_out"]
    assert left["file"] == "note.docx" and "LibreOffice" in left["reason"]
    assert len(captured.err.strip().splitlines()) == 1 and "left out" in captured.err
    assert out.exists()  # the others are bundled all the same
    assert main(["bundle", case_with_files, "--out", str(out), "--allow-missing", "--json"]) == 0


def test_bad_input_exits_2_with_one_line_and_writes_nothing(capsys, case_with_files, tmp_path):
    cases = [
        (["--route", "carrier-pigeon"], "unknown route 'carrier-pigeon'"),
        (["--bates", "has space"], "Bates prefix"),
    ]
    for extra, message in cases:
        code = main(["bundle", case_with_files, "--out", str(tmp_path / "b.pdf"), *extra])
        err = capsys.readouterr().err
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1
        assert "Vance" not in err
    assert main(["bundle", "nosuchcase", "--out", str(tmp_path / "b.pdf")]) == 2
    assert main(["bundle", case_with_files, "--out", str(tmp_path / "nodir" / "b.pdf")]) == 2
    assert main(["bundle", case_with_files]) == 2  # --out is required
    capsys.readouterr()
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob("*.json")) == []


def test_real_entry_point_with_fax_route(tmp_path, example_path):
    data = tmp_path / "data"
    imported = run("--json", "case", "import", str(example_path), data_dir=data)
    assert imported.returncode == 0, imported.stderr
    case_id = json.loads(imported.stdout)["case_id"]
    big = write_doc(tmp_path / "in", "records.pdf", pdf_with_pages([f"R{i}" for i in range(70)]))
    letter = write_doc(tmp_path / "in", "letter.pdf", pdf_with_pages(["Signed letter"]))
    assert (
        run("attach", case_id, str(big), "--category", "clinic_note", data_dir=data).returncode == 0
    )
    assert (
        run(
            "attach", case_id, str(letter), "--category", "medical_necessity_letter", data_dir=data
        ).returncode
        == 0
    )
    out = tmp_path / "fax.pdf"
    # neither page names the patient: held back (exit 3, listed) until confirmed
    result = run("bundle", case_id, "--out", str(out), "--route", "fax", "--json", data_dir=data)
    assert result.returncode == 3, result.stderr
    held = json.loads(result.stdout)["held_back"]
    assert sorted(h["file"] for h in held) == ["letter.pdf", "records.pdf"]
    assert "held back" in result.stderr and "records.pdf" in result.stderr
    confirm = [x for h in held for x in ("--confirm-patient", h["attachment_id"][:8])]
    result = run(
        "bundle", case_id, "--out", str(out), "--route", "fax", *confirm, "--json", data_dir=data
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    names = [f["file"] for f in manifest["files"]]
    assert names == ["fax-part-1-of-2.pdf", "fax-part-2-of-2.pdf"]
    for name in names:
        qpdf_check(tmp_path / name)
        assert len(page_texts(tmp_path / name)) <= 50
    assert manifest["route"]["id"] == "fax" and manifest["route"]["actions"]
