"""Import in two steps, for the CLI and the GUI alike: prepare (read + review, nothing
written), then commit the items a person chose (case created or saved, record attached)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..evidence.attach import AttachOutcome
from ..model import Case
from ..policy.profile import PolicyProfile
from ..storage import Store
from .importer import read_export
from .model import EhrImport, EhrImportError
from .reader import Cancelled, Progress
from .record import attach_record
from .review import ReviewItem, apply_review, build_review, check_identity


@dataclass
class ImportPlan:
    imp: EhrImport
    case: Case  # what the review compared against: the stored case, or an empty one
    case_id: str | None
    revision: int | None
    items: list[ReviewItem]
    warnings: list[str]
    sha256: str

    def item(self, item_id: str) -> ReviewItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise EhrImportError(f"no proposed value {item_id!r} in this import")


@dataclass
class ImportResult:
    case_id: str | None
    created: bool
    applied: list[ReviewItem] = field(default_factory=list)
    refused: list[tuple[ReviewItem, str]] = field(default_factory=list)
    attachments: list[AttachOutcome] = field(default_factory=list)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def prepare_import(
    store: Store,
    path: Path,
    case_id: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPlan:
    """Read and review; raises IdentityMismatch for another patient's export."""
    imp = read_export(path, progress=progress, cancelled=cancelled)
    return plan_import(store, imp, Path(path), case_id)


def plan_import(store: Store, imp: EhrImport, path: Path, case_id: str | None) -> ImportPlan:
    """The review of an already read export (the GUI reads off the GUI thread, then plans
    on it: the store's connection belongs to the GUI thread)."""
    warnings = list(imp.warnings)
    if case_id is not None:
        stored = store.cases.get(case_id)
        base, revision = stored.case, stored.revision
        warnings += check_identity(imp, base)
    else:
        base, revision = Case(), None
    return ImportPlan(
        imp, base, case_id, revision, build_review(imp, base), warnings, _sha256(path)
    )


def commit_import(
    store: Store,
    profile: PolicyProfile,
    plan: ImportPlan,
    chosen: list[ReviewItem],
    *,
    overwrite: bool = False,
) -> ImportResult:
    """Apply ``chosen``; nothing chosen (or nothing applicable) writes nothing."""
    new_case, applied, refused = apply_review(plan.case, chosen, overwrite=overwrite)
    if not applied:
        return ImportResult(plan.case_id, False, applied, refused)
    created = plan.case_id is None
    if created:
        if not (new_case.patient.first_name.strip() and new_case.patient.last_name.strip()):
            raise EhrImportError(
                f"{plan.imp.file_name}: a new case needs the patient's first and last name; "
                "accept them, or import into an existing case"
            )
        case_id = store.cases.create(
            new_case, action="imported", source=f"EHR export {plan.imp.file_name}"
        )
    else:
        case_id = str(plan.case_id)
        store.cases.save(case_id, new_case, base_revision=plan.revision)
    outcomes = attach_record(store, profile, case_id, plan.imp, applied, plan.sha256)
    return ImportResult(case_id, created, applied, refused, outcomes)
