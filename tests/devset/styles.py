"""Document styles of the development set: four or more per category, written independently.

A style is a function of a ``Context`` returning blocks: ("h", heading), ("p", paragraph),
("kv", [(label, value)]) or ("table", header, rows). Styles differ in layout, headings and
vocabulary the way different EHRs, labs and payers do; randomness only fills in values and
picks among phrasings, so leave-one-style-out evaluation tests generalisation, not recall.
"""

from __future__ import annotations

from collections.abc import Callable

from .people import Context

Block = tuple
Style = Callable[[Context], list[Block]]


def _pt(c: Context, form: str = "first") -> str:
    p = c.patient
    if form == "last":
        return f"{p.last.upper()}, {p.first.upper()} {p.middle[:1]}".strip()
    if form == "comma":
        return f"{p.last}, {p.first}"
    return f"{p.first} {p.last}"


def _dob(c: Context, fmt: str = "%m/%d/%Y") -> str:
    return c.patient.dob.strftime(fmt)


# --- letters of medical necessity ------------------------------------------------------------


def lmn_formal(c: Context) -> list[Block]:
    return [
        ("h", c.clinic),
        ("p", f"{c.d()}\n{c.payer}\nPharmacy Prior Authorization Department"),
        ("p", f"RE: {_pt(c)}   DOB {_dob(c)}   Member ID {c.patient.member_id}"),
        ("p", "Dear Medical Director,"),
        (
            "p",
            "I am writing "
            + c.pick("on behalf of my patient", "to request coverage for my patient")
            + f" {_pt(c)}, who has amyotrophic lateral sclerosis associated with a SOD1 mutation,"
            " to request approval of tofersen (Qalsody) 100 mg intrathecally.",
        ),
        (
            "p",
            "Genetic testing confirmed a pathogenic SOD1 variant. The patient's function has"
            f" declined: ALSFRS-R fell from {c.rng.randint(38, 44)} to {c.rng.randint(30, 37)}."
            " Riluzole was started and tolerated. In my clinical opinion tofersen is medically"
            " necessary and there is no alternative of similar benefit.",
        ),
        (
            "p",
            "Please do not hesitate to contact my office should you require further"
            " information. Thank you for your prompt attention.",
        ),
        ("p", f"Sincerely,\n\n{c.clinician}\nNeuromuscular Medicine"),
    ]


def lmn_dictated(c: Context) -> list[Block]:
    return [
        ("p", f"{c.clinic.upper()}\nDepartment of Neurology"),
        (
            "p",
            f"Date: {c.d()}\nTo: {c.payer} Utilization Management\n"
            f"Re: Request for coverage, tofersen - {_pt(c, 'comma')} (DOB {_dob(c)})",
        ),
        ("p", "To whom it may concern:"),
        (
            "p",
            f"This letter supports my request that {c.payer} authorize treatment with"
            f" tofersen for {_pt(c)}. I have followed {c.pick('him', 'her')} in our ALS clinic"
            " since the diagnosis. The diagnosis meets revised El Escorial criteria and"
            " the SOD1 variant is classified pathogenic.",
        ),
        (
            "p",
            "Rationale: tofersen lowers SOD1 protein and neurofilament light chain. It is the"
            " only disease-targeted therapy for SOD1-ALS and is FDA approved for adults with"
            " this mutation. Delay risks irreversible loss of motor neurons.",
        ),
        ("p", "I respectfully request approval. I am available for a peer-to-peer discussion."),
        ("p", f"Respectfully,\n{c.clinician}\nDictated but not read. cc: chart"),
    ]


def lmn_appeal(c: Context) -> list[Block]:
    return [
        ("h", "Appeal - Request for Reconsideration"),
        (
            "kv",
            [
                ("Patient", _pt(c)),
                ("Date of birth", _dob(c)),
                ("Member ID", c.patient.member_id),
                ("Reference", f"PA-{c.rng.randint(10**6, 10**7)}"),
            ],
        ),
        ("p", f"Dear {c.payer} Appeals Unit,"),
        (
            "p",
            f"I write to appeal the denial of tofersen for my patient dated {c.d(20)}. The"
            " denial stated that the genetic test was not provided; the enclosed report from"
            f" {c.lab} documents a pathogenic SOD1 variant. Please overturn the denial.",
        ),
        (
            "p",
            "My patient meets each criterion of your policy: age 18 or older, diagnosis by a"
            " neurologist, confirmed SOD1 mutation and measurable functional decline. In my"
            " professional opinion the treatment is medically necessary.",
        ),
        (
            "p",
            f"Enclosures: genetic report, clinic notes, ALSFRS-R history.\n\n"
            f"With thanks,\n{c.clinician}",
        ),
    ]


def lmn_template(c: Context) -> list[Block]:
    return [
        ("h", "LETTER OF MEDICAL NECESSITY"),
        (
            "kv",
            [
                ("Date", c.d()),
                ("Insurer", c.payer),
                ("Patient name", _pt(c)),
                ("DOB", _dob(c)),
                ("Diagnosis", "ALS with SOD1 mutation (ICD-10 G12.21)"),
                ("Medication requested", "Qalsody (tofersen) 100 mg/15 mL intrathecal"),
            ],
        ),
        ("h", "Summary of medical history"),
        (
            "p",
            "Progressive asymmetric weakness with fasciculations and bulbar symptoms. EMG shows"
            " active and chronic denervation in three regions.",
        ),
        ("h", "Justification for treatment"),
        (
            "p",
            "The requested drug is medically necessary because the patient carries a"
            " pathogenic SOD1 variant and continues to decline on standard care. No"
            " contraindications. The prescriber attests the information is accurate.",
        ),
        (
            "p",
            f"Prescriber: {c.clinician}    NPI: {c.rng.randint(10**9, 2 * 10**9)}\n"
            "Signature: ______________________",
        ),
    ]


# --- SOD1 genetic reports ---------------------------------------------------------------------

_VARIANTS = [("c.14C>T", "p.Ala5Val"), ("c.272A>C", "p.Asp91Ala"), ("c.341T>C", "p.Ile114Thr"),
             ("c.434T>C", "p.Leu145Ser"), ("c.112G>A", "p.Gly38Arg")]  # fmt: skip


