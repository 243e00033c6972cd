"""C-CDA R2.1 / R1.1 documents (and section or entry examples) to proposals.

Entries are found by what they are (substanceAdministration, observation with a numeric value,
problem observation, policy activity), not by their exact place, because EHRs nest them
differently; templateIds are used only where the meaning depends on them. ``nullFlavor``
means "no value" everywhere; translations and original text are tried after the main code.
"""

from __future__ import annotations

import base64
import binascii
import re
from xml.etree.ElementTree import Element

from .codes import CodeTable, Match
from .model import EhrImport, EmbeddedFile, Proposal, Source
from .values import (
    Coding,
    When,
    diagnosis,
    measurement,
    note_unmapped,
    parse_when,
    strength_of,
    therapy,
)

SSN_ROOT = "2.16.840.1.113883.4.1"
NPI_ROOT = "2.16.840.1.113883.4.6"
_T_POLICY = "2.16.840.1.113883.10.20.22.4.61"
_NUMERIC = {"PQ", "INT", "REAL", "MO", "RTO"}
_SEX = {"M": "M", "F": "F", "UN": "X", "U": "U", "UNK": "U"}
_WS = re.compile(r"\s+")
_ST_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|[A-Za-z/]+)?\s*$")


def text_of(el: Element | None) -> str:
    if el is None:
        return ""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _null(el: Element | None) -> bool:
    return el is None or "nullFlavor" in el.attrib and not el.get("value") and not el.get("code")


def _templates(el: Element) -> set[str]:
    return {t.get("root", "") for t in el.findall("templateId")}


