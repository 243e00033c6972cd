"""User edits over a regenerated letter: keep them when safe, ask when not.

An edit replaces one paragraph (by its stable block id) and remembers the generated text it was
made over. On regeneration: generated text unchanged -> the edit applies (the case changed
somewhere else); generated text changed -> a ``Conflict`` the user resolves (keep the edit, or
take the new text); the paragraph gone -> a conflict too, so no edit disappears unnoticed.
Edited paragraphs are plain text; a ``[label]`` that was a placeholder in the generated
paragraph stays a placeholder, so the letter still lists what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..document import Document, Inline, Paragraph, Placeholder, Run
from ..errors import QalsodyError
from ..storage.letter_edits import LetterEdit, LetterEditRepository

Choice = Literal["keep_edit", "take_new"]
_BRACKETED = re.compile(r"\[([^\[\]\n]+)\]")


@dataclass(frozen=True)
class Conflict:
    block_id: str
    base_text: str  # what the paragraph said when the user edited it
    new_generated: str | None  # what it says now; None when the paragraph is gone
    edited: str  # the user's text

    @property
    def vanished(self) -> bool:
        return self.new_generated is None

    def to_json(self) -> dict[str, object]:
        return {
            "block_id": self.block_id,
            "base_text": self.base_text,
            "new_generated": self.new_generated,
            "edited": self.edited,
            "vanished": self.vanished,
        }


def editable_ids(document: Document) -> list[str]:
    """Block ids of the paragraphs a user may edit."""
    return [b.id for b in document.blocks if isinstance(b, Paragraph) and b.id]


def paragraph_text(document: Document, block_id: str) -> str | None:
    try:
        block = document.block(block_id)
    except KeyError:
        return None
    return block.text if isinstance(block, Paragraph) else None


def edited_inlines(text: str, generated: Paragraph) -> list[Inline]:
    """Plain text, except that placeholders of the generated paragraph stay placeholders."""
    labels = {i.label for i in generated.content if isinstance(i, Placeholder)}
    out: list[Inline] = []
    pos = 0
    for m in _BRACKETED.finditer(text):
        if m.group(1).strip() not in labels:
            continue
        if m.start() > pos:
            out.append(Run(text[pos : m.start()]))
        out.append(Placeholder(m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:]))
    return out


def apply_edits(document: Document, edits: Sequence[LetterEdit]) -> tuple[Document, list[Conflict]]:
    """The document with every still-valid edit applied, and the edits that need a choice."""
    conflicts: list[Conflict] = []
    for edit in edits:
        current = paragraph_text(document, edit.block_id)
        if current is None:
            conflicts.append(Conflict(edit.block_id, edit.base_text, None, edit.text))
        elif current != edit.base_text:
            conflicts.append(Conflict(edit.block_id, edit.base_text, current, edit.text))
        else:
            generated = document.block(edit.block_id)
            assert isinstance(generated, Paragraph)
            new = Paragraph(
                edited_inlines(edit.text, generated) or edit.text,
                style=generated.style,
                id=edit.block_id,
                keep_with_next=generated.keep_with_next,
            )
            document = document.replace_block(edit.block_id, new)
    return document, conflicts


def save_edit(
    repo: LetterEditRepository,
    case_id: str,
    kind: str,
    generated: Document,
    block_id: str,
    text: str,
) -> None:
    """Store the user's text for a paragraph of the *generated* (unedited) letter.

    Text equal to the generated paragraph removes the edit: nothing is left to keep.
    """
    base = paragraph_text(generated, block_id)
    if base is None:
        raise QalsodyError(f"the letter has no editable paragraph {block_id!r}")
    text = text.replace("\r\n", "\n").strip()
    if text == base or not text:
        repo.delete(case_id, kind, block_id)
        return
    repo.save(case_id, kind, block_id, base, text)


def resolve_conflict(
    repo: LetterEditRepository, case_id: str, kind: str, conflict: Conflict, choice: Choice
) -> None:
    """``keep_edit``: the edit now sits over the new text; ``take_new``: the edit is dropped.

    Keeping an edit of a paragraph that is gone leaves it stored (and reported) until the
    paragraph comes back or the user takes the new letter.
    """
    if choice == "take_new":
        repo.delete(case_id, kind, conflict.block_id)
    elif choice == "keep_edit":
        if conflict.new_generated is not None:
            repo.save(case_id, kind, conflict.block_id, conflict.new_generated, conflict.edited)
    else:
        raise QalsodyError(f"unknown choice {choice!r}: keep_edit or take_new")
