"""Names outside Latin-1 print exactly on the cover and every stamp (issue 12, defects 3, 11).

Text is read back with pdftotext (poppler), as a payer's software would; every bundle passes
``qpdf --check``. A 100,000-character name lays out in well under a second.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import time
from pathlib import Path

from test_bundle_support import attach, new_case, pdf_with_pages, qpdf_check, write_doc

from qalsody_desktop.core.bundle import BundleBuilder
from qalsody_desktop.core.bundle.stamp import SIDE, SIZE, StampInfo, left_items
from qalsody_desktop.core.bundle.textengine import text_width, wrap

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdftotext_pages(path: Path, band: bool = False) -> list[str]:
    """Each page's text; with ``band`` only the stamp band (the bottom 36 pt of a portrait
    page), so a name found there was printed by the stamp, not by the page content."""
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is required"
    crop = ["-r", "72", "-x", "0", "-y", "756", "-W", "612", "-H", "36"] if band else []
    args = [exe, "-enc", "UTF-8", *crop, str(path), "-"]
    out = subprocess.run(args, capture_output=True, check=True)
    text = BIDI_MARKS.sub("", out.stdout.decode("utf-8"))
    return [re.sub(r"[ \t]+", " ", page) for page in text.split("\f")[:-1]]


def _bundle(store, case_dict, tmp_path, first, last, middle=None):
    data = copy.deepcopy(case_dict)
    data["patient"].update(first_name=first, last_name=last, middle_name=middle)
    case_id = new_case(store, data)
    doc = write_doc(tmp_path / "docs", "note.pdf", pdf_with_pages(["NOTE-1", "NOTE-2"]))
    attach(store, case_id, doc, "clinic_note")
    out = tmp_path / "bundle.pdf"
    result = BundleBuilder(store).build(case_id, out)
    qpdf_check(out)
    return out, result


def test_vietnamese_name_on_cover_and_every_stamp(store, example_dict, tmp_path):
    out, result = _bundle(store, example_dict, tmp_path, "Zoë Thảo", "Nguyễn-Øster")
    pages = pdftotext_pages(out)
    assert len(pages) == result.manifest["pages"] >= 5
    name = "Nguyễn-Øster, Zoë Thảo"
    cover = pages[0].split("CONFIDENTIALITY")[0]
    assert name in cover and "Patient" in cover
    stamps = pdftotext_pages(out, band=True)
    assert len(stamps) == len(pages)
    for number, text in enumerate(stamps, start=1):
        assert f"{name} | DOB 1966-04-09 | Member ID U5521098834" in text, number
        assert f"Page {number} of {len(pages)}" in text
    assert "?" not in pages[0].split("CONFIDENTIALITY")[0]


def test_spanish_and_irish_names_with_apostrophes(store, example_dict, tmp_path):
    out, _ = _bundle(store, example_dict, tmp_path, "José Ángel", "O’Brien-Núñez")
    assert "O’Brien-Núñez, José Ángel" in pdftotext_pages(out)[0].split("CONFIDENTIALITY")[0]
    for text in pdftotext_pages(out, band=True):
        assert "O’Brien-Núñez, José Ángel | DOB" in text


def test_arabic_script_name_on_cover_and_every_stamp(store, example_dict, tmp_path):
    # an Arabic-script surname beside a Latin given name: shaped (joined letters) when drawn,
    # read back as the plain letters typed (not presentation forms)
    out, _ = _bundle(store, example_dict, tmp_path, "Layla", "حداد")
    pages = pdftotext_pages(out)
    assert "حداد, Layla" in pages[0].split("CONFIDENTIALITY")[0]
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", pages[0])  # no presentation forms
    for number, text in enumerate(pdftotext_pages(out, band=True), start=1):
        assert "حداد, Layla | DOB 1966-04-09" in text, (number, text)
        assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)


def test_all_arabic_name_words_on_every_stamp(store, example_dict, tmp_path):
    # pdftotext orders the words of a right-to-left run inside a left-to-right line by their
    # position, so each word is checked, and the font must have drawn them (no fallback boxes)
    out, _ = _bundle(store, example_dict, tmp_path, "محمد", "الحسيني", middle="عبد الله")
    for text in pdftotext_pages(out, band=True):
        for word in ("محمد", "الحسيني", "عبد", "الله"):
            assert word in text, text
        assert "DOB 1966-04-09 | Member ID U5521098834" in text


def test_wrap_is_linear_for_a_100k_character_word():
    word = "W" * 100_000
    start = time.perf_counter()
    lines = wrap(word, 300.0, 10.0)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert "".join(lines) == word
    assert all(text_width(line, 10.0) <= 300.0 for line in lines[:50])
    assert len(lines) > 100


def test_stamp_fits_a_100k_character_name_quickly():
    info = StampInfo("N" * 100_000, "1966-04-09", "U5521098834", total=500)
    start = time.perf_counter()
    name, rest = left_items(info, 612.0)
    assert time.perf_counter() - start < 1.0
    assert name.value.endswith("…") and len(name.value) < 200
    assert rest.value == "  |  DOB 1966-04-09  |  Member ID U5521098834"
    right = text_width("Page 500 of 500", SIZE)
    assert rest.x + text_width(rest.value, SIZE) <= 612.0 - SIDE - right


def test_bundle_with_100k_character_last_name_finishes(store, example_dict, tmp_path):
    start = time.perf_counter()
    out, _ = _bundle(store, example_dict, tmp_path, "Ann", "L" * 100_000)
    assert time.perf_counter() - start < 60
    pages = pdftotext_pages(out)
    assert "LLLL" in pages[0] and "DOB 1966-04-09" in pages[-1]
