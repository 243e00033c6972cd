"""Benchmark: build a submission bundle vs. qpdf merge + overlay stamp on the same files.

    .venv/bin/python benchmarks/bundle_bench.py [--repeat 3] [--data DIR] [--store DIR]
        [--scale N] [--attach intake|direct] [--json]

A synthetic set of about 20 files / 500 pages / 80 MB (text records, image-heavy scans and two
phone photos; ``--scale 4``: about 2,000 pages) is attached to a demo case through the real
intake (``Attacher``: page texts, OCR of the scans, stored analysis; not timed), then:
  ours  a child process that opens the store and runs ``BundleBuilder.build`` (start-up, case,
        identity checks of every page, checklist, generated letter (no signed copy is
        attached), cover, contents, crosswalk, every page sanitized, scaled, stamped "Page X
        of Y", manifest, export record); also timed through the CLI, `qalsody-pa bundle`
  qpdf  `qpdf --empty --pages ... -- merged.pdf` then `qpdf merged.pdf --overlay stamp.pdf
        --repeat=1 -- out.pdf` (one fixed stamp, no page numbers, nothing sanitized)
Wall time and peak memory (max RSS of each child, from os.wait4) are the median of --repeat
runs. qpdf cannot merge photos, so they are converted to one-page PDFs for qpdf beforehand
(not timed; our bundle converts them itself, timed). Target: ratio <= 1 for time, <= 2 for memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_data import photo, scanned_pdf, stamp_pdf, text_pdf

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from qalsody_desktop.core.bundle.gates import CONFIRM, record_decision  # noqa: E402
from qalsody_desktop.core.codec import case_from_dict  # noqa: E402
from qalsody_desktop.core.evidence.records import Attachment, PageState  # noqa: E402
from qalsody_desktop.core.storage import Store  # noqa: E402
from qalsody_desktop.core.storage.cases import now_iso  # noqa: E402
from qalsody_desktop.core.storage.prefs import CasePrefs  # noqa: E402

DEMO_CASE = REPO / "resources" / "demo" / "demo-case.json"
TEXT_DOCS = [
    ("clinic_note", 40),
    ("clinic_note", 36),
    ("alsfrs_r", 30),
    ("pulmonary_function", 34),
    ("emg_ncs", 36),
    ("nfl_lab", 30),
    ("pharmacy_record", 38),
    ("published_reference", 44),
    ("other", 40),
    ("clinic_note", 36),
]
SCANS = [("sod1_genetic_report", 15)] + [("clinic_note", 15)] * 4 + [("other", 15)] * 3
PHOTOS = ["insurance_card", "insurance_card"]


def make_inputs(folder: Path, case: dict, scale: int = 1) -> list[tuple[Path, str, int]]:
    """(file, category, pages) for the whole synthetic set (``scale`` times the text records
    and scans: about 500 pages a unit); reused when already there."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[tuple[Path, str, int]] = []  # no signed letter: the bundle generates one
    for i, (category, pages) in enumerate(TEXT_DOCS * scale, start=1):
        path = folder / f"{i:02d}-text-{category}.pdf"
        if not path.exists():
            text_pdf(path, pages, seed=i)
        files.append((path, category, pages))
    for i, (category, pages) in enumerate(SCANS * scale, start=1):
        path = folder / f"{i:02d}-scan-{category}.pdf"
        if not path.exists():
            scanned_pdf(path, pages, seed=i)
        files.append((path, category, pages))
    for i, category in enumerate(PHOTOS, start=1):
        path = folder / f"{i:02d}-photo-{category}.jpg"
        if not path.exists():
            photo(path, seed=100 + i)
        files.append((path, category, 1))
    return files


def attach_through_intake(store: Store, case_id: str, files: list[tuple[Path, str, int]]) -> None:
    """Each file through the real intake (``Attacher``: page texts, OCR, per-page analysis
    stored), as a user drops it, then confirmed as the patient's where a gate asks."""
    from qalsody_desktop.core.evidence.attach import Attacher
    from qalsody_desktop.core.policy.profile import load_default_profile

    attacher = Attacher(store, load_default_profile())
    for path, category, _ in files:
        (outcome,) = attacher.attach(case_id, [path], category=category)
        if outcome.status != "ok":
            raise SystemExit(f"attach failed: {path.name}: {outcome.error}")
    prefs = CasePrefs(store.db)
    for att in store.attachments.list(case_id):
        record_decision(prefs, case_id, att, CONFIRM)