def gen_classic(c: Context) -> list[Block]:
    cdna, prot = c.rng.choice(_VARIANTS)
    return [
        ("h", c.lab),
        ("p", f"CLIA {c.rng.randint(10, 99)}D{c.rng.randint(10**6, 10**7 - 1)}  CAP accredited"),
        ("h", "Genetic Test Report"),
        (
            "kv",
            [
                ("Patient", _pt(c, "comma")),
                ("DOB", _dob(c)),
                ("Specimen", "Blood, EDTA"),
                ("Collected", c.d(30)),
                ("Reported", c.d()),
                ("Ordering provider", c.clinician),
            ],
        ),
        ("h", "RESULT: POSITIVE"),
        (
            "table",
            ["Gene", "Variant", "Zygosity", "Classification"],
            [["SOD1", f"{cdna} ({prot})", "Heterozygous", "Pathogenic"]],
        ),
        ("h", "Interpretation"),
        (
            "p",
            "This individual is heterozygous for a pathogenic variant in SOD1, consistent with"
            " a diagnosis of SOD1-related amyotrophic lateral sclerosis. Genetic counseling is"
            " recommended for at-risk relatives.",
        ),
        ("h", "Methodology"),
        (
            "p",
            "Next-generation sequencing of the coding regions and flanking intronic sequence"
            " with Sanger confirmation. Variants classified per ACMG/AMP guidelines.",
        ),
        ("p", "Limitations: deep intronic variants and large rearrangements may not be detected."),
        ("p", "Laboratory Director: Ines Vogel, PhD, FACMG"),
    ]


def gen_panel(c: Context) -> list[Block]:
    cdna, prot = c.rng.choice(_VARIANTS)
    return [
        ("h", f"{c.lab} - Neuromuscular Disease Panel"),
        (
            "kv",
            [
                ("Name", _pt(c, "last")),
                ("Birth date", _dob(c, "%Y-%m-%d")),
                ("Accession", f"NG{c.rng.randint(10**5, 10**6)}"),
                ("Test", "ALS/FTD Panel, 38 genes"),
            ],
        ),
        ("h", "SUMMARY"),
        ("p", f"One pathogenic variant identified: SOD1 NM_000454.4:{cdna} {prot}."),
        (
            "table",
            ["Gene", "Transcript", "Nucleotide", "Protein", "Zygosity"],
            [["SOD1", "NM_000454.4", cdna, prot, "het"]],
        ),
        (
            "p",
            "Genes analysed: ALS2, ANG, C9orf72 (repeat expansion), FUS, OPTN, SETX, SOD1,"
            " TARDBP, TBK1, UBQLN2, VAPB, VCP and others. Copy number analysis performed.",
        ),
        (
            "p",
            "Variant evidence: absent from gnomAD, segregates with disease, functional studies"
            " show reduced enzyme stability. ClinVar: pathogenic (multiple submitters).",
        ),
        ("p", "Electronically verified by molecular pathologist."),
    ]


def gen_letterstyle(c: Context) -> list[Block]:
    cdna, prot = c.rng.choice(_VARIANTS)
    return [
        ("p", f"{c.lab.upper()}\nClinical Molecular Genetics Laboratory"),
        ("p", f"Report date {c.d()}\nPatient {_pt(c)}, born {_dob(c, '%B %d, %Y')}"),
        ("h", "Targeted SOD1 gene sequencing"),
        (
            "p",
            f"Findings: the SOD1 sequence variant {cdna} ({prot}) was detected in the"
            " heterozygous state. This variant has been reported in multiple families with"
            " autosomal dominant ALS and is considered disease causing.",
        ),
        (
            "p",
            "Test performed: bidirectional Sanger sequencing of SOD1 exons 1-5. Analytical"
            " sensitivity greater than 99 percent for substitutions.",
        ),
        (
            "p",
            "This test was developed and its performance characteristics determined by the"
            " laboratory. It has not been cleared by the FDA.",
        ),
    ]


def gen_exome(c: Context) -> list[Block]:
    cdna, prot = c.rng.choice(_VARIANTS)
    return [
        ("h", "EXOME SEQUENCING - DIAGNOSTIC REPORT"),
        (
            "kv",
            [
                ("Proband", _pt(c)),
                ("Sex", c.pick("Male", "Female")),
                ("DOB", _dob(c)),
                ("Indication", "Adult-onset motor neuron disease"),
            ],
        ),
        ("h", "Primary findings"),
        (
            "table",
            ["Gene", "Variant", "Inheritance", "ACMG"],
            [["SOD1", f"{cdna}, {prot}", "AD", "Pathogenic (PS3, PM1, PM2, PP1)"]],
        ),
        ("h", "Secondary findings"),
        ("p", "None reported in the ACMG SF v3.2 gene list."),
        ("p", "Coverage: 98.7% of targets at 20x. Reads aligned to GRCh38."),
        ("p", "Variant of uncertain significance: none. Reanalysis available on request."),
    ]


# --- clinic notes -----------------------------------------------------------------------------


def note_soap(c: Context) -> list[Block]:
    return [
        ("h", "Progress Note"),
        ("p", f"{c.clinic}    Visit {c.d()}    Patient: {_pt(c, 'comma')}    DOB: {_dob(c)}"),
        ("h", "SUBJECTIVE"),
        (
            "p",
            "Returns for follow-up of ALS. Reports more difficulty with stairs and fatigue."
            " Denies choking. Using a cane outdoors.",
        ),
        ("h", "OBJECTIVE"),
        (
            "p",
            f"Vitals: BP {c.rng.randint(110, 140)}/{c.rng.randint(65, 90)}, HR"
            f" {c.rng.randint(60, 95)}, Wt {c.rng.randint(55, 95)} kg. Strength 4-/5 hip"
            " flexors, 4/5 grip. Reflexes 3+ with spread. Fasciculations in the thighs.",
        ),
        ("h", "ASSESSMENT"),
        ("p", "SOD1-ALS, progressing."),
        ("h", "PLAN"),
        ("p", "Continue riluzole. Submit for tofersen. PT/OT referral. RTC 3 months."),
    ]


def note_hpi(c: Context) -> list[Block]:
    return [
        ("p", f"{c.clinic}\nNeurology Clinic"),
        (
            "kv",
            [
                ("Pt name", _pt(c)),
                ("DOB", _dob(c)),
                ("Date of service", c.d()),
                ("Provider", c.clinician),
            ],
        ),
        ("h", "HPI"),
        (
            "p",
            f"{c.rng.randint(35, 70)} y/o with 18 months of progressive weakness beginning in the"
            " right hand, now with dysarthria. Family history of ALS in the mother.",
        ),
        ("h", "Medications"),
        ("p", "riluzole 50 mg BID; baclofen 10 mg TID; vitamin D"),
        ("h", "Exam"),
        (
            "p",
            "Mental status normal. CN: tongue fasciculations. Motor: atrophy of first dorsal"
            " interosseous, MRC 3/5 finger abductors. Sensory intact. Gait mildly spastic.",
        ),
        ("h", "Plan"),
        (
            "p",
            "Discussed diagnosis and genetic results. Will request prior authorization."
            " Follow up in 6 weeks.",
        ),
    ]


