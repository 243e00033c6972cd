"""EHR import benchmark: a generated ~50 MB FHIR R4 bundle (US Core-shaped: one patient, years
of vital signs and labs, a few ALS facts) read with progress, reviewed against an empty case.

    python benchmarks/ehr_import_bench.py [--mb 50]

Prints the file size, read time, throughput, progress callbacks, proposals and codes not mapped,
and the time to the first progress report (how soon Cancel can act).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qalsody_desktop.core.ehr import (  # noqa: E402
    build_review,
    commit_import,
    plan_import,
    read_export,
)
from qalsody_desktop.core.model import Case  # noqa: E402
from qalsody_desktop.core.policy.profile import load_default_profile  # noqa: E402
from qalsody_desktop.core.storage import Store  # noqa: E402

VITALS = [
    ("8867-4", "Heart rate", "/min"),
    ("8310-5", "Body temperature", "Cel"),
    ("9279-1", "Respiratory rate", "/min"),
    ("29463-7", "Body weight", "kg"),
    ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL"),
]


def generate(path: Path, target_mb: float) -> int:
    rnd = random.Random(7)
    base = [
        {
            "resourceType": "Patient",
            "id": "p",
            "name": [{"family": "Benchpatient", "given": ["Sam"]}],
            "birthDate": "1961-06-01",
            "gender": "female",
        },
        {
            "resourceType": "Condition",
            "id": "c",
            "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "G12.21"}]},
            "onsetDateTime": "2024-02-01",
        },
    ]
    with path.open("w") as fh:
        fh.write('{"resourceType":"Bundle","type":"searchset","entry":[')
        first = True
        for res in base:
            fh.write(("" if first else ",") + json.dumps({"resource": res}))
            first = False
        n = 0
        while fh.tell() < target_mb * 1024 * 1024:
            code, name, unit = VITALS[n % len(VITALS)]
            day = f"20{10 + n % 16:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            obs = {
                "resourceType": "Observation",
                "id": f"o{n}",
                "status": "final",
                "category": [{"coding": [{"code": "vital-signs"}]}],
                "code": {
                    "coding": [{"system": "http://loinc.org", "code": code, "display": name}],
                    "text": name,
                },
                "subject": {"reference": "Patient/p"},
                "effectiveDateTime": day + "T10:00:00Z",
                "valueQuantity": {"value": round(rnd.uniform(1, 120), 1), "unit": unit},
            }
            if n % 5000 == 0:
                obs["code"] = {"text": "ALSFRS-R total score"}
                obs["valueInteger"] = 40 - n // 5000 % 20
                obs.pop("valueQuantity")
            fh.write("," + json.dumps({"fullUrl": f"urn:uuid:o{n}", "resource": obs}))
            n += 1
        fh.write("]}")
    return n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.json"
        t0 = time.perf_counter()
        count = generate(path, args.mb)
        size = path.stat().st_size
        print(
            f"generated {size / 1e6:.1f} MB, {count} observations"
            f" in {time.perf_counter() - t0:.1f} s"
        )
        calls: list[float] = []
        start = time.perf_counter()

        def progress(done: int, total: int, _msg: str) -> None:
            calls.append(time.perf_counter() - start)

        imp = read_export(path, progress=progress)
        read_s = time.perf_counter() - start
        items = build_review(imp, Case())
        total_s = time.perf_counter() - start
        with Store(Path(tmp) / "data") as store:
            t1 = time.perf_counter()
            plan = plan_import(store, imp, path, None)
            chosen = [i for i in plan.items if i.acceptable and i.kind == "new"]
            result = commit_import(store, load_default_profile(), plan, chosen)
            commit_s = time.perf_counter() - t1
        gaps = [b - a for a, b in zip(calls, calls[1:], strict=False)]
        print(
            f"new case {result.case_id}: {len(result.applied)} values applied, record"
            f" {result.attachments[0].status}, in {commit_s:.2f} s"
        )
        print(
            f"read {read_s:.2f} s ({size / 1e6 / read_s:.1f} MB/s), review {total_s - read_s:.2f} s"
        )
        print(
            f"progress reports {len(calls)}, first after {calls[0] * 1000:.0f} ms, "
            f"longest gap {max(gaps) * 1000:.0f} ms"
        )
        print(
            f"proposals {len(imp.proposals)}, review items {len(items)}, "
            f"codes not mapped {len(imp.unmapped)}, resources {sum(imp.counts.values())}"
        )


if __name__ == "__main__":
    main()
