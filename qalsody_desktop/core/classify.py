"""Which evidence category a document's text belongs to, from the profile's weighted keywords.

Staff drop dozens of files on a case; a wrong category silently puts a denial letter where the
genetic report should be. So the classifier prefers "needs review" to a confident guess: low
scores fall back to ``other``, a close second place lowers the confidence, and a document
without a text layer is never guessed at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .policy.model import Category, Keyword, PolicyProfile
from .policy.profile import FALLBACK_CATEGORY

WARN_UNCERTAIN = "needs review: category uncertain"
WARN_NO_TEXT = "needs review: no text layer (scanned)"

MIN_TEXT_CHARS = 20  # fewer letters/digits than this is not a text layer worth reading
MIN_SCORE = 8.0  # below this the best category is not trusted at all: ``other``
STRONG_SCORE = 18.0  # at or above this the absolute evidence no longer limits confidence
UNCERTAIN_BELOW = 0.5  # a confidence under this gets the "needs review" warning
COUNT_FACTORS = (0.0, 1.0, 1.5, 2.0)  # repeated phrases add less and less, capped at 3 hits
HEAD_CHARS = 400  # a phrase in the first lines (title, heading) counts once more
MAX_MATCHED = 8
MIN_DISTINCT = 2  # one phrase, however often repeated, never decides a category
MAX_CHARS = 60_000  # documents say what they are early; a 300-page book need not be read whole

_SPACE = re.compile(r"[^\S\n]+")
_BREAK = re.compile(r"\s*\n\s*")
_MEANINGFUL = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Classification:
    """The chosen category, how sure (0..1), the phrases that decided it, and warnings."""

    category: str
    confidence: float
    matched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1024)
def _regex(keyword: Keyword) -> re.Pattern[str]:
    """A case-insensitive regex for a keyword: whole words, flexible spaces and hyphens."""
    if keyword.pattern:
        return re.compile(keyword.pattern, re.IGNORECASE)
    phrase = (keyword.phrase or "").strip()
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words).replace(r"\-", r"[-\u2010-\u2014 ]?")
    lead = r"(?<![^\W_])" if phrase[:1].isalnum() else ""
    trail = r"(?![^\W_])" if phrase[-1:].isalnum() else ""
    return re.compile(lead + body + trail, re.IGNORECASE)


def normalize(text: str) -> str:
    """NFKC (ligatures, full-width forms), single spaces, line breaks kept for line patterns."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", text))
    return _BREAK.sub("\n", text).strip()


def _score(category: Category, text: str) -> tuple[float, list[tuple[float, str]]]:
    """The category's score for ``text`` and each positive contribution with its keyword."""
    total = 0.0
    hits: list[tuple[float, str]] = []
    for keyword in category.keywords:
        count, in_head = 0, False
        for m in _regex(keyword).finditer(text):
            count += 1
            in_head = in_head or m.start() < HEAD_CHARS
            if count >= len(COUNT_FACTORS) - 1:
                break
        if not count:
            continue
        value = keyword.weight * COUNT_FACTORS[count]
        if keyword.weight > 0 and in_head:
            value += keyword.weight
        total += value
        if value > 0:
            hits.append((value, keyword.display))
    return max(total, 0.0), hits


def classify_text(text: str, profile: PolicyProfile, *, has_text_layer: bool) -> Classification:
    """Classify a document's extracted text into one of the profile's categories."""
    clean = normalize((text or "")[:MAX_CHARS])
    if not has_text_layer or len(_MEANINGFUL.findall(clean)) < MIN_TEXT_CHARS:
        return Classification(FALLBACK_CATEGORY, 0.0, [], [WARN_NO_TEXT])
    results = {
        c.id: _score(c, clean)
        for c in profile.categories
        if c.keywords and c.id != FALLBACK_CATEGORY
    }
    scores = {cid: round(score, 2) for cid, (score, _) in results.items()}
    ranked = sorted(results, key=lambda cid: results[cid][0], reverse=True)
    if not ranked or results[ranked[0]][0] < MIN_SCORE or len(results[ranked[0]][1]) < MIN_DISTINCT:
        best = results[ranked[0]][0] if ranked else 0.0
        confidence = round(0.25 * max(0.0, 1 - best / MIN_SCORE), 3)
        return Classification(FALLBACK_CATEGORY, confidence, [], [WARN_UNCERTAIN], scores)
    best_id = ranked[0]
    first = results[best_id][0]
    second = results[ranked[1]][0] if len(ranked) > 1 else 0.0
    margin = (first - second) / first
    strength = min(1.0, first / STRONG_SCORE)
    confidence = round(strength * margin**0.7, 3)
    hits = sorted(results[best_id][1], key=lambda h: -h[0])
    matched = list(dict.fromkeys(name for _, name in hits))[:MAX_MATCHED]
    warnings = [WARN_UNCERTAIN] if confidence < UNCERTAIN_BELOW else []
    return Classification(best_id, confidence, matched, warnings, scores)
