"""Genetic report facts other than the variant: gene, classification, lab, CLIA, date, method.

Classification is the fact a payer reads first, so it is read conservatively: a negated
mention ("not pathogenic", "no pathogenic variants"), a list of classes ("pathogenic or
likely pathogenic", the ACMG legend), a generic plural ("pathogenic variants in SOD1 cause
ALS") and policy wording ("requires a pathogenic variant") are not read as this patient's
result; a labelled line ("Classification: Likely pathogenic") always is.
"""

from __future__ import annotations

import re

from .dates import find_dates
from .model import Fact, make_fact
from .scan import case_aligned
from .text import Doc

CLASSES = (
    "pathogenic",
    "likely pathogenic",
    "uncertain significance",
    "likely benign",
    "benign",
)
_CLASS = re.compile(
    r"\b(?:(?P<vus>variant\s+of\s+(?:uncertain|unknown)\s+(?:clinical\s+)?significance"
    r"|(?:uncertain|unknown)\s+(?:clinical\s+)?significance|VUS)"
    r"|(?P<lp>likely[\s-]+pathogenic)|(?P<lb>likely[\s-]+benign)|(?P<p>pathogenic)|(?P<b>benign))\b",
    re.IGNORECASE,
)
_CLASS_LABEL = re.compile(
    r"[ \t]*+(?:\|[ \t]*)?(?:variant\s+|acmg\s+)?(?:classification|interpretation"
    r"|clinical\s+significance|significance|result|call)[ \t]*:",
    re.IGNORECASE,
)
_POLICY = re.compile(
    r"requir|\bmust\b|\bpolicy\b|documentation\s+of|confirmation\s+of|evidence\s+of"
    r"|not\s+(?:been\s+)?provided|\bmissing\b|\bif\s+(?:a|the)\b|such\s+as",
    re.IGNORECASE,
)
_PLURAL_AFTER = re.compile(r"[\s-]*+(?:\w+\s+)?(?:variants|mutations|alterations)\b", re.I)
_GENE_LABEL = re.compile(
    r"(?i:\bgenes?(?:\s+name)?(?:\s+tested)?)\s*[:=]\s*(?P<g>[A-Z][A-Z0-9-]{1,9})\b(?!\s*,\s*[A-Z])"
)
_SOD1 = re.compile(r"\bSOD1\b", re.IGNORECASE)
_ZYGOSITY = re.compile(r"\b(?:compound\s+)?(?:heterozygous|homozygous|hemizygous)\b", re.I)
_CLIA = re.compile(
    r"(?P<label>\bCLIA\s*(?:#|No\.?|Number|ID|Lic(?:ense)?\.?)?\s*[:#]?\s*)?\b(?P<n>\d{2}D\d{7})\b",
    re.IGNORECASE,
)
_LAB_LABEL = re.compile(
    r"^[ \t]*(?:performing\s+)?(?:laboratory|lab)(?:\s+name)?\s*:\s*(?P<v>[^\n]+)$"
    r"|\bperformed\s+(?:at|by)\s*:?\s*(?P<w>[^\n,;]*?(?:laborator(?:y|ies)|\blab\b|genetics"
    r"|diagnostics|genomics)[^\n,;]*)",
    re.IGNORECASE | re.MULTILINE,
)
_LAB_HEADER = re.compile(
    r"^[ \t]*(?P<v>(?:[A-Z][\w&.'-]*[ \t]+){0,6}(?:Laborator(?:y|ies)|Genetics|Diagnostics"
    r"|Genomics|Lab))[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_METHOD_LABEL = re.compile(
    r"^[ \t]*(?:methodology|methods?|test\s+method(?:ology)?|technology|technique|assay)\s*:"
    r"\s*(?P<v>[^\n]+)$",
    re.IGNORECASE | re.MULTILINE,
)
_METHOD_WORDS = re.compile(
    r"next[- ]generation\s+sequencing|\bNGS\b|Sanger|exome|genome\s+sequencing|\bMLPA\b"
    r"|deletion/duplication|targeted\s+(?:gene\s+)?panel",
    re.IGNORECASE,
)
# Genetic-report dates in order of preference: the date tested, then reported, collected.
_TEST_DATE_LABELS = (
    ("test date", r"test\s+date|date\s+of\s+test(?:ing)?|date\s+tested|testing\s+date"),
    (
        "report date",
        r"report(?:ed)?\s+date|date\s+(?:of\s+)?report(?:ed)?|reported(?:\s+on)?|report\s+issued"
        r"|final\s+report(?:\s+date)?|sign(?:ed)?[- ]?out(?:\s+date)?|date\s+signed",
    ),
    ("collection date", r"collect(?:ion|ed)\s+date|date\s+collected|collected(?:\s+on)?"),
    ("received date", r"received(?:\s+date)?|date\s+received"),
)
_GENETIC_SIGNALS = re.compile(
    r"\bCLIA\b|sequencing|genotyp|zygosity|heterozygous|homozygous|\bvariant\b"
    r"|\bc\.\d|laboratory|classification|\bACMG\b",
    re.IGNORECASE,
)

# Lower-case letters each ``_GENETIC_SIGNALS`` match holds, found by a plain fast search
_GENETIC_GATE = re.compile(
    r"clia|sequencing|genotyp|zygosity|zygous|variant|c\.\d|laboratory|classification|acmg"
)


def is_genetic(doc: Doc) -> bool:
    """A genetic lab report (not a note that mentions SOD1): several report-only signals."""
    if case_aligned(doc.text, doc.lower) and not _GENETIC_GATE.search(doc.lower):
        return False  # none of the signals' letters anywhere: no need for the slow regex
    signals: set[str] = set()
    for m in _GENETIC_SIGNALS.finditer(doc.text):  # stops at the deciding signal
        signal = m.group(0).lower()[:6]
        signals.add(signal)
        if signal == "clia" or len(signals) >= 3:
            return True
    return False


