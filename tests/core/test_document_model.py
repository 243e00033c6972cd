"""The document model, the chart and the Qt helper: behaviour both renderers rely on."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from qalsody_desktop.core.document import (
    BulletList,
    Document,
    Heading,
    Image,
    Letterhead,
    PageBreak,
    Paragraph,
    Placeholder,
    Run,
    SignatureBlock,
    Table,
)
from qalsody_desktop.core.document.inline import png_size

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _qt(qapp):
    """A QApplication first, so rendering never creates a bare QGuiApplication that would
    break the widget tests later in the same session."""
    return qapp


@pytest.fixture
def png() -> bytes:
    from qalsody_desktop.core.document.sample import demo_logo_png

    return demo_logo_png()


def test_text_runs_and_placeholders_normalise():
    p = Paragraph(["Score ", Run("41", bold=True), " on ", Placeholder("  date missing ")])
    assert p.content == (
        Run("Score "),
        Run("41", bold=True),
        Run(" on "),
        Placeholder("date missing"),
    )
    assert p.text == "Score 41 on [date missing]"
    assert Paragraph("plain").content == (Run("plain"),)
    assert Paragraph("").content == ()


def test_control_characters_are_dropped_and_line_ends_normalised():
    assert Run("a\x00b\x0bc\r\nd\re\tf").text == "abc\nd\ne\tf"
    assert Placeholder("two\nlines").label == "two lines"


def test_bad_values_are_rejected():
    with pytest.raises(ValueError):
        Placeholder("   ")
    with pytest.raises(ValueError):
        Heading("x", level=4)
    with pytest.raises(ValueError):
        Paragraph("x", style="huge")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Paragraph("x", id="has space")
    with pytest.raises(ValueError):
        Paragraph("x", id="1starts_with_digit")
    with pytest.raises(ValueError):
        BulletList([])
    with pytest.raises(ValueError):
        Table(["a", "b"], [["1"]])
    with pytest.raises(ValueError):
        Table(["a", "b"], [["1", "2"]], col_widths=[1, 0])
    with pytest.raises(ValueError):
        Image(b"GIF89a not a png at all", 2.0)
    with pytest.raises(TypeError):
        Paragraph([42])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        SignatureBlock("")
    with pytest.raises(ValueError):
        Letterhead(" ")


def test_table_widths_are_relative(png):
    t = Table(["a", "b", "c"], [["1", "2", "3"]], col_widths=[2, 1, 1])
    assert t.col_widths == (0.5, 0.25, 0.25)
    assert Table([], [["x", "y"]]).col_widths == (0.5, 0.5)
    image = Image(png, 2.0)
    assert image.height_in == pytest.approx(2.0 * png_size(png)[1] / png_size(png)[0])


def test_blocks_are_immutable():
    p = Paragraph("x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.style = "small"  # type: ignore[misc]
    doc = Document("t", (p,))
    with pytest.raises(TypeError):
        doc.metadata["author"] = "x"  # type: ignore[index]
    assert hash(doc) == hash(Document("t", (Paragraph("x"),)))


def test_ids_are_unique_findable_and_survive_replacement():
    doc = Document(
        "t",
        (
            Paragraph("Intro", id="intro"),
            Heading("H", id="h1"),
            PageBreak(),
            Paragraph("Body", id="body"),
        ),
    )
    assert doc.ids() == ["intro", "h1", "body"]
    assert doc.block("body") == Paragraph("Body", id="body")
    edited = doc.replace_block("body", Paragraph(["Edited ", Placeholder("x")]))
    assert edited.block("body").text == "Edited [x]"  # type: ignore[union-attr]
    assert doc.block("body").text == "Body"  # type: ignore[union-attr]
    assert edited.ids() == doc.ids()
    with pytest.raises(KeyError):
        doc.block("nope")
    with pytest.raises(ValueError, match="duplicate"):
        Document("t", (Paragraph("a", id="x"), Heading("b", id="x")))


def test_placeholders_in_reading_order_each_once():
    doc = Document(
        "t",
        (
            Paragraph(["a ", Placeholder("NPI missing")]),
            Table(["h"], [[Placeholder("FVC missing")], [Placeholder("NPI missing")]]),
            BulletList([Placeholder("lab missing")]),
            SignatureBlock("Dr", npi=Placeholder("NPI missing"), date_text=Placeholder("date")),
        ),
    )
    assert doc.placeholders() == ["NPI missing", "FVC missing", "lab missing", "date"]


def test_plain_text_covers_every_text_block(png):
    doc = Document(
        "Title is metadata only",
        (
            Heading("Summary"),
            Paragraph(["Line one\nline two"], style="quote"),
            BulletList(["first", ["second ", Placeholder("gap")]]),
            Table(["H1", "H2"], [["a", "b"]], caption="Table 1"),
            Image(png, 1.0, alt="alt is not shown", caption="Figure 1"),
            PageBreak(),
            SignatureBlock("Dana Okafor", "MD", "1234567893", None, "Nov 28, 2025"),
        ),
        letterhead=Letterhead("Clinic", ("1 Main St",), phone="555-0100", fax="555-0101"),
        footer_text="Confidential",
    )
    assert doc.plain_text().splitlines() == [
        "Clinic",
        "1 Main St",
        "Phone 555-0100 · Fax 555-0101",
        "Summary",
        "Line one",
        "line two",
        "first",
        "second [gap]",
        "Table 1",
        "H1\tH2",
        "a\tb",
        "Figure 1",
        "Dana Okafor, MD",
        "NPI 1234567893",
        "Nov 28, 2025",
        "Confidential",
    ]
    assert "H1" in doc.text_fragments() and "H1\tH2" not in doc.text_fragments()


def test_sample_document_uses_every_block_type(qapp):
    from qalsody_desktop.core.document.sample import sample_document

    doc = sample_document()
    kinds = {type(b) for b in doc.blocks}
    assert kinds == {Heading, Paragraph, BulletList, Table, Image, PageBreak, SignatureBlock}
    signatures = [b for b in doc.blocks if isinstance(b, SignatureBlock)]
    assert {s.signature_png is None for s in signatures} == {True, False}
    assert doc.letterhead is not None and doc.letterhead.logo_png is not None
    assert len(doc.placeholders()) >= 4


# -- chart -----------------------------------------------------------------------------------


def test_line_chart_is_a_png_of_the_requested_size_and_shows_the_line(qapp):
    from PySide6.QtGui import QColor, QImage

    from qalsody_desktop.core.document.chart import LINE, line_chart_png

    points = [(date(2024, 9, 3), 41.0), (date(2025, 1, 7), 36.0), (date(2025, 9, 30), 27.0)]
    data = line_chart_png(points, "ALSFRS-R total", 48, width_in=5, height_in=2, dpi=150)
    assert png_size(data) == (750, 300)
    image = QImage.fromData(data)
    line_pixels = sum(
        1
        for x in range(0, 750, 3)
        for y in range(0, 300, 3)
        if QColor(image.pixel(x, y)).rgb() == LINE.rgb()
    )
    assert line_pixels > 50  # the polyline and the markers are drawn
    # a different series gives a different picture; the same series the same bytes
    assert line_chart_png(points[:2], "ALSFRS-R total", 48) != line_chart_png(points, "x", 48)
    assert line_chart_png(points, "t", 48) == line_chart_png(points, "t", 48)


def test_line_chart_handles_no_or_one_point_and_rejects_bad_scale(qapp):
    from qalsody_desktop.core.document.chart import line_chart_png

    assert png_size(line_chart_png([], "empty", 48))
    assert png_size(line_chart_png([(date(2025, 1, 1), 60.0)], "clamped", 48))
    with pytest.raises(ValueError):
        line_chart_png([], "bad", 0)


# -- Qt application --------------------------------------------------------------------------


def test_ensure_gui_app_reuses_the_running_application(qapp):
    from qalsody_desktop.core.document.qt_support import ensure_gui_app, font_family

    assert ensure_gui_app() is qapp
    assert font_family()  # an installed family, found without Qt's alias-scan warning


def test_cli_renders_without_display_or_widgets(tmp_path):
    """No QT_QPA_PLATFORM, no DISPLAY: ensure_gui_app picks offscreen; QtWidgets never loads."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qalsody_desktop.core.document import Document, Paragraph\n"
        "from qalsody_desktop.core.document.pdf_render import render_pdf\n"
        "from qalsody_desktop.core.document.chart import line_chart_png\n"
        "from qalsody_desktop.core.document.qt_support import ensure_gui_app\n"
        "out = Path(sys.argv[1])\n"
        "render_pdf(Document('t', (Paragraph('Hello'),)), out)\n"
        "line_chart_png([], 't', 10)\n"
        "app = ensure_gui_app()\n"
        "print(type(app).__name__, app.platformName())\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6.QtWidgets')]\n"
        "sys.exit(1 if bad else 0)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    out = tmp_path / "cli.pdf"
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["QGuiApplication", "offscreen"]
    assert out.read_bytes().startswith(b"%PDF-")
