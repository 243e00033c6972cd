"""Train the shipped classifier on the development set, and evaluate it leave-one-style-out.

    PYTHONPATH=.:tests python -m devset.train          # writes resources/classifier/model.json
    PYTHONPATH=.:tests python -m devset.train --eval   # prints the leave-one-style-out table

The shipped model is trained on every style. The evaluation trains one model per held-out
(category, style): that style's documents are never counted while they are tested, so the
figures measure how the classifier does on a layout it has not seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from qalsody_desktop.core.classifier.model import FORMAT, Counts, base_model_path
from qalsody_desktop.core.classify import COVER_SHEET, classify_text, page_features
from qalsody_desktop.core.policy import load_default_profile

from .render import DevDoc, documents, fax_images, ocr_text, page_texts, render

MIN_COUNT = 2  # a feature seen on one training page only is noise (often a synthetic name)


@dataclass(frozen=True)
class Sample:
    doc: DevDoc
    text: str
    feats: frozenset[str]


def sample(doc: DevDoc, text: str) -> Sample:
    return Sample(doc, text, frozenset(page_features(text, load_default_profile())))


def text_samples(docs: Iterable[DevDoc]) -> list[Sample]:
    return [sample(d, "\n".join(page_texts(render(d)))) for d in docs]


def scan_samples(docs: Iterable[DevDoc]) -> list[Sample]:
    """The scanned third, read back by OCR (what the scan figures depend on)."""
    scanned = [d for d in docs if d.scanned]
    pages = [fax_images(render(d), d.seed) for d in scanned]
    flat = ocr_text([img for doc_pages in pages for img in doc_pages])
    out, at = [], 0
    for d, doc_pages in zip(scanned, pages, strict=True):
        out.append(sample(d, "\n".join(flat[at : at + len(doc_pages)])))
        at += len(doc_pages)
    return out


def count(samples: Iterable[Sample]) -> Counts:
    counts = Counts()
    for s in samples:
        counts.add(s.doc.category, s.feats)
    return _pruned(counts)


def _pruned(counts: Counts) -> Counts:
    total: dict[str, float] = defaultdict(float)
    for feats in counts.features.values():
        for f, n in feats.items():
            total[f] += n
    keep = {f for f, n in total.items() if n >= MIN_COUNT}
    return Counts(
        dict(counts.docs),
        {c: {f: n for f, n in feats.items() if f in keep} for c, feats in counts.features.items()},
    )


def predicted(result) -> str:
    return COVER_SHEET if result.cover_sheet else result.category


def loso(train: list[Sample], test: list[Sample]) -> list[tuple[Sample, str]]:
    """Each test sample classified by a model trained without any sample of its style."""
    profile = load_default_profile()
    out = []
    styles = sorted({(s.doc.category, s.doc.style) for s in test})
    for held in styles:
        counts = count(s for s in train if (s.doc.category, s.doc.style) != held)
        for s in test:
            if (s.doc.category, s.doc.style) == held:
                r = classify_text(s.text, profile, has_text_layer=True, base=counts)
                out.append((s, predicted(r)))
    return out


def table(results: list[tuple[Sample, str]]) -> dict[str, tuple[int, int]]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s, got in results:
        per[s.doc.category][0] += got == s.doc.category
        per[s.doc.category][1] += 1
    return {c: (ok, n) for c, (ok, n) in sorted(per.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="print leave-one-style-out accuracy")
    parser.add_argument("--scans", action="store_true", help="also evaluate the OCR'd scans")
    args = parser.parse_args(argv)
    docs = documents()
    samples = text_samples(docs)
    if not args.eval:
        counts = count(samples)
        data = {
            "format": FORMAT,
            "trained_on": f"tests/devset: {len(samples)} documents,"
            f" {len({(d.category, d.style) for d in docs})} styles",
            "classes": counts.to_json(),
        }
        path = base_model_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
        return 0
    sets = [("text", samples)]
    if args.scans:
        sets.append(("scans", scan_samples(docs)))
    for name, test in sets:
        results = loso(samples, test)
        rows = table(results)
        ok = sum(a for a, _ in rows.values())
        n = sum(b for _, b in rows.values())
        print(f"{name}: {ok}/{n} = {ok / n:.1%}")
        for cat, (a, b) in rows.items():
            print(f"  {cat:28s} {a:3d}/{b:<3d} {a / b:.0%}")
        for s, got in results:
            if got != s.doc.category:
                print(f"    miss {s.doc.key} -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
