"""The one greedy word wrap both layout engines use (``core/wrapping.py``)."""

from __future__ import annotations

from qalsody_desktop.core.wrapping import cut_by_character, greedy_wrap


def one(value: str) -> float:
    return float(len(value))  # every character one unit wide: widths are easy to reason about


def test_words_fill_lines_and_paragraph_breaks_start_new_ones():
    assert greedy_wrap("aa bb cc dd", 5, one) == ["aa bb", "cc dd"]
    assert greedy_wrap("aa\nbb cc", 10, one) == ["aa", "bb cc"]
    assert greedy_wrap("", 5, one) == [""]


def test_a_word_longer_than_a_line_is_cut_and_the_line_goes_on_after_it():
    assert greedy_wrap("ab abcdefghij cd", 4, one) == ["ab", "abcd", "efgh", "ij", "cd"]
    assert cut_by_character("abcdefghij", 4, one) == ["abcd", "efgh", "ij"]
    assert cut_by_character("abc", 0.5, one) == ["a", "b", "c"]  # never an empty piece


def test_a_custom_cutter_is_used_for_long_words():
    cuts: list[str] = []

    def halves(word: str) -> list[str]:
        cuts.append(word)
        return [word[: len(word) // 2], word[len(word) // 2 :]]

    assert greedy_wrap("x abcdefgh", 5, one, halves) == ["x", "abcd", "efgh"]
    assert cuts == ["abcdefgh"]


def test_a_huge_word_is_measured_per_character_once():
    calls = 0

    def counting(value: str) -> float:
        nonlocal calls
        calls += 1
        return float(len(value))

    lines = greedy_wrap("x" * 100_000, 80, counting)
    assert len(lines) == 1250 and all(len(line) == 80 for line in lines)
    assert calls < 100_000 + 10  # one look per character, not per character per line
