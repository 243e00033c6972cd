"""Which evidence category a document (or one page of it) belongs to.

Staff drop dozens of files on a case; a wrong category silently puts a denial letter where the
genetic report should be. The decision is a naive Bayes model over many kinds of signal
(headings, labels, vocabulary, units and lab markers, letterhead, and the profile's weighted
keywords as features; see ``classifier.features``), trained on a development set of styles
written independently of the demo documents, plus the clinic's own corrections (``classifier.
local``). It still prefers "needs review" to a confident guess: too little indicative evidence
falls back to ``other``, a close second place lowers the confidence, and a document without a
text layer is never guessed at all. Fax cover sheets are recognised (``cover_sheet``) so they
can be left out of a bundle.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from .classifier.features import features
from .classifier.model import Counts, NaiveBayes, base_counts
from .extract.scan import case_aligned
from .policy.model import Category, Keyword, PolicyProfile
from .policy.profile import FALLBACK_CATEGORY

WARN_UNCERTAIN = "needs review: category uncertain"
WARN_NO_TEXT = "needs review: no text layer (scanned)"
WARN_COVER = "fax cover sheet: left out of the bundle unless you include it"
COVER_SHEET = "fax_cover"  # a class of the model, not a profile category (never bundled)

MIN_TEXT_CHARS = 20  # fewer letters/digits than this is not a text layer worth reading
MIN_SCORE = 8.0  # a profile keyword score from here on is a strong keyword feature
UNCERTAIN_BELOW = 0.5  # a confidence under this gets the "needs review" warning
MIN_EVIDENCE = 6  # fewer indicative features than this for the best class: ``other``
MIN_KNOWN = 0.25  # under this share of known features a text is off-domain (a paper, a tax
# form), unless the profile's keywords for the best category hit strongly
LOCAL_WEIGHT = 3.0  # one corrected document of the clinic counts like three training pages
COUNT_FACTORS = (0.0, 1.0, 1.5, 2.0)  # repeated phrases add less and less, capped at 3 hits
HEAD_CHARS = 400  # a phrase in the first lines (title, heading) counts once more
MAX_MATCHED = 8
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
    cover_sheet: bool = False


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


@lru_cache(maxsize=1024)
def _anchor(keyword: Keyword) -> str:
    """Letters a phrase's match must contain (its first word's leading run, lower case), so
    the regex runs only on texts that have them: 180 regexes over a long record are slow."""
    if keyword.pattern or not keyword.phrase:
        return ""
    m = re.match(r"[^\W_]+", keyword.phrase.strip().lower())
    return m.group(0) if m else ""


@lru_cache(maxsize=1024)
def _finder(keyword: Keyword) -> re.Pattern[str] | None:
    """A case-sensitive regex for a phrase's body in lower-cased text, without the word-edge
    checks: a fast search for the places where the phrase regex can match (None when the
    phrase is not ASCII, so lower-casing might not keep it character for character)."""
    phrase = (keyword.phrase or "").strip().lower()
    if keyword.pattern or not phrase or not phrase.isascii():
        return None
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"\s+".join(words).replace(r"\-", r"[-\u2010-\u2014 ]?"))


def _anchored_starts(
    rx: re.Pattern[str], finder: re.Pattern[str], text: str, lower: str, cap: int
) -> list[int]:
    """The starts of ``rx``'s first ``cap`` matches, as ``finditer`` finds them, trying the
    regex only where ``finder`` matches ``lower``: 180 case-insensitive regexes tried at every
    character of a 60,000-character record were the slow part of classifying it."""
    starts: list[int] = []
    found = finder.search(lower)
    while found is not None and len(starts) < cap:
        pos = found.start()
        m = rx.match(text, pos)
        if m is None:
            found = finder.search(lower, pos + 1)
            continue
        starts.append(m.start())
        found = finder.search(lower, max(m.end(), pos + 1))
    return starts


def _score(
    category: Category, text: str, lower: str | None = None
) -> tuple[float, list[tuple[float, str]]]:
    """The category's score for ``text`` and each positive contribution with its keyword."""
    total = 0.0
    hits: list[tuple[float, str]] = []
    lower = text.lower() if lower is None else lower
    aligned = case_aligned(text, lower)
    for keyword in category.keywords:
        anchor = _anchor(keyword)
        if anchor not in lower:
            continue
        cap = len(COUNT_FACTORS) - 1
        finder = _finder(keyword) if aligned else None
        if finder is not None:
            starts = _anchored_starts(_regex(keyword), finder, text, lower, cap)
        else:
            starts = [m.start() for m in islice(_regex(keyword).finditer(text), cap)]
        count = len(starts)
        in_head = any(s < HEAD_CHARS for s in starts)
        if not count:
            continue
        value = keyword.weight * COUNT_FACTORS[count]
        if keyword.weight > 0 and in_head:
            value += keyword.weight
        total += value
        if value > 0:
            hits.append((value, keyword.display))
    return max(total, 0.0), hits


