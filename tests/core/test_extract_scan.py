"""The anchored scans (``extract/scan.py``, classify's keyword finder) find exactly what the full
case-insensitive scans find, on mixed clinical fragments, including the characters (İ ı ſ K)
for which lower-casing does not show where a case-insensitive match starts."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

from qalsody_desktop.core import classify
from qalsody_desktop.core.extract import dates, identifiers, text
from qalsody_desktop.core.extract.scan import case_aligned, scan
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.policy.model import Category

FRAGMENTS = [
    "12/20/2024", "2024-12-20", "Dec 20, 2024", "20 December 2024", "20-DEC-24", "04/09/66",
    "1.2.2024", "02/30/2025", "Dec. 20th, 2024", "SEPT 3 2021", "123/45/2024", "decline",
    "Date of service: ", "DOS ", "collected on ", "Visit date ", "date:", "testing", "drawn",
    "DOB: ", "D.O.B. ", "Date of Birth ", "born on ", "Member ID: ", "ID# ", "MRN ",
    "Medical record no. ", "Med. Rec. #", "patient id", "chart #", "U5521098834 01", "04091966",
    "Mr.", "Dr. ", "A. ", "vs. ", "end. ", "? ", "riluzole", "I am writing", "on behalf of my",
    "patient", "forced vital capacity", "progress note", "\u0130", "\u0131d", "\u017fep", "\u212a",
]  # fmt: skip
SEPARATORS = ["", " ", "  ", "\n", "-", ":", "\t", "|"]


def _texts(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(FRAGMENTS) + rnd.choice(SEPARATORS) for _ in range(rnd.randint(1, 30)))
        for _ in range(count)
    ]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_case_aligned_refuses_the_folding_characters() -> None:
    assert case_aligned("Patient DOB", "patient dob")
    for odd in ("\u0130", "\u0131", "\u017f", "\u212a"):
        assert not case_aligned(f"x{odd}y", f"x{odd}y".lower())


@pytest.mark.parametrize(
    ("rx", "starts"),
    [
        (text._DOC_DATE, text._DOC_DATE_START),
        (identifiers._DOB, identifiers._DOB_START),
        (identifiers._MEMBER_ID, identifiers._MEMBER_ID_START),
        (identifiers._MRN, identifiers._MRN_START),
    ],
    ids=["document_date", "dob", "member_id", "mrn"],
)
def test_scan_finds_what_finditer_finds(rx: re.Pattern[str], starts: re.Pattern[str]) -> None:
    for sample in _texts(1500, seed=13):
        assert _spans(scan(rx, starts, sample)) == _spans(rx.finditer(sample)), sample


def test_dates_and_sentence_ends_match_the_full_scans() -> None:
    full_end = re.compile(r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bvs)[.!?]\s+")
    for sample in _texts(1500, seed=7):
        assert _spans(dates._matches(sample)) == _spans(dates._ALL.finditer(sample)), sample
        ends = [m.span() for m in text._SENTENCE_END.finditer(sample, 2, len(sample))]
        assert ends == [m.span() for m in full_end.finditer(sample, 2, len(sample))], sample


def test_keyword_scores_match_the_full_scan() -> None:
    profile = load_default_profile()

    def full(category: Category, sample: str) -> tuple[float, list[tuple[float, str]]]:
        """The scoring as it was: every keyword's regex over the whole text."""
        total, hits = 0.0, []
        for keyword in category.keywords:
            if classify._anchor(keyword) not in sample.lower():
                continue
            found = list(classify._regex(keyword).finditer(sample))[:3]
            if not found:
                continue
            value = keyword.weight * classify.COUNT_FACTORS[len(found)]
            if keyword.weight > 0 and any(m.start() < classify.HEAD_CHARS for m in found):
                value += keyword.weight
            total += value
            if value > 0:
                hits.append((value, keyword.display))
        return max(total, 0.0), hits

    phrases = [k.phrase for c in profile.categories for k in c.keywords if k.phrase]
    rnd = random.Random(5)
    samples = _texts(200, seed=3)
    for _ in range(200):
        words = [rnd.choice(phrases) for _ in range(rnd.randint(1, 25))]
        cased = ["".join(ch.upper() if rnd.random() < 0.3 else ch for ch in w) for w in words]
        samples.append(rnd.choice(["", "\u212a "]) + "  x\n".join(cased))
    for sample in samples:
        for category in profile.categories:
            assert classify._score(category, sample) == full(category, sample), sample