def note_multidisciplinary(c: Context) -> list[Block]:
    return [
        ("h", "Multidisciplinary ALS Clinic Visit"),
        ("kv", [("Patient", _pt(c)), ("MRN", c.patient.mrn), ("Visit date", c.d())]),
        ("h", "Neurology"),
        ("p", "Disease duration 2 years. Progression rate 0.6 points per month."),
        ("h", "Respiratory therapy"),
        ("p", "Sitting FVC stable; discussed BiPAP if symptoms develop."),
        ("h", "Speech-language pathology"),
        ("p", "Mild dysarthria, intelligible. Recommend voice banking."),
        ("h", "Nutrition"),
        ("p", f"Weight {c.rng.randint(55, 95)} kg, down 2 kg. Add calorie supplements."),
        ("h", "Social work"),
        ("p", "Caregiver support reviewed; spouse attended the visit."),
        ("h", "Summary and recommendations"),
        ("p", "Team recommends tofersen given SOD1 mutation. Next clinic in 3 months."),
    ]


def note_ehr(c: Context) -> list[Block]:
    return [
        ("p", f"{c.clinic} | Printed {c.d()} | Page 1 of 1"),
        (
            "kv",
            [
                ("Patient", _pt(c, "last")),
                ("MRN", c.patient.mrn),
                ("DOB", _dob(c)),
                ("Encounter", "Office Visit"),
                ("Attending", c.clinician),
            ],
        ),
        ("h", "Chief Complaint"),
        ("p", "ALS follow up"),
        ("h", "History of Present Illness"),
        ("p", "Patient reports slowly worsening leg weakness. No falls since last visit."),
        ("h", "Review of Systems"),
        ("p", "Positive for cramps and fatigue. Negative for fever, chest pain, dysphagia."),
        ("h", "Physical Exam"),
        ("p", "General: no distress. Neuro: upper and lower motor neuron signs in 3 regions."),
        ("h", "Assessment and Plan"),
        ("p", "1. ALS, SOD1 positive - start tofersen when approved.\n2. Spasticity - baclofen."),
        ("p", f"Electronically signed by {c.clinician} on {c.d()}"),
    ]


# --- ALSFRS-R ---------------------------------------------------------------------------------

_ITEMS = ["Speech", "Salivation", "Swallowing", "Handwriting", "Cutting food and handling utensils",
          "Dressing and hygiene", "Turning in bed and adjusting bed clothes", "Walking",
          "Climbing stairs", "Dyspnea", "Orthopnea", "Respiratory insufficiency"]  # fmt: skip


def frs_table(c: Context) -> list[Block]:
    scores = [c.rng.randint(1, 4) for _ in _ITEMS]
    return [
        ("h", "ALSFRS-R Score Sheet"),
        ("kv", [("Patient", _pt(c)), ("Date", c.d()), ("Rater", c.clinician)]),
        (
            "table",
            ["#", "Item", "Score"],
            [
                [str(i + 1), name, str(s)]
                for i, (name, s) in enumerate(zip(_ITEMS, scores, strict=True))
            ],
        ),
        ("p", f"Total: {sum(scores)} / 48"),
    ]


def frs_domains(c: Context) -> list[Block]:
    s = [c.rng.randint(1, 4) for _ in _ITEMS]
    return [
        ("h", "Revised ALS Functional Rating Scale"),
        ("p", f"Name: {_pt(c, 'comma')}    Assessment date {c.d()}"),
        ("h", "Bulbar subscore"),
        ("p", f"Speech {s[0]}   Salivation {s[1]}   Swallowing {s[2]}"),
        ("h", "Fine motor subscore"),
        ("p", f"Handwriting {s[3]}   Cutting food {s[4]}   Dressing and hygiene {s[5]}"),
        ("h", "Gross motor subscore"),
        ("p", f"Turning in bed {s[6]}   Walking {s[7]}   Climbing stairs {s[8]}"),
        ("h", "Respiratory subscore"),
        ("p", f"Dyspnea {s[9]}   Orthopnea {s[10]}   Respiratory insufficiency {s[11]}"),
        ("p", f"Total score {sum(s)}. Change since last visit: -{c.rng.randint(1, 5)}."),
    ]


def frs_questionnaire(c: Context) -> list[Block]:
    return [
        ("h", "Patient self-report functional questionnaire (ALSFRS-R)"),
        ("p", f"Completed by patient on {c.d()}. Circle the statement that best describes you."),
        (
            "p",
            "1. Speech: [4] normal speech processes [3] detectable speech disturbance"
            " [2] intelligible with repeating [1] speech with nonvocal communication"
            " [0] loss of useful speech",
        ),
        (
            "p",
            "8. Walking: [4] normal [3] early ambulation difficulties [2] walks with"
            " assistance [1] nonambulatory functional movement [0] no purposeful leg movement",
        ),
        (
            "p",
            "10. Dyspnea: [4] none [3] occurs when walking [2] occurs with eating, bathing or"
            " dressing [1] occurs at rest [0] significant difficulty",
        ),
        ("p", f"Scored by clinic staff. Total {c.rng.randint(20, 45)}/48."),
    ]


def frs_serial(c: Context) -> list[Block]:
    rows = []
    total = c.rng.randint(38, 46)
    for k in range(4):
        total -= c.rng.randint(0, 3)
        rows.append([c.d(90 * (3 - k)), str(total), "bulbar " + str(c.rng.randint(8, 12))])
    return [
        ("h", "ALSFRS-R trend"),
        ("p", f"{_pt(c)} - serial functional rating scale scores recorded at clinic visits"),
        ("table", ["Visit date", "Total (0-48)", "Subscores"], rows),
        (
            "p",
            "Slope of decline computed from the first and last visit. Scores below 40 and"
            " falling indicate progression.",
        ),
    ]


# --- pulmonary function -----------------------------------------------------------------------


def pft_lab(c: Context) -> list[Block]:
    return [
        ("h", "Pulmonary Function Laboratory"),
        (
            "kv",
            [
                ("Patient", _pt(c, "comma")),
                ("Height", f"{c.rng.randint(150, 190)} cm"),
                ("Test date", c.d()),
                ("Technician", "RT"),
            ],
        ),
        (
            "table",
            ["Parameter", "Pred", "Actual", "% Pred"],
            [
                ["FVC (L)", c.num(3.5, 5), c.num(2, 4), c.rng.choice(("61", "74", "82"))],
                ["FEV1 (L)", c.num(2.8, 4), c.num(1.8, 3), c.rng.choice(("66", "78", "85"))],
                ["FEV1/FVC", "78", c.num(70, 88, 0), ""],
                ["SVC (L)", c.num(3.5, 5), c.num(2, 4), c.rng.choice(("64", "77"))],
            ],
        ),
        ("p", "Interpretation: restrictive pattern, consistent with neuromuscular weakness."),
    ]


