"""Page boxes, rotation and placement: where each source page lands on a Letter page.

Every bundle page is US Letter, upright (no /Rotate), with the stamp band along its bottom
edge. A source page is turned by its own /Rotate plus the user's rotation, then scaled (down
only, so small pages keep their size) to fit the area above the band and centred there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Matrix = tuple[float, float, float, float, float, float]

LETTER_W, LETTER_H = 612.0, 792.0
BAND = 36.0  # points kept free at the bottom of every page for the stamp
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def usable(self) -> bool:
        return self.width >= 1 and self.height >= 1

    def intersect(self, other: Box) -> Box:
        return Box(
            max(self.x0, other.x0),
            max(self.y0, other.y0),
            min(self.x1, other.x1),
            min(self.y1, other.y1),
        )


LETTER_BOX = Box(0.0, 0.0, LETTER_W, LETTER_H)


def box_from(values: Any) -> Box | None:
    """A normalised box from a PDF rectangle (4 numbers in any corner order), else None."""
    try:
        a, b, c, d = (float(v) for v in values)
    except (TypeError, ValueError):
        return None
    box = Box(min(a, c), min(b, d), max(a, c), max(b, d))
    return box if box.usable else None


def visible_box(media: Any, crop: Any) -> Box:
    """What a viewer shows: the crop box within the media box (falling back sensibly)."""
    media_box = box_from(media) or LETTER_BOX
    crop_box = box_from(crop)
    if crop_box is None:
        return media_box
    both = crop_box.intersect(media_box)
    return both if both.usable else media_box


def normal_rotation(value: Any) -> int:
    """0, 90, 180 or 270 from any /Rotate value (negative, over 360, not a multiple of 90)."""
    try:
        degrees = int(round(float(value) / 90.0)) * 90
    except (TypeError, ValueError):
        return 0
    return degrees % 360


def multiply(m1: Matrix, m2: Matrix) -> Matrix:
    """``m1`` then ``m2`` (PDF row-vector convention: p' = p x m1 x m2)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def transform_box(box: Box, m: Matrix) -> Box:
    points = [apply(m, x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def orient(box: Box, rotate: int) -> tuple[Matrix, float, float]:
    """Matrix taking ``box`` turned clockwise by ``rotate`` onto (0, 0, w, h); and w, h."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    if rotate == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1), box.height, box.width
    if rotate == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), box.width, box.height
    if rotate == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0), box.height, box.width
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), box.width, box.height


@dataclass(frozen=True)
class Placement:
    """An output page's size and the matrix from the source's space onto it."""

    width: float
    height: float
    matrix: Matrix
    scale: float


def place(box: Box, rotate: int, *, margin: float = 0.0, enlarge: bool = False) -> Placement:
    """Fit ``box`` (turned by ``rotate``) above the stamp band of a Letter page.

    Landscape content gets a landscape page. Content is only ever shrunk unless ``enlarge``
    (images, which have no natural size worth keeping).
    """
    turn, w, h = orient(box, rotate)
    page_w, page_h = (LETTER_H, LETTER_W) if w > h else (LETTER_W, LETTER_H)
    area_w, area_h = page_w - 2 * margin, page_h - BAND - 2 * margin
    scale = min(area_w / w, area_h / h)
    if not enlarge:
        scale = min(scale, 1.0)
    tx = margin + (area_w - w * scale) / 2
    ty = BAND + margin + (area_h - h * scale) / 2
    fit: Matrix = (scale, 0.0, 0.0, scale, tx, ty)
    return Placement(page_w, page_h, multiply(turn, fit), scale)


def rect_to_rect(src: Box, dst: Box) -> Matrix | None:
    """The scale-and-move matrix mapping ``src`` onto ``dst`` (None when ``src`` is flat)."""
    if src.width <= 0 or src.height <= 0:
        return None
    sx, sy = dst.width / src.width, dst.height / src.height
    return (sx, 0.0, 0.0, sy, dst.x0 - sx * src.x0, dst.y0 - sy * src.y0)


def numbers(values: Iterable[Any], count: int) -> Matrix | None:
    """A matrix from a PDF array of 6 numbers, else None."""
    try:
        items = [float(v) for v in values]
    except (TypeError, ValueError):
        return None
    if len(items) != count:
        return None
    return (items[0], items[1], items[2], items[3], items[4], items[5])
