#!/usr/bin/env python3
"""Reader memory: peak RSS of the intake reader process on a large scanned PDF, vs the file.

The file goes to a reader process exactly as the app sends it (one request frame on its
stdin); the reader's peak resident memory (``VmHWM`` of that child) is printed beside the
file size and beside an idle reader (the interpreter and the reader modules alone), so the
part the file costs is visible. Target: peak <= 1.5x the file (on top of the idle reader).

Usage: python benchmarks/reader_memory_bench.py [FILE.pdf] [RUNS]
       (no file: a ~60 MB image-only PDF is generated, 96 scanned Letter pages)
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_mb(frame: bytes | None) -> float:
    """Run one reader on ``frame`` (None: no request, the idle reader); its peak RSS in MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as request:
        if frame:
            request.write(frame)
            request.seek(0)
        # VmHWM, not ru_maxrss: the latter survives exec and so includes this parent process
        code = (
            "import sys\n"
            "from qalsody_desktop.core.intake import worker\n"
            "rc = worker.main()\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(hwm.split()[1], file=sys.stderr)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            stdin=request,
            capture_output=True,
            env=env,
            check=True,
        )
    return int(out.stderr.decode().strip().splitlines()[-1]) / 1024  # kB on Linux


def main() -> int:
    from qalsody_desktop.core.intake.jobs import JobOptions
    from qalsody_desktop.core.intake.worker import write_frame

    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="qalsody-reader-mem-") as tmp:
        if len(sys.argv) > 1:
            path = Path(sys.argv[1])
        else:
            from bench_data import scanned_pdf  # type: ignore[import-not-found]

            path = Path(tmp) / "scan.pdf"
            scanned_pdf(path, 96, 7)
        data = path.read_bytes()
        buffer = io.BytesIO()
        options = JobOptions(50, 200_000, None)
        write_frame(buffer, {"fmt": "pdf", "options": options.to_wire()}, data)
        frame = buffer.getvalue()
        del data
        size = path.stat().st_size / 1e6 * 1e6 / 2**20
        idle = [peak_mb(None) for _ in range(runs)]
        busy = [peak_mb(frame) for _ in range(runs)]
    extra = statistics.median(busy) - statistics.median(idle)
    print(f"file {path.name}: {size:.1f} MB")
    for label, values in (("idle reader", idle), ("reading it", busy)):
        low, high = min(values), max(values)
        print(f"{label:12s} peak RSS {statistics.median(values):6.1f} MB ({low:.0f}-{high:.0f})")
    print(
        f"the file's part: {extra:.1f} MB = {extra / size:.2f}x the file;"
        f" whole reader {statistics.median(busy) / size:.2f}x (target <= 1.5x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
