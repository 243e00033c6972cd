"""Benchmark: attaching files (the real attach path: reader processes, classification, facts,
storage) against pdftotext on the same files, and OCR of fax pages.

    .venv/bin/python benchmarks/intake_bench.py [--data DIR] [--fax-pages 8] [--json]

Inputs (generated, fictional): 20 text PDFs of 25 pages (500 pages) and a fax of --fax-pages
pages (CCITT G4 TIFF, fine and standard resolution, skewed up to 3 degrees, some sideways or
upside down). Measured, each in a fresh data folder:
  read          intake alone (``inspect_file`` in the reader processes: structure and the text
                of every page), PDFium (the default) and pypdf (before), for comparison
  attach        ``Attacher.attach`` of the 20 PDFs: reading plus classification, fact
                extraction, identity review and storage, PDFium and pypdf
  pdftotext     `pdftotext file -` on each of the same files, one after the other
  again         attaching the same files to a second case: served from the analysis cache
  fax           ``Attacher.attach`` of the fax (Tesseract OCR, page by page): seconds per page
                and the character error rate against the typed text
Targets (issue 13): >= 100 pages/s for text PDFs (500 pages in <= 5 s); <= 2 s per fax page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_data import text_pdf

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qalsody_desktop.core import intake  # noqa: E402
from qalsody_desktop.core.codec import case_from_dict  # noqa: E402
from qalsody_desktop.core.evidence.attach import Attacher  # noqa: E402
from qalsody_desktop.core.policy import load_default_profile  # noqa: E402
from qalsody_desktop.core.storage import Store  # noqa: E402
from qalsody_desktop.core.synthetic.fax import (  # noqa: E402
    FINE,
    STANDARD,
    character_error_rate,
    clinic_note_lines,
    fax_page,
    fax_tiff,
)

DEMO_CASE = REPO / "resources" / "demo" / "demo-case.json"
TEXT_FILES, TEXT_PAGES = 20, 25


def make_text_pdfs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(TEXT_FILES):
        path = folder / f"record-{index:02d}.pdf"
        if not path.exists():
            text_pdf(path, TEXT_PAGES, seed=index)
        paths.append(path)
    return paths


def make_fax(folder: Path, pages: int, dpi: tuple[int, int]) -> tuple[Path, list[str]]:
    """A fax of ``pages`` pages: skews -3..3 degrees, every fourth page turned."""
    folder.mkdir(parents=True, exist_ok=True)
    turns = [0, 0, 0, 180, 0, 90, 0, 270]
    skews = [0.0, 2.5, -3.0, 1.0, -1.5, 0.5, 3.0, -2.0]
    made = [
        fax_page(
            clinic_note_lines("Harold", "Vance", "04/09/1966", "TAC-102934", seed=i),
            dpi=dpi,
            skew=skews[i % len(skews)],
            rotate=turns[i % len(turns)],
            seed=i,
        )
        for i in range(pages)
    ]
    name = "fine" if dpi == FINE else "standard"
    path = folder / f"fax-{name}.tif"
    path.write_bytes(fax_tiff(made))
    return path, [p.text for p in made]


def attach_timed(root: Path, files: list[Path], cases: int = 1) -> list[float]:
    """Seconds to attach ``files`` to each of ``cases`` new cases in the store at ``root``."""
    case = json.loads(DEMO_CASE.read_text(encoding="utf-8"))
    profile = load_default_profile()
    times = []
    with Store(root) as store:
        for _ in range(cases):
            case_id = store.cases.create(case_from_dict(case))
            started = time.perf_counter()
            outcomes = Attacher(store, profile).attach(case_id, files)
            times.append(time.perf_counter() - started)
            bad = [o for o in outcomes if o.status != "ok"]
            if bad:
                raise SystemExit(f"attach failed: {[(o.file, o.error) for o in bad]}")
    return times


def pdftotext_timed(files: list[Path]) -> float | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    started = time.perf_counter()
    for path in files:
        subprocess.run([exe, str(path), "-"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def read_timed(files: list[Path]) -> float:
    """Seconds for intake alone (reader process: structure, text of every page), no analysis."""
    started = time.perf_counter()
    for path in files:
        result = intake.inspect_file(path)
        if not result.ok or len(result.page_texts) != result.pages:
            raise SystemExit(f"read failed: {path.name}: {result.error}")
    return time.perf_counter() - started


def text_run(work: Path, files: list[Path], engine: str) -> tuple[float, list[float]]:
    """Read, then attach, with the given PDF text engine (readers started afresh to use it)."""
    intake.shutdown()
    if engine == "pypdf":
        os.environ["QALSODY_PDF_TEXT"] = "pypdf"
    else:
        os.environ.pop("QALSODY_PDF_TEXT", None)
    intake.prewarm()
    time.sleep(1.0)  # the warm reader is part of a running app, not of the measurement
    try:
        read = read_timed(files)
        return read, attach_timed(work / f"store-{engine}", files, cases=2)
    finally:
        intake.shutdown()
        os.environ.pop("QALSODY_PDF_TEXT", None)


def fax_run(work: Path, fax: Path, expected: list[str]) -> dict[str, Any]:
    intake.prewarm()
    time.sleep(1.0)
    root = work / f"store-{fax.stem}"
    (seconds,) = attach_timed(root, [fax])
    with Store(root) as store:
        (att,) = [a for c in store.cases.list() for a in store.attachments.list(c.id)]
        texts = store.attachments.page_texts(att.id)
        turns = att.pages_state.rotation
    cers = [character_error_rate(e, t) for e, t in zip(expected, texts, strict=True)]
    return {
        "file": fax.name,
        "pages": len(expected),
        "seconds": round(seconds, 2),
        "seconds_per_page": round(seconds / len(expected), 2),
        "cer_mean": round(sum(cers) / len(cers), 4),
        "cer_max": round(max(cers), 4),
        "pages_turned": len(turns),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="keep inputs here (default: a temp folder)")
    parser.add_argument("--fax-pages", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qalsody-intake-bench-"))
    try:
        inputs = args.data or tmp / "inputs"
        files = make_text_pdfs(inputs / "text")
        pages = TEXT_FILES * TEXT_PAGES
        read_pdfium, pdfium = text_run(tmp, files, "pdfium")
        read_pypdf, pypdf = text_run(tmp, files, "pypdf")
        poppler = pdftotext_timed(files)
        faxes = [make_fax(inputs / "fax", args.fax_pages, dpi) for dpi in (FINE, STANDARD)]
        fax_results = [fax_run(tmp, path, expected) for path, expected in faxes]
        report: dict[str, Any] = {
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "text_files": len(files),
            "text_pages": pages,
            "read_pdfium_s": round(read_pdfium, 2),
            "read_pdfium_pages_per_s": round(pages / read_pdfium, 1),
            "read_pypdf_s": round(read_pypdf, 2),
            "attach_pdfium_s": round(pdfium[0], 2),
            "attach_pdfium_pages_per_s": round(pages / pdfium[0], 1),
            "attach_again_cached_s": round(pdfium[1], 2),
            "attach_pypdf_s": round(pypdf[0], 2),
            "attach_pypdf_pages_per_s": round(pages / pypdf[0], 1),
            "pdftotext_s": None if poppler is None else round(poppler, 2),
            "fax": fax_results,
        }
    finally:
        intake.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"machine: {report['cpus']} CPUs, load average {report['load_average']}")
    print(f"{pages} text pages in {len(files)} PDFs:")
    print(
        f"  {'read (PDFium, readers)':<28}{read_pdfium:7.2f} s  {pages / read_pdfium:7.1f} pages/s"
    )
    print(f"  {'read (pypdf, before)':<28}{read_pypdf:7.2f} s  {pages / read_pypdf:7.1f} pages/s")
    print(f"  {'attach (PDFium)':<28}{pdfium[0]:7.2f} s  {pages / pdfium[0]:7.1f} pages/s")
    print(f"  {'attach (pypdf, before)':<28}{pypdf[0]:7.2f} s  {pages / pypdf[0]:7.1f} pages/s")
    if poppler is not None:
        print(f"  {'pdftotext (same files)':<28}{poppler:7.2f} s  {pages / poppler:7.1f} pages/s")
    print(f"  {'attach again (cached)':<28}{pdfium[1]:7.2f} s")
    for fax in fax_results:
        print(
            f"fax {fax['file']}: {fax['pages']} pages in {fax['seconds']} s"
            f" ({fax['seconds_per_page']} s/page), CER mean {fax['cer_mean']:.2%}"
            f" max {fax['cer_max']:.2%}, {fax['pages_turned']} pages turned upright"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