def pft_narrative(c: Context) -> list[Block]:
    return [
        ("h", "Spirometry report"),
        (
            "p",
            f"{_pt(c)} underwent spirometry on {c.d()} in the seated and supine positions."
            f" Upright forced vital capacity was {c.num(2, 4)} L ({c.rng.randint(55, 90)}% of"
            f" predicted); supine vital capacity fell by {c.rng.randint(8, 25)}%.",
        ),
        (
            "p",
            f"Maximal inspiratory pressure {c.rng.randint(-70, -30)} cmH2O. Sniff nasal"
            f" inspiratory pressure {c.rng.randint(30, 70)} cmH2O. Effort and reproducibility"
            " acceptable per ATS/ERS criteria.",
        ),
        ("p", "Impression: moderate restriction with diaphragmatic weakness."),
    ]


def pft_bedside(c: Context) -> list[Block]:
    return [
        ("h", "Respiratory Therapy - Bedside Respiratory Measures"),
        ("kv", [("Name", _pt(c)), ("Date", c.d()), ("Position", "sitting")]),
        (
            "table",
            ["Trial", "SVC L", "MIP cmH2O", "MEP cmH2O", "PCF L/min"],
            [
                [
                    str(i),
                    c.num(2, 4),
                    str(-c.rng.randint(30, 80)),
                    str(c.rng.randint(40, 110)),
                    str(c.rng.randint(180, 400)),
                ]
                for i in (1, 2, 3)
            ],
        ),
        ("p", "Best of three trials reported. Peak cough flow adequate. Recheck in 3 months."),
    ]


def pft_full(c: Context) -> list[Block]:
    return [
        ("h", "COMPLETE PULMONARY FUNCTION STUDY"),
        ("p", f"Name: {_pt(c, 'last')}   DOB {_dob(c)}   Ref: GLI-2012"),
        ("h", "Spirometry"),
        (
            "p",
            f"FVC {c.num(2, 4)} L  {c.rng.randint(55, 90)}%pred   FEV1 {c.num(1.5, 3)} L   LLN"
            " 2.91",
        ),
        ("h", "Lung volumes (plethysmography)"),
        ("p", f"TLC {c.num(4, 6)} L  RV {c.num(1, 2)} L  FRC {c.num(2, 3)} L"),
        ("h", "Diffusing capacity"),
        (
            "p",
            f"DLCO {c.num(15, 28)} mL/min/mmHg, {c.rng.randint(70, 100)}% predicted,"
            " corrected for hemoglobin.",
        ),
        ("p", "Reviewed by pulmonologist: reduced volumes, normal diffusion."),
    ]


# --- EMG / NCS --------------------------------------------------------------------------------


def emg_tables(c: Context) -> list[Block]:
    return [
        ("h", "Electrodiagnostic Laboratory Report"),
        ("kv", [("Patient", _pt(c)), ("Study date", c.d()), ("Referring", c.clinician)]),
        ("h", "Motor nerve conduction"),
        (
            "table",
            ["Nerve", "Lat ms", "Amp mV", "CV m/s"],
            [
                ["Median R", c.num(3, 4.5), c.num(2, 8), c.num(45, 58)],
                ["Ulnar R", c.num(2.5, 3.5), c.num(2, 9), c.num(48, 60)],
                ["Peroneal L", c.num(4, 6), c.num(0.5, 3), c.num(38, 46)],
            ],
        ),
        ("h", "Needle EMG"),
        (
            "table",
            ["Muscle", "Fibs", "PSW", "Fasc", "MUAP"],
            [
                ["FDI R", "2+", "2+", "+", "large, reduced recruitment"],
                ["Vastus lat L", "1+", "1+", "+", "large"],
                ["T10 paraspinal", "1+", "0", "0", "normal"],
            ],
        ),
        (
            "p",
            "Impression: widespread active and chronic denervation, sensory responses"
            " normal, consistent with motor neuron disease.",
        ),
    ]


def emg_narrative(c: Context) -> list[Block]:
    return [
        ("h", "EMG/NCS Consultation"),
        (
            "p",
            f"{_pt(c)} was referred for evaluation of weakness. Nerve conduction studies of"
            " the upper and lower limbs showed reduced compound muscle action potential"
            " amplitudes with preserved sensory nerve action potentials and normal distal"
            " latencies. No conduction block.",
        ),
        (
            "p",
            "Needle electromyography demonstrated fibrillation potentials and positive sharp"
            " waves in cervical, thoracic and lumbosacral segments with large, polyphasic"
            " motor unit potentials and reduced recruitment.",
        ),
        (
            "p",
            "Conclusion: electrodiagnostic evidence of a diffuse disorder of anterior horn"
            " cells, meeting Awaji criteria.",
        ),
    ]


def emg_short(c: Context) -> list[Block]:
    return [
        ("h", "Nerve Conduction Study / Electromyography"),
        ("kv", [("Name", _pt(c, "comma")), ("Date", c.d()), ("Temp", "32.5 C")]),
        (
            "p",
            "Sensory: sural, superficial radial normal.\nMotor: median and tibial CMAP low,"
            " F-waves prolonged.\nEMG: denervation in 4 of 4 regions.",
        ),
        ("p", "Summary: findings support ALS. Clinical correlation advised."),
    ]


def emg_ehr(c: Context) -> list[Block]:
    return [
        ("p", f"Neurodiagnostics | {c.clinic}"),
        ("h", "Procedure: electromyography and nerve conduction, 2 extremities"),
        ("p", f"Patient {_pt(c)}; MRN {c.patient.mrn}. CPT 95886, 95910."),
        ("h", "Findings"),
        (
            "p",
            "Spontaneous activity: fibrillations and fasciculation potentials in tongue,"
            " biceps and tibialis anterior. Voluntary activity: neurogenic units.",
        ),
        ("h", "Interpretation"),
        (
            "p",
            "Abnormal study. Chronic and ongoing motor axon loss in bulbar, cervical and"
            " lumbar regions without demyelinating features.",
        ),
    ]


# --- NfL --------------------------------------------------------------------------------------


def nfl_ref_lab(c: Context) -> list[Block]:
    return [
        ("h", c.lab),
        (
            "kv",
            [
                ("Patient", _pt(c, "last")),
                ("DOB", _dob(c)),
                ("Collected", c.d(5)),
                ("Received", c.d(4)),
                ("Reported", c.d()),
            ],
        ),
        (
            "table",
            ["Test", "Result", "Flag", "Reference range", "Units"],
            [["Neurofilament light chain, plasma", c.num(30, 140), "H", "<10.0", "pg/mL"]],
        ),
        ("p", "Method: single molecule array (Simoa) immunoassay."),
    ]