def extract_genetics(doc: Doc) -> list[Fact]:
    """Gene, classification, zygosity, and (in genetic reports) lab, CLIA, date, method."""
    facts = _gene(doc) + _classification(doc) + _zygosity(doc) + _clia(doc)
    if is_genetic(doc):
        facts += _lab(doc) + _test_date(doc) + _method(doc)
    return facts


def _gene(doc: Doc) -> list[Fact]:
    m = _GENE_LABEL.search(doc.text)
    if m:
        gene = m.group("g").upper()
        return [make_fact(doc, "genetics.gene", gene, gene, m.start("g"), m.end("g"), 0.95)]
    m = _SOD1.search(doc.text)
    if m:
        return [make_fact(doc, "genetics.gene", "SOD1", "SOD1", m.start(), m.end(), 0.8)]
    return []


def _class_of(m: re.Match[str]) -> str:
    for group, name in (("vus", 2), ("lp", 1), ("lb", 3), ("p", 0), ("b", 4)):
        if m.group(group):
            return CLASSES[name]
    raise AssertionError("unreachable")


def _classification(doc: Doc) -> list[Fact]:
    text = doc.text
    matches = list(_CLASS.finditer(text))
    classes_in_segment: dict[int, set[str]] = {}
    first_on_line: dict[int, int] = {}
    for m in matches:
        classes_in_segment.setdefault(doc.segment_at(m.start()).start, set()).add(_class_of(m))
        first_on_line.setdefault(doc.line_at(m.start())[0], m.start())
    policy: dict[int, bool] = {}
    facts: list[Fact] = []
    for m in matches:
        if doc.negated(m.start()):
            continue
        seg = doc.segment_at(m.start())
        line_start, _ = doc.line_at(m.start())
        # On a labelled line only the first class named is the call ("Classification: X").
        label = _CLASS_LABEL.match(text, line_start)
        labelled = (
            label is not None
            and first_on_line[line_start] == m.start()
            and text.find(":", label.end(), m.start()) < 0
        )
        if not labelled:
            if seg.start not in policy:
                policy[seg.start] = bool(_POLICY.search(text, seg.start, seg.end))
            if (
                len(classes_in_segment[seg.start]) > 1
                or policy[seg.start]
                or _PLURAL_AFTER.match(text, m.end())
            ):
                continue
        value = _class_of(m)
        before = text[max(seg.start, m.start() - 30) : m.start()].lower()
        conf = 0.95 if labelled else 0.85 if re.search(r"classified\s+as|\bis\s*$", before) else 0.7
        facts.append(
            make_fact(doc, "genetics.classification", value, value, m.start(), m.end(), conf)
        )
    return facts


def _zygosity(doc: Doc) -> list[Fact]:
    for m in _ZYGOSITY.finditer(doc.text):
        if not doc.negated(m.start()):
            value = " ".join(m.group(0).lower().split())
            return [make_fact(doc, "genetics.zygosity", value, value, m.start(), m.end(), 0.85)]
    return []


def _clia(doc: Doc) -> list[Fact]:
    out: list[Fact] = []
    for m in _CLIA.finditer(doc.text):
        n = m.group("n").upper()
        conf = 0.95 if m.group("label") else 0.75
        out.append(make_fact(doc, "genetics.clia_number", n, n, m.start("n"), m.end("n"), conf))
    return out


def _clean_name(value: str) -> str:
    value = re.split(r"\s{2,}|\t|\||\bCLIA\b|\(|;", value)[0]
    return value.strip(" ,.:-")


def _lab(doc: Doc) -> list[Fact]:
    for m in _LAB_LABEL.finditer(doc.text):
        group = "v" if m.group("v") else "w"
        name = _clean_name(m.group(group))
        if len(name) >= 3 and not re.match(r"director|contact|phone", name, re.I):
            return [
                make_fact(doc, "genetics.lab_name", name, name, m.start(group), m.end(group), 0.9)
            ]
    head_end = sum(len(line) + 1 for line in doc.text.splitlines()[:8])
    for m in _LAB_HEADER.finditer(doc.text, 0, head_end):
        name = _clean_name(m.group("v"))
        if len(name.split()) >= 2:
            return [make_fact(doc, "genetics.lab_name", name, name, m.start(), m.end(), 0.7)]
    return []


def _test_date(doc: Doc) -> list[Fact]:
    for kind, label in _TEST_DATE_LABELS:
        rx = re.compile(rf"\b(?:{label})\s*[:#]?\s*", re.IGNORECASE)
        for m in rx.finditer(doc.text):
            found = find_dates(doc.text[m.end() : m.end() + 30])
            if found and found[0].start == 0:
                d = found[0].value
                end = m.end() + found[0].end
                display = f"{d.isoformat()} ({kind})"
                return [make_fact(doc, "genetics.test_date", d, display, m.start(), end, 0.85)]
    return []


def _method(doc: Doc) -> list[Fact]:
    m = _METHOD_LABEL.search(doc.text)
    if m:
        value = " ".join(m.group("v").split())[:160].rstrip(" .")
        return [make_fact(doc, "genetics.methodology", value, value, m.start("v"), m.end(), 0.9)]
    w = _METHOD_WORDS.search(doc.text)
    if w:
        seg = doc.segment_at(w.start())
        value = " ".join(doc.text[seg.start : seg.end].split())[:160].rstrip(" .")
        return [make_fact(doc, "genetics.methodology", value, value, seg.start, seg.end, 0.5)]
    return []
