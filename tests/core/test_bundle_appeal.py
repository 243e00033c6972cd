"""An appeal packet: the appeal letter leads, the denial letter is enclosed, the cover says so."""

from __future__ import annotations

import json
import subprocess
from datetime import date

from pypdf import PdfReader

from qalsody_desktop.cli import main
from qalsody_desktop.core.bundle.model import PACKETS
from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.letters.kinds import LETTER_KIND_IDS
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.synthetic import write_demo_set

REASONS = ["experimental_designation", "non_neurologist_prescriber"]


def test_packets_are_letter_kinds():
    assert set(PACKETS) <= set(LETTER_KIND_IDS)


def test_internal_appeal_bundle(qapp, store, example_path, example_dict, tmp_path, capsys):
    profile = load_default_profile()
    assert {r.id for r in profile.denial_reasons} >= set(REASONS)
    case_id = store.cases.create(load_case_file(example_path))
    paths = write_demo_set(tmp_path / "docs", example_dict, reasons=REASONS)
    denial = next(p for p in paths if "denial_letter" in p.name)
    # (the unreviewed "other" document would be held back: tests/core/test_bundle_gates.py)
    evidence = [p for p in paths if "medical_necessity" not in p.name and "other" not in p.name]
    Attacher(store, profile).attach(case_id, evidence)
    EventRepository(store.db).add(
        case_id,
        "denied",
        date(2025, 7, 1),
        {"letter_date": "2025-07-01", "received": "2025-07-03", "reasons": REASONS},
    )
    out = tmp_path / "appeal.pdf"
    rc = main(
        ["--data-dir", str(store.root), "bundle", case_id, "--out", str(out)]
        + ["--letter", "internal_appeal", "--allow-missing", "--json"]
    )
    assert rc == 0
    manifest = json.loads(capsys.readouterr().out)
    assert manifest["letter_kind"] == "internal_appeal"
    titles = [s["title"] for s in manifest["sections"]]
    assert titles[0] == "Appeal letter"
    denial_section = next(s for s in manifest["sections"] if s["id"] == "denial_letter")
    assert [d["file"] for d in denial_section["documents"]] == [denial.name]
    reader = PdfReader(out)
    cover = reader.pages[0].extract_text()
    assert "Internal appeal" in cover
    first, last = (manifest["sections"][0]["output_pages"][k] for k in ("first", "last"))
    letter = " ".join(reader.pages[i - 1].extract_text() for i in range(first, last + 1))
    assert "experimental" in letter.lower() and "neurolog" in letter.lower()
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_appeal_without_denial_letter_warns(qapp, store, example_path, tmp_path):
    from qalsody_desktop.core.bundle import BundleBuilder, BundleOptions

    case_id = store.cases.create(load_case_file(example_path))
    result = BundleBuilder(store, load_default_profile()).build(
        case_id, tmp_path / "a.pdf", BundleOptions(letter_kind="external_review_request")
    )
    assert any("no denial letter" in w for w in result.warnings)
    assert result.manifest["sections"][0]["title"] == "External review request"