def nfl_csf(c: Context) -> list[Block]:
    return [
        ("h", "CEREBROSPINAL FLUID STUDIES"),
        ("p", f"Patient: {_pt(c)}  Specimen: CSF, lumbar puncture  Collected {c.d()}"),
        (
            "table",
            ["Analyte", "Value", "Units", "Ref interval"],
            [
                ["NfL (CSF)", str(c.rng.randint(2000, 9000)), "pg/mL", "< 1000"],
                ["Protein", str(c.rng.randint(30, 60)), "mg/dL", "15-45"],
                ["Glucose", str(c.rng.randint(50, 75)), "mg/dL", "40-70"],
                ["WBC", "1", "cells/uL", "0-5"],
            ],
        ),
        ("p", "Elevated neurofilament light indicates axonal injury; not disease specific."),
    ]


def nfl_serum_trend(c: Context) -> list[Block]:
    return [
        ("h", "Serum neurofilament light - cumulative report"),
        ("p", f"{_pt(c, 'comma')}  DOB {_dob(c)}"),
        (
            "table",
            ["Collection date", "sNfL (pg/mL)", "Age-adjusted Z"],
            [
                [c.d(180), c.num(40, 90), "3.1"],
                [c.d(90), c.num(40, 90), "3.3"],
                [c.d(), c.num(30, 80), "2.9"],
            ],
        ),
        (
            "p",
            "Values above the 99th percentile for age. Assay: ECL immunoassay, lab-developed test.",
        ),
    ]


def nfl_hospital(c: Context) -> list[Block]:
    return [
        ("p", f"LABORATORY RESULTS     {c.clinic}"),
        (
            "kv",
            [
                ("Name", _pt(c)),
                ("MRN", c.patient.mrn),
                ("Ordered by", c.clinician),
                ("Accession", f"L{c.rng.randint(10**7, 10**8)}"),
            ],
        ),
        (
            "p",
            f"NEUROFILAMENT LIGHT CHAIN (NfL)  {c.num(20, 120)} pg/mL  (H)\n"
            "Normal: 0 - 9.9 pg/mL for ages 40-59\nPerformed at: reference laboratory",
        ),
        ("p", "Final result. Verified by laboratory technologist."),
    ]


# --- pharmacy records -------------------------------------------------------------------------


def rx_fill(c: Context) -> list[Block]:
    rows = [
        [
            c.d(30 * k),
            "RILUZOLE 50 MG TAB",
            "60",
            "30",
            f"00{c.rng.randint(100, 999)}-0{c.rng.randint(100, 999)}-60",
        ]
        for k in range(5)
    ]
    return [
        ("h", f"{c.pharmacy} - Prescription History"),
        ("kv", [("Patient", _pt(c, "last")), ("DOB", _dob(c))]),
        ("table", ["Fill date", "Drug", "Qty", "Days supply", "NDC"], rows),
        ("p", "Refills remaining: 3. Pharmacist: R. Kim, PharmD."),
    ]


def rx_claims(c: Context) -> list[Block]:
    return [
        ("h", "Pharmacy Claims History"),
        ("p", f"{c.payer}   Member: {_pt(c)}   ID {c.patient.member_id}"),
        (
            "table",
            ["Date of service", "Product", "Qty", "Days", "Paid", "Status"],
            [
                [c.d(200), "Radicava ORS 105 mg/5 mL", "70", "28", "$14,520.00", "PAID"],
                [c.d(170), "Radicava ORS 105 mg/5 mL", "50", "28", "$10,370.00", "PAID"],
                [c.d(60), "riluzole 50 mg tablet", "60", "30", "$22.10", "PAID"],
            ],
        ),
        ("p", "Claims adjudicated through the pharmacy benefit manager."),
    ]


def rx_medlist(c: Context) -> list[Block]:
    return [
        ("h", "Medication dispensing record"),
        ("p", f"Dispensed to {_pt(c)} by {c.pharmacy}"),
        (
            "p",
            f"Rx #{c.rng.randint(10**6, 10**7)} edaravone oral suspension, dispensed"
            f" {c.d(120)}, quantity 50 mL, refills 5.\nRx #{c.rng.randint(10**6, 10**7)}"
            f" riluzole 50 mg, dispensed {c.d(30)}, quantity 60, take 1 tablet twice daily.",
        ),
        ("p", "Counseling provided. Prior fills transferred from previous pharmacy."),
    ]


def rx_pdmp(c: Context) -> list[Block]:
    return [
        ("h", "Specialty pharmacy therapy summary"),
        (
            "kv",
            [
                ("Patient", _pt(c, "comma")),
                ("Prescriber", c.clinician),
                ("Therapy start", c.d(300)),
                ("Therapy end", c.d(60)),
            ],
        ),
        (
            "table",
            ["Medication", "Strength", "First fill", "Last fill", "Fills"],
            [
                ["Edaravone IV", "60 mg", c.d(300), c.d(180), "6"],
                ["Riluzole", "50 mg", c.d(400), c.d(10), "13"],
            ],
        ),
        (
            "p",
            "Discontinued edaravone due to progression; adherence 94% by proportion of days"
            " covered.",
        ),
    ]


# --- denial letters ---------------------------------------------------------------------------


def denial_formal(c: Context) -> list[Block]:
    return [
        ("h", c.payer),
        ("p", f"{c.d()}\n{_pt(c)}\nMember ID: {c.patient.member_id} 01"),
        ("h", "Notice of Adverse Benefit Determination"),
        ("p", f"Dear {_pt(c)}:"),
        (
            "p",
            "We reviewed the request for tofersen (Qalsody). We have denied coverage because"
            " the information received does not show that the coverage criteria are met.",
        ),
        (
            "p",
            "Your right to appeal: you may request an appeal within 180 days of receipt of"
            " this notice. You may also request an external review by an independent review"
            " organization.",
        ),
        ("p", "This decision was made by a reviewing physician board certified in neurology."),
    ]


def denial_provider(c: Context) -> list[Block]:
    return [
        ("p", f"{c.payer.upper()} - PHARMACY SERVICES\nFax to prescriber"),
        (
            "kv",
            [
                ("To", c.clinician),
                ("Member", _pt(c)),
                ("Drug", "Qalsody"),
                ("Case number", str(c.rng.randint(10**7, 10**8))),
            ],
        ),
        (
            "p",
            "Your request for prior authorization is not approved. Reason: documentation of"
            " a SOD1 mutation was not submitted. Our policy requires confirmation by genetic"
            " testing.",
        ),
        (
            "p",
            "If you disagree with this coverage decision you can submit an appeal with"
            " additional clinical information, or call to schedule a peer-to-peer review.",
        ),
    ]


