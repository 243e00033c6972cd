"""The synthetic ALSFRS-R score sheet: 12 items with the scale's anchor wording, and a total.

Item scores come from the case when it has them; otherwise plausible limb-onset scores that
sum to the recorded total, so the sheet never contradicts the case's total.
"""

from __future__ import annotations

from typing import Any

from .common import Facts, Identity, as_date, demographics, new_doc, us
from .pdfwriter import PdfWriter

ALSFRS_ITEMS = [
    ("1", "Speech", ["Loss of useful speech", "Speech combined with nonvocal communication",
                     "Intelligible with repeating", "Detectable speech disturbance",
                     "Normal speech processes"]),
    ("2", "Salivation", ["Marked drooling", "Marked excess saliva", "Moderate excess saliva",
                         "Slight excess saliva", "Normal"]),
    ("3", "Swallowing", ["NPO (exclusively parenteral or enteral feeding)",
                         "Needs supplemental tube feeding", "Dietary consistency changes",
                         "Early eating problems", "Normal eating habits"]),
    ("4", "Handwriting", ["Unable to grip pen", "Able to grip pen but unable to write",
                          "Not all words are legible", "Slow or sloppy; all words legible",
                          "Normal"]),
    ("5a", "Cutting food and handling utensils", ["Needs to be fed", "Food must be cut by someone",
                                                  "Can cut most foods, some help needed",
                                                  "Somewhat slow and clumsy", "Normal"]),
    ("6", "Dressing and hygiene", ["Total dependence", "Needs attendant for self-care",
                                   "Intermittent assistance", "Independent, decreased efficiency",
                                   "Normal function"]),
    ("7", "Turning in bed and adjusting bed clothes", ["Helpless", "Can initiate, not complete",
                                                       "Can turn alone with difficulty",
                                                       "Somewhat slow and clumsy", "Normal"]),
    ("8", "Walking", ["No purposeful leg movement", "Nonambulatory functional movement",
                      "Walks with assistance", "Early ambulation difficulties", "Normal"]),
    ("9", "Climbing stairs", ["Cannot do", "Needs assistance", "Mild unsteadiness or fatigue",
                              "Slow", "Normal"]),
    ("10", "Dyspnea", ["Significant difficulty, considering mechanical support",
                       "Occurs at rest", "Occurs with minimal exertion",
                       "Occurs when walking", "None"]),
    ("11", "Orthopnea", ["Unable to sleep", "Can only sleep sitting up",
                         "Needs extra pillows (more than two)",
                         "Some difficulty sleeping due to shortness of breath", "None"]),
    ("12", "Respiratory insufficiency", ["Invasive mechanical ventilation",
                                         "Continuous use of BiPAP", "Intermittent use of BiPAP",
                                         "Intermittent use of NIV", "None"]),
]  # fmt: skip
# Limb-onset decline reaches these items first; used only to invent plausible item scores.
_DECLINE_ORDER = [3, 4, 8, 7, 5, 6, 0, 2, 1, 9, 10, 11]


def item_scores(total: int, given: list[int] | None = None) -> list[int]:
    """The given 12 item scores, or plausible ones summing to ``total``."""
    if given and len(given) == 12:
        return list(given)
    scores = [4] * 12
    deficit = max(0, min(48, 48 - total))
    while deficit:
        for i in _DECLINE_ORDER:
            if deficit and scores[i] > 0:
                scores[i] -= 1
                deficit -= 1
    return scores


def alsfrs_sheet(identity: Identity, facts: Facts, **options: Any) -> PdfWriter:
    series = facts.series("alsfrs_r")
    entry: dict[str, Any] = series[options.get("index", -1)] if series else {"total": 40}
    when = as_date(entry.get("date")) or facts.latest_visit()
    scores = item_scores(int(entry["total"]), entry.get("items"))
    doc = new_doc(identity, "ALSFRS-R score sheet")
    doc.heading("ALS Functional Rating Scale - Revised (ALSFRS-R)")
    doc.paragraph("Score sheet. Each item is scored 0-4; 4 = normal function. Total 0-48.")
    demographics(
        doc, identity, ("Date of assessment:", us(when)), ("Rater:", "L. Ferreira, PT, ALS clinic")
    )
    rows = [
        [num, name, str(score), f"({anchors[score]})"]
        for (num, name, anchors), score in zip(ALSFRS_ITEMS, scores, strict=True)
    ]
    doc.table(["Item", "Function", "Score", "Description"], rows, [34, 190, 40, 240])
    doc.paragraph(f"Total score: {sum(scores)} / 48", bold=True, size=11)
    prior = [s for s in series if as_date(s.get("date")) and as_date(s.get("date")) != when]
    if prior:
        doc.paragraph(
            "Previous totals: "
            + "; ".join(f"{us(as_date(s.get('date')))}: {s['total']}" for s in prior)
            + "."
        )
    return doc
