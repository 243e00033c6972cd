"""A fictional demo letter that uses every block type.

For previews, benchmarks and tests of the renderers: it exercises letterhead with logo,
placeholders, a list, a table, a chart, a signature image and awkward characters, without any
real patient's data.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from .chart import line_chart_png
from .inline import Placeholder, Run
from .model import (
    Block,
    BulletList,
    Document,
    Heading,
    Image,
    Letterhead,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)
from .qt_support import ensure_gui_app

ALSFRS = [
    (date(2024, 9, 3), 41.0),
    (date(2024, 12, 10), 38.0),
    (date(2025, 3, 4), 35.0),
    (date(2025, 6, 17), 30.5),
    (date(2025, 9, 30), 27.0),
]
FILLER = (
    "Paragraph {n}. Qalsody (tofersen) is an antisense oligonucleotide that targets SOD1 "
    "mRNA; it is indicated for adults with ALS and a SOD1 mutation. Each month of delay "
    "risks further irreversible loss of motor neurons."
)


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def demo_logo_png() -> bytes:
    ensure_gui_app()
    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0x1F, 0x4E, 0x79))
        p.drawEllipse(10, 10, 220, 220)
        p.setBrush(QColor("white"))
        p.drawRect(102, 50, 36, 140)
        p.drawRect(50, 102, 140, 36)
    finally:
        p.end()
    return _png(image)


def demo_signature_png() -> bytes:
    ensure_gui_app()
    image = QImage(420, 120, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    path = QPainterPath(QPointF(12, 90))
    path.cubicTo(40, 10, 70, 10, 90, 80)
    path.cubicTo(110, 120, 150, 20, 190, 60)
    path.cubicTo(230, 100, 300, 30, 405, 55)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(20, 30, 90), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawPath(path)
    finally:
        p.end()
    return _png(image)


def sample_letterhead(logo: bool = True) -> Letterhead:
    return Letterhead(
        "Triangle Neuromuscular Associates",
        ("2100 Erwin Road, Suite 400", "Durham, NC 27705"),
        phone="919-555-0100",
        fax="919-555-0101",
        logo_png=demo_logo_png() if logo else None,
    )


def sample_document(
    paragraphs: int = 3, *, logo: bool = True, signature_image: bool = True
) -> Document:
    """A demo medical-necessity letter; ``paragraphs`` filler paragraphs lengthen it."""
    blocks: list[Block] = [
        Paragraph("November 28, 2025", id="date"),
        Paragraph("Cigna Healthcare of North Carolina\nPharmacy Prior Authorization"),
        Paragraph(
            [
                Run("RE: ", bold=True),
                "Qalsody (tofersen) for Maria Lindqvist-Ñuñez, DOB 03/14/1968, member ID ",
                Placeholder("member ID missing"),
            ],
            id="re_line",
        ),
        Paragraph("Dear Medical Director,"),
        Paragraph(
            "Ms. Lindqvist-Ñuñez has ALS with a pathogenic SOD1 variant (c.272A>C). Her "
            "ALSFRS-R fell from 41 to 27 in 13 months, a rate ≥ 1.0 point per month. "
            "Characters that must survive: \"double\" & 'single' <angle> café.",
            id="intro",
        ),
        Heading("Clinical summary", 1, id="summary"),
        BulletList(
            [
                "Diagnosis: ALS (ICD-10 G12.21), symptom onset 01/2024",
                [
                    "Genetic testing: ",
                    Run("SOD1 pathogenic variant", italic=True),
                    " confirmed by ",
                    Placeholder("lab name missing"),
                ],
                "Plasma neurofilament light: 98 pg/mL",
            ],
            id="findings",
        ),
        Table(
            ["Date", "ALSFRS-R", "FVC % pred.", "Note"],
            [
                ["09/03/2024", "41", "88", "baseline"],
                ["12/10/2024", "38", "81", ""],
                ["03/04/2025", "35", "74", ""],
                ["06/17/2025", "30.5", Placeholder("FVC missing"), ""],
                ["09/30/2025", "27", "63", "latest"],
            ],
            col_widths=[1.2, 1, 1, 2],
            caption="Table 1. Serial assessments",
            id="assessments",
        ),
        Image(
            line_chart_png(ALSFRS, "ALSFRS-R total score", 48),
            6.0,
            alt="Line chart of ALSFRS-R total from 41 to 27",
            caption="Figure 1. ALSFRS-R total over time",
            id="chart",
        ),
        Heading("Medical necessity", 2, id="necessity"),
    ]
    blocks += [Paragraph(FILLER.format(n=n + 1)) for n in range(paragraphs)]
    blocks += [
        Heading("Requested", 3),
        Paragraph(
            "Qalsody 100 mg intrathecally: 3 loading doses 14 days apart, then every 28 days."
        ),
        Paragraph("Please process this as an expedited request.", style="quote", id="urgency"),
        Paragraph("Sincerely,", keep_with_next=True, id="closing"),
        SignatureBlock(
            "Dana R. Okafor",
            "MD",
            "1234567893",
            signature_png=demo_signature_png() if signature_image else None,
            date_text="November 28, 2025",
            id="signature",
        ),
        Paragraph("Enclosures: genetic report, clinic notes, ALSFRS-R worksheets.", style="small"),
        PageBreak(),
        Heading("Attachment A: reviewer checklist", 2, id="attachment"),
        Paragraph(["Peer-to-peer availability: ", Placeholder("P2P time window missing")]),
        SignatureBlock("Dana R. Okafor", "MD", Placeholder("NPI missing"), None, id="sig_blank"),
    ]
    return Document(
        "Letter of medical necessity (demo)",
        tuple(blocks),
        letterhead=sample_letterhead(logo),
        footer_text="Maria Lindqvist-Ñuñez · DOB 03/14/1968 · Confidential health information",
        metadata={"author": "Dana R. Okafor, MD", "subject": "Qalsody prior authorization"},
    )