def _keyword_hits(profile: PolicyProfile, text: str) -> tuple[list[str], dict[str, list[str]]]:
    """Keyword features (the category id for any positive score, ``strong_<id>`` for a score
    of ``MIN_SCORE`` from two phrases or more) and the phrases that matched."""
    hits: list[str] = []
    phrases: dict[str, list[str]] = {}
    lower = text.lower()
    for c in profile.categories:
        if not c.keywords or c.id == FALLBACK_CATEGORY:
            continue
        score, found = _score(c, text, lower)
        if score > 0 and found:
            hits.append(c.id)
            if score >= MIN_SCORE and len(found) >= 2:
                hits.append("strong_" + c.id)
            ordered = sorted(found, key=lambda h: -h[0])
            phrases[c.id] = list(dict.fromkeys(name for _, name in ordered))
    return hits, phrases


def page_features(text: str, profile: PolicyProfile) -> set[str]:
    """The features the model reads for ``text`` (training uses exactly these)."""
    clean = normalize((text or "")[:MAX_CHARS])
    return features(clean, _keyword_hits(profile, clean)[0])


_MODELS: dict[tuple[int, int], tuple[Counts, Counts | None, NaiveBayes]] = {}


def _model(local: Counts | None, base: Counts | None = None) -> NaiveBayes:
    """The shipped model (or ``base``), with the clinic's corrections added when given."""
    base = base if base is not None else base_counts()
    key = (id(base), id(local))
    cached = _MODELS.get(key)
    if cached is not None and cached[0] is base and cached[1] is local:
        return cached[2]
    model = NaiveBayes(base if local is None else base.merged(local, LOCAL_WEIGHT))
    if len(_MODELS) > 4:
        _MODELS.clear()
    _MODELS[key] = (base, local, model)
    return model


_EVIDENCE_NAMES = {"h": "heading", "l": "label", "m": "marker", "u": "unit", "t": "title"}


def _describe(feature: str) -> str | None:
    kind, _, value = feature.partition(":")
    name = _EVIDENCE_NAMES.get(kind)
    return f"{name}: {value.replace('_', ' ')}" if name else None


def classify_text(
    text: str,
    profile: PolicyProfile,
    *,
    has_text_layer: bool,
    local: Counts | None = None,
    base: Counts | None = None,
) -> Classification:
    """Classify a document's (or a page's) extracted text into one of the profile's categories.

    ``local`` holds the clinic's corrections (``classifier.local.load_local``); ``base``
    replaces the shipped model (the development-set evaluation trains its own per fold).
    """
    clean = normalize((text or "")[:MAX_CHARS])
    if not has_text_layer or len(_MEANINGFUL.findall(clean)) < MIN_TEXT_CHARS:
        return Classification(FALLBACK_CATEGORY, 0.0, [], [WARN_NO_TEXT])
    hits, phrases = _keyword_hits(profile, clean)
    feats = features(clean, hits)
    allowed = {c.id for c in profile.categories} | {COVER_SHEET}
    scored = _model(local, base).score(feats, allowed)
    posterior = scored.posterior
    scores = {cid: round(p, 3) for cid, p in sorted(posterior.items())}
    if not posterior:
        return Classification(FALLBACK_CATEGORY, 0.0, [], [WARN_UNCERTAIN], scores)
    best = max(posterior, key=lambda c: posterior[c])
    confidence = round(posterior[best], 3)
    off_domain = scored.known < MIN_KNOWN * len(feats) and f"k:strong_{best}" not in feats
    if best != FALLBACK_CATEGORY and (len(scored.evidence) < MIN_EVIDENCE or off_domain):
        low = round(min(0.25, confidence * len(scored.evidence) / (2 * MIN_EVIDENCE)), 3)
        return Classification(FALLBACK_CATEGORY, low, [], [WARN_UNCERTAIN], scores)
    if best == FALLBACK_CATEGORY or (best == COVER_SHEET and confidence < UNCERTAIN_BELOW):
        return Classification(
            FALLBACK_CATEGORY, round(min(confidence, 0.25), 3), [], [WARN_UNCERTAIN], scores
        )
    described = [d for d in map(_describe, scored.evidence) if d]
    matched = list(dict.fromkeys([*phrases.get(best, []), *described]))[:MAX_MATCHED]
    if best == COVER_SHEET:
        return Classification(
            FALLBACK_CATEGORY, confidence, matched, [WARN_COVER], scores, cover_sheet=True
        )
    warnings = [WARN_UNCERTAIN] if confidence < UNCERTAIN_BELOW else []
    return Classification(best, confidence, matched, warnings, scores)


def classify_pages(
    page_texts: Sequence[str], profile: PolicyProfile, local: Counts | None = None
) -> list[Classification]:
    """Each page on its own (a fax may hold several documents; see ``evidence.split``)."""
    return [
        classify_text(t, profile, has_text_layer=bool(t.strip()), local=local) for t in page_texts
    ]
