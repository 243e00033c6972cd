"""Helpers for the bundle tests (no tests here): cases with attachments, hostile PDFs, checks.

Every bundle a test writes is read back with pypdf and checked with ``qpdf --check``; the
active-content check walks the whole object graph and also greps qpdf's uncompressed rewrite.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from intake_helpers import add_text_page, to_bytes
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from qalsody_desktop.core.bundle.gates import CONFIRM, record_decision
from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.intake.pdf_active import scan_active_content
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.prefs import CasePrefs
from qalsody_desktop.core.synthetic import identity_from_case, make_document

ACTIVE_NAMES = (
    b"/JavaScript",
    b"/JS",
    b"/OpenAction",
    b"/AA",
    b"/Launch",
    b"/EmbeddedFile",
    b"/EmbeddedFiles",
    b"/XFA",
    b"/RichMedia",
    b"/AcroForm",
    b"/SubmitForm",
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def new_case(store, case_dict: dict) -> str:
    return store.cases.create(case_from_dict(case_dict))


def attach(
    store, case_id: str, path: Path, category: str | None = None, *, confirmed: bool = True
) -> str:
    """Attach one file the way the app does; returns the attachment id.

    ``confirmed``: a person confirmed it is this patient's document, as the user does for a
    page without identifiers (most test files are bare pages); the gate tests pass False."""
    (outcome,) = Attacher(store, load_default_profile()).attach(case_id, [path], category=category)
    assert outcome.status == "ok", (path.name, outcome.error)
    assert outcome.attachment_id
    if confirmed:
        confirm_patient(store, case_id, outcome.attachment_id)
    return outcome.attachment_id


def confirm_patient(store, case_id: str, attachment_id: str) -> None:
    record_decision(CasePrefs(store.db), case_id, store.attachments.get(attachment_id), CONFIRM, "")


def write_doc(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def attach_kind(store, case_id: str, case_dict: dict, folder: Path, kind: str, **opts) -> str:
    """A synthetic document of ``kind`` (a category id) attached under that category."""
    data = make_document(kind, identity_from_case(case_dict), case_dict, **opts)
    return attach(store, case_id, write_doc(folder, f"{kind}.pdf", data), category=kind)


def page_texts(path: Path) -> list[str]:
    return [norm(p.extract_text() or "") for p in PdfReader(path).pages]


def qpdf_check(path: Path) -> None:
    exe = shutil.which("qpdf")
    if exe is None:
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail("qpdf is required in CI")
        pytest.skip("qpdf is not installed")
    result = subprocess.run([exe, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def assert_nothing_active(path: Path, tmp_path: Path) -> None:
    """No active content reachable in the object graph, and none of its names anywhere in the
    file once qpdf has uncompressed every stream and object stream."""
    reader = PdfReader(path)
    found, complete = scan_active_content(reader.trailer)
    assert complete and found == [], found
    assert "/Metadata" not in reader.trailer["/Root"]
    exe = shutil.which("qpdf")
    if exe is None:
        return
    plain = tmp_path / f"{path.stem}-qdf.pdf"
    subprocess.run(
        [exe, "--qdf", "--object-streams=disable", str(path), str(plain)],
        check=False,
        capture_output=True,
    )
    data = plain.read_bytes()
    for name in ACTIVE_NAMES:
        assert re.search(re.escape(name) + rb"(?![A-Za-z0-9])", data) is None, name


def outline_titles(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    reader = PdfReader(path)
    out: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


# -- hostile inputs -----------------------------------------------------------------------------


def _stream(writer: PdfWriter, data: bytes, **entries) -> object:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject("/" + key)] = value
    return writer._add_object(stream)


def _js(code: str) -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)}
    )


def _rect(*values: float) -> ArrayObject:
    return ArrayObject([FloatObject(v) for v in values])


def hostile_pdf(marker: str = "HOSTILE-DOC") -> bytes:
    """One page of visible text carrying every kind of active content a PDF can hold:
    document JavaScript, OpenAction, page and field additional actions, a Launch link, an
    embedded file (names tree and annotation), an XFA form, RichMedia, metadata, and a form
    whose text fields (one with an appearance, one without) must be flattened."""
    writer = PdfWriter()
    add_text_page(writer, [marker, "Visible body text of the hostile document"])
    page = writer.pages[0]
    writer.add_attachment("payload.exe", b"MZ not really a program")
    names = writer._root_object["/Names"]
    names[NameObject("/JavaScript")] = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("doc"), writer._add_object(_js("app.alert('document');"))]
            )
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js("app.alert(1);"))
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js("app.alert('page');")})
    writer._root_object[NameObject("/Metadata")] = _stream(
        writer, b"<x:xmpmeta>secret author</x:xmpmeta>", Type=NameObject("/Metadata")
    )
    # a resource dictionary smuggling actions: must be copied without them
    sneaky = _stream(
        writer,
        b"",
        Type=NameObject("/XObject"),
        Subtype=NameObject("/Form"),
        BBox=_rect(0, 0, 10, 10),
        JS=TextStringObject("app.alert('in a resource');"),
        AA=DictionaryObject({NameObject("/O"): _js("app.alert('resource');")}),
    )
    page["/Resources"][NameObject("/XObject")] = DictionaryObject({NameObject("/Sneaky"): sneaky})
    font = page["/Resources"]["/Font"].raw_get("/F1")
    shown = _stream(
        writer,
        b"/Tx BMC BT /Helv 10 Tf 2 6 Td (FIELD-WITH-APPEARANCE) Tj ET EMC",
        Type=NameObject("/XObject"),
        Subtype=NameObject("/Form"),
        BBox=_rect(0, 0, 200, 20),
        Resources=DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/Helv"): font})}
        ),
    )
    field_shown = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("shown"),
            NameObject("/V"): TextStringObject("FIELD-WITH-APPEARANCE"),
            NameObject("/Rect"): _rect(72, 600, 272, 620),
            NameObject("/F"): NumberObject(4),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): shown}),
            NameObject("/AA"): DictionaryObject({NameObject("/K"): _js("app.alert('key');")}),
        }
    )
    field_bare = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("bare"),
            NameObject("/V"): TextStringObject("FIELD-WITHOUT-APPEARANCE"),
            NameObject("/DA"): TextStringObject("/Helv 11 Tf 0 g"),
            NameObject("/Rect"): _rect(72, 560, 372, 580),
            NameObject("/F"): NumberObject(4),
        }
    )
    launch = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): _rect(0, 0, 100, 100),
            NameObject("/A"): DictionaryObject(
                {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd")}
            ),
        }
    )
    media = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/RichMedia"),
            NameObject("/Rect"): _rect(300, 300, 400, 400),
            NameObject("/RichMediaContent"): DictionaryObject(),
        }
    )
    refs = [writer._add_object(a) for a in (field_shown, field_bare, launch, media)]
    page[NameObject("/Annots")] = ArrayObject(refs)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(refs[:2]),
            NameObject("/XFA"): _stream(writer, b"<xdp:xdp>evil()</xdp:xdp>"),
            NameObject("/NeedAppearances"): NameObject("/true"),
        }
    )
    return to_bytes(writer)


def pdf_with_pages(labels: list[str], size: tuple[float, float] = (612, 792)) -> bytes:
    """One page per label, the label as the page's text (to find pages again by text)."""
    writer = PdfWriter()
    for label in labels:
        add_text_page(writer, [label])
        writer.pages[-1].mediabox.upper_right = size
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