class CcdaReader:
    def __init__(
        self, root: Element, imp: EhrImport, table: CodeTable, doc_types: dict[str, dict[str, str]]
    ):
        self.root = root
        self.imp = imp
        self.table = table
        self.doc_types = doc_types
        self.ids: dict[str, str] = {}  # narrative ID -> text, for originalText/reference
        for el in root.iter():
            ident = el.get("ID")
            if ident:
                self.ids[ident] = text_of(el)

    # --- helpers ------------------------------------------------------------------------

    def original_text(self, code: Element | None) -> str:
        if code is None:
            return ""
        ot = code.find("originalText")
        if ot is None:
            return ""
        ref = ot.find("reference")
        if ref is not None and (ref.get("value") or "").startswith("#"):
            return self.ids.get(ref.get("value", "")[1:], "") or text_of(ot)
        return text_of(ot)

    def codings(self, code: Element | None) -> list[Coding]:
        """The code and its translations (a code with nullFlavor="OTH" may still carry
        translations, and an original text that the caller reads separately)."""
        if code is None:
            return []
        out: list[Coding] = []
        if code.get("code"):
            out.append((code.get("codeSystem"), code.get("code"), code.get("displayName")))
        for tr in code.findall("translation"):
            if tr.get("code"):
                out.append((tr.get("codeSystem"), tr.get("code"), tr.get("displayName")))
        return out

    def source(self, section: str, when: When | None, match: Match | None = None) -> Source:
        return Source(
            self.imp.file_name,
            section,
            when.exact if when else None,
            match.describe() if match else None,
        )

    @staticmethod
    def times(el: Element | None) -> tuple[When | None, When | None]:
        """(low, high) of an IVL_TS, or (value, None) of a TS; nullFlavor gives None."""
        if el is None:
            return None, None
        if el.get("value"):
            return parse_when(el.get("value")), None
        low, high = el.find("low"), el.find("high")
        return (
            None if _null(low) else parse_when(low.get("value") if low is not None else None),
            None if _null(high) else parse_when(high.get("value") if high is not None else None),
        )

    # --- document ------------------------------------------------------------------------

    def read(self) -> None:
        root = self.root
        if root.tag == "ClinicalDocument":
            self.header(root)
            body = root.find("component/nonXMLBody")
            if body is not None:
                self.non_xml_body(body)
        else:
            self.imp.document_type = f"C-CDA fragment ({root.tag})"
            if root.tag in ("recordTarget", "author", "documentationOf"):
                holder = root.makeelement("ClinicalDocument", {})
                holder.append(root)
                role = holder.find("recordTarget/patientRole")
                if role is not None:
                    self.patient(role, self.source("Header", None))
                self.prescriber(holder, self.source("Header", None))
            self.imp.warnings.append(
                "The file is a part of a C-CDA document (no header):"
                " nothing identifies the patient."
            )
        for section in root.iter("section"):
            self.section(section)
        self.entries_outside_sections(root)

    def header(self, doc: Element) -> None:
        code = doc.find("code")
        loinc = code.get("code") if code is not None else None
        known = self.doc_types.get(loinc or "")
        name = known["name"] if known else (code.get("displayName") if code is not None else None)
        self.imp.document_type = name or "Clinical document"
        self.imp.evidence_category = known["category"] if known else "other"
        if not known and loinc:
            self.imp.warnings.append(
                f"Document type LOINC {loinc} is not in the table; read as a clinical document."
            )
        self.imp.title = text_of(doc.find("title"))
        eff, _ = self.times(doc.find("effectiveTime"))
        self.imp.document_date = eff.day if eff else None
        src = "Header"
        role = doc.find("recordTarget/patientRole")
        if role is not None:
            self.patient(role, self.source(src, eff))
        self.prescriber(doc, self.source(src, eff))

    def patient(self, role: Element, source: Source) -> None:
        ident = self.imp.identity
        props = self.imp.proposals
        mrn = None
        for id_el in role.findall("id"):
            ext, root = id_el.get("extension"), id_el.get("root", "")
            if not ext or _null(id_el) or root == SSN_ROOT:
                continue
            ident.ids.append(ext)
            mrn = mrn or ext
        if mrn:
            props.append(Proposal("patient.mrn", mrn, mrn, source))
        pat = role.find("patient")
        if pat is not None:
            names = pat.findall("name")
            name = next((n for n in names if n.get("use") == "L"), names[0] if names else None)
            if name is not None and not _null(name):
                given = [
                    text_of(g)
                    for g in name.findall("given")
                    if text_of(g) and g.get("qualifier") != "CL"
                ]
                family = text_of(name.find("family"))
                if given:
                    ident.first_name = given[0]
                    props.append(Proposal("patient.first_name", given[0], given[0], source))
                if len(given) > 1:
                    props.append(Proposal("patient.middle_name", given[1], given[1], source))
                if family:
                    ident.last_name = family
                    props.append(Proposal("patient.last_name", family, family, source))
            birth = pat.find("birthTime")
            when = (
                parse_when(birth.get("value")) if birth is not None and not _null(birth) else None
            )
            if when is not None:
                ident.date_of_birth = when.exact
                if when.exact:
                    props.append(Proposal("patient.date_of_birth", when.exact, when.text(), source))
                else:
                    why = f"Only {when.text()} is given; type the full date of birth."
                    props.append(
                        Proposal(
                            "patient.date_of_birth", when.text(), when.text(), source, info=why
                        )
                    )
            gender = pat.find("administrativeGenderCode")
            if gender is not None and gender.get("code") in _SEX:
                sex = _SEX[gender.get("code", "")]
                props.append(Proposal("patient.sex", sex, gender.get("displayName") or sex, source))
        self.address(role.find("addr"), "patient.address", source)
        phone = self.phone(role)
        if phone:
            props.append(Proposal("patient.phone", phone, phone, source))

    def address(self, addr: Element | None, prefix: str, source: Source) -> None:
        if addr is None or _null(addr):
            return
        lines = [text_of(s) for s in addr.findall("streetAddressLine") if text_of(s)]
        parts = {
            "line1": lines[0] if lines else None,
            "line2": lines[1] if len(lines) > 1 else None,
            "city": text_of(addr.find("city")) or None,
            "state": (text_of(addr.find("state")) or "").upper() or None,
            "postal_code": text_of(addr.find("postalCode")) or None,
        }
        for key, value in parts.items():
            if value:
                self.imp.proposals.append(Proposal(f"{prefix}.{key}", value, value, source))

    @staticmethod
    def phone(el: Element) -> str | None:
        for tel in el.findall("telecom"):
            value = tel.get("value") or ""
            if value.startswith("tel:"):
                return value[4:].strip()
        return None

    def prescriber(self, doc: Element, source: Source) -> None:
        """The first author who is a person, else the service event's performer."""
        candidates = [a.find("assignedAuthor") for a in doc.findall("author")]
        candidates += [
            p.find("assignedEntity") for p in doc.findall("documentationOf/serviceEvent/performer")
        ]
        for assigned in candidates:
            if assigned is None:
                continue
            person = assigned.find("assignedPerson")
            if person is None:
                continue
            name = person.find("name")
            if name is None or _null(name):
                continue
            given = " ".join(text_of(g) for g in name.findall("given") if text_of(g))
            full = " ".join(x for x in (given, text_of(name.find("family"))) if x)
            if not full:
                continue
            props = self.imp.proposals
            props.append(Proposal("prescriber.name", full, full, source))
            suffix = text_of(name.find("suffix"))
            if suffix:
                props.append(Proposal("prescriber.credentials", suffix, suffix, source))
            for id_el in assigned.findall("id"):
                if id_el.get("root") == NPI_ROOT and id_el.get("extension"):
                    npi = id_el.get("extension", "")
                    props.append(Proposal("prescriber.npi", npi, npi, source))
                    break
            code = assigned.find("code")
            if code is not None and not _null(code):
                spec = code.get("displayName") or self.original_text(code)
                if spec:
                    props.append(Proposal("prescriber.specialty", spec, spec, source))
            org = text_of(assigned.find("representedOrganization/name"))
            if org:
                props.append(Proposal("prescriber.practice", org, org, source))
            phone = self.phone(assigned)
            if phone:
                props.append(Proposal("prescriber.phone", phone, phone, source))
            self.address(assigned.find("addr"), "prescriber.address", source)
            return

    def non_xml_body(self, body: Element) -> None:
        text = body.find("text")
        if text is None:
            return
        mime = text.get("mediaType") or "text/plain"
        ref = text.find("reference")
        if ref is not None and ref.get("value"):
            self.imp.warnings.append(
                f"The document body is a reference ({ref.get('value')});"
                " it was not fetched (offline). "
                "Attach that file yourself."
            )
            return
        raw = "".join(text.itertext()).strip()
        if text.get("representation") == "B64":
            try:
                data = base64.b64decode(re.sub(r"\s+", "", raw), validate=True)
            except (binascii.Error, ValueError):
                self.imp.warnings.append(
                    "The embedded document is not valid base64; it was left out."
                )
                return
        else:
            data = raw.encode("utf-8")
        ext = {"application/pdf": "pdf", "text/plain": "txt", "text/rtf": "rtf"}.get(mime, "bin")
        stem = re.sub(r"[^\w.-]+", "_", self.imp.title or "embedded")[:60]
        self.imp.embedded.append(EmbeddedFile(f"{stem}.{ext}", mime, data))
        if mime == "text/plain":
            self.imp.narratives.append(
                (self.imp.title or "Document text", data.decode("utf-8", "replace"))
            )

    # --- sections ------------------------------------------------------------------------

    def section(self, section: Element) -> None:
        title = text_of(section.find("title")) or self._section_name(section)
        counts = self.imp.counts
        counts["sections"] = counts.get("sections", 0) + 1
        narrative = self.narrative(section.find("text"))
        if narrative:
            self.imp.narratives.append((title, narrative))
        for entry in section.findall("entry"):
            for child in entry:
                self.entry(child, title, None)

    def _section_name(self, section: Element) -> str:
        code = section.find("code")
        return (code.get("displayName") if code is not None else None) or "Section"

    def entries_outside_sections(self, root: Element) -> None:
        """An entry or entry-part example (no section around it) is read as it stands."""
        if root.tag in ("ClinicalDocument", "section") or root.find(".//section") is not None:
            return
        tops = list(root) if root.tag in ("qalsodyFragment", "component", "entry") else [root]
        for el in tops:
            if el.tag in ("entry", "component"):
                for child in el:
                    if child.tag == "section":
                        continue
                    self.entry(child, f"{el.tag} example", None)
            else:
                self.entry(el, f"{root.tag} example", None)

    def narrative(self, text: Element | None) -> str:
        if text is None:
            return ""
        lines: list[str] = []
        for el in text.iter():
            if el.tag == "tr":
                cells = [text_of(c) for c in el if c.tag in ("td", "th")]
                if any(cells):
                    lines.append(" | ".join(cells))
            elif (
                el.tag in ("paragraph", "item", "caption")
                and not any(c.tag == "table" for c in el.iter())
                and text_of(el)
            ):
                lines.append(text_of(el))
        if not lines:
            plain = text_of(text)
            return plain
        return "\n".join(dict.fromkeys(lines))

    # --- entries -------------------------------------------------------------------------

    def entry(self, el: Element, section: str, context: Element | None) -> None:
        """Dispatch one clinical statement, then the statements nested in it."""
        tag = el.tag
        if tag == "substanceAdministration":
            self.medication(el, section)
        elif tag == "observation" and self.observation(el, section, context):
            return  # an ALSFRS-R total: the nested observations were its item scores
        elif tag == "act" and _T_POLICY in _templates(el):
            self.policy(el, section)
        elif tag == "encounter":
            self.encounter(el, section)
        nested_ctx = el if tag in ("act", "organizer") else context
        for child in el:
            if child.tag in ("entryRelationship", "component"):
                for stmt in child:
                    if stmt.tag in (
                        "observation",
                        "act",
                        "organizer",
                        "substanceAdministration",
                        "encounter",
                    ):
                        if tag == "substanceAdministration" and stmt.tag == "supply":
                            continue
                        self.entry(stmt, section, nested_ctx)

    def observation(self, obs: Element, section: str, context: Element | None) -> bool:
        """A numeric result; True when it was an ALSFRS-R total that used its nested
        observations as the item scores (so they are not read again as results)."""
        value = obs.find("value")
        if value is None or _null(value):
            return False
        vtype = value.get("type", "")
        code_el = obs.find("code")
        when, _end = self.times(obs.find("effectiveTime"))
        if when is None and context is not None:
            when, _ = self.times(context.find("effectiveTime"))
        if vtype in ("CD", "CE", "CO"):
            self.coded_value(obs, value, section, context)
            return False
        raw, unit = value.get("value"), value.get("unit")
        if vtype == "ST":  # a result sent as text: "61.5 pg/mL"
            found = _ST_NUMBER.match(text_of(value))
            if found is None:
                return False
            raw, unit = found.group(1), found.group(2)
        elif vtype not in _NUMERIC and not raw:
            return False
        codings = self.codings(code_el)
        texts = [self.original_text(code_el), text_of(obs.find("text"))]
        match = self.table.match(
            codings,
            texts,
            ("nfl", "fvc_percent_predicted", "svc_percent_predicted", "alsfrs_r_total"),
        )
        if match is None:
            note_unmapped(self.imp, self.table, codings, section)
            return False
        if obs.get("negationInd") == "true":
            return False
        label = " ".join(x for x in [*(d or "" for _s, _c, d in codings), *texts] if x)
        src = self.source(section, when, match)
        if match.target.kind != "alsfrs_r_total":
            measurement(self.imp, match, raw, unit, when, src, label)
            return False
        parts = [
            v.get("value")
            for v in obs.findall("entryRelationship/observation/value")
            if not _null(v)
        ]
        measurement(self.imp, match, raw, None, when, src, label, parts)
        return True

    def coded_value(
        self, obs: Element, value: Element, section: str, context: Element | None
    ) -> None:
        """A problem (or any coded finding): ALS becomes the diagnosis; others are listed."""
        codings = self.codings(value)
        texts = [self.original_text(value), value.get("displayName")]
        if not codings and not any(texts):
            return
        match = self.table.match(codings, texts, ("diagnosis",))
        if match is None:
            note_unmapped(self.imp, self.table, codings, section)
            return
        if obs.get("negationInd") == "true":
            why = "The document says the patient does NOT have this problem."
            src = self.source(section, None, match)
            self.imp.proposals.append(
                Proposal(
                    "info", match.target.label, f"{match.target.label} (negated)", src, info=why
                )
            )
            return
        onset, _resolved = self.times(obs.find("effectiveTime"))
        recorded = None
        if context is not None and context.tag == "act":
            recorded, _ = self.times(context.find("effectiveTime"))
        src = self.source(section, onset or recorded, match)
        diagnosis(self.imp, match, onset, recorded, src)

    def medication(self, sa: Element, section: str) -> None:
        material = sa.find("consumable/manufacturedProduct/manufacturedMaterial")
        if material is None:
            return
        code_el = material.find("code")
        codings = self.codings(code_el)
        name = text_of(material.find("name"))
        texts = [self.original_text(code_el), name]
        match = self.table.match(codings, texts, ("therapy", "requested_drug"))
        if match is None:
            note_unmapped(self.imp, self.table, codings, section)
            return
        start = end = None
        frequency = None
        for eff in sa.findall("effectiveTime"):
            etype = eff.get("type", "")
            if etype in ("PIVL_TS", "EIVL_TS"):
                period = eff.find("period")
                if period is not None and period.get("value") and period.get("unit") == "h":
                    frequency = f"every {period.get('value')} hours"
            elif start is None and end is None:
                start, end = self.times(eff)
        dose = None
        qty = sa.find("doseQuantity")
        if qty is not None and qty.get("value") and (qty.get("unit") or "").lower() in ("mg", "ml"):
            dose = f"{qty.get('value')} {qty.get('unit')}"
        dose = dose or strength_of(
            " ".join(t for t in [*(d or "" for _s, _c, d in codings), *texts] if t)
        )
        if dose and frequency:
            dose = f"{dose} {frequency}"
        status_el = sa.find("statusCode")
        status = status_el.get("code", "") if status_el is not None else ""
        refused = sa.get("negationInd") == "true"
        src = self.source(section, start, match)
        therapy(
            self.imp,
            match,
            start=start,
            end=end,
            dose=dose,
            status=status,
            refused=refused,
            source=src,
        )

    def policy(self, act: Element, section: str) -> None:
        src = self.source(section, None)
        props = self.imp.proposals
        for perf in act.findall("performer"):
            org = perf.find("assignedEntity/representedOrganization/name")
            payer = text_of(org)
            if payer:
                props.append(Proposal("insurance.payer", payer, payer, src))
                break
        for id_el in act.findall("id"):
            if id_el.get("extension") and not _null(id_el):
                group = id_el.get("extension", "")
                props.append(Proposal("insurance.group_number", group, group, src))
                break
        for part in act.findall("participant"):
            if part.get("typeCode") != "COV":
                continue
            for id_el in part.findall("participantRole/id"):
                if id_el.get("extension") and not _null(id_el):
                    member = id_el.get("extension", "")
                    props.append(Proposal("insurance.member_id", member, member, src))
                    break
        code = act.find("code")
        plan = (code.get("displayName") if code is not None else None) or self.original_text(code)
        if plan:
            props.append(Proposal("insurance.plan_name", plan, plan, src))

    def encounter(self, enc: Element, section: str) -> None:
        when, _ = self.times(enc.find("effectiveTime"))
        code = enc.find("code")
        kind = (
            (code.get("displayName") if code is not None else None)
            or self.original_text(code)
            or "Encounter"
        )
        who = ""
        person = enc.find("performer/assignedEntity/assignedPerson/name")
        if person is not None:
            who = " ".join(
                text_of(x) for x in person if x.tag in ("given", "family") and text_of(x)
            )
        display = " ".join(
            x
            for x in (kind, f"on {when.text()}" if when else "", f"with {who}" if who else "")
            if x
        )
        why = "An encounter is shown for reference; it is not a case field."
        self.imp.proposals.append(
            Proposal("info", display, display, self.source(section, when), info=why)
        )
        self.imp.counts["encounters"] = self.imp.counts.get("encounters", 0) + 1


def read_ccda(
    root: Element, imp: EhrImport, table: CodeTable, doc_types: dict[str, dict[str, str]]
) -> None:
    """Fill ``imp`` from a parsed C-CDA tree (namespaces already stripped)."""
    imp.format = "C-CDA"
    CcdaReader(root, imp, table, doc_types).read()