def denial_medicare(c: Context) -> list[Block]:
    return [
        ("h", "Notice of Denial of Medicare Prescription Drug Coverage"),
        ("p", f"Date: {c.d()}\nEnrollee's name: {_pt(c)}\nMember number: {c.patient.member_id}"),
        (
            "p",
            "We denied the drug(s) listed below that you or your prescriber requested:"
            " tofersen injection.",
        ),
        (
            "p",
            "Why did we deny your request? We denied it because it is not medically necessary"
            " under Part D rules for the information provided.",
        ),
        (
            "p",
            "You have the right to ask us for a redetermination (appeal) of our decision."
            " You have 65 days from the date of this notice to ask for a redetermination.",
        ),
    ]


def denial_short(c: Context) -> list[Block]:
    return [
        ("p", f"{c.payer}\nUtilization Management"),
        ("p", f"RE: {_pt(c)}  Ref# UM-{c.rng.randint(10**5, 10**6)}"),
        (
            "p",
            "After careful review, we are unable to approve this request. The clinical"
            " criteria for tofersen were not met: baseline ALSFRS-R not documented.",
        ),
        (
            "p",
            "You or your doctor may ask for reconsideration. Send your written request and any"
            " new records to the appeals address below. Decision rendered by clinical"
            " pharmacist and physician reviewer.",
        ),
    ]


# --- insurance cards --------------------------------------------------------------------------


def card_cigna(c: Context) -> list[Block]:
    return [
        ("h", c.payer),
        (
            "kv",
            [
                ("Name", _pt(c).upper()),
                ("ID", c.patient.member_id),
                ("Group", str(c.rng.randint(10**6, 10**7))),
                ("RxBIN", "017010"),
                ("RxPCN", "02580000"),
                ("RxGrp", f"RX{c.rng.randint(1000, 9999)}"),
            ],
        ),
        ("p", "Open Access Plus   PCP $25   Specialist $50   ER $300"),
        ("p", "Issuer (80840)"),
    ]


def card_back(c: Context) -> list[Block]:
    return [
        ("p", "Member services: 1-800-555-0142   Pharmacy help desk: 1-800-555-0188"),
        ("p", "Send claims to: PO Box 188004, Chattanooga TN 37422"),
        ("p", "Providers: verify eligibility online. This card does not guarantee coverage."),
        ("p", f"{c.payer}   Payer ID 62308"),
    ]


def card_medicare(c: Context) -> list[Block]:
    return [
        ("h", f"{c.payer} Medicare Advantage (HMO)"),
        (
            "kv",
            [
                ("Member", _pt(c)),
                ("Member ID", c.patient.member_id),
                ("Plan", "H1234-015"),
                ("BIN", "610014"),
                ("PCN", "MEDDPRIME"),
                ("Effective", c.d(200)),
            ],
        ),
        ("p", "MedicareRx  Prescription Drug Coverage"),
    ]


def card_photo(c: Context) -> list[Block]:
    return [
        ("p", f"{c.payer.upper()}\nHEALTH PLAN ID CARD"),
        ("p", f"Subscriber {_pt(c, 'last')}\nDependent 01\nMember # {c.patient.member_id}"),
        ("p", "Copays: Office $30 / Urgent $75 / Rx tier 1 $10 tier 2 $40 tier 3 $70"),
        ("p", "Deductible $1,500 / OOP max $6,000"),
    ]


# --- PA forms ---------------------------------------------------------------------------------


def pa_checkbox(c: Context) -> list[Block]:
    return [
        ("h", f"{c.payer} Prior Authorization Request"),
        ("h", "Member information"),
        ("kv", [("Member name", _pt(c)), ("Member ID", c.patient.member_id), ("DOB", _dob(c))]),
        ("h", "Prescriber information"),
        (
            "kv",
            [
                ("Prescriber", c.clinician),
                ("NPI", str(c.rng.randint(10**9, 2 * 10**9))),
                ("Fax", "919-555-0199"),
            ],
        ),
        ("h", "Medication information"),
        ("kv", [("Drug", "Qalsody (tofersen)"), ("Dose", "100 mg"), ("HCPCS", "J1304")]),
        ("p", "[X] New start   [ ] Continuation   [X] Urgent\nDiagnosis: [X] SOD1-ALS"),
        ("p", "Prescriber signature: ______________  Date: ________"),
    ]


def pa_questions(c: Context) -> list[Block]:
    return [
        ("h", "Drug-specific coverage questionnaire"),
        ("p", f"Patient: {_pt(c)}   Plan member ID: {c.patient.member_id}"),
        (
            "p",
            "1. Does the patient have a diagnosis of ALS?  Yes / No\n2. Has a SOD1 mutation"
            " been confirmed by genetic testing?  Yes / No\n3. Is the drug prescribed by or in"
            " consultation with a neurologist?  Yes / No\n4. Please attach chart notes.",
        ),
        ("p", "Fax completed form to the pharmacy benefit team. Incomplete forms delay review."),
    ]


def pa_medical_benefit(c: Context) -> list[Block]:
    return [
        ("h", "PRECERTIFICATION REQUEST - MEDICAL BENEFIT DRUGS"),
        (
            "kv",
            [
                ("Patient name", _pt(c)),
                ("Subscriber ID", c.patient.member_id),
                ("Site of care", "Hospital outpatient"),
                ("Servicing provider", c.clinic),
                ("Tax ID", "56-1234567"),
            ],
        ),
        (
            "p",
            f"Requested codes: J1304 x 4 units, 62322 intrathecal injection. Start date {c.d()}.",
        ),
        ("p", "Check one: [ ] Standard review  [X] Expedited review (72 hours)"),
    ]


def pa_state(c: Context) -> list[Block]:
    return [
        ("h", "Uniform Prescription Drug Prior Authorization Form"),
        (
            "p",
            "Section I - Submission\nSection II - Patient\nSection III - Prescriber"
            "\nSection IV - Medication\nSection V - Clinical",
        ),
        (
            "kv",
            [
                ("Patient last name", c.patient.last),
                ("First", c.patient.first),
                ("Date of birth", _dob(c)),
                ("Health plan", c.payer),
            ],
        ),
        (
            "p",
            "Attestation: I attest that the information provided is true and accurate to"
            " the best of my knowledge.",
        ),
    ]


# --- published references ---------------------------------------------------------------------


def ref_label(c: Context) -> list[Block]:
    return [
        ("h", "HIGHLIGHTS OF PRESCRIBING INFORMATION"),
        (
            "p",
            "These highlights do not include all the information needed to use QALSODY"
            " safely and effectively. Initial U.S. Approval: 2023",
        ),
        ("h", "INDICATIONS AND USAGE"),
        (
            "p",
            "QALSODY is an antisense oligonucleotide indicated for the treatment of ALS in"
            " adults who have a mutation in the SOD1 gene.",
        ),
        ("h", "DOSAGE AND ADMINISTRATION"),
        (
            "p",
            "100 mg (15 mL) intrathecally: three loading doses at 14-day intervals, then"
            " every 28 days.",
        ),
        ("h", "WARNINGS AND PRECAUTIONS"),
        ("p", "Myelitis and radiculitis; papilledema and elevated intracranial pressure."),
    ]


