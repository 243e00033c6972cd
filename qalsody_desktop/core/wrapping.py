"""Greedy word wrap, shared by every text layout that has to break lines itself.

Linear in the text: each word is measured once and a line's width is kept as a running sum,
so a 100,000-character word lays out in well under a second (the old wraps re-measured a
line for every character). How a word is measured and how an over-long word is cut differ
per drawing engine, so both come in as functions.
"""

from __future__ import annotations

from collections.abc import Callable


def cut_by_character(word: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``word`` cut into pieces no wider than ``width`` (at least one character each), in one
    pass: for fonts whose widths add up exactly (no kerning or shaping)."""
    pieces: list[str] = []
    piece, used = "", 0.0
    for ch in word:
        step = measure(ch)
        if piece and used + step > width:
            pieces.append(piece)
            piece, used = "", 0.0
        piece += ch
        used += step
    pieces.append(piece)
    return pieces


def greedy_wrap(
    text: str,
    width: float,
    measure: Callable[[str], float],
    cut: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """``text`` broken into lines no wider than ``width``; a paragraph break (``\\n``) starts a
    new line and a word wider than a line is cut (``cut``, by default character by character)."""
    split = cut or (lambda word: cut_by_character(word, width, measure))
    space = measure(" ")
    lines: list[str] = []
    for para in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in para.split(" "):
            w = measure(word)
            if w > width:
                pieces = split(word)
                if current:
                    lines.append(" ".join(current))
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], measure(pieces[-1])
                continue
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [], 0.0
            used = used + space + w if current else w
            current.append(word)
        lines.append(" ".join(current))
    return lines
