"""DOCX rendering, read back with python-docx: text, styles, fields, bookmarks, template."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from qalsody_desktop.core.document import Document, Letterhead, Paragraph, Placeholder, Table
from qalsody_desktop.core.document.docx_page import LETTERHEAD_MARKER
from qalsody_desktop.core.document.docx_render import DEFAULT_TEMPLATE, docx_bytes, render_docx
from qalsody_desktop.core.document.docx_styles import REQUIRED_STYLES, missing_styles
from qalsody_desktop.core.errors import QalsodyError

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_SCRIPT = REPO / "resources" / "templates" / "make_letter_base.py"


@pytest.fixture(autouse=True)
def _qt(qapp):
    """The sample draws its logo with QtGui; a QApplication must exist first."""
    return qapp


@pytest.fixture(scope="module")
def sample():
    from qalsody_desktop.core.document.sample import sample_document

    return sample_document(paragraphs=3)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def all_text(d) -> str:
    """Every paragraph in body, tables, headers and footers, in any order."""
    parts = [
        p.text
        for p in d.element.body.iter(qn("w:p"))
        for p in [docx.text.paragraph.Paragraph(p, d)]
    ]
    for section in d.sections:
        for hf in (
            section.first_page_header,
            section.header,
            section.footer,
            section.first_page_footer,
        ):
            parts += ["".join(t.text or "" for t in hf._element.iter(qn("w:t")))]
    return norm(" ".join(parts))


def read(path: Path):
    return docx.Document(str(path))


def test_every_fragment_of_the_model_is_in_the_docx(tmp_path, sample):
    out = tmp_path / "letter.docx"
    render_docx(sample, out)
    text = all_text(read(out))
    missing = [f for f in sample.text_fragments() if norm(f) not in text]
    assert missing == []
    for special in ("Lindqvist-Ñuñez", "≥", "\"double\" & 'single' <angle> café"):
        assert special in text


def test_blocks_use_the_template_styles(tmp_path, sample):
    out = tmp_path / "letter.docx"
    render_docx(sample, out)
    d = read(out)
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles["Clinical summary"] == "Heading 1"
    assert styles["Medical necessity"] == "Heading 2"
    assert styles["Requested"] == "Heading 3"
    assert styles["Please process this as an expedited request."] == "Quote"
    assert styles["Table 1. Serial assessments"] == "Caption"
    assert styles["Plasma neurofilament light: 98 pg/mL"] == "List Bullet"
    assert styles["Enclosures: genetic report, clinic notes, ALSFRS-R worksheets."] == "Small Text"
    assert styles["Dana R. Okafor, MD"] == "Signature"
    assert d.paragraphs[-1].text == "NPI [NPI missing]"
    [table] = d.tables
    assert table.style.name == "Letter Table"
    assert [c.text for c in table.rows[0].cells] == ["Date", "ALSFRS-R", "FVC % pred.", "Note"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    assert all(r.bold for c in table.rows[0].cells for r in c.paragraphs[0].runs)
    widths = [c.width for c in table.rows[1].cells]
    assert widths[3] == pytest.approx(2 * widths[1], rel=0.01)
    # the page break before the attachment
    attachment = next(p for p in d.paragraphs if p.text.startswith("Attachment A"))
    assert attachment.paragraph_format.page_break_before
    assert d.core_properties.title == sample.title
    assert d.core_properties.author == "Dana R. Okafor, MD"


def test_placeholders_are_present_and_styled(tmp_path, sample):
    out = tmp_path / "letter.docx"
    render_docx(sample, out)
    d = read(out)
    runs = [r for p in d.element.body.iter(qn("w:r")) for r in [docx.text.run.Run(p, d)]]
    styled = {r.text for r in runs if r.style is not None and r.style.name == "Placeholder"}
    assert styled == {f"[{label}]" for label in sample.placeholders()}
    placeholder = d.styles["Placeholder"]
    assert placeholder.font.highlight_color == WD_COLOR_INDEX.YELLOW


def test_letterhead_images_footer_fields_and_bookmarks(tmp_path, sample):
    out = tmp_path / "letter.docx"
    render_docx(sample, out)
    d = read(out)
    section = d.sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header
    header_text = " ".join(p.text for t in header.tables for c in t._cells for p in c.paragraphs)
    assert "Triangle Neuromuscular Associates" in header_text
    assert LETTERHEAD_MARKER not in all_text(d)
    assert header._element.findall(".//" + qn("w:drawing"))  # the logo
    for footer in (section.footer, section.first_page_footer):
        instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert "Page 1 of 1" in norm("".join(t.text for t in footer._element.iter(qn("w:t"))))
        assert sample.footer_text in footer.paragraphs[0].text
    # chart and one signature in the body (the second signature has no image)
    pictures = d.element.body.findall(".//" + qn("w:drawing"))
    assert len(pictures) == 2
    alts = [e.get("descr") for e in d.element.body.iter(qn("wp:docPr"))]
    assert "Line chart of ALSFRS-R total from 41 to 27" in alts
    bookmarks = [b.get(qn("w:name")) for b in d.element.body.iter(qn("w:bookmarkStart"))]
    assert bookmarks == sample.ids()
    ends = {b.get(qn("w:id")) for b in d.element.body.iter(qn("w:bookmarkEnd"))}
    assert ends == {b.get(qn("w:id")) for b in d.element.body.iter(qn("w:bookmarkStart"))}


def test_committed_template_has_the_styles_and_is_current(tmp_path):
    assert missing_styles(DEFAULT_TEMPLATE) == []
    d = read(DEFAULT_TEMPLATE)
    assert {s.name: s.type for s in d.styles if s.name in REQUIRED_STYLES} == REQUIRED_STYLES
    assert [p.text for p in d.sections[0].first_page_header.paragraphs] == [LETTERHEAD_MARKER]
    spec = importlib.util.spec_from_file_location("make_letter_base", TEMPLATE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == DEFAULT_TEMPLATE.read_bytes(), (
        "letter-base.docx is stale: run resources/templates/make_letter_base.py"
    )


def test_a_template_without_our_styles_falls_back_to_direct_formatting(tmp_path, sample):
    bare = tmp_path / "bare.docx"
    plain = docx.Document()  # python-docx's default: no Placeholder, Letter Table, Small Text
    for name in ("List Bullet", "Heading 1", "Quote"):
        element = plain.styles[name].element
        element.getparent().remove(element)
    plain.save(str(bare))
    assert {"Placeholder", "Letter Table", "List Bullet", "Heading 1"} <= set(missing_styles(bare))
    out = tmp_path / "letter.docx"
    render_docx(sample, out, template=bare)
    d = read(out)
    assert all(norm(f) in all_text(d) for f in sample.text_fragments())
    holes = [r for p in d.paragraphs for r in p.runs if r.text.startswith("[")]
    assert holes and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in holes)
    assert d.tables[0].style.name == "Table Grid"
    bullet = next(p for p in d.paragraphs if p.text.endswith("98 pg/mL"))
    assert bullet.text.startswith("•\t")
    heading = next(p for p in d.paragraphs if p.text == "Clinical summary")
    assert all(r.bold for r in heading.runs) and heading.paragraph_format.keep_with_next
    quote = next(p for p in d.paragraphs if p.text.startswith("Please process"))
    assert all(r.italic for r in quote.runs)


def test_a_clinic_template_keeps_its_own_letterhead(tmp_path, sample):
    clinic = tmp_path / "clinic.docx"
    d = docx.Document(str(DEFAULT_TEMPLATE))
    d.sections[0].first_page_header.paragraphs[0].text = "Our printed letterhead"
    d.add_paragraph("Template instructions that must not reach the letter")
    d.save(str(clinic))
    out = tmp_path / "letter.docx"
    render_docx(sample, out, template=clinic)
    text = all_text(read(out))
    assert "Our printed letterhead" in text
    assert "Triangle Neuromuscular Associates" not in text
    assert "Template instructions" not in text


def test_a_word_dotx_template_is_accepted(tmp_path):
    data = DEFAULT_TEMPLATE.read_bytes()
    dotx = tmp_path / "clinic.dotx"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(dotx, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(info, blob)
    doc = Document("t", (Paragraph("From a dotx"),))
    assert "From a dotx" in all_text(docx.Document(io.BytesIO(docx_bytes(doc, dotx))))


def test_a_broken_template_is_a_user_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(QalsodyError, match="bad.docx"):
        docx_bytes(Document("t", ()), bad)


def test_no_letterhead_removes_the_marker(tmp_path):
    doc = Document("t", (Paragraph("x"),), footer_text=None)
    d = docx.Document(io.BytesIO(docx_bytes(doc)))
    assert LETTERHEAD_MARKER not in all_text(d)
    assert all_text(d).startswith("x")


def test_output_is_atomic_and_private(tmp_path, monkeypatch, sample):
    out = tmp_path / "letter.docx"
    out.write_bytes(b"previous version")
    import qalsody_desktop.core.storage.blobs as blobs

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(blobs.os, "replace", boom)
    with pytest.raises(OSError):
        render_docx(sample, out)
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]  # no temp file left
    monkeypatch.undo()
    render_docx(sample, out)
    assert zipfile.is_zipfile(out)
    if os.name == "posix":
        assert out.stat().st_mode & 0o077 == 0


def test_same_input_same_bytes_with_source_date_epoch(monkeypatch, sample):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")  # 2025-11-28T00:00:00Z
    first, second = docx_bytes(sample), docx_bytes(sample)
    assert first == second
    d = docx.Document(io.BytesIO(first))
    assert d.core_properties.created.isoformat().startswith("2025-11-28T00:00:00")
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 28, 0, 0, 0)}


def test_table_with_placeholder_cells_and_line_breaks(tmp_path):
    doc = Document(
        "t",
        (
            Table(["A & B", "<C>"], [[Placeholder("x"), "line 1\nline 2"]]),
            Paragraph("after the table"),
        ),
        letterhead=Letterhead("Clinic"),
    )
    d = docx.Document(io.BytesIO(docx_bytes(doc)))
    cells = [c.text for c in d.tables[0]._cells]
    assert cells == ["A & B", "<C>", "[x]", "line 1\nline 2"]
    assert d.paragraphs[-1].paragraph_format.space_before is not None
