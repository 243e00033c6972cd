"""Words for a PA coordinator: the deadline engine's basis without event or rule ids.

The engine's basis (``core.tracking.deadlines``) is written for checking by hand and for the
CLI: "denied event e1a2b3c4d5 (received 2025-07-17) + 180 calendar days (rule x)". The GUI
shows the same facts in plain words: "180 calendar days after the denial letter (received
2025-07-17)"; the ids stay in the engine's text, which the CLI and the audit trail keep.
"""

from __future__ import annotations

import re

from ..core.tracking.events import EVENT_TYPES

# what an event's anchor date is, in the words of the letters and forms staff handle
EVENT_WORDS = {
    "submitted": "the request",
    "denied": "the denial letter",
    "appeal_filed": "the internal appeal",
    "appeal_decided": "the appeal decision",
    "final_denial_received": "the final denial letter",
    "external_review_requested": "the external review request",
    "external_review_accepted": "the external review acceptance letter",
    "approved": "the approval",
}
FIELD_WORDS = {"date": "dated", "letter_date": "dated", "valid_to": "valid to"}

_DATE = r"\d{4}-\d{2}-\d{2}"
_DERIVED = re.compile(rf"(\w+) ({_DATE}) \(computed by rule [\w.:-]+ from (\w+) event [\w-]+\)")
_EVENT = re.compile(rf"(\w+) event [\w-]+ \(([\w ]+?) ({_DATE})\)")
_RULE = re.compile(r" \(rule [\w.:-]+\)")
_COUNT = re.compile(
    r"^(?P<anchor>.+?) (?P<sign>[+-]) (?P<n>\d+) (?P<unit>[a-z]+(?: [a-z]+)*?)"
    r"(?P<roll>, moved past weekends and holidays)?(?=$|;|,| \()"
)


def event_phrase(event_type: str, field: str, day: str) -> str:
    """ "the denial letter (received 2025-07-17)"."""
    spec = EVENT_TYPES.get(event_type)
    what = EVENT_WORDS.get(event_type) or (f"“{spec.title}”" if spec else event_type)
    how = FIELD_WORDS.get(field, field.replace("_", " "))
    return f"{what} ({how} {day})"


def plain_basis(basis: str) -> str:
    """The engine's basis in plain words: anchors named by what they are, no ids."""
    text = _DERIVED.sub(lambda m: f"{m[1].replace('_', ' ')} {m[2]}", basis)
    text = _EVENT.sub(lambda m: event_phrase(m[1], m[2], m[3]), text)
    text = _RULE.sub("", text)
    count = _COUNT.match(text)
    if count:
        direction = "before" if count["sign"] == "-" else "after"
        roll = count["roll"] or ""
        text = (
            f"{count['n']} {count['unit']} {direction} {count['anchor']}{roll}"
            + text[count.end() :]
        )
    return text


def file_stem(*parts: str) -> str:
    """A suggested file name from words staff recognise: "Lindqvist-Maren-appeal-2025-07-20".

    Letters (accents kept), digits, dots and dashes only, so every file system takes it.
    """
    words = [re.sub(r"[^\w.]+", "-", p).strip("-._") for p in parts if p]
    return "-".join(w for w in words if w) or "case"


_CLI_OR = re.compile(r",? or qalsody-pa [^)]*")
_OTHER = re.compile(r"uncategorized \('other'\)")
_CLI_FLAGS = re.compile(r" or give the denial \((?:--[\w-]+(?:, )?)+\)")


def gui_words(text: str) -> str:
    """A core message as the GUI shows it: the command-line alternative the CLI prints beside
    the GUI's way ("Edit > Clinic settings, or qalsody-pa clinic set") is left out."""
    text = _CLI_FLAGS.sub(" on the Timeline", text)
    text = _OTHER.sub("no category (Other)", text)  # the category's id, as the CLI shows it
    return _CLI_OR.sub("", text)
