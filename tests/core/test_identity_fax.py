"""Another patient's page inside a fax is flagged: on the text layer at attach, and on the
text OCR reads from a fax-quality image of it (the path scanned faxes take once OCR'd)."""

from __future__ import annotations

from devset.render import fax_images, need_tesseract, ocr_text
from fax_samples import COVER, NOTE_1, NOTE_2, fax_pdf

from qalsody_desktop.core.codec import case_from_dict
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.evidence.review import WRONG_PATIENT
from qalsody_desktop.core.identity import ExpectedIdentity, check_identity_pages
from qalsody_desktop.core.policy import load_default_profile

OTHER = """NEUROLOGY FOLLOW-UP
Patient: BRIGGS, WALTER     DOB: 11/23/1958
Reason for visit: ALS follow-up
Examination: bulbar weakness, tongue fasciculations."""


def pages_for(example_dict):
    p = example_dict["patient"]
    dob = p["date_of_birth"]
    born = f"{dob[5:7]}/{dob[8:10]}/{dob[:4]}"
    name = f"{p['first_name']} {p['last_name']}"
    return [COVER, NOTE_1.format(name=name, dob=born), NOTE_2, OTHER]


def test_wrong_patient_page_of_a_fax_is_flagged_at_attach(store, example_dict, tmp_path):
    case_id = store.cases.create(case_from_dict(example_dict))
    fax = fax_pdf(tmp_path / "fax.pdf", pages_for(example_dict))
    (outcome,) = Attacher(store, load_default_profile()).attach(case_id, [fax])
    flagged = [w for w in outcome.warnings if w.startswith(WRONG_PATIENT)]
    assert flagged and "page 4" in flagged[0] and "page 2" not in flagged[0]
    assert "Briggs" not in flagged[0] and "1958" not in flagged[0]


def test_wrong_patient_page_is_flagged_on_ocr_text_of_a_fax_image(example_dict, tmp_path):
    need_tesseract()
    fax = fax_pdf(tmp_path / "fax.pdf", pages_for(example_dict))
    texts = ocr_text(fax_images(fax.read_bytes(), seed=7))
    result = check_identity_pages(texts, ExpectedIdentity.from_case(example_dict))
    assert result.status == "mismatch"
    statuses = [p.status for p in result.pages]
    assert statuses[1] == "match" and statuses[3] == "mismatch", statuses
