"""The clinical evidence a letter quotes, from the policy profile's evidence library.

Letters pick passages by what they must answer (the denial's reasons) and by topic (the trial,
the biomarker, why delay costs function...). Only sourced passages (``verified``/``corrected``)
are quoted; each carries its citation and a numbered source. A publication a letter cites is an
enclosure: the case's ``published_reference`` attachment that matches it, or a visible
placeholder naming what to attach.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Inline, InlineLike, Placeholder, Run
from ..evidence.records import Attachment
from ..policy.model import EvidencePassage, PublishedReference
from .parts import CITABLE_STATUSES, Draft

REFERENCE_CATEGORY = "published_reference"


def passages(
    d: Draft, *, reasons: Iterable[str] = (), topics: Iterable[str] = ()
) -> list[EvidencePassage]:
    """Citable passages that answer any of ``reasons`` or are about any of ``topics``, in the
    library's order (which is the order an argument reads best in)."""
    reasons, topics = set(reasons), set(topics)
    out = []
    for p in d.ctx.profile.evidence:
        if not (reasons & set(p.answers) or topics & set(p.topics)):
            continue
        if p.status not in CITABLE_STATUSES:
            d.ctx.warn(f"evidence '{p.title}' is {p.status} in the policy profile: not quoted")
            continue
        out.append(p)
    return out


def passage_inlines(d: Draft, p: EvidencePassage) -> list[Inline]:
    """ "Title: text (citation) [n]": the figure, where it comes from, and its numbered source."""
    return [
        Run(f"{p.title}: ", bold=True),
        Run(f"{p.text} ({p.citation})"),
        d.cites.cite(p.source),
    ]


def quote_passages(d: Draft, found: Iterable[EvidencePassage], prefix: str) -> int:
    """One paragraph per passage (each once per letter); how many were written."""
    written = 0
    for p in found:
        block = f"{prefix}_{p.id}"[:40]
        if block in d.ids:
            continue
        d.para(passage_inlines(d, p), id=block)
        written += 1
    return written


def _matches(reference: PublishedReference, att: Attachment, text: str) -> bool:
    haystack = f"{att.file_name}\n{text}".lower()
    return any(m.strip() and m.strip().lower() in haystack for m in reference.match)


def cited_references(d: Draft) -> list[tuple[PublishedReference, Attachment | None]]:
    """Each publication the letter cites with the attachment that is it (None: not attached)."""
    out = []
    refs = [d.ctx.profile.reference_for(s) for s in d.cites.order]
    candidates = [a for a in d.ctx.attachments if a.category == REFERENCE_CATEGORY]
    for ref in refs:
        if ref is None:
            continue
        found = next(
            (a for a in candidates if _matches(ref, a, d.ctx.attachment_texts.get(a.id, ""))),
            None,
        )
        out.append((ref, found))
    return out


def reference_enclosures(d: Draft) -> tuple[list[str], list[InlineLike]]:
    """(ids of attachments that are cited publications, placeholders for the missing ones)."""
    present: list[str] = []
    missing: list[InlineLike] = []
    for ref, att in cited_references(d):
        if att is not None:
            present.append(att.id)
            continue
        missing.append(Placeholder(f"attach the published reference: {ref.title}"))
        d.ctx.warn(
            f"the letter cites {ref.title} but no published reference attached to the case "
            "matches it: attach it (category published_reference) before sending"
        )
    return present, missing
