"""The guide's "Prepare for Your Provider Visit" sheet for the patient and family.

Pre-filled with what the case already holds; where it holds nothing, a blank line to write on
(the sheet is filled in by hand, so a gap is a line, not a highlighted placeholder). Every blank
is still reported, so staff can see what the visit should bring in.
"""

from __future__ import annotations

from datetime import date

from ..document import BulletList, Document, Inline, Run
from ..model import Case, TherapyTrial
from .context import LetterContext
from .facts import VENTILATION_NAMES, cap, us_date
from .parts import Draft
from .sections import drug
from .therapies import is_ongoing

LINE = "_" * 30


def _blank(d: Draft, label: str) -> Run:
    d.ctx.blanks.append(label)
    return Run(LINE)


def _value(d: Draft, value: object, label: str) -> Inline:
    if value is None or value == "" or value == []:
        return _blank(d, label)
    if isinstance(value, bool):
        return Run("yes" if value else "no")
    return Run(us_date(value) if isinstance(value, date) else str(value))


def _therapy_item(d: Draft, t: TherapyTrial) -> list[Inline]:
    out: list[Inline] = [
        Run(f"{cap(t.drug)}: started "),
        _value(d, t.start, f"{t.drug} start date"),
    ]
    if is_ongoing(t):
        out.append(Run(", still taking"))
    else:
        out += [Run("; stopped "), _value(d, t.end, f"{t.drug} end date")]
    out += [
        Run("; dose "),
        _value(d, t.dose, f"{t.drug} dose"),
        Run("; how well it worked: "),
        _value(d, t.response, f"{t.drug} effect"),
        Run("; side effects: "),
        _value(d, t.side_effects, f"{t.drug} side effects"),
    ]
    if not is_ongoing(t):
        out += [Run("; why stopped: "), _value(d, t.stop_reason, f"{t.drug} reason stopped")]
    return out


def _step_drugs(d: Draft) -> list[tuple[str, list[str]]]:
    """The drugs the profile's step-therapy criterion names, each with its brand names."""
    for c in d.ctx.profile.criteria:
        if c.kind == "therapy_tried":
            aliases = dict(c.params.get("aliases", {}))
            return [(str(x), [str(a) for a in aliases.get(x, ())]) for x in c.params["drugs"]]
    return []


def compose_visit_prep(case: Case, ctx: LetterContext) -> Document:
    d = Draft(case, ctx)
    fs = case.functional_status
    d.heading(f"Prepare for your provider visit: {drug(d)}", 1, id="vp_title")
    doctor = case.prescriber.name
    d.para(
        f"Bring this sheet to your visit{f' with {doctor}' if doctor else ''}. We filled in what "
        "the clinic already has: please check it, correct anything wrong, and fill in the blank "
        "lines. A family member who has seen the changes can help.",
        id="vp_intro",
    )

    d.heading("Your symptom timeline", 2, id="vp_h_timeline")
    dx = case.diagnosis
    d.para(
        [
            Run("First symptoms noticed on "),
            _value(d, dx.symptom_onset_date, "first symptom date"),
            Run("; where they started: "),
            _value(d, dx.onset_region, "where symptoms started"),
        ],
        id="vp_onset",
    )
    events: list[list[Inline]] = [
        [_value(d, e.date, "timeline date"), Run(f": {e.event}")]
        for e in sorted(case.symptom_timeline, key=lambda e: (e.date is None, e.date))
        if e.event
    ]
    events += [[Run("Date " + "_" * 12 + ": what changed: "), _blank(d, "further symptom change")]]
    d.add(BulletList(events, id="vp_timeline"))
    d.para(
        [
            Run("How symptoms spread (which body areas, in what order): "),
            _blank(d, "how symptoms spread"),
        ],
        id="vp_spread",
    )
    d.para(
        [
            Run("What you cannot do now that you could 6-12 months ago: "),
            _blank(d, "change over 6-12 months"),
        ],
        id="vp_change",
    )

    d.heading("ALS medicines you have tried", 2, id="vp_h_treatment")
    tried = [t for t in case.therapies if t.drug]
    items = [_therapy_item(d, t) for t in tried]
    recorded = " ".join(t.drug.lower() for t in tried)
    for name, brands in _step_drugs(d):
        if not any(n.lower() in recorded for n in (name, *brands)):
            items.append(_therapy_item(d, TherapyTrial(drug=name)))
    items.append(
        [
            Run("Other therapies (supplements, off-label medicines, clinical trials): "),
            _blank(d, "other therapies"),
        ]
    )
    d.add(BulletList(items, id="vp_treatment"))

    d.heading("How you are doing now", 2, id="vp_h_function")
    ventilation = VENTILATION_NAMES.get(fs.ventilation or "", fs.ventilation)
    d.add(
        BulletList(
            [
                [
                    Run("Daily activities you can or cannot do on your own: "),
                    _blank(d, "daily activities"),
                ],
                [Run("Walking: "), _value(d, fs.ambulation, "walking")],
                [
                    Run("Devices you use (walker, wheelchair...): "),
                    _value(d, ", ".join(fs.devices), "assistive devices"),
                ],
                [Run("Feeding tube: "), _value(d, fs.feeding_tube, "feeding tube")],
                [
                    Run("Breathing and breathing support: "),
                    _value(d, ventilation, "breathing support"),
                ],
                [Run("Speech: "), _value(d, fs.speech, "speech")],
                [Run("Swallowing: "), _value(d, fs.swallowing, "swallowing")],
            ],
            id="vp_function",
        )
    )

    d.heading("Bring with you", 2, id="vp_h_bring")
    d.add(
        BulletList(
            [
                "Your insurance card (front and back)",
                "Copies of ALS-related records you have: genetic test report, test results, "
                "pharmacy records of ALS medicines",
                [Run("Questions for your doctor: "), Run(LINE)],
            ],
            id="vp_bring",
        )
    )
    return d.document(f"Visit preparation: {drug(d)}", "Visit preparation sheet")