def ref_article(c: Context) -> list[Block]:
    return [
        ("h", "Trial of Antisense Oligonucleotide Tofersen for SOD1 ALS"),
        ("p", "T. Miller, M. Cudkowicz, et al., for the VALOR investigators"),
        ("h", "Abstract"),
        (
            "p",
            "Background: tofersen reduces synthesis of SOD1 protein. Methods: in a phase 3"
            " trial, adults were randomly assigned 2:1 to tofersen or placebo for 28 weeks."
            " Results: the change in ALSFRS-R did not differ significantly; reductions in"
            " plasma neurofilament light chain were observed. Conclusions: ...",
        ),
        ("p", "N Engl J Med 2022;387:1099-110. DOI: 10.1056/NEJMoa2204705"),
        ("h", "References"),
        ("p", "1. Brown RH, Al-Chalabi A. Amyotrophic lateral sclerosis. 2017;377:162-72."),
    ]


def ref_guideline(c: Context) -> list[Block]:
    return [
        ("h", "Practice guideline: disease-modifying therapies in ALS"),
        (
            "p",
            "Recommendation 3: In patients with SOD1-ALS, clinicians should offer tofersen"
            " (Level B). Evidence: one class I study with biomarker outcomes and open-label"
            " extension data.",
        ),
        (
            "p",
            "Systematic review methods: databases searched through 2024; risk of bias"
            " assessed by two reviewers; GRADE certainty reported.",
        ),
        (
            "p",
            "Disclaimer: this guideline is an educational tool and does not replace clinical"
            " judgment.",
        ),
    ]


def ref_review(c: Context) -> list[Block]:
    return [
        ("h", "Gene-targeted therapy for amyotrophic lateral sclerosis: a review"),
        ("p", "Keywords: antisense oligonucleotides; SOD1; C9orf72; neurofilament"),
        (
            "p",
            "Introduction. Around 2% of ALS is caused by SOD1 mutations. Antisense drugs"
            " bind pre-mRNA and trigger RNase H degradation [12]. We summarise clinical trial"
            " results and discuss presymptomatic treatment (ATLAS study) [14, 15].",
        ),
        (
            "p",
            "Journal of Neuromuscular Research, vol. 41, pp. 211-229. Received 3 May 2024;"
            " accepted 9 Aug 2024.",
        ),
    ]


# --- other ------------------------------------------------------------------------------------


def other_invoice(c: Context) -> list[Block]:
    return [
        ("h", "INVOICE"),
        (
            "kv",
            [
                ("Invoice no.", str(c.rng.randint(1000, 9999))),
                ("Bill to", "Northside Print Co."),
                ("Due", c.d(-30)),
            ],
        ),
        (
            "table",
            ["Item", "Qty", "Unit price", "Amount"],
            [
                ["Toner cartridge", "4", "$89.00", "$356.00"],
                ["Copy paper, case", "10", "$42.50", "$425.00"],
            ],
        ),
        (
            "p",
            "Subtotal $781.00   Sales tax $54.67   Total due $835.67. Thank you for your business.",
        ),
    ]


def other_minutes(c: Context) -> list[Block]:
    return [
        ("h", "Board of Directors - Meeting Minutes"),
        ("p", f"Called to order at 6:03 pm on {c.d()}. Present: five directors, treasurer."),
        (
            "p",
            "Motion to approve the prior minutes carried. Budget review: parking lot repair"
            " deferred to spring. New business: volunteer appreciation dinner.",
        ),
        ("p", "Adjourned 7:40 pm. Submitted by the secretary."),
    ]


def other_manual(c: Context) -> list[Block]:
    return [
        ("h", "Installation guide"),
        (
            "p",
            "1. Unpack the unit and check the contents against the packing list.\n2. Mount"
            " the bracket with the four screws supplied.\n3. Connect the power adapter and"
            " press the reset button for five seconds.",
        ),
        (
            "p",
            "Troubleshooting: if the status light blinks red, the firmware update failed."
            " Warranty: one year limited.",
        ),
    ]


def other_hr(c: Context) -> list[Block]:
    return [
        ("h", "Employee time-off request"),
        (
            "kv",
            [
                ("Employee", "front desk staff"),
                ("Dates requested", f"{c.d(-10)} - {c.d(-14)}"),
                ("Type", "Vacation"),
            ],
        ),
        ("p", "Approved by office manager. Coverage arranged with the scheduling team."),
        ("p", "Payroll will reflect the hours on the next pay stub."),
    ]


def other_news(c: Context) -> list[Block]:
    return [
        ("h", "City council approves new greenway"),
        (
            "p",
            "The council voted 6-1 on Tuesday to fund a three-mile trail along the river,"
            " connecting two parks and the downtown library. Construction is expected to"
            " start next year, pending a state grant.",
        ),
        ("p", "Residents at the public hearing raised concerns about parking and lighting."),
    ]


# --- fax cover sheets -------------------------------------------------------------------------


def fax_classic(c: Context) -> list[Block]:
    return [
        ("h", "FAX"),
        (
            "kv",
            [
                ("To", c.payer),
                ("Fax", "1-866-555-0123"),
                ("From", c.clinic),
                ("Phone", "919-555-0100"),
                ("Date", c.d()),
                ("Pages", str(c.rng.randint(3, 30))),
            ],
        ),
        ("p", "Re: prior authorization documents\n[ ] Urgent  [X] For review  [ ] Please reply"),
        (
            "p",
            "CONFIDENTIALITY NOTICE: This facsimile contains protected health information."
            " If you received it in error, notify the sender and destroy all copies.",
        ),
    ]


def fax_cover_sheet(c: Context) -> list[Block]:
    return [
        ("h", "Fax Cover Sheet"),
        ("p", f"Date: {c.d()}   Number of pages including cover: {c.rng.randint(2, 20)}"),
        ("p", f"TO: {c.clinician}\nFROM: {c.lab}, client services\nFAX: 336-555-0177"),
        ("p", "Message: results attached as requested."),
        (
            "p",
            "The documents accompanying this transmission are confidential and intended only"
            " for the recipient named above.",
        ),
    ]


def fax_hospital(c: Context) -> list[Block]:
    return [
        ("p", f"{c.clinic}\nHealth Information Management - Release of Information"),
        ("h", "Facsimile transmittal"),
        (
            "kv",
            [
                ("Recipient", c.payer),
                ("Recipient fax", "800-555-0110"),
                ("Sender", "HIM department"),
                ("Total pages", str(c.rng.randint(5, 60))),
            ],
        ),
        ("p", "Records enclosed per authorization. Call if any pages are missing or illegible."),
    ]


