"""The profile's rules as a readable page: every criterion, deadline and statement with its basis.

Staff must be able to see why the app asks for something and how sure that rule is
(``verified``, ``guide-only``, ``corrected`` or a project ``assumption``), without opening TOML.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .model import PolicyProfile

STATUS_WORDS = {
    "verified": "verified against the source",
    "guide-only": "from the clinic guide only, not verified",
    "corrected": "the guide is wrong here; corrected from the source",
    "assumption": "a project assumption; check it",
}


def _status(status: str) -> str:
    return f"<i>{escape(STATUS_WORDS.get(status, status))}</i>"


def _in_force(rule: Any) -> str:
    """ ", from 2026-01-01", ", until 2025-12-31": when a rule has an effective range."""
    parts = []
    if rule.effective_from:
        parts.append(f"from {rule.effective_from.isoformat()}")
    if rule.effective_to:
        parts.append(f"until {rule.effective_to.isoformat()}")
    return f", in force {' '.join(parts)}" if parts else ""


def rules_html(profile: PolicyProfile) -> str:
    """One HTML page (Qt rich text subset) listing the profile's rules with sources."""
    sources = {s.id: s for s in profile.sources}

    def cite(source_id: str) -> str:
        src = sources.get(source_id)
        if src is None:
            return escape(source_id)
        return escape(src.title)

    out = [
        f"<h2>{escape(profile.title)}</h2>",
        f"<p>Profile <b>{escape(profile.id)}</b>, version {escape(profile.version)}. "
        "Each rule shows its source and how sure it is.</p>",
        "<h3>Coverage criteria</h3><ul>",
    ]
    for c in profile.criteria:
        note = f"<br>{escape(c.note)}" if c.note else ""
        out.append(
            f"<li><b>{escape(c.title)}</b>: {cite(c.source)}; {_status(c.status)}.{note}</li>"
        )
    out.append("</ul><h3>Deadlines</h3><ul>")
    for d in profile.deadlines:
        unit = d.unit.replace("_", " ")
        who = ", ".join(p.replace("_", " ") for p in d.plan_types) or "all plans"
        note = f"<br>{escape(d.note)}" if d.note else ""
        also = "".join(f" or {escape(a.replace('_', ' '))}" for a in d.also_from)
        out.append(
            f"<li><b>{escape(d.title)}</b>: {d.amount} {escape(unit)} {escape(d.direction)} "
            f"{escape(d.from_event.replace('_', ' '))}{also} ({escape(who)})"
            f"{_in_force(d)}; {cite(d.source)}; {_status(d.status)}.{note}</li>"
        )
    for a in profile.awaited:
        who = ", ".join(p.replace("_", " ") for p in a.plan_types)
        out.append(
            f"<li><b>{escape(a.title)}</b>: awaited after "
            f"{escape(a.from_event.replace('_', ' '))}, no time limit in the sources"
            f" ({escape(who)}){_in_force(a)}; {cite(a.source)}; {_status(a.status)}."
            f"<br>{escape(a.note)}</li>"
        )
    out.append("</ul><h3>Common denial reasons</h3><ul>")
    for r in profile.denial_reasons:
        out.append(
            f"<li><b>{escape(r.title)}</b>: {escape(r.how_to_overturn)} "
            f"({cite(r.source)}; {_status(r.status)})</li>"
        )
    out.append("</ul><h3>Statements used in letters</h3><ul>")
    for s in profile.regulatory_statements:
        out.append(f"<li><b>{escape(s.title)}</b>: {cite(s.source)}; {_status(s.status)}.</li>")
    out.append("</ul><h3>Sources</h3><ul>")
    for src in profile.sources:
        url = f" — {escape(src.url)}" if src.url else ""
        out.append(f"<li>{escape(src.title)}: {escape(src.citation)}{url}</li>")
    out.append("</ul>")
    return "\n".join(out)
