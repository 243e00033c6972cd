"""The import kept as an evidence document: what came from where, readable in the kit.

A PDF (built with the letters' document model) lists the file, its type and date, every value
accepted with its source, the codes not mapped and the narrative sections; it is attached to
the case like any other evidence, in the category the document type calls for. Documents the
export carried (an embedded PDF) are attached beside it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ..document.model import Block, BulletList, Document, Heading, Paragraph, Table
from ..document.pdf_render import pdf_bytes
from ..evidence.attach import Attacher, AttachOutcome
from ..policy.profile import PolicyProfile
from ..storage import Store
from .model import EhrImport
from .review import ReviewItem, field_label

MAX_NARRATIVE_CHARS = 20000


def record_document(imp: EhrImport, applied: list[ReviewItem], sha256: str) -> Document:
    blocks: list[Block] = [
        Heading(f"EHR import: {imp.document_type}", 1),
        Paragraph(
            f"File {imp.file_name} ({imp.format}), SHA-256 {sha256[:16]}…"
            + (f", document date {imp.document_date.isoformat()}" if imp.document_date else "")
            + (f". Title: {imp.title}" if imp.title else "")
        ),
        Heading("Values accepted into the case", 2),
    ]
    if applied:
        rows = [
            [field_label(i.field), i.proposal.display, i.proposal.source.describe()]
            for i in applied
        ]
        blocks.append(Table(["Field", "Value", "Source"], rows, col_widths=[25, 35, 40]))
    else:
        blocks.append(Paragraph("None."))
    if imp.unmapped:
        blocks.append(Heading("Codes not mapped to a case field", 2))
        listed = [
            f"{u.system} {u.code} {u.display} ({u.section})".strip() for u in imp.unmapped[:200]
        ]
        if len(imp.unmapped) > 200:
            listed.append(f"… and {len(imp.unmapped) - 200} more")
        blocks.append(BulletList(listed))
    if imp.warnings:
        blocks.append(Heading("Notes", 2))
        blocks.append(BulletList(list(dict.fromkeys(imp.warnings))))
    budget = MAX_NARRATIVE_CHARS
    for title, text in imp.narratives:
        if budget <= 0:
            blocks.append(Paragraph("(further narrative sections are in the original export)"))
            break
        blocks.append(Heading(title[:120] or "Section", 2))
        for para in text[:budget].split("\n"):
            if para.strip():
                blocks.append(Paragraph(para.strip()))
        budget -= len(text)
    return Document(title=f"EHR import {imp.file_name}", blocks=blocks)


def attach_record(
    store: Store,
    profile: PolicyProfile,
    case_id: str,
    imp: EhrImport,
    applied: list[ReviewItem],
    sha256: str,
) -> list[AttachOutcome]:
    """Attach the record PDF and any embedded documents; returns the attach outcomes."""
    attacher = Attacher(store, profile)
    outcomes: list[AttachOutcome] = []
    with tempfile.TemporaryDirectory(prefix="qalsody-ehr-") as tmp:
        stem = re.sub(r"[^\w.-]+", "_", Path(imp.file_name).stem)[:60] or "export"
        pdf = Path(tmp) / f"EHR import - {stem}.pdf"
        pdf.write_bytes(pdf_bytes(record_document(imp, applied, sha256)))
        outcomes += attacher.attach(case_id, [pdf], category=imp.evidence_category)
        for i, emb in enumerate(imp.embedded):
            if emb.mime.split(";")[0] != "application/pdf":
                continue  # text bodies are in the record's narrative already
            path = Path(tmp) / f"{i + 1}-{emb.name}"
            path.write_bytes(emb.data)
            outcomes += attacher.attach(case_id, [path])
    return outcomes