def fax_eFax(c: Context) -> list[Block]:
    return [
        (
            "p",
            f"Sent via secure e-fax {c.d()} 10:42 AM  Transmission ID"
            f" {c.rng.randint(10**8, 10**9)}",
        ),
        ("h", "Cover page"),
        (
            "p",
            f"Attention: {c.payer} pharmacy review team\nFrom: {c.clinician}\nSubject: clinicals"
            " for pending request\nPage 1 of " + str(c.rng.randint(4, 25)),
        ),
        (
            "p",
            "If you are not the intended recipient, any review, dissemination or copying of"
            " this fax is prohibited.",
        ),
    ]


# --- fifth styles for the categories whose layouts vary most between senders ------------------


def card_rx(c: Context) -> list[Block]:
    return [
        ("p", f"PRESCRIPTION DRUG CARD\n{c.pharmacy.upper()} NETWORK"),
        (
            "kv",
            [
                ("Cardholder", _pt(c, "last")),
                ("ID", c.patient.member_id),
                ("BIN", "004336"),
                ("PCN", "ADV"),
                ("GRP", f"RX{c.rng.randint(1000, 9999)}"),
            ],
        ),
        (
            "p",
            "Pharmacist use only: submit claims electronically. Prior authorization line"
            " 1-800-555-0160. Not valid for medical services.",
        ),
    ]


def denial_criteria(c: Context) -> list[Block]:
    return [
        ("h", "Initial Coverage Determination"),
        ("p", f"{c.payer} | Pharmacy Clinical Review | {c.d()}"),
        (
            "kv",
            [
                ("Member", _pt(c)),
                ("Drug requested", "tofersen 100 mg/15 mL"),
                ("Determination", "DENIED"),
            ],
        ),
        (
            "table",
            ["Criterion", "Met?"],
            [
                ["Diagnosis of ALS", "Yes"],
                ["SOD1 mutation documented", "No"],
                ["Prescribed by neurologist", "Yes"],
            ],
        ),
        (
            "p",
            "How to appeal: send a written request with supporting records within 60 days of"
            " the date of this letter. Expedited appeals are decided within 72 hours.",
        ),
    ]


def pa_specialty(c: Context) -> list[Block]:
    return [
        ("h", "SPECIALTY MEDICATION REQUEST - FAX BACK"),
        ("p", "Section A: Patient    Section B: Provider    Section C: Clinical criteria"),
        (
            "kv",
            [
                ("Patient full name", _pt(c)),
                ("ID number", c.patient.member_id),
                ("Ordering physician", c.clinician),
                ("Office contact", "Prior auth nurse"),
            ],
        ),
        (
            "p",
            "Clinical criteria checklist:\n[ ] Yes [ ] No  Genetic test confirming SOD1"
            " mutation attached\n[ ] Yes [ ] No  Baseline ALSFRS-R attached\n[ ] Yes [ ] No"
            "  Patient is 18 years of age or older",
        ),
        ("p", "Incomplete requests will be returned. Please allow 2 business days."),
    ]


def fax_telecopier(c: Context) -> list[Block]:
    return [
        ("h", "TELECOPIER TRANSMITTAL"),
        (
            "p",
            f"Att: {c.payer} clinical review\nNo. of pages: {c.rng.randint(2, 12)}"
            f" (cover included)\nSender: {c.clinic}",
        ),
        ("p", "Comments: please see attached for the pending case. Call with questions."),
        (
            "p",
            "Should you receive this transmission in error, please telephone us immediately"
            " and return the documents by mail.",
        ),
    ]


def ref_monograph(c: Context) -> list[Block]:
    return [
        ("h", "Drug monograph: tofersen"),
        ("h", "Pharmacology"),
        (
            "p",
            "Mechanism of action: antisense oligonucleotide that binds SOD1 mRNA, reducing"
            " SOD1 protein synthesis. Pharmacokinetics: CSF half-life about 4 weeks.",
        ),
        ("h", "Clinical studies"),
        (
            "p",
            "VALOR (phase 3, n=108) and its open-label extension; biomarker outcomes (CSF"
            " SOD1, plasma NfL) supported accelerated approval.",
        ),
        ("h", "Formulary considerations"),
        ("p", "Restrict to neurologists; confirm SOD1 variant. References available on request."),
    ]


STYLES: dict[str, dict[str, Style]] = {
    "medical_necessity_letter": {"formal": lmn_formal, "dictated": lmn_dictated,
                                 "appeal": lmn_appeal, "template": lmn_template},
    "sod1_genetic_report": {"classic": gen_classic, "panel": gen_panel,
                            "letterstyle": gen_letterstyle, "exome": gen_exome},
    "clinic_note": {"soap": note_soap, "hpi": note_hpi, "multidisciplinary": note_multidisciplinary,
                    "ehr": note_ehr},
    "alsfrs_r": {"table": frs_table, "domains": frs_domains, "questionnaire": frs_questionnaire,
                 "serial": frs_serial},
    "pulmonary_function": {"lab": pft_lab, "narrative": pft_narrative, "bedside": pft_bedside,
                           "full": pft_full},
    "emg_ncs": {"tables": emg_tables, "narrative": emg_narrative, "short": emg_short,
                "ehr": emg_ehr},
    "nfl_lab": {"reflab": nfl_ref_lab, "csf": nfl_csf, "trend": nfl_serum_trend,
                "hospital": nfl_hospital},
    "pharmacy_record": {"fill": rx_fill, "claims": rx_claims, "medlist": rx_medlist,
                        "summary": rx_pdmp},
    "denial_letter": {"formal": denial_formal, "provider": denial_provider,
                      "medicare": denial_medicare, "short": denial_short,
                      "criteria": denial_criteria},
    "insurance_card": {"front": card_cigna, "back": card_back, "medicare": card_medicare,
                       "photo": card_photo, "rx": card_rx},
    "prior_authorization_form": {"checkbox": pa_checkbox, "questions": pa_questions,
                                 "medical": pa_medical_benefit, "state": pa_state,
                                 "specialty": pa_specialty},
    "published_reference": {"label": ref_label, "article": ref_article,
                            "guideline": ref_guideline, "review": ref_review,
                            "monograph": ref_monograph},
    "other": {"invoice": other_invoice, "minutes": other_minutes, "manual": other_manual,
              "hr": other_hr, "news": other_news},
    "fax_cover": {"classic": fax_classic, "sheet": fax_cover_sheet, "hospital": fax_hospital,
                  "efax": fax_eFax, "telecopier": fax_telecopier},
}  # fmt: skip
