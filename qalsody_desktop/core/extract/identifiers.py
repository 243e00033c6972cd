"""Labelled patient identifiers in a document: names, dates of birth, member IDs, MRNs.

Only labelled values are read ("Patient:", "Name:", "Re:", "Dear", "DOB:", "Member ID:",
"MRN:"), because unlabelled names in clinical text are mostly clinicians, lab directors and
payers. A value is refused as a patient name when it carries credentials (MD, PhD, ...) or
"Dr.", sits under a provider / subscriber / contact heading, or contains words that are not
names ("Prior Authorization"). A label starts a line or a field (after two spaces, a tab or a
bar); only the patient's own labels ("Patient:", "Pt name:") are also read mid-line, as text
extraction often joins a form's fields with single spaces. The value may sit on the next line.
Used by ``core.identity``; ``extract_facts`` never returns these.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..paths import resources_dir
from .dates import DATE_RE, parse_date
from .scan import scan

_NAME_LABEL = re.compile(
    r"(?:^[ \t]*+|(?<=[ \t]{2})|(?<=[|\t;])[ \t]*|(?P<inline>(?<=[^\s|;][ \t])))"
    r"(?P<label>patient(?:'s)?[ \t]+(?:full[ \t]+)?name"
    r"|name[ \t]+of[ \t]+patient|pt\.?[ \t]+name|member[ \t]+name|insured[ \t]+name|patient|pt"
    r"|member|enrollee|beneficiary|name|re|regarding)(?:[ \t]*\([^)\n]{1,30}\))?[ \t]*:[ \t]*"
    r"(?:\n[ \t]*)?(?P<v>[^\n]{1,80})"
    r"|\b(?P<dear>dear)[ \t]+(?P<dv>[^\n,:;]{1,60})",
    re.IGNORECASE | re.MULTILINE,
)
_WEAK_LABELS = {"name", "re", "regarding"}
# labels that name the patient even in the middle of a line ("Visit 05/19/2025 Patient: ..."),
# as text extraction often joins a form's fields with single spaces
_INLINE_LABELS = {
    "patient", "patient name", "patients name", "patient full name", "patients full name",
    "pt name", "name of patient", "member name", "insured name",
}  # fmt: skip
_NICKNAME = re.compile(r"[ \t]?[\"“”'‘’(][^\W\d_]{2,15}[\"“”'‘’)]")
_NOT_PATIENT_CONTEXT = re.compile(
    r"physician|provider|prescriber|doctor|ordering|referring|director|pharmacist|contact"
    r"|signature|signed|submitted|requested|insurer|payer|company|facility|laborator|emergency"
    r"|caregiver|guardian|spouse|parent|subscriber|policyholder|employer|reviewer|nurse"
    r"|manager|counselor|reported\s+by|from\b|prepared",
    re.IGNORECASE,
)
_CUT = re.compile(
    r"[ \t]{2,}|\t|\||;|\(|\b(?:DOB|D\.O\.B|date\s+of\s+birth|birth|MRN|sex|gender|age|member"
    r"|ID|acct|account|phone|tel|address|insurance|policy|group|visit|date)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$")
CREDENTIALS = {
    "md", "do", "phd", "np", "pa", "pa-c", "rn", "faan", "ms", "cgc", "facmg", "pharmd",
    "dnp", "aprn", "fnp", "mph", "mba", "lcgc", "faccp", "rph", "bsn", "msn", "crnp", "dr",
}  # fmt: skip
_CREDENTIAL_CASE = {"MD", "DO", "PhD", "NP", "PA-C", "RN", "CGC", "DNP", "FNP", "APRN", "PharmD"}
_TITLES = {"mr", "mrs", "ms", "miss", "mx"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
NON_NAME = {
    "prior", "authorization", "request", "appeal", "medical", "necessity", "letter", "denial",
    "coverage", "review", "claim", "qalsody", "tofersen", "patient", "member", "provider",
    "unknown", "none", "test", "results", "result", "report", "sod1", "als", "genetic", "the",
    "of", "for", "and", "to", "your", "our", "with", "this", "sir", "madam", "team", "office",
    "pharmacy", "laboratory", "lab", "insurance", "cigna", "health", "plan", "department",
    "center", "clinic", "neurology", "hospital", "services", "specialty", "accredo", "colleague",
    "customer", "valued", "doctor", "physician", "urgent", "expedited", "notice", "decision",
    "drug", "benefit", "information", "records", "record", "pa", "ref", "reference", "case",
    "name", "mutation", "variant", "on", "file", "see", "above", "below", "n/a",
}  # fmt: skip
_DOB = re.compile(
    r"(?:\bDOB|\bD\.O\.B\.?|date\s+of\s+birth|\bbirth\s*date|\bbirthdate|\bborn(?:\s+on)?)"
    r"(?:[ \t]*\([^)\n]{1,20}\))?"  # "DOB (MM/DD/YYYY):"
    rf"\s*[:#\-]?\s*(?:(?P<d>{DATE_RE})|(?P<c>\d{{8}})(?!\d))",
    re.IGNORECASE,
)
_ID_VALUE = r"(?P<v>[A-Z0-9][A-Z0-9-]{3,24})(?P<sfx>[ \t]+\d{2}\b)?"
_MEMBER_ID = re.compile(
    r"(?:\b(?:member|subscriber|insured|cigna|customer|enrollee|beneficiary)[ \t]*(?:ID|"
    r"identification)(?:[ \t]*(?:#|no\.?|number))?|\bmember[ \t]*(?:#|no\.?|number)"
    r"|(?:^|(?<=[ \t]{2})|(?<=[|\t]))ID[ \t]*(?:#|no\.?|number|:))"
    rf"[ \t]*[:#]?[ \t]*{_ID_VALUE}",
    re.IGNORECASE | re.MULTILINE,
)
_MRN = re.compile(
    r"(?:\bMRN|\bmedical[ \t]+record[ \t]*(?:number|no\.?|#)|\bmed\.?[ \t]*rec\.?[ \t]*(?:no\.?|#)"
    r"|\bpatient[ \t]+ID|\bchart[ \t]*(?:#|no\.?|number))"
    rf"[ \t]*[:#]?[ \t]*{_ID_VALUE}",
    re.IGNORECASE,
)

# Where (in lower case) a match of each pattern above can start: its labels' first letters
_DOB_START = re.compile(r"dob|d\.o\.b|date\s+of|birth|born")
_MEMBER_ID_START = re.compile(
    r"^|member|subscriber|insured|cigna|customer|enrollee|beneficiary|id", re.MULTILINE
)
_MRN_START = re.compile(r"mrn|med|patient|chart")


def fold(text: str) -> str:
    """Lower case without accents or apostrophes, so "O’Brien"/"OBRIEN", "José"/"Jose" agree."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"['’.]", "", plain)


@dataclass(frozen=True)
class NameParts:
    """A person's name split into folded parts; ``first`` is None for "Mr. Vance"."""

    first: str | None
    middles: tuple[str, ...]
    last: tuple[str, ...]  # hyphenated or compound surnames as their parts
    tokens: tuple[str, ...]  # every folded token in written order
    comma: bool = False

    @classmethod
    def from_expected(cls, first: str, middle: str | None, last: str) -> NameParts:
        return cls(
            fold(first).split()[0] if first.strip() else None,
            tuple(fold(middle or "").split()),
            tuple(re.split(r"[\s-]+", fold(last).strip())),
            tuple(fold(f"{first} {middle or ''} {last}").split()),
        )

    @classmethod
    def parse(cls, raw: str, *, weak: bool = False) -> NameParts | None:
        """A name from a label's value, or None when it is not a patient's name."""
        raw = _NICKNAME.sub("", raw)  # Harold "Hal" Vance, Harold (Hal) Vance
        value = _CUT.split(raw, maxsplit=1)[0].strip(" ,.:-")
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if not parts:
            return None
        if _is_clinician(parts):
            return None
        comma = len(parts) > 1 and all(_is_name(w) for w in parts[1].split())
        comma = comma and fold(parts[1]) not in _SUFFIXES
        tokens = [w for w in (parts[0] + (" " + parts[1] if comma else "")).split()]
        titled = bool(tokens) and fold(tokens[0]) in _TITLES
        tokens = [t for t in tokens if fold(t) not in _TITLES | _SUFFIXES]
        if not tokens or len(tokens) > 5 or not all(_is_name(t) for t in tokens):
            return None
        if any(fold(t) in NON_NAME for t in tokens) or (
            weak and not all(t[0].isupper() for t in tokens)
        ):
            return None
        folded = [fold(t) for t in tokens]
        if len(folded) == 1:
            return cls(None, (), tuple(folded[0].split("-")), tuple(folded)) if titled else None
        if comma:
            last_words = fold(parts[0]).split()
            rest = [t for t in folded if t not in last_words]
            if not rest:
                return None
            last = tuple(p for w in last_words for p in w.split("-"))
            return cls(rest[0], tuple(rest[1:]), last, tuple(folded), comma=True)
        return cls(folded[0], tuple(folded[1:-1]), tuple(folded[-1].split("-")), tuple(folded))

    def masked(self) -> str:
        """Initials only ("H. J. V."): enough to recognise, not enough to leak."""
        order = ([self.first] if self.first else []) + list(self.middles) + [self.last[0]]
        return " ".join(f"{w[0].upper()}." for w in order if w)


def _is_clinician(parts: list[str]) -> bool:
    """ "Dr. Rosen", "Anika Rosen, MD", "Anika Rosen MD" (not "MINH DO", a surname in capitals)."""
    words = parts[0].replace(".", ". ").split()
    if fold(words[0]) in {"dr", "doctor"}:
        return True
    after_comma = [fold(w) for p in parts[1:] for w in re.split(r"[\s,]+", p) if w]
    if any(w in CREDENTIALS for w in after_comma):
        return True
    last = words[-1]
    if len(words) < 2 or fold(last) not in CREDENTIALS:
        return False
    # "Do" is a common surname: in capitals ("MINH DO") it is read as a name, as in "Minh Do".
    return last != "DO" if parts[0].isupper() else last in _CREDENTIAL_CASE


def _is_name(token: str) -> bool:
    return bool(_TOKEN.match(token))


def find_names(text: str) -> list[NameParts]:
    """Patient names from labelled lines, provider names refused (see the module doc)."""
    out: list[NameParts] = []
    for m in _NAME_LABEL.finditer(text):
        label = " ".join(fold(m.group("label") or m.group("dear")).split())
        raw = m.group("v") or m.group("dv")
        inline = m.group("inline") is not None
        if inline and label not in _INLINE_LABELS:
            continue  # "Family member: ...", "Physician name: ..." mid-line
        # the same line up to the label, and the line above (a heading), within 200 characters
        lo = max(0, m.start() - 200)
        line_start = text.rfind("\n", lo, m.start()) + 1 or lo
        before = text[line_start : m.start("label") if m.group("label") else m.start()]
        prev = text[max(0, line_start - 200) : line_start].rsplit("\n", 2)[-2:][0]
        if label in _WEAK_LABELS and (
            _NOT_PATIENT_CONTEXT.search(before) or _NOT_PATIENT_CONTEXT.search(prev)
        ):
            continue
        if inline and _NOT_PATIENT_CONTEXT.search(before):
            continue
        name = NameParts.parse(raw, weak=label in _WEAK_LABELS or label == "dear")
        if name is not None:
            out.append(name)
    return out


def find_dobs(text: str) -> list[date]:
    """Labelled dates of birth in any usual format, also "DOB: 04091966" and "19660409"."""
    out: list[date] = []
    for m in scan(_DOB, _DOB_START, text):
        found = parse_date(m.group("d")) if m.group("d") else _compact_date(m.group("c"))
        if found is not None:
            out.append(found)
    return out


def _compact_date(digits: str) -> date | None:
    """MMDDYYYY as US systems print it, else YYYYMMDD."""
    for year, month, day in (
        (digits[4:], digits[:2], digits[2:4]),
        (digits[:4], digits[4:6], digits[6:]),
    ):
        try:
            value = date(int(year), int(month), int(day))
        except ValueError:
            continue
        if 1900 <= value.year <= 2100:
            return value
    return None


def find_ids(text: str) -> list[tuple[str, str]]:
    """(kind, value) for member IDs and MRNs; the value upper-cased without spaces or dashes.

    A two-digit dependent suffix after a member ID ("U5521098834 01") is dropped.
    """
    out: list[tuple[str, str]] = []
    lower = text.lower()
    for kind, rx, starts in (
        ("member_id", _MEMBER_ID, _MEMBER_ID_START),
        ("mrn", _MRN, _MRN_START),
    ):
        for m in scan(rx, starts, text, lower):
            if re.search(r"\d", m.group("v")):
                out.append((kind, canon_id(m.group("v"))))
    return out


def canon_id(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Given name -> its nicknames that are not prefixes (``resources/identity/nicknames.toml``)."""
    path = resources_dir() / "identity" / "nicknames.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {fold(k): frozenset(fold(n) for n in v) for k, v in data["nicknames"].items()}


def same_given_name(a: str, b: str) -> bool:
    """Folded given names that name the same person: equal, an initial, a 3+ letter prefix
    ("Thad"/"Thaddeus") or a listed nickname ("Bill"/"William")."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return True
    table = nicknames()
    return a in table.get(b, ()) or b in table.get(a, ())
