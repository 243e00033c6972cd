"""Composition: run the composer of a letter kind and report its placeholders and warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..checklist import MISSING_EVIDENCE, NOT_MET
from ..document import Document
from ..errors import QalsodyError
from ..model import Case
from .appeals import compose_external_review_request, compose_internal_appeal
from .context import LetterContext, LetterResult
from .criteria import fact_verdicts
from .medical_necessity import compose_medical_necessity
from .p2p import compose_p2p_summary
from .requests import compose_expedited_review_request, compose_formulary_exception
from .visit_prep import compose_visit_prep

Composer = Callable[[Case, LetterContext], Document]

COMPOSERS: dict[str, Composer] = {
    "medical_necessity": compose_medical_necessity,
    "p2p_summary": compose_p2p_summary,
    "visit_prep": compose_visit_prep,
    "formulary_exception": compose_formulary_exception,
    "expedited_review_request": compose_expedited_review_request,
    "internal_appeal": compose_internal_appeal,
    "external_review_request": compose_external_review_request,
}
APPEAL_KINDS = ("internal_appeal", "external_review_request")
# Letters that go to the payer (or a reviewer) and so must not rest on unmet criteria unnoticed.
PAYER_KINDS = tuple(k for k in COMPOSERS if k not in ("p2p_summary", "visit_prep"))


class UnknownLetterKind(QalsodyError):
    pass


def check_kind(kind: str) -> None:
    if kind not in COMPOSERS:
        raise UnknownLetterKind(f"unknown letter kind {kind!r}; one of: {', '.join(COMPOSERS)}")


def compose(kind: str, case: Case, context: LetterContext) -> LetterResult:
    """The letter without user edits; warnings name what the reader must check or add."""
    check_kind(kind)
    ctx = replace(context, warnings=[], blanks=[])
    document = COMPOSERS[kind](case, ctx)
    warnings = list(ctx.warnings)
    if kind in PAYER_KINDS and ctx.checklist is not None:
        warnings += criteria_warnings(case, ctx)
    result = LetterResult(kind, document, [], warnings, [], document, list(ctx.blanks))
    refresh_placeholders(result)
    return result


def criteria_warnings(case: Case, ctx: LetterContext) -> list[str]:
    """Unmet payer criteria: by the facts one by one; for want of a document, in one line."""
    assert ctx.checklist is not None
    verdicts = fact_verdicts(case, ctx.profile, ctx.today)
    out = [
        (
            f"payer criterion not met by the case facts: {v.criterion.title} ({v.verdict.detail})"
            if v.verdict.status == NOT_MET
            else f"no facts yet for payer criterion: {v.criterion.title} ({v.verdict.detail})"
        )
        for v in verdicts
        if not v.met
    ]
    failing = {v.criterion.id for v in verdicts if not v.met}
    undocumented = [
        i.title
        for i in ctx.checklist.items
        if i.blocks_ready and i.status in (NOT_MET, MISSING_EVIDENCE) and i.id not in failing
    ]
    if undocumented:
        out.append(
            f"{len(undocumented)} payer criteria lack their supporting document (see the "
            f"checklist): {'; '.join(undocumented)}"
        )
    return out


def refresh_placeholders(result: LetterResult) -> None:
    """Recount placeholders (after edits filled some in) and keep the warning about them first."""
    missing = result.document.placeholders()
    result.placeholders = [*missing, *result.blanks]
    result.warnings = [
        w for w in result.warnings if not w.startswith(MISSING_PREFIX) and BLANK_TEXT not in w
    ]
    if missing:
        result.warnings.insert(
            0,
            f"{MISSING_PREFIX}{len(missing)} fact(s) missing from the case appear as "
            "[placeholders]; fill them in before the letter is signed",
        )
    if result.blanks:
        result.warnings.append(f"{len(result.blanks)} {BLANK_TEXT}")


MISSING_PREFIX = "missing facts: "
BLANK_TEXT = "line(s) left blank for the patient or family to fill in"
