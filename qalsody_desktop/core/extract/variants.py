"""SOD1 variant names: HGVS cDNA and protein, and the legacy protein numbering.

Why this matters: SOD1 literature and many clinicians still use *legacy* names that count
from the mature protein, which lacks the initiator methionine, so legacy A4V is HGVS
p.Ala5Val, D90A is p.Asp91Ala, G93A is p.Gly94Ala, H46R is p.His47Arg. Mixing the two puts a
wrong variant into a payer submission.

The rule used to read a protein change X<n>Y, checked against the SOD1 sequence below:

1. Written with ``p.`` (p.Ala5Val, p.A5V, p.(Ala5Val)): HGVS numbering, unless residue n of
   SOD1 is not X while residue n+1 is; then it is a legacy name written with ``p.`` (p.A4V).
2. Written bare (A4V, Ala4Val), only read on a line about a variant in a SOD1 document:
   legacy when a label says so ("legacy", "also known as", ...) or when it sits next to a
   ``p.`` change numbered one higher; otherwise the sequence decides (only residue n+1 fits:
   legacy; only residue n fits: HGVS one-letter, e.g. A5V); when both fit (I113T), legacy, as
   SOD1 convention writes bare names that way; when neither fits, it is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Fact, make_fact
from .text import Doc

# Human SOD1, UniProt P00441, 154 residues, initiator Met = residue 1 (HGVS numbering).
SOD1_SEQUENCE = (
    "MATKAVCVLKGDGPVQGIINFEQKESNGPVKVWGSIKGLTEGLHGFHVHEFGDNTAGCTSAGPHFNPLSRKHGGPKDEERHVGDLGN"
    "VTADKDGVADVSIEDSVISLSGDHCIIGRTLVVHEKADDLGKGGNEESTKTGNAGSRLACGVIGIAQ"
)
ONE_TO_THREE = {
    "A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "Q": "Gln", "E": "Glu",
    "G": "Gly", "H": "His", "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe",
    "P": "Pro", "S": "Ser", "T": "Thr", "W": "Trp", "Y": "Tyr", "V": "Val", "*": "Ter",
    "X": "Ter",
}  # fmt: skip
THREE_TO_ONE = {v: k for k, v in ONE_TO_THREE.items() if k != "X"}
_AA3 = "|".join(sorted(THREE_TO_ONE))
_AA1 = "ACDEFGHIKLMNPQRSTVWY"

# p.Ala5Val, p.(Ala5Val), p.Gly38Ter, p.Gly38*, p.Leu107fs, p.Leu107fsTer5, p.Ala5=
P_THREE = re.compile(
    rf"\bp\.\s?\(?(?P<ref>{_AA3})(?P<pos>\d{{1,4}})"
    rf"(?P<alt>{_AA3}|\*|=)?(?P<tail>fs(?:Ter|\*)?\d*|del|dup)?\)?(?![a-z])"
)
P_ONE = re.compile(rf"\bp\.\s?\(?(?P<ref>[{_AA1}])(?P<pos>\d{{1,4}})(?P<alt>[{_AA1}*X])\)?(?!\w)")
BARE_ONE = re.compile(
    rf"(?<![\w.>/+-])(?P<ref>[{_AA1}])(?P<pos>\d{{1,3}})(?P<alt>[{_AA1}])(?![\w/%])"
)
BARE_THREE = re.compile(rf"(?<![\w.])(?P<ref>{_AA3})(?P<pos>\d{{1,3}})(?P<alt>{_AA3})(?!\w)")
CDNA = re.compile(
    r"(?<![\w.])c\.\s?(?P<body>[-*]?\d+(?:[+-]\d+)?(?:_[-*]?\d+(?:[+-]\d+)?)?)\s?"
    r"(?P<chg>[ACGT]\s?>\s?[ACGT]|delins[ACGT]+|del[ACGT]*|dup[ACGT]*|ins[ACGT]+)(?![a-z])",
    re.IGNORECASE,
)
LEGACY_LABEL = re.compile(
    r"(?:legacy|traditional|historical|historic|formerly|also\s+known\s+as|a\.?k\.?a\.?"
    r"|commonly\s+(?:known|called|referred)|old(?:er)?\s+nomenclature|previously\s+(?:called|named)"
    r"|legacy\s+name)\W{0,6}(?:name|nomenclature)?\W{0,4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProteinChange:
    """A protein change in three-letter form; ``alt`` may be Ter, =, or a tail (fs, del)."""

    ref: str
    pos: int
    alt: str

    @property
    def hgvs(self) -> str:
        return f"p.{self.ref}{self.pos}{self.alt}"

    @property
    def is_missense(self) -> bool:
        return self.alt in THREE_TO_ONE and self.alt != "Ter"

    def shifted(self, by: int) -> ProteinChange:
        return ProteinChange(self.ref, self.pos + by, self.alt)

    def one_letter(self) -> str:
        alt = THREE_TO_ONE.get(self.alt, self.alt)
        return f"{THREE_TO_ONE.get(self.ref, '?')}{self.pos}{alt}"


def change_from(m: re.Match[str]) -> ProteinChange:
    """A ProteinChange from a P_THREE / P_ONE / BARE_* match, in three-letter form."""
    ref, pos = m.group("ref"), int(m.group("pos"))
    alt = m.group("alt") or ""
    tail = m.groupdict().get("tail") or ""
    ref3 = ONE_TO_THREE.get(ref, ref)
    alt3 = ONE_TO_THREE.get(alt, alt) if len(alt) == 1 and alt != "=" else alt
    tail = tail.replace("*", "Ter")
    return ProteinChange(ref3, pos, alt3 + tail)


def sod1_fit(ref3: str, pos: int) -> tuple[bool, bool]:
    """(fits HGVS numbering, fits legacy numbering) for reference residue ``ref3`` at ``pos``."""
    one = THREE_TO_ONE.get(ref3)
    hgvs = 1 <= pos <= len(SOD1_SEQUENCE) and SOD1_SEQUENCE[pos - 1] == one
    legacy = 1 <= pos < len(SOD1_SEQUENCE) and SOD1_SEQUENCE[pos] == one
    return hgvs, legacy


def normalize_protein(text: str) -> str | None:
    """Notation only (no renumbering): "p.A5V", "p.(Ala5Val)", "Ala5Val" -> "p.Ala5Val"."""
    t = text.strip()
    if not t.startswith("p."):
        t = "p." + t
    for rx in (P_THREE, P_ONE):
        m = rx.fullmatch(t)
        if m:
            return change_from(m).hgvs
    return None


def normalize_cdna(text: str) -> str | None:
    """ "c.14 C>T" / "c.14c>t" -> "c.14C>T"; None when not an HGVS cDNA change."""
    m = CDNA.fullmatch(text.strip())
    return cdna_from(m) if m else None


def cdna_from(m: re.Match[str]) -> str:
    chg = re.sub(r"\s", "", m.group("chg"))
    km = re.match(r"delins|del|dup|ins", chg, re.IGNORECASE)
    kind = km.group(0).lower() if km else ""
    return f"c.{m.group('body')}{kind}{chg[len(kind) :].upper()}"


def legacy_to_hgvs(name: str) -> str | None:
    """Legacy "A4V" -> "p.Ala5Val" (SOD1 numbering without the initiator Met)."""
    m = BARE_ONE.fullmatch(name.strip()) or BARE_THREE.fullmatch(name.strip())
    return change_from(m).shifted(1).hgvs if m else None


def legacy_name(hgvs: str) -> str | None:
    """p.Ala5Val -> "A4V" (SOD1 legacy numbering), for display next to the HGVS name."""
    norm = normalize_protein(hgvs)
    m = P_THREE.fullmatch(norm) if norm else None
    if not m:
        return None
    change = change_from(m)
    return change.shifted(-1).one_letter() if change.pos > 1 else None


_VARIANT_LINE = re.compile(
    r"SOD1|variant|mutation|legacy|protein|amino\s+acid|also\s+known|a\.?k\.?a|allele|\bp\.|"
    r"\bc\.\d|alteration|nomenclature|genotype|result",
    re.IGNORECASE,
)


def extract_variants(doc: Doc) -> list[Fact]:
    """cDNA and protein changes, with legacy names resolved by the rule in the module doc."""
    text, sod1 = doc.text, "sod1" in doc.lower
    facts: list[Fact] = []
    taken: set[int] = set()
    for m in CDNA.finditer(text):
        value = cdna_from(m)
        facts.append(_fact(doc, "genetics.variant_cdna", value, value, m, 0.95 if sod1 else 0.7))
        taken.update(range(*m.span()))
    written: list[tuple[re.Match[str], ProteinChange, float]] = []
    for rx, conf in ((P_THREE, 0.95), (P_ONE, 0.9)):
        for m in rx.finditer(text):
            if not _overlaps(m.span(), taken):
                written.append((m, change_from(m), conf))
                taken.update(range(*m.span()))
    hgvs_positions: set[int] = set()
    for m, change, conf in written:
        fits_hgvs, fits_legacy = sod1_fit(change.ref, change.pos) if sod1 else (True, False)
        if fits_hgvs:
            hgvs_positions.add(change.pos)
            facts.append(_protein(doc, change, m, conf if sod1 else 0.6))
        elif fits_legacy:
            facts += _legacy(doc, change, m, 0.7, note=f"written {m.group(0).strip()}")
        else:
            facts.append(_protein(doc, change, m, 0.5, note="does not fit the SOD1 sequence"))
    if not sod1:
        return facts
    variant_segment: dict[int, bool] = {}
    for rx in (BARE_ONE, BARE_THREE):
        for m in rx.finditer(text):
            seg = doc.segment_at(m.start())
            line_start = seg.start
            if seg.start not in variant_segment:
                variant_segment[seg.start] = bool(_VARIANT_LINE.search(text, seg.start, seg.end))
            if not variant_segment[seg.start] or _overlaps(m.span(), taken):
                continue
            change = change_from(m)
            if not change.is_missense or change.ref == change.alt:
                continue
            taken.update(range(*m.span()))
            fits_hgvs, fits_legacy = sod1_fit(change.ref, change.pos)
            before = text[max(line_start, m.start() - 40) : m.start()]
            if LEGACY_LABEL.search(before):
                facts += _legacy(doc, change, m, 0.9 if fits_legacy else 0.5)
            elif fits_legacy and change.pos + 1 in hgvs_positions:
                facts += _legacy(doc, change, m, 0.9)
            elif fits_hgvs and change.pos in hgvs_positions:
                facts.append(_protein(doc, change, m, 0.85))
            elif fits_legacy:
                facts += _legacy(doc, change, m, 0.6 if fits_hgvs else 0.8)
            elif fits_hgvs:
                facts.append(_protein(doc, change, m, 0.75))
    return facts


def _overlaps(span: tuple[int, int], taken: set[int]) -> bool:
    return any(i in taken for i in range(*span))


def _fact(doc: Doc, field: str, value: str, display: str, m: re.Match[str], c: float) -> Fact:
    return make_fact(doc, field, value, display, m.start(), m.end(), c)


def _protein(
    doc: Doc, change: ProteinChange, m: re.Match[str], conf: float, note: str = ""
) -> Fact:
    display = f"{change.hgvs} ({note})" if note else change.hgvs
    return _fact(doc, "genetics.variant_protein", change.hgvs, display, m, conf)


def _legacy(
    doc: Doc, legacy: ProteinChange, m: re.Match[str], conf: float, note: str = ""
) -> list[Fact]:
    """A legacy name gives two facts: the HGVS protein change and the legacy name itself."""
    hgvs = legacy.shifted(1)
    name = legacy.one_letter()
    how = f"from legacy {name}" + (f", {note}" if note else "")
    return [
        _fact(doc, "genetics.variant_protein", hgvs.hgvs, f"{hgvs.hgvs} ({how})", m, conf),
        _fact(
            doc, "genetics.variant_legacy", name, f"{name} (legacy name of {hgvs.hgvs})", m, conf
        ),
    ]
