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
from ..evidence.kit import load_kit
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
from .denial_source import denial_from_events
from .edits import apply_edits, save_edit
from .kinds import SIGNED_CATEGORY as SIGNED_CATEGORY  # re-exported: the category callers ask for
from .kinds import newest_signed_copy

LETTER_KINDS: tuple[str, ...] = tuple(COMPOSERS)


def letter_context(
    store: Store,
    case_id: str,
    case: Case,
    *,
    profile: PolicyProfile,
    today: date,
    denial: DenialInfo | None = None,
    bundle_pages: Mapping[str, tuple[int, int]] | None = None,
) -> LetterContext:
    clinic_repo = ClinicSettingsRepository(store.db, store.blobs)
    clinic = clinic_repo.get()
    signatures = {
        i: png
        for i, s in enumerate(clinic.signers)
        if (png := clinic_repo.image_png(s.signature_sha256)) is not None
    }
    kit = load_kit(store, case_id, profile, case=case, today=today)
    held = withheld_from_letters(CasePrefs(store.db), case_id, kit, profile)
    return LetterContext(
        profile=profile,
        today=today,
        clinic=clinic,
        logo_png=clinic_repo.image_png(clinic.logo_sha256),
        signature_pngs=signatures,
        attachments=[a for a in kit.attachments if a.id not in held],
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
) -> LetterResult:
    """Compose letter ``kind`` for a stored case with the user's edits applied.

    ``case`` lets the editor preview unsaved changes; ``denial`` defaults, for appeal kinds, to
    the latest ``denied`` event; ``bundle_pages`` maps attachment ids to their (first, last)
    page in the submission bundle, shown in the enclosures.
    """
    check_kind(kind)
    case = case if case is not None else store.cases.get(case_id).case
    if denial is None and kind in APPEAL_KINDS:
        denial = denial_from_events(store, case_id)
    ctx = letter_context(
        store,
        case_id,
        case,
        profile=profile or load_default_profile(),
        today=today or date.today(),
        denial=denial,
        bundle_pages=bundle_pages,
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
