"""Case data hygiene (issue 12, defects 4 and 9, and bounded lengths).

Finite numbers only; text in NFC with bidi controls and other format characters removed (an
unterminated U+202E in a first name must not reorder the letter); lengths bounded with a clear
message that does not echo the value.
"""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import date

import pytest

from qalsody_desktop.core.codec import case_from_dict, case_to_dict
from qalsody_desktop.core.errors import CaseValidationError
from qalsody_desktop.core.textclean import clean_text
from qalsody_desktop.core.validation import normalize_case, validate_case

TODAY = date(2026, 11, 28)


def _with(example: dict, **patient) -> dict:
    data = copy.deepcopy(example)
    data["patient"].update(patient)
    return data


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_rejected(example_dict, value):
    data = copy.deepcopy(example_dict)
    data["nfl"][0]["value"] = value
    with pytest.raises(CaseValidationError) as info:
        case_from_dict(data)
    assert any(e.path == "nfl[0].value" and "finite number" in e.message for e in info.value.errors)


def test_non_finite_numbers_from_json_text_are_rejected(example_dict):
    text = json.dumps(example_dict).replace('"value": 71.5', '"value": NaN', 1)
    assert "NaN" in text
    data = json.loads(text)  # Python's json accepts NaN; the codec must not
    with pytest.raises(CaseValidationError):
        case_from_dict(data)


def test_exported_case_is_standard_json(example_dict):
    case = validate_case(case_from_dict(example_dict), TODAY)
    json.dumps(case_to_dict(case), allow_nan=False)  # raises on NaN/Infinity


def test_bidi_controls_and_format_characters_are_removed(example_dict):
    data = _with(example_dict, first_name="\u202eHarold\u200b", last_name="\u2067Vance\u2069")
    case = validate_case(case_from_dict(data), TODAY)
    assert case.patient.first_name == "Harold"
    assert case.patient.last_name == "Vance"
    assert case.display_name == "Vance, Harold"


def test_joiners_that_spell_a_name_stay():
    assert clean_text("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    )


def test_text_is_normalized_to_nfc(example_dict):
    decomposed = unicodedata.normalize("NFD", "Nguyễn-Øster")
    assert decomposed != "Nguyễn-Øster"
    case = validate_case(case_from_dict(_with(example_dict, last_name=decomposed)), TODAY)
    assert case.patient.last_name == "Nguyễn-Øster"


def test_editor_path_cleans_text_too(example_dict):
    case = case_from_dict(example_dict)
    case.patient.first_name = "Har\u202eold"  # as a form field might hold it
    normalize_case(case)
    assert case.patient.first_name == "Harold"


def test_controls_are_removed_and_a_lone_surrogate_is_refused(example_dict):
    data = _with(example_dict, first_name="Har\x07old")
    case = validate_case(case_from_dict(data), TODAY)
    assert case.patient.first_name == "Harold"
    data = _with(example_dict, first_name="Har\ud800old")  # broken encoding: never guessed at
    with pytest.raises(CaseValidationError) as info:
        case_from_dict(data)
    (error,) = [e for e in info.value.errors if e.path == "patient.first_name"]
    assert "lone surrogate" in error.message and "Har" not in str(info.value)


def test_overlong_name_is_rejected_with_a_clear_message(example_dict):
    data = _with(example_dict, last_name="L" * 100_000)
    with pytest.raises(CaseValidationError) as info:
        validate_case(case_from_dict(data), TODAY)
    (error,) = [e for e in info.value.errors if e.path == "patient.last_name"]
    assert "100,000 characters long; at most 200 are allowed" in error.message
    assert "LLLL" not in str(info.value)


def test_overlong_free_text_is_rejected(example_dict):
    data = copy.deepcopy(example_dict)
    data["diagnosis"]["criteria"] = "x" * 5000
    with pytest.raises(CaseValidationError) as info:
        validate_case(case_from_dict(data), TODAY)
    assert any(e.path == "diagnosis.criteria" for e in info.value.errors)


def test_synthetic_writer_wrap_is_linear():
    import time

    from qalsody_desktop.core.synthetic.pdfwriter import text_width, wrap

    start = time.perf_counter()
    lines = wrap("W" * 100_000, 300.0, 10.0)
    assert time.perf_counter() - start < 1.0
    assert "".join(lines) == "W" * 100_000
    assert all(text_width(line, 10.0) <= 300.0 for line in lines)


def test_bidi_override_in_a_stored_name_never_reaches_the_letter(store, example_dict, tmp_path):
    """A case saved before this check (or by any path) is cleaned when it is loaded, so the
    DOCX and PDF letters hold the name without the override that would reverse the sentence."""
    from pypdf import PdfReader
    from test_letters_support import docx_text

    from qalsody_desktop.cli import main

    case = case_from_dict(example_dict)
    case_id = store.cases.create(case)
    raw = json.dumps(case_to_dict(case)).replace('"Harold"', '"\\u202eHarold"')
    with store.db.transaction() as conn:
        conn.execute("UPDATE cases SET data = ? WHERE id = ?", (raw, case_id))
    out, pdf = tmp_path / "mnl.docx", tmp_path / "mnl.pdf"
    code = main(
        ["letter", case_id, "--kind", "medical_necessity", "--out", str(out), "--pdf", str(pdf)]
    )
    assert code == 0
    text = docx_text(out) + "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Harold" in text
    assert "\u202e" not in text
