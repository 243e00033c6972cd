"""The letters API the GUI, the bundle and the CLI call.

``generate_letter`` gathers everything a composer needs from the store (case, clinic settings
and images, attachments, checklist, the recorded denial), composes, then applies the user's
stored edits. ``write_letter`` renders DOCX and/or PDF, both or neither: the files are rendered
in memory first and only then written (each atomically), so a rendering error leaves no file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ..bundle.gates import withheld_from_letters
from ..document.output import write_output
from ..errors import QalsodyError
from ..evidence.kit import Kit, load_kit
from ..evidence.records import Attachment
from ..model import Case
from ..policy.model import PolicyProfile
from ..policy.profile import load_default_profile
from ..storage import Store
from ..storage.clinic import ClinicSettingsRepository
from ..storage.letter_edits import LetterEditRepository
from ..storage.prefs import CasePrefs
from .compose import APPEAL_KINDS, COMPOSERS, check_kind, compose, refresh_placeholders
from .context import DenialInfo, LetterContext, LetterResult
from .denial_source import as_final, denial_from_events, final_denial_from_events
from .edits import apply_edits, save_edit
from .evidence import REFERENCE_CATEGORY
from .kinds import SIGNED_CATEGORY as SIGNED_CATEGORY  # re-exported: the category callers ask for
from .kinds import newest_signed_copy

LETTER_KINDS: tuple[str, ...] = tuple(COMPOSERS)
# a publication names itself on its first pages (title, journal line, label header)
REFERENCE_PAGES = 3


def letter_context(
    store: Store,
    case_id: str,
    case: Case,
    *,
    profile: PolicyProfile,
    today: date,
    denial: DenialInfo | None = None,
    bundle_pages: Mapping[str, tuple[int, int]] | None = None,
    kit: Kit | None = None,
) -> LetterContext:
    """``kit``: the case's evidence kit when the caller has loaded it (the bundle), so the
    attachments are not reviewed again."""
    clinic_repo = ClinicSettingsRepository(store.db, store.blobs)
    clinic = clinic_repo.get()
    signatures = {
        i: png
        for i, s in enumerate(clinic.signers)
        if (png := clinic_repo.image_png(s.signature_sha256)) is not None
    }
    kit = kit if kit is not None else load_kit(store, case_id, profile, case=case, today=today)
    texts = {
        a.id: "\n".join(store.attachments.page_texts(a.id)[:REFERENCE_PAGES])
        for a in kit.attachments
        if a.category == REFERENCE_CATEGORY
    }
    # another patient's document is never enclosed unless someone let it in (bundle gates)
    held = withheld_from_letters(CasePrefs(store.db), case_id, kit, profile)
    return LetterContext(
        profile=profile,
        today=today,
        clinic=clinic,
        logo_png=clinic_repo.image_png(clinic.logo_sha256),
        signature_pngs=signatures,
        attachments=[a for a in kit.attachments if a.id not in held],
        held_back=[a.file_name for a in kit.attachments if a.id in held],
        attachment_texts=texts,
        bundle_pages=bundle_pages,
        denial=denial,
        checklist=kit.checklist,
    )


def generate_letter(
    store: Store,
    case_id: str,
    kind: str,
    *,
    profile: PolicyProfile | None = None,
    today: date | None = None,
    denial: DenialInfo | None = None,
    case: Case | None = None,
    bundle_pages: Mapping[str, tuple[int, int]] | None = None,
    denial_event: str | None = None,
    kit: Kit | None = None,
) -> LetterResult:
    """Compose letter ``kind`` for a stored case with the user's edits applied.

    ``case`` lets the editor preview unsaved changes; ``denial`` is the denial an appeal letter
    answers (default: see ``appeal_denial``; ``denial_event`` picks a recorded initial denial for
    the internal appeal); ``bundle_pages`` maps attachment ids to their (first, last) page in
    the submission bundle, shown in the enclosures; ``kit`` the evidence kit already loaded
    for ``case`` (the bundle's), reused instead of reviewing every attachment again.
    """
    check_kind(kind)
    case = case if case is not None else store.cases.get(case_id).case
    if kind in APPEAL_KINDS:
        denial = appeal_denial(store, case_id, kind, denial, denial_event)
    ctx = letter_context(
        store,
        case_id,
        case,
        profile=profile or load_default_profile(),
        today=today or date.today(),
        denial=denial,
        bundle_pages=bundle_pages,
        kit=kit,
    )
    result = compose(kind, case, ctx)
    result.template = clinic_template(store)
    edits = LetterEditRepository(store.db).list(case_id, kind)
    if edits:
        document, conflicts = apply_edits(result.document, edits)
        result.document = document
        result.conflicts = conflicts
        refresh_placeholders(result)
        if conflicts:
            result.warnings.append(
                f"{len(conflicts)} edited paragraph(s) changed underneath or are gone: "
                "choose to keep the edit or take the new text"
            )
    return result


def appeal_denial(
    store: Store,
    case_id: str,
    kind: str,
    denial: DenialInfo | None = None,
    denial_event: str | None = None,
) -> DenialInfo | None:
    """The denial an appeal letter answers.

    Internal appeal (or Medicare Advantage reconsideration): the initial denial the user chose
    (``denial_event``), else the latest. External review request: the final internal adverse
    determination (its own reference and dates) with the reasons of the denial it upheld; when
    none is recorded, the latest initial denial, which the letter flags (``final`` is False).
    A denial given by hand is taken as is (for an external review request, as the final one).
    """
    if denial is not None:
        return as_final(denial) if kind == "external_review_request" else denial
    if kind == "external_review_request" and denial_event is None:
        final = final_denial_from_events(store, case_id)
        if final is not None:
            return final
    try:
        return denial_from_events(store, case_id, denial_event)
    except LookupError as exc:
        raise QalsodyError(str(exc)) from None


def edit_paragraph(
    store: Store, case_id: str, result: LetterResult, block_id: str, text: str
) -> None:
    """Save the user's text for one paragraph of ``result`` (made by ``generate_letter``)."""
    generated = result.generated or result.document
    save_edit(LetterEditRepository(store.db), case_id, result.kind, generated, block_id, text)


CLINIC_TEMPLATE = Path("templates") / "letter-base.docx"


def clinic_template(store: Store) -> Path | None:
    """The clinic's replacement for the base DOCX template: ``<data folder>/templates/``."""
    path = store.root / CLINIC_TEMPLATE
    return path if path.is_file() else None


def write_letter(
    result: LetterResult, *, docx: Path | None = None, pdf: Path | None = None
) -> None:
    """Render to the given paths; all rendering happens before the first file is written."""
    from ..document.docx_render import docx_bytes  # python-docx: loaded when first needed
    from ..document.pdf_render import pdf_bytes

    outputs: list[tuple[Path, bytes]] = []
    if docx is not None:
        outputs.append((Path(docx), docx_bytes(result.document, result.template)))
    if pdf is not None:
        outputs.append((Path(pdf), pdf_bytes(result.document)))
    for path, data in outputs:
        write_output(path, data)


def signed_copy(store: Store, case_id: str) -> Attachment | None:
    """The newest attachment of category medical_necessity_letter: the copy to submit."""
    return newest_signed_copy(store.attachments.list(case_id))
