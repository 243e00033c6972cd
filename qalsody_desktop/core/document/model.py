"""The document model: what a letter says and how it is structured, not how it looks.

Letters are composed once into this immutable model and then rendered twice (DOCX for the
office to edit, PDF to fax), so both outputs say exactly the same thing. ``plain_text()`` is the
contract: every line of it appears in both renderings. Blocks may carry an ``id`` (stable across
re-composition, e.g. ``"mnl_diagnosis"``) so an editor can find and replace one paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, TypeAlias

from .inline import (
    InlineLike,
    Inlines,
    Placeholder,
    Run,
    check_id,
    clean_text,
    inline_text,
    one_line,
    png_size,
    to_inlines,
)

ParagraphStyle: TypeAlias = Literal["body", "small", "quote"]
MAX_IMAGE_HEIGHT_IN = 7.5  # a page's text area is about 9 in tall; leave room for a caption


def _set(obj: object, **values: object) -> None:
    for name, value in values.items():
        object.__setattr__(obj, name, value)


@dataclass(frozen=True, init=False)
class Heading:
    content: Inlines
    level: int
    id: str | None

    def __init__(self, content: InlineLike, level: int = 1, id: str | None = None) -> None:
        if level not in (1, 2, 3):
            raise ValueError("heading level must be 1, 2 or 3")
        check_id(id)
        _set(self, content=to_inlines(content), level=level, id=id)

    @property
    def text(self) -> str:
        return inline_text(self.content)


@dataclass(frozen=True, init=False)
class Paragraph:
    """Body text. ``keep_with_next`` keeps e.g. "Sincerely," on the signature's page."""

    content: Inlines
    style: ParagraphStyle
    id: str | None
    keep_with_next: bool

    def __init__(
        self,
        content: InlineLike,
        style: ParagraphStyle = "body",
        id: str | None = None,
        keep_with_next: bool = False,
    ) -> None:
        if style not in ("body", "small", "quote"):
            raise ValueError(f"unknown paragraph style {style!r}")
        check_id(id)
        _set(self, content=to_inlines(content), style=style, id=id, keep_with_next=keep_with_next)

    @property
    def text(self) -> str:
        return inline_text(self.content)


@dataclass(frozen=True, init=False)
class BulletList:
    items: tuple[Inlines, ...]
    id: str | None

    def __init__(self, items: Iterable[InlineLike], id: str | None = None) -> None:
        normalised = tuple(to_inlines(i) for i in items)
        if not normalised:
            raise ValueError("a bullet list needs at least one item")
        check_id(id)
        _set(self, items=normalised, id=id)


@dataclass(frozen=True, init=False)
class Table:
    """A grid of short cells; ``col_widths`` are relative (stored normalised to sum to 1)."""

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    col_widths: tuple[float, ...]
    caption: str | None
    id: str | None

    def __init__(
        self,
        header: Iterable[InlineLike],
        rows: Iterable[Iterable[InlineLike]],
        col_widths: Iterable[float] | None = None,
        caption: str | None = None,
        id: str | None = None,
    ) -> None:
        head = tuple(to_inlines(c) for c in header)
        body = tuple(tuple(to_inlines(c) for c in row) for row in rows)
        ncols = len(head) if head else (len(body[0]) if body else 0)
        if ncols == 0:
            raise ValueError("a table needs at least one column")
        if any(len(r) != ncols for r in body):
            raise ValueError(f"every table row needs {ncols} cells")
        widths = tuple(float(w) for w in col_widths) if col_widths else (1.0,) * ncols
        if len(widths) != ncols or any(not w > 0 for w in widths):
            raise ValueError(f"col_widths needs {ncols} positive numbers")
        check_id(id)
        total = sum(widths)
        _set(self, header=head, rows=body, col_widths=tuple(w / total for w in widths))
        _set(self, caption=None if caption is None else one_line(caption), id=id)

    @property
    def ncols(self) -> int:
        return len(self.col_widths)


@dataclass(frozen=True)
class Image:
    """A PNG shown ``width_in`` inches wide (height keeps the aspect ratio), e.g. a chart."""

    png_bytes: bytes = field(repr=False)
    width_in: float
    alt: str = ""
    caption: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        png_size(self.png_bytes)
        if not 0.1 <= self.width_in <= 7.5:
            raise ValueError("image width must be 0.1 to 7.5 inches")
        check_id(self.id)
        _set(self, alt=one_line(self.alt))
        if self.caption is not None:
            _set(self, caption=one_line(self.caption))

    @property
    def height_in(self) -> float:
        width, height = png_size(self.png_bytes)
        return self.width_in * height / width

    def fitted_width_in(
        self, max_width_in: float, max_height_in: float = MAX_IMAGE_HEIGHT_IN
    ) -> float:
        """The width to draw at so the image fits the text column and a page."""
        return min(self.width_in, max_width_in, max_height_in * self.width_in / self.height_in)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True, init=False)