def attach_directly(store: Store, case_id: str, files: list[tuple[Path, str, int]]) -> None:
    """Rows without intake (no page texts, no analysis): the old, flattering measure."""
    for path, category, pages in files:
        digest = store.blobs.put_file(path)
        kind = "image" if path.suffix == ".jpg" else "pdf"
        att = Attachment(
            id=store.attachments.new_id(),
            case_id=case_id,
            file_name=path.name,
            original_sha256=digest,
            working_sha256=digest,
            kind=kind,
            mime="image/jpeg" if kind == "image" else "application/pdf",
            size=path.stat().st_size,
            pages=pages,
            has_text_layer=kind == "pdf",
            needs_conversion=False,
            category=category,
            category_source="user",
            confidence=1.0,
            matched=[],
            warnings=[],
            analysis={"facts": []},
            pages_state=PageState(),
            document_date=None,
            position=0,
            added_at=now_iso(),
        )
        store.attachments.add(att, [])
        # no text to check whose they are: confirmed as the patient's, as a user would
        record_decision(CasePrefs(store.db), case_id, att, CONFIRM)


LAST_OUTPUT: list[str] = []


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one child process (its stdout in LAST_OUTPUT)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=errors, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errors.seek(0)
        LAST_OUTPUT[:] = [out.read().decode(errors="replace")]
        err = errors.read().decode(errors="replace")
    code = proc.returncode
    if code not in (0, 3):
        raise SystemExit(f"{cmd[0]} failed ({code}): {err[-800:]}")
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return wall, rss


def child(data_dir: str, case_id: str, out: str, route: str) -> int:
    """The bundle build alone, as the GUI runs it (no CLI: its other commands' imports)."""
    from qalsody_desktop.core.bundle import BundleBuilder, BundleOptions

    with Store(Path(data_dir)) as store:
        options = BundleOptions(route=route or None)
        start = time.perf_counter()
        result = BundleBuilder(store).build(case_id, Path(out), options)
        elapsed = time.perf_counter() - start
        if result.held_back:  # a bundle of front matter only would measure nothing
            raise SystemExit(f"{len(result.held_back)} input(s) held back: not measured")
        print(json.dumps({"build_s": elapsed, "pages": result.pages}))
    return 0


def photo_pdf(path: Path, out: Path) -> Path:
    from PIL import Image

    with Image.open(path) as image:
        image.convert("RGB").save(out, "PDF", resolution=300)
    return out


def qpdf_commands(qpdf: str, inputs: list[tuple[Path, str, int]], work: Path) -> list[list[str]]:
    """Merge then overlay one fixed stamp on every page: qpdf's nearest equivalent."""
    pdfs = [p if p.suffix == ".pdf" else photo_pdf(p, work / f"{p.stem}.pdf") for p, _, _ in inputs]
    stamp = work / "stamp.pdf"
    stamp_pdf(stamp, "Lindqvist, Maren Elise  |  DOB 1971-09-23  |  Member ID AMH7730142259")
    merged, out = work / "merged.pdf", work / "qpdf-out.pdf"
    return [
        [qpdf, "--empty", "--pages", *map(str, pdfs), "--", str(merged)],
        [qpdf, str(merged), "--overlay", str(stamp), "--repeat=1", "--", str(out)],
    ]


def median(values: list[float], scale: float = 1.0) -> float:
    return round(statistics.median(values) / scale, 3)


def report(result: dict[str, Any]) -> None:
    print(f"inputs: {result['files']} files, {result['pages']} pages, {result['input_mb']} MB")
    print(f"ours : {result['ours_s']:.2f} s, peak {result['ours_peak_mb']} MB (bundle build)")
    print(f"       of which {result['ours_build_only_s']:.2f} s building, the rest start-up")
    print(f"cli  : {result['cli_s']:.2f} s, peak {result['cli_peak_mb']} MB (qalsody-pa bundle)")
    if "qpdf_s" in result:
        print(
            f"qpdf : {result['qpdf_s']:.2f} s, peak {result['qpdf_peak_mb']} MB (merge + overlay)"
        )
        print(f"ratio: time {result['time_ratio']}x, memory {result['memory_ratio']}x")


