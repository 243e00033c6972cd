"""Import from EHR exports (C-CDA XML, FHIR R4 JSON/NDJSON) into a case, reviewed value by value.

``read_export`` reads a file into proposals (nothing written); ``prepare_import`` reviews them
against a case (new / same / conflict) and ``commit_import`` applies only what was chosen.
"""

from .importer import read_export
from .model import EhrCancelled, EhrImport, EhrImportError, IdentityMismatch, Proposal, Source
from .review import ReviewItem, apply_review, build_review, check_identity
from .service import ImportPlan, ImportResult, commit_import, plan_import, prepare_import

__all__ = [
    "EhrCancelled",
    "EhrImport",
    "EhrImportError",
    "IdentityMismatch",
    "ImportPlan",
    "ImportResult",
    "Proposal",
    "ReviewItem",
    "Source",
    "apply_review",
    "build_review",
    "check_identity",
    "commit_import",
    "plan_import",
    "prepare_import",
    "read_export",
]
