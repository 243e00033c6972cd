"""Page order, page numbers and parts: from the chosen documents to every output page.

The front matter's length depends on what it lists and what it lists depends on where the
pages fall, so the layout is repeated until the contents and crosswalk keep their page count
(it settles in one or two rounds). A route's limits split the pages into parts, preferring to
keep each document whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import DocSpec, PageRef, Part, Section

FULL_ENOUGH = 0.8  # a part this full starts a new one rather than split the next document
# Renders (contents pages, crosswalk pages) once every document knows its output pages.
FrontRenderer = Callable[[list[Part]], tuple[list[bytes], list[bytes]]]


@dataclass(frozen=True)
class Limit:
    """One budget per part: a weight per body page and the capacity of parts 1 and 2+.

    ``front`` is the weight of the front matter given its (contents, crosswalk) page counts;
    ``cover`` that of a later part's cover sheet.
    """

    weight: Callable[[PageRef], float]
    capacity: float
    front: Callable[[int, int], float]
    cover: float


@dataclass
class Layout:
    parts: list[Part]
    contents: list[bytes]
    crosswalk: list[bytes]

    @property
    def total(self) -> int:
        return sum(len(p.pages) for p in self.parts)


def body_pages(sections: Sequence[Section]) -> list[PageRef]:
    return [PageRef("doc", page, doc) for s in sections for doc in s.docs for page in doc.selected]


def split(
    body: list[PageRef], limits: Sequence[Limit], contents: int, crosswalk: int
) -> list[list[PageRef]]:
    """Greedy: a whole document goes into the current part if it fits; into a new part if it
    fits there and the current part is mostly full already; else page by page (a document may
    then span two parts: pages are numbered across parts). Fewer parts beat whole documents:
    each part is one more fax call or upload. A single page over a limit gets a part alone."""
    if not limits:
        return [body]
    caps_first = [lim.capacity - lim.front(contents, crosswalk) for lim in limits]
    caps_next = [lim.capacity - lim.cover for lim in limits]
    groups: list[list[PageRef]] = [[]]
    used = [0.0] * len(limits)
    caps = caps_first

    def weights(pages: Sequence[PageRef]) -> list[float]:
        return [sum(lim.weight(p) for p in pages) for lim in limits]

    def fits(extra: list[float], base: list[float], capacity: list[float]) -> bool:
        return all(b + e <= c for b, e, c in zip(base, extra, capacity, strict=True))

    def new_part() -> None:
        nonlocal caps, used
        groups.append([])
        caps, used = caps_next, [0.0] * len(limits)

    for doc_pages in _by_document(body):
        whole = weights(doc_pages)
        if fits(whole, used, caps):
            pass
        elif (
            groups[-1]
            and fits(whole, [0.0] * len(limits), caps_next)
            and any(u >= FULL_ENOUGH * c for u, c in zip(used, caps, strict=True))
        ):
            new_part()
        else:
            for page in doc_pages:
                one = weights([page])
                if not fits(one, used, caps) and groups[-1]:
                    new_part()
                groups[-1].append(page)
                used = [u + w for u, w in zip(used, one, strict=True)]
            continue
        groups[-1].extend(doc_pages)
        used = [u + w for u, w in zip(used, whole, strict=True)]
    return groups


def _by_document(body: list[PageRef]) -> list[list[PageRef]]:
    runs: list[list[PageRef]] = []
    for ref in body:
        if runs and runs[-1][0].doc is ref.doc:
            runs[-1].append(ref)
        else:
            runs.append([ref])
    return runs


def make_parts(groups: list[list[PageRef]], contents: int, crosswalk: int) -> list[Part]:
    parts: list[Part] = []
    first = 1
    for number, group in enumerate(groups, start=1):
        pages = [PageRef("cover", 0)]
        if number == 1:
            pages += [PageRef("contents", i) for i in range(contents)]
            pages += [PageRef("crosswalk", i) for i in range(crosswalk)]
        pages += group
        parts.append(Part(number, len(groups), pages, first))
        first += len(pages)
    return parts


def number_pages(parts: list[Part], docs: Sequence[DocSpec]) -> None:
    """Give every document its global output page numbers and the parts it is in."""
    for doc in docs:
        doc.output_pages, doc.parts = [], []
    for part in parts:
        for offset, ref in enumerate(part.pages):
            if ref.doc is not None:
                ref.doc.output_pages.append(part.first + offset)
                if part.number not in ref.doc.parts:
                    ref.doc.parts.append(part.number)


def lay_out(
    sections: Sequence[Section], render_front: FrontRenderer, limits: Sequence[Limit] = ()
) -> Layout:
    docs = [d for s in sections for d in s.docs]
    contents = crosswalk = 1
    for _ in range(8):
        groups = split(body_pages(sections), limits, contents, crosswalk)
        parts = make_parts(groups, contents, crosswalk)
        number_pages(parts, docs)
        contents_pages, crosswalk_pages = render_front(parts)
        if (len(contents_pages), len(crosswalk_pages)) == (contents, crosswalk):
            return Layout(parts, contents_pages, crosswalk_pages)
        contents, crosswalk = len(contents_pages), len(crosswalk_pages)
    raise RuntimeError("the contents pages did not settle")  # pragma: no cover


def front_pages(layout_parts: list[Part]) -> dict[str, list[int]]:
    """Global page numbers of the cover, contents and crosswalk of part 1."""
    found: dict[str, list[int]] = {"cover": [], "contents": [], "crosswalk": []}
    first = layout_parts[0]
    for offset, ref in enumerate(first.pages):
        if ref.doc is None:
            found[ref.kind].append(first.first + offset)
    return found
