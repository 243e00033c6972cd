"""Reading one export file, whatever its format, into an :class:`EhrImport` (nothing written)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..paths import resources_dir
from .ccda import read_ccda
from .codes import CodeTable, default_code_table
from .fhir import read_fhir
from .model import EhrImport, EhrImportError
from .reader import (
    Cancelled,
    Progress,
    Reporter,
    file_size,
    iter_json_resources,
    parse_xml,
    read_text,
    sniff,
)

_CDA_ROOTS = {
    "ClinicalDocument",
    "section",
    "component",
    "entry",
    "act",
    "observation",
    "organizer",
    "substanceAdministration",
    "supply",
    "encounter",
    "procedure",
    "qalsodyFragment",
    "recordTarget",
    "author",
    "documentationOf",
    "participant",
    "performer",
    "entryRelationship",
    "informant",
    "custodian",
    "legalAuthenticator",
    "authenticator",
    "dataEnterer",
    "informationRecipient",
    "inFulfillmentOf",
    "componentOf",
    "authorization",
    "relatedDocument",
    "participantRole",
    "manufacturedProduct",
    "serviceEvent",
    "externalDocument",
    "addr",
    "encounterParticipant",
    "assignedAuthor",
    "relatedSubject",
    "criterion",
    "sdtc:signatureText",
}


@lru_cache(maxsize=1)
def document_types() -> dict[str, dict[str, str]]:
    with (resources_dir() / "ehr" / "codes.toml").open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    return {str(k): dict(v) for k, v in data.get("document_types", {}).items()}


def read_export(
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    table: CodeTable | None = None,
) -> EhrImport:
    """Read ``path`` (C-CDA XML, FHIR JSON bundle or NDJSON). Raises EhrImportError with a
    one-line reason for anything it cannot import; EhrCancelled when cancelled."""
    path = Path(path)
    table = table or default_code_table()
    rep = Reporter(file_size(path), progress, cancelled)
    kind = sniff(path)
    imp = EhrImport(file_name=path.name, format="", document_type="")
    if kind == "xml":
        root = parse_xml(path, rep)
        if root.tag in ("Bundle", "Patient") or root.tag.startswith("{http://hl7.org/fhir}"):
            raise EhrImportError(f"{path.name}: FHIR XML is not supported; export FHIR as JSON")
        if root.tag not in _CDA_ROOTS:
            raise EhrImportError(
                f"{path.name}: unknown document type (XML root <{root.tag}>, not a C-CDA document)"
            )
        rep.report(0.7, "Reading sections")
        read_ccda(root, imp, table, document_types())
    else:
        text = read_text(path, rep)
        read_fhir(iter_json_resources(text, path.name, rep), imp, table)
    rep.report(1.0, "Read")
    return imp
