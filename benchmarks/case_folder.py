#!/usr/bin/env python3
"""A data folder of many synthetic cases with timelines, for the scale benchmarks.

Each case is the demo case with another (fictional, seeded) name, member id, plan type and
urgency, and 0-5 timeline events ending within the last few months: submitted, calls,
denials, appeals, approvals, as a clinic accumulates them over years. Everything is written
through the real repositories (validation, audit), so the folder is what the app would hold.

Usage: python benchmarks/case_folder.py FOLDER CASES [SEED]
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = ("Ada", "Bram", "Cleo", "Dov", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonah", "Kaia")
LAST = ("Arden", "Birch", "Calloway", "Dunmore", "Ellery", "Fenwick", "Garrow", "Hale", "Ives")
PLANS = ("fully_insured", "self_funded_erisa", "medicare_advantage", None)
# timelines a case goes through, in order; a case stops somewhere along one of them
PATHS = (
    ("submitted", "call", "approved"),
    ("submitted", "denied", "appeal_filed", "appeal_decided"),
    ("submitted", "info_requested", "call"),
    ("submitted", "denied", "appeal_filed", "final_denial_received", "external_review_requested"),
)


def build(folder: Path, cases: int, seed: int = 16, today: date | None = None) -> Path:
    """Write ``cases`` cases into a new data folder; returns the folder."""
    from qalsody_desktop.core.caseio import load_case_file
    from qalsody_desktop.core.paths import resources_dir
    from qalsody_desktop.core.storage import Store

    rnd = random.Random(seed)
    today = today or date.today()
    template = load_case_file(resources_dir() / "demo" / "demo-case.json")
    with Store(folder) as store:
        for number in range(cases):
            case = template
            case.patient.first_name = rnd.choice(FIRST)
            case.patient.last_name = f"{rnd.choice(LAST)}{number}"
            case.patient.mrn = f"SYN-{seed}-{number:06d}"
            case.insurance.member_id = f"SYN{number:09d}"
            case.insurance.plan_type = rnd.choice(PLANS)
            case.request.urgency = rnd.choice(("standard", "expedited"))
            case_id = store.cases.create(case, source="benchmark")
            path = rnd.choice(PATHS)
            steps = path[: rnd.randrange(0, len(path) + 1)]
            day = today - timedelta(days=rnd.randrange(5, 900))
            for step in steps:
                data: dict[str, object] = {}
                if step == "appeal_decided":
                    data["outcome"] = rnd.choice(("upheld", "overturned"))
                if step == "call":
                    data["direction"] = "outgoing"
                store.events.add(case_id, step, min(day, today), data)
                day += timedelta(days=rnd.randrange(2, 40))
    return folder


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, cases = Path(sys.argv[1]), int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    if folder.exists() and any(folder.iterdir()):
        print(f"{folder} is not empty", file=sys.stderr)
        return 2
    started = time.perf_counter()
    build(folder, cases, seed)
    took = time.perf_counter() - started
    print(json.dumps({"folder": str(folder), "cases": cases, "seconds": round(took, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
