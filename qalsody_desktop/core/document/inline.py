"""Inline text: styled runs and placeholders, plus the checks both renderers rely on.

Kept apart from the block types so renderers and composers can share ``to_inlines`` and
``clean_text`` without pulling in the whole model.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

# C0 controls other than tab/newline are not valid in DOCX XML; OCR'd text sometimes has them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Word bookmark names: a letter, then letters, digits or underscores, at most 40 characters.
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and drop control characters neither format can carry."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    return clean_text(text).replace("\n", " ")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style; ``\\n`` inside is a line break, not a new paragraph."""

    text: str
    bold: bool = False
    italic: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text))


@dataclass(frozen=True)
class Placeholder:
    """A fact the case lacks; rendered as ``[label]`` and highlighted in both outputs."""

    label: str

    def __post_init__(self) -> None:
        label = one_line(self.label).strip()
        if not label:
            raise ValueError("a placeholder needs a label")
        object.__setattr__(self, "label", label)

    @property
    def text(self) -> str:
        return f"[{self.label}]"


Inline: TypeAlias = Run | Placeholder
Inlines: TypeAlias = tuple[Inline, ...]
InlineLike: TypeAlias = str | Run | Placeholder | Iterable[str | Run | Placeholder]


def to_inlines(value: InlineLike | None) -> Inlines:
    """Accept a string, one inline or a sequence of them (strings become plain runs)."""
    if value is None:
        return ()
    items: Iterable[str | Run | Placeholder]
    items = (value,) if isinstance(value, str | Run | Placeholder) else value
    out: list[Inline] = []
    for item in items:
        inline = Run(item) if isinstance(item, str) else item
        if not isinstance(inline, Run | Placeholder):
            raise TypeError(f"not text, a Run or a Placeholder: {type(inline).__name__}")
        if isinstance(inline, Run) and not inline.text:
            continue
        out.append(inline)
    return tuple(out)


def inline_text(inlines: Inlines) -> str:
    return "".join(i.text for i in inlines)


def check_id(block_id: str | None) -> None:
    """Ids double as DOCX bookmark names, so they follow Word's rules."""
    if block_id is not None and not _ID.match(block_id):
        raise ValueError(f"block id {block_id!r}: a letter, then letters, digits or _ (max 40)")


def png_size(data: bytes) -> tuple[int, int]:
    """Pixel width and height from the PNG header; raises ValueError for anything but a PNG."""
    if (
        not isinstance(data, bytes | bytearray)
        or len(data) < 24
        or not data.startswith(PNG_SIGNATURE)
        or data[12:16] != b"IHDR"
    ):
        raise ValueError("image data is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise ValueError("PNG has no pixels")
    return width, height
