"""Composition: run the composer of a letter kind and report its placeholders and warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..checklist import NOT_MET
from ..document import Document, Inline, Run, Table
from ..errors import QalsodyError
from ..model import Case
from .action_plan import ActionStep, action_plan
from .appeals import compose_external_review_request, compose_internal_appeal
from .context import LetterContext, LetterResult
from .criteria import CriteriaCount, count_criteria
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
    plan: list[ActionStep] = []
    unmet: list[str] = []
    if kind in PAYER_KINDS and ctx.checklist is not None:
        warnings += criteria_warnings(case, ctx)
        count = count_criteria(case, ctx.profile, ctx.today, ctx.checklist)
        document = with_banner(document, banner(count))
        plan = action_plan(case, ctx.profile, ctx.today, ctx.checklist)
        unmet = [f"{v.criterion.title} ({v.verdict.detail})" for v in count.unmet]
    result = LetterResult(kind, document, [], warnings, [], document, list(ctx.blanks))
    result.action_plan = plan
    result.unmet = unmet
    refresh_placeholders(result)
    return result


def criteria_warnings(case: Case, ctx: LetterContext) -> list[str]:
    """Unmet payer criteria one by one; those waiting only for their document, in one line."""
    count = count_criteria(case, ctx.profile, ctx.today, ctx.checklist)
    out = [
        (
            f"{UNMET_PREFIX}{v.criterion.title} ({v.verdict.detail})"
            if v.verdict.status == NOT_MET
            else f"no facts yet for payer criterion: {v.criterion.title} ({v.verdict.detail})"
        )
        for v in count.unmet
    ]
    if count.document_missing:
        out.append(
            f"{len(count.document_missing)} payer criteria lack their supporting document (see "
            f"the checklist): {'; '.join(c.title for c in count.document_missing)}"
        )
    return out


def banner(count: CriteriaCount) -> Table | None:
    """A boxed notice at the top of a draft whose facts do not meet every payer criterion."""
    if not count.unmet:
        return None
    listed = "; ".join(f"{v.criterion.title} ({v.verdict.detail})" for v in count.unmet)
    text: list[Inline] = [
        Run("DRAFT: NOT READY TO SEND. ", bold=True),
        Run(
            f"{len(count.unmet)} payer {criteria_are(len(count.unmet))} not met by the case "
            f"facts: {listed}. "
            "Complete the action plan (Letters section, or qalsody-pa letter) and regenerate "
            "the letter; remove this notice only then."
        ),
    ]
    return Table([], [[text]], id="banner")


def criteria_are(n: int) -> str:
    return "criterion is" if n == 1 else "criteria are"


def with_banner(document: Document, block: Table | None) -> Document:
    if block is None:
        return document
    return replace(document, blocks=(block, *document.blocks))


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
UNMET_PREFIX = "payer criterion not met by the case facts: "
BLANK_TEXT = "line(s) left blank for the patient or family to fill in"