class SignatureBlock:
    """The signer's block; without ``signature_png`` it leaves a line for a wet signature."""

    name: Inlines
    credentials: Inlines
    npi: Inlines
    signature_png: bytes | None = field(repr=False)
    date_text: Inlines
    id: str | None

    def __init__(
        self,
        name: InlineLike,
        credentials: InlineLike | None = None,
        npi: InlineLike | None = None,
        signature_png: bytes | None = None,
        date_text: InlineLike | None = None,
        id: str | None = None,
    ) -> None:
        if signature_png is not None:
            png_size(signature_png)
        check_id(id)
        _set(self, name=to_inlines(name), credentials=to_inlines(credentials))
        _set(self, npi=to_inlines(npi), signature_png=signature_png)
        _set(self, date_text=to_inlines(date_text), id=id)
        if not self.name:
            raise ValueError("a signature block needs a name (or a Placeholder for it)")

    def lines(self) -> tuple[Inlines, ...]:
        """The text lines under the signature, identical in both renderings."""
        first = self.name + ((Run(", "), *self.credentials) if self.credentials else ())
        out: list[Inlines] = [first]
        if self.npi:
            out.append((Run("NPI "), *self.npi))
        if self.date_text:
            out.append(self.date_text)
        return tuple(out)


@dataclass(frozen=True)
class Letterhead:
    practice_name: str
    address_lines: Sequence[str] = ()  # stored as a tuple
    phone: str | None = None
    fax: str | None = None
    logo_png: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _set(self, practice_name=one_line(self.practice_name).strip())
        _set(self, address_lines=tuple(one_line(a) for a in self.address_lines if a.strip()))
        if not self.practice_name:
            raise ValueError("a letterhead needs the practice name")
        if self.logo_png is not None:
            png_size(self.logo_png)

    def contact_line(self) -> str | None:
        parts = [f"Phone {self.phone}" if self.phone else "", f"Fax {self.fax}" if self.fax else ""]
        return " · ".join(p for p in parts if p) or None

    def lines(self) -> tuple[str, ...]:
        contact = self.contact_line()
        return (self.practice_name, *self.address_lines, *((contact,) if contact else ()))


Block: TypeAlias = Heading | Paragraph | BulletList | Table | Image | PageBreak | SignatureBlock
BLOCK_TYPES = (Heading, Paragraph, BulletList, Table, Image, PageBreak, SignatureBlock)


def block_lines(block: Block) -> list[Inlines]:
    """Every inline sequence a block renders, in order (table: header cells, then row cells)."""
    if isinstance(block, Heading | Paragraph):
        return [block.content]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row)]
    if isinstance(block, SignatureBlock):
        return list(block.lines())
    return []


def block_id(block: Block) -> str | None:
    return None if isinstance(block, PageBreak) else block.id


@dataclass(frozen=True)
class Document:
    """A whole letter. ``title`` and ``metadata`` go into file properties, not onto the page."""

    title: str
    blocks: Sequence[Block]  # stored as a tuple
    letterhead: Letterhead | None = None
    footer_text: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        blocks = tuple(self.blocks)
        for b in blocks:
            if not isinstance(b, BLOCK_TYPES):
                raise TypeError(f"not a document block: {type(b).__name__}")
        ids = [i for i in map(block_id, blocks) if i]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate block ids: {', '.join(dupes)}")
        _set(self, blocks=blocks, title=one_line(self.title))
        if self.footer_text is not None:
            _set(self, footer_text=one_line(self.footer_text))
        meta = {str(k): clean_text(str(v)) for k, v in dict(self.metadata).items()}
        _set(self, metadata=MappingProxyType(meta))

    def ids(self) -> list[str]:
        return [i for i in map(block_id, self.blocks) if i]

    def block(self, wanted: str) -> Block:
        for b in self.blocks:
            if block_id(b) == wanted:
                return b
        raise KeyError(wanted)

    def replace_block(self, wanted: str, new: Block) -> Document:
        """A copy with block ``wanted`` replaced; the new block takes over that id."""
        self.block(wanted)
        if isinstance(new, PageBreak):
            raise ValueError("a page break has no id to keep")
        if new.id != wanted:
            new = replace(new, id=wanted)  # every block's __init__ takes its field names
        blocks = tuple(new if block_id(b) == wanted else b for b in self.blocks)
        return replace(self, blocks=blocks)

    def placeholders(self) -> list[str]:
        """Labels of every placeholder, in reading order, each once: what staff must fill in."""
        seen: dict[str, None] = {}
        for block in self.blocks:
            for inlines in block_lines(block):
                for item in inlines:
                    if isinstance(item, Placeholder):
                        seen.setdefault(item.label, None)
        return list(seen)

    def plain_text(self) -> str:
        """One line per paragraph, list item, signature line, caption or table row (cells
        joined by tabs). Every line, every cell, appears in both renderings; page numbers do not.
        """
        lines: list[str] = list(self.letterhead.lines()) if self.letterhead else []
        for block in self.blocks:
            if isinstance(block, Table):
                if block.caption:
                    lines.append(block.caption)
                for row in ((block.header,) if block.header else ()) + block.rows:
                    lines.append("\t".join(inline_text(c) for c in row))
            elif isinstance(block, Image):
                if block.caption:
                    lines.append(block.caption)
            else:
                lines.extend(inline_text(i) for i in block_lines(block))
        if self.footer_text:
            lines.append(self.footer_text)
        return "\n".join(lines)

    def text_fragments(self) -> list[str]:
        """``plain_text`` cut into lines and table cells: each one appears, unbroken except at
        line wraps, in every rendering. What tests and previews check output against."""
        return [c for line in self.plain_text().splitlines() for c in line.split("\t") if c.strip()]
