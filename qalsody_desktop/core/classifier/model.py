"""A multinomial naive Bayes model over page features, its counts kept as data.

Naive Bayes because it is small, dependency-free, trains by counting (so a clinic's correction
is one more count, see ``local``), and its evidence can be read back feature by feature. The
shipped counts live in ``resources/classifier/model.json``, trained by
``tests/devset/train.py`` on the development set; the app never trains the base model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..paths import resources_dir

FORMAT = "qalsody-classifier/1"
ALPHA = 0.3  # additive smoothing: small, because most features are rare and informative
TEMPERATURE = 12.0  # naive Bayes is overconfident (features are not independent): log-odds / T
INDICATIVE_RATIO = math.log(3)  # a feature at least 3x likelier in the class than on average
# The profile's keywords were written for any document of their category, not for one layout:
# they count four times. (Chosen by leave-one-style-out accuracy, with ALPHA and
# classify.MIN_EVIDENCE: 4x beat 1x and 2x; weighting headings or markers up did not help.)
PREFIX_WEIGHTS = {"k": 4.0}


def weight(feature: str) -> float:
    return PREFIX_WEIGHTS.get(feature.partition(":")[0], 1.0)


@dataclass
class Counts:
    """How many training pages each class had and, per class, how many held each feature."""

    docs: dict[str, float] = field(default_factory=dict)
    features: dict[str, dict[str, float]] = field(default_factory=dict)

    def add(self, label: str, feats: Iterable[str], weight: float = 1.0) -> None:
        self.docs[label] = self.docs.get(label, 0.0) + weight
        bucket = self.features.setdefault(label, {})
        for f in feats:
            bucket[f] = bucket.get(f, 0.0) + weight

    def merged(self, other: Counts, weight: float = 1.0) -> Counts:
        out = Counts(dict(self.docs), {c: dict(f) for c, f in self.features.items()})
        for label, n in other.docs.items():
            out.docs[label] = out.docs.get(label, 0.0) + n * weight
            bucket = out.features.setdefault(label, {})
            for f, k in other.features.get(label, {}).items():
                bucket[f] = bucket.get(f, 0.0) + k * weight
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            c: {
                "docs": self.docs.get(c, 0.0),
                "features": dict(sorted(self.features.get(c, {}).items())),
            }
            for c in sorted(self.docs)
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Counts:
        return cls(
            {c: float(v["docs"]) for c, v in data.items()},
            {c: {f: float(n) for f, n in v["features"].items()} for c, v in data.items()},
        )


@dataclass(frozen=True)
class Scored:
    """Posterior per class (tempered), and the features that spoke for the best class."""

    posterior: dict[str, float]
    evidence: list[str]  # indicative features of the best class, strongest first
    known: int  # how many of the page's features the model has seen at all


class NaiveBayes:
    """Binarised multinomial naive Bayes (a feature counts once per page)."""

    def __init__(self, counts: Counts, alpha: float = ALPHA):
        self.counts = counts
        self.alpha = alpha
        self.classes = sorted(c for c, n in counts.docs.items() if n > 0)
        self.vocab = {f for c in self.classes for f in counts.features.get(c, {})}
        total_docs = sum(counts.docs[c] for c in self.classes)
        v = len(self.vocab) or 1
        self.log_prior = {c: math.log(counts.docs[c] / total_docs) for c in self.classes}
        self.denominator = {
            c: math.log(sum(counts.features.get(c, {}).values()) + alpha * v) for c in self.classes
        }

    def log_p(self, cls: str, feature: str) -> float:
        n = self.counts.features.get(cls, {}).get(feature, 0.0)
        return math.log(n + self.alpha) - self.denominator[cls]

    def score(self, feats: Iterable[str], allowed: Iterable[str] | None = None) -> Scored:
        known = [f for f in feats if f in self.vocab]
        classes = [c for c in self.classes if allowed is None or c in set(allowed)]
        if not classes:
            return Scored({}, [], len(known))
        loglik = {
            c: self.log_prior[c] + sum(weight(f) * self.log_p(c, f) for f in known) for c in classes
        }
        top = max(loglik.values())
        weights = {c: math.exp((v - top) / TEMPERATURE) for c, v in loglik.items()}
        total = sum(weights.values())
        posterior = {c: w / total for c, w in weights.items()}
        best = max(posterior, key=lambda c: posterior[c])
        ratios = []
        for f in known:
            others = [self.log_p(c, f) for c in classes if c != best]
            if not others:
                continue
            mean_other = math.log(sum(math.exp(x) for x in others) / len(others))
            ratio = self.log_p(best, f) - mean_other
            if ratio >= INDICATIVE_RATIO and self.counts.features.get(best, {}).get(f, 0) >= 1:
                ratios.append((ratio, f))
        ratios.sort(reverse=True)
        return Scored(posterior, [f for _, f in ratios], len(known))


def base_model_path() -> Path:
    return resources_dir() / "classifier" / "model.json"


def read_counts(path: Path) -> Counts:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path.name}: not a {FORMAT} file")
    return Counts.from_json(data["classes"])


@lru_cache(maxsize=1)
def base_counts() -> Counts:
    """The shipped model's counts (read once; treat as read-only)."""
    return read_counts(base_model_path())
