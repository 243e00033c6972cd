"""A small line chart (e.g. ALSFRS-R total over time) drawn with QPainter into a PNG.

Rendered to PNG bytes rather than drawn by each renderer so the DOCX and the PDF show the very
same picture. Dates are placed proportionally to time, so a fast decline looks fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from .qt_support import ensure_gui_app, font

_STEPS = (1, 2, 2.5, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40, 50, 100, 200, 250, 500, 1000)
LINE = QColor(31, 78, 121)
GRID = QColor(215, 220, 226)
TEXT = QColor(40, 40, 40)


def _y_step(y_max: float) -> float:
    return next((s for s in _STEPS if y_max / s <= 6), y_max / 4)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def line_chart_png(
    points: Sequence[tuple[date, float]],
    title: str,
    y_max: float,
    *,
    width_in: float = 6.0,
    height_in: float = 2.6,
    dpi: int = 200,
    y_min: float = 0.0,
) -> bytes:
    """PNG bytes of a dated line chart from ``y_min`` to ``y_max``, each value labelled.

    A ``y_min`` above 0 zooms the axis on the values so that a change of a few points is
    visible; the axis is then drawn broken at its foot. The PNG records ``dpi``, so at
    ``width_in`` its text has the intended point sizes.
    """
    if not y_max > y_min >= 0:
        raise ValueError("need 0 <= y_min < y_max")
    ensure_gui_app()
    width, height = round(width_in * dpi), round(height_in * dpi)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    px = dpi / 72.0  # pixels per point
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _draw(painter, sorted(points), title, (y_min, y_max), width, height, px)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError("Qt could not encode the chart as PNG")
    buffer.close()
    return bytes(data.data())


def _draw(
    p: QPainter,
    points: list[tuple[date, float]],
    title: str,
    y_range: tuple[float, float],
    width: int,
    height: int,
    px: float,
) -> None:
    y_min, y_max = y_range
    label_font, title_font = font(8), font(10, bold=True)
    fm = QFontMetricsF(label_font, p.device())
    p.setPen(TEXT)
    p.setFont(title_font)
    title_h = QFontMetricsF(title_font, p.device()).height()
    p.drawText(QRectF(0, 4 * px, width, title_h), Qt.AlignmentFlag.AlignHCenter, title)

    step = _y_step(y_max - y_min)
    first_tick = -(-y_min // step) * step
    ticks = [first_tick + i * step for i in range(int((y_max - first_tick) / step + 1e-9) + 1)]
    left = max(fm.horizontalAdvance(_fmt(t)) for t in ticks) + 10 * px
    plot = QRectF(left, title_h + 14 * px, width - left - 14 * px, 0)
    plot.setBottom(height - fm.height() - 10 * px)

    def y_of(value: float) -> float:
        clamped = min(max(value, y_min), y_max)
        return plot.bottom() - (clamped - y_min) / (y_max - y_min) * plot.height()

    p.setFont(label_font)
    for t in ticks:
        y = y_of(t)
        p.setPen(QPen(GRID, max(1.0, 0.5 * px)))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(TEXT)
        box = QRectF(0, y - fm.height() / 2, left - 5 * px, fm.height())
        p.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _fmt(t))
    p.setPen(QPen(TEXT, max(1.0, 0.75 * px)))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    if y_min > 0:  # a broken axis: two short slashes at its foot say it does not start at 0
        for dy in (0.0, 4 * px):
            y = plot.bottom() - 6 * px - dy
            p.drawLine(
                QPointF(plot.left() - 4 * px, y + 2 * px), QPointF(plot.left() + 4 * px, y - 2 * px)
            )

    if not points:
        p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No data")
        return
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(last - first, 1)
    pad = 0.06 * plot.width()

    def x_of(day: date) -> float:
        if first == last:
            return plot.center().x()
        return plot.left() + pad + (day.toordinal() - first) / span * (plot.width() - 2 * pad)

    coords = [QPointF(x_of(d), y_of(v)) for d, v in points]
    path = QPainterPath(coords[0])
    for c in coords[1:]:
        path.lineTo(c)
    p.setPen(QPen(LINE, 1.6 * px))
    p.drawPath(path)

    last_right = -1e9
    for (day, value), c in zip(points, coords, strict=True):
        p.setPen(QPen(QColor("white"), 0.8 * px))
        p.setBrush(LINE)
        p.drawEllipse(c, 3.2 * px, 3.2 * px)
        p.setPen(TEXT)
        value_box = QRectF(c.x() - 30 * px, c.y() - fm.height() - 5 * px, 60 * px, fm.height())
        p.drawText(value_box, Qt.AlignmentFlag.AlignCenter, _fmt(value))
        label = day.strftime("%m/%d/%Y")
        w = fm.horizontalAdvance(label)
        x0 = min(max(c.x() - w / 2, 0.0), width - w)
        if x0 > last_right + 6 * px:  # skip date labels that would overlap the previous one
            p.drawText(QPointF(x0, plot.bottom() + 4 * px + fm.ascent()), label)
            last_right = x0 + w
