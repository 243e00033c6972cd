"""A multi-document fax written for the split tests (cover sheet, two-page note, PFT).

Written independently of the development set and of the demo documents.
"""

from __future__ import annotations

from qalsody_desktop.core.synthetic.pdfwriter import PdfWriter

COVER = """FACSIMILE
To: Prior Authorization Dept.      Fax: (888) 555-0142
From: Neuromuscular Clinic, Durham    Phone: (919) 555-0117
Date: 06/02/2025        Pages (including cover): 5
Re: clinical documentation
[X] Urgent   [ ] For review   [ ] Please reply
CONFIDENTIAL: this transmission may contain protected health information. If you are not the
intended recipient, notify the sender and destroy this fax."""
NOTE_1 = """NEUROLOGY FOLLOW-UP
Patient: {name}     DOB: {dob}
Reason for visit: ALS follow-up, SOD1 carrier
History: progressive weakness of the left leg over 14 months, new dysarthria since spring.
Falls x2. Denies dysphagia. Uses an ankle-foot orthosis.
Current medications: riluzole 50 mg twice daily, baclofen 10 mg at night
Examination: tongue fasciculations, brisk jaw jerk. Strength 4/5 left hip flexion, 3/5 ankle
dorsiflexion. Reflexes 3+ throughout, Babinski present on the left."""
NOTE_2 = """Impression: amyotrophic lateral sclerosis with SOD1 variant, progressing.
Plan: request tofersen; continue riluzole; PT and speech referral; return in 3 months.
ALSFRS-R today 38/48.
Electronically signed by Helena Marsh, MD 06/01/2025"""
PFT = """PULMONARY FUNCTION TEST REPORT
Patient: {name}   Test date: 05/28/2025
Spirometry (seated)            Predicted    Measured    % Pred
FVC (L)                         4.21         3.12        74
FEV1 (L)                        3.35         2.60        78
FEV1/FVC (%)                    80           83
SVC (L)                         4.30         3.20        74
MIP (cmH2O)                     -95          -61         64
Interpretation: mild restriction consistent with respiratory muscle weakness."""


def fax_pdf(path, pages):
    w = PdfWriter(title="fax")
    for i, text in enumerate(pages):
        if i:
            w.page_break()
        w.paragraph(text)
    w.save(path)
    return path
