"""Find active content in a PDF and tell scanned pages from pages with text.

Insurers' portals reject (or quietly strip) PDFs that run scripts, launch programs or carry
attachments, and such content has no place in a clinical submission; the bundle builder removes
it, and intake tells staff up front. The scan walks the object graph from the catalog with an
explicit stack, a visited set and a budget, so loops and deep nesting in hostile files cannot
hang or overflow it.
"""

from __future__ import annotations

import re
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

MAX_OBJECTS = 200_000
LARGE_STREAM = 256 * 1024  # page images; fonts and content streams stay cached
_REMOVED = "(will be removed from the submission bundle)"

ACTIVE_WARNINGS = {
    "javascript": f"contains JavaScript {_REMOVED}",
    "openaction": f"runs an action when opened (OpenAction) {_REMOVED}",
    "aa": f"contains automatic actions triggered by events (AA) {_REMOVED}",
    "launch": f"contains a Launch action that can start programs {_REMOVED}",
    "submitform": f"contains actions that send form data elsewhere {_REMOVED}",
    "embeddedfiles": f"contains embedded files {_REMOVED}",
    "xfa": f"contains an XFA form {_REMOVED}",
    "richmedia": f"contains multimedia (RichMedia) {_REMOVED}",
}
_ORDER = list(ACTIVE_WARNINGS)

_MEDIA_SUBTYPES = {"/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
_MEDIA_ACTIONS = {"/Rendition", "/Movie", "/Sound", "/RichMediaExecute"}
_SUBMIT_ACTIONS = {"/SubmitForm", "/ImportData"}
_INLINE_IMAGE = re.compile(rb"(?:^|[\s\]>)])BI[\s/]")


def scan_active_content(root: Any, max_objects: int = MAX_OBJECTS) -> tuple[list[str], bool]:
    """Codes of active content reachable from ``root`` and whether the walk was complete."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                obj = obj.get_object()
            except Exception:  # a dangling or unreadable reference: nothing to find there
                continue
        visited += 1
        if visited > max_objects:
            return _ordered(found), False
        if _is_large_stream(obj):  # its data is not looked at; its values are on the stack
            _forget(obj)
        if isinstance(obj, DictionaryObject):
            _classify_dict(obj, found)
            stack.extend(_dict_values(obj))
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return _ordered(found), True


def release_large_streams(reader: Any) -> None:
    """Forget the large streams (page images) ``reader`` has read; pypdf reads one again if it
    is asked for it. pypdf keeps every object it resolved, so walking a scan kept a copy of
    every page image beside the input: the reader's peak was twice the file."""
    cache = getattr(reader, "resolved_objects", None)
    if not isinstance(cache, dict):
        return
    for key in [k for k, v in cache.items() if _is_large_stream(v)]:
        del cache[key]


def _forget(stream: Any) -> None:
    ref = getattr(stream, "indirect_reference", None)
    cache = getattr(getattr(ref, "pdf", None), "resolved_objects", None)
    if ref is not None and isinstance(cache, dict):
        cache.pop((ref.generation, ref.idnum), None)


def _is_large_stream(obj: Any) -> bool:
    raw = getattr(obj, "_data", None) if isinstance(obj, StreamObject) else None
    return isinstance(raw, bytes) and len(raw) > LARGE_STREAM


def _dict_values(obj: DictionaryObject) -> list[Any]:
    # raw values: ``obj[key]`` would resolve references and bypass the visited set
    return [dict.__getitem__(obj, key) for key in obj if key != "/Parent"]


def _name(obj: DictionaryObject, key: str) -> str | None:
    try:
        value = obj.get(key)
        value = value.get_object() if isinstance(value, IndirectObject) else value
    except Exception:
        return None
    return str(value) if value is not None else None


def _classify_dict(obj: DictionaryObject, found: set[str]) -> None:
    keys = set(obj.keys())
    action = _name(obj, "/S") if "/S" in keys else None
    subtype = _name(obj, "/Subtype") if "/Subtype" in keys else None
    if "/JS" in keys or action == "/JavaScript" or "/JavaScript" in keys:
        found.add("javascript")
    if action == "/Launch":
        found.add("launch")
    if action in _SUBMIT_ACTIONS:
        found.add("submitform")
    if action in _MEDIA_ACTIONS or subtype in _MEDIA_SUBTYPES:
        found.add("richmedia")
    if "/AA" in keys:
        found.add("aa")
    if "/XFA" in keys:
        found.add("xfa")
    if (
        "/EmbeddedFiles" in keys
        or "/EF" in keys
        or subtype == "/FileAttachment"
        or _name(obj, "/Type") == "/EmbeddedFile"
    ):
        found.add("embeddedfiles")
    if "/OpenAction" in keys and _is_real_open_action(obj):
        found.add("openaction")


def _is_real_open_action(catalog: DictionaryObject) -> bool:
    """A destination (``[page /Fit]``) or a GoTo only turns to a page; anything else acts."""
    try:
        value = catalog["/OpenAction"]
    except Exception:
        return False
    if not isinstance(value, DictionaryObject):
        return False
    return _name(value, "/S") not in (None, "/GoTo")


def _ordered(found: set[str]) -> list[str]:
    return [code for code in _ORDER if code in found]


def page_has_images(page: Any, max_depth: int = 3) -> bool:
    """True when the page draws an image: an image XObject (also inside forms) or inline."""
    try:
        if _resources_have_images(page.get("/Resources"), max_depth, set()):
            return True
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:
        return False
    return bool(_INLINE_IMAGE.search(data))


def _resources_have_images(resources: Any, depth: int, seen: set[int]) -> bool:
    if isinstance(resources, IndirectObject):
        resources = resources.get_object()
    if not isinstance(resources, DictionaryObject):
        return False
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, IndirectObject):
        xobjects = xobjects.get_object()
    if not isinstance(xobjects, DictionaryObject):
        return False
    for ref in (dict.__getitem__(xobjects, key) for key in xobjects):
        if isinstance(ref, IndirectObject):
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
        xobject = ref.get_object()
        if not isinstance(xobject, DictionaryObject):
            continue
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if (
            subtype == "/Form"
            and depth > 0
            and _resources_have_images(xobject.get("/Resources"), depth - 1, seen)
        ):
            return True
    return False
