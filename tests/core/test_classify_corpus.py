"""Real-world documents that are not part of a Qalsody request come out ``other``.

Read in place from ../shared/corpus (never copied): a filled IRS 1040, a computer-science paper,
a German physics thesis, a Russian document, an FDA budget document and a page that talks about
patients, physicians and prescriptions (near misses for a medical classifier).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from qalsody_desktop.core.classify import WARN_UNCERTAIN, classify_text
from qalsody_desktop.core.policy import load_default_profile

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
UNRELATED = [
    "form/pdfjs__prefilled_f1040.pdf",
    "normal/pdfjs__tracemonkey.pdf",
    "large/pysf__GeoTopo-komprimiert.pdf",
    "unicode/docx4j__Docx4j_Russian.pdf",
    "normal/pdfbox__PDFBOX-4417-001031.pdf",
    "normal/pdfbox__PDFBOX-3042-003177-p2.pdf",
]


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        if os.environ.get("QALSODY_REQUIRE_TOOLS"):
            pytest.fail(f"{path} is missing; CI must have ../shared beside the repo")
        pytest.skip(f"{path} is not beside the repo")
    return path


def first_pages_text(path: Path, pages: int = 12) -> str:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(path)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:pages])


@pytest.mark.parametrize("relative", UNRELATED, ids=[Path(p).stem for p in UNRELATED])
def test_unrelated_real_documents_are_other(relative):
    text = first_pages_text(corpus_file(relative))
    assert len(text.strip()) > 200, "the test needs a document with a real text layer"
    result = classify_text(text, load_default_profile(), has_text_layer=True)
    assert result.category == "other", result.scores
    assert result.confidence < 0.3
    assert result.warnings == [WARN_UNCERTAIN]