def prepare(inputs_dir: str, data_dir: str, scale: str, how: str) -> int:
    case = json.loads(DEMO_CASE.read_text(encoding="utf-8"))
    inputs = make_inputs(Path(inputs_dir), case, int(scale))
    started = time.perf_counter()
    with Store(Path(data_dir)) as store:
        case_id = store.cases.create(case_from_dict(case))
        attach = attach_directly if how == "direct" else attach_through_intake
        attach(store, case_id, inputs)
    print(f"attached in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    qpdf = shutil.which("qpdf")
    work = Path(data_dir).parent
    commands = qpdf_commands(qpdf, inputs, work) if qpdf else []
    listed = [[str(p), k, n] for p, k, n in inputs]
    print(json.dumps({"case_id": case_id, "inputs": listed, "qpdf": commands}))
    return 0


def main() -> int:
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        return child(*sys.argv[2:])
    if len(sys.argv) == 6 and sys.argv[1] == "--prepare":
        return prepare(*sys.argv[2:])
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, help="keep the generated inputs here (reused)")
    parser.add_argument("--route", help="also pass --route to the bundle")
    parser.add_argument(
        "--store",
        type=Path,
        help="keep the prepared data folder here and reuse it (intake with OCR takes minutes)",
    )
    parser.add_argument(
        "--scale", type=int, default=1, help="times the set of records and scans (~500 pages)"
    )
    parser.add_argument(
        "--attach",
        choices=("intake", "direct"),
        default="intake",
        help="intake: through the real Attacher (page texts, OCR, analysis; the default);"
        " direct: rows without texts (the old figure, which skipped the identity checks)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qalsody-bench-") as tmp:
        work = Path(tmp)
        data_dir = work / "data"
        # inputs are made in a child process: a child's peak RSS on Linux starts from its
        # parent's RSS at fork, so this process must stay small for the figures to be true
        kept = args.store / "prepared.json" if args.store else None
        if kept is not None and kept.exists():  # intake (OCR of every scan) is done once
            prepared = json.loads(kept.read_text(encoding="utf-8"))
            data_dir = args.store / "data"
        else:
            if args.store:
                args.store.mkdir(parents=True, exist_ok=True)
                data_dir = args.store / "data"
            made = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--prepare",
                    str(args.data or work / "inputs"),
                    str(data_dir),
                    str(args.scale),
                    args.attach,
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            prepared = json.loads(made.stdout)
            print(made.stderr.strip(), file=sys.stderr)
            if kept is not None:
                kept.write_text(made.stdout, encoding="utf-8")
        case_id = prepared["case_id"]
        inputs = [(Path(p), kind, n) for p, kind, n in prepared["inputs"]]
        route = ["--route", args.route] if args.route else []
        exe = Path(sys.executable).with_name("qalsody-pa")
        base = [str(exe)] if exe.exists() else [sys.executable, "-m", "qalsody_desktop.cli"]
        cli_cmd = [*base, "--data-dir", str(data_dir), "bundle", case_id, "--allow-missing"]
        cli_cmd += ["--out", str(work / "cli.pdf"), *route]
        core_cmd = [sys.executable, __file__, "--child", str(data_dir), case_id]
        core_cmd += [str(work / "core.pdf"), args.route or ""]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        qpdf_cmds = prepared["qpdf"]  # made by the child too (Pillow would grow this process)
        runs: dict[str, list[tuple[float, int]]] = {"core": [], "cli": [], "qpdf": []}
        builds: list[float] = []
        for _ in range(args.repeat):  # interleaved, so a busy moment hits every contender
            runs["core"].append(measure(core_cmd, env))
            builds.append(json.loads(LAST_OUTPUT[0])["build_s"])
            runs["cli"].append(measure(cli_cmd, env))
            if qpdf_cmds:
                steps = [measure(cmd) for cmd in qpdf_cmds]
                runs["qpdf"].append((sum(t for t, _ in steps), max(m for _, m in steps)))
        result: dict[str, Any] = {
            "files": len(inputs),
            "pages": sum(n for _, _, n in inputs),
            "input_mb": round(sum(p.stat().st_size for p, _, _ in inputs) / 1e6, 1),
            "output_mb": round(sum(p.stat().st_size for p in work.glob("core*.pdf")) / 1e6, 1),
            "output_files": len(list(work.glob("core*.pdf"))),
            "ours_build_only_s": median(builds),
        }
        for name, values in runs.items():
            if values:
                result[f"{name}_s" if name != "core" else "ours_s"] = median([t for t, _ in values])
                key = f"{name}_peak_mb" if name != "core" else "ours_peak_mb"
                result[key] = round(median([m for _, m in values], 1e6), 1)
        if runs["qpdf"]:
            result["time_ratio"] = round(result["ours_s"] / result["qpdf_s"], 2)
            result["memory_ratio"] = round(result["ours_peak_mb"] / result["qpdf_peak_mb"], 2)
        else:
            result["qpdf"] = "not installed: no comparison"
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
