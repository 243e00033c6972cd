"""Flatten annotations and form fields: what they show becomes part of the page.

A bundle must not carry live form fields (their scripts, their data submission) yet must show
what was filled in. Each visible annotation's normal appearance is drawn into the page where
the annotation sat (PDF 32000-1, 12.5.5: the appearance box, through its matrix, is mapped
onto the annotation rectangle); a text field without an appearance gets its value written in
Helvetica. Links, pop-ups, multimedia and file attachments are not drawn; no annotation
itself is ever copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from .copier import Copier, resolve
from .geometry import IDENTITY, Box, box_from, numbers, rect_to_rect, transform_box
from .pdfsink import matrix, num, text

SKIP_SUBTYPES = frozenset(
    {"/Popup", "/Link", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D", "/FileAttachment"}
)
FLAG_INVISIBLE, FLAG_HIDDEN, FLAG_NOVIEW = 1, 2, 32
MAX_ANNOTATIONS = 2000
FIELD_FONT = b"/QF1"  # Helvetica, provided by every bundle page's resources
_DA_SIZE = re.compile(rb"([\d.]+)\s+Tf")


@dataclass
class Flattened:
    """Drawing operators in the source page's own space, and the forms they use."""

    ops: list[bytes] = field(default_factory=list)
    xobjects: dict[bytes, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.ops


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(resolve(value))
    except (TypeError, ValueError):
        return default


def _array(obj: DictionaryObject, key: str) -> list[Any]:
    raw = resolve(dict.get(obj, key))
    return [resolve(v) for v in list.__iter__(raw)] if isinstance(raw, ArrayObject) else []


def _rect(annot: DictionaryObject) -> Box | None:
    return box_from(_array(annot, "/Rect"))


def _appearance(annot: DictionaryObject) -> Any:
    """The normal appearance stream's reference (choosing the /AS state), else None."""
    ap = resolve(dict.get(annot, "/AP"))
    if not isinstance(ap, DictionaryObject):
        return None
    normal_ref = dict.get(ap, "/N")
    normal = resolve(normal_ref)
    if isinstance(normal, StreamObject):
        return normal_ref
    if isinstance(normal, DictionaryObject):
        state = resolve(dict.get(annot, "/AS"))
        if isinstance(state, NameObject) and state in normal:
            return dict.get(normal, state)
    return None


def _inherited(annot: DictionaryObject, key: str) -> Any:
    """A field attribute, looked up through the /Parent chain (fields inherit /FT, /V, /DA)."""
    node: Any = annot
    for _ in range(16):
        if not isinstance(node, DictionaryObject):
            return None
        if key in node:
            return resolve(dict.get(node, key))
        node = resolve(dict.get(node, "/Parent"))
    return None


def _field_text(annot: DictionaryObject, rect: Box) -> bytes | None:
    """Operators writing a text or choice field's value, for a field without an appearance."""
    if str(_inherited(annot, "/FT") or "") not in ("/Tx", "/Ch"):
        return None
    value = _inherited(annot, "/V")
    if isinstance(value, ArrayObject):
        value = ", ".join(str(resolve(v)) for v in value)
    shown = str(value or "").replace("\r", " ").replace("\n", " ").strip()
    if not shown or isinstance(value, NameObject):
        return None
    size = 10.0
    da = _inherited(annot, "/DA")
    found = _DA_SIZE.search(str(da or "").encode("latin-1", "replace"))
    if found and float(found.group(1)) > 0:
        size = float(found.group(1))
    size = max(4.0, min(size, rect.height * 0.75))
    x, y = rect.x0 + 2, rect.y0 + (rect.height - size * 0.7) / 2
    return b"q %s %s %s %s re W n BT 0 g %s %s Tf %s %s Td %s Tj ET Q" % (
        num(rect.x0),
        num(rect.y0),
        num(rect.width),
        num(rect.height),
        FIELD_FONT,
        num(size),
        num(x),
        num(y),
        text(shown),
    )


def flatten_annotations(
    page: DictionaryObject, copier: Copier, warnings: list[str], prefix: str = "QA"
) -> Flattened:
    result = Flattened()
    annots = resolve(dict.get(page, "/Annots"))
    if not isinstance(annots, ArrayObject):
        return result
    items = list(list.__iter__(annots))
    if len(items) > MAX_ANNOTATIONS:
        warnings.append(f"only the first {MAX_ANNOTATIONS} annotations of a page were kept")
        items = items[:MAX_ANNOTATIONS]
    for index, item in enumerate(items):
        try:
            op = _flatten_one(resolve(item), copier, result, f"/{prefix}{index}".encode())
        except Exception:  # one odd annotation must not cost the page
            warnings.append("an annotation could not be drawn and was left out")
            continue
        if op:
            result.ops.append(op)
    return result


def _flatten_one(annot: Any, copier: Copier, result: Flattened, name: bytes) -> bytes | None:
    if not isinstance(annot, DictionaryObject):
        return None
    if str(resolve(dict.get(annot, "/Subtype")) or "") in SKIP_SUBTYPES:
        return None
    if _int(dict.get(annot, "/F")) & (FLAG_INVISIBLE | FLAG_HIDDEN | FLAG_NOVIEW):
        return None
    rect = _rect(annot)
    if rect is None:
        return None
    ref = _appearance(annot)
    if isinstance(ref, IndirectObject):
        op = _draw_form(ref, rect, copier, result, name)
        if op:
            return op
    return _field_text(annot, rect)


def _draw_form(
    ref: IndirectObject, rect: Box, copier: Copier, result: Flattened, name: bytes
) -> bytes | None:
    stream = resolve(ref)
    if not isinstance(stream, StreamObject):
        return None
    bbox = box_from(_array(stream, "/BBox"))
    if bbox is None:
        return None
    own = numbers(_array(stream, "/Matrix"), 6)
    to_rect = rect_to_rect(transform_box(bbox, own or IDENTITY), rect)
    if to_rect is None:
        return None
    result.xobjects[name] = copier.form_ref(ref)
    return b"q %s cm %s Do Q" % (matrix(to_rect), name)
