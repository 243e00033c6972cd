"""FHIR R4 / US Core resources to proposals, one resource at a time.

Plain validated JSON rather than a model library: only the elements read here are checked
(type and shape), an unexpected shape is skipped with a count, and resources stream through
without a 50 MB bundle being held as objects. Observations and Conditions are handled as they
arrive; the few resources that reference each other (Patient, Coverage, Organization,
Practitioner(Role), Medication*, DocumentReference, Binary) are kept until the end.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from typing import Any

from .codes import CodeTable
from .model import EhrImport, EhrImportError, EmbeddedFile, Proposal, Source
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

NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
_SEX = {"male": "M", "female": "F", "other": "X", "unknown": "U"}
_KEEP = {
    "Patient",
    "Coverage",
    "Organization",
    "Practitioner",
    "PractitionerRole",
    "Medication",
    "MedicationRequest",
    "MedicationStatement",
    "DocumentReference",
    "Binary",
    "DiagnosticReport",
}
_MEASURES = ("nfl", "fvc_percent_predicted", "svc_percent_predicted", "alsfrs_r_total")
_SKIP_STATUS = {"entered-in-error", "cancelled"}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def codings_of(concept: Any) -> tuple[list[Coding], str | None]:
    c = _dict(concept)
    out: list[Coding] = []
    for coding in _list(c.get("coding")):
        coding = _dict(coding)
        if _str(coding.get("code")):
            out.append(
                (_str(coding.get("system")), _str(coding.get("code")), _str(coding.get("display")))
            )
    return out, _str(c.get("text"))


def _human_name(names: Any) -> tuple[list[str], str | None, str | None]:
    """(given names, family, suffix) of the official name, else the first."""
    listed = [_dict(n) for n in _list(names)]
    name = next((n for n in listed if n.get("use") == "official"), listed[0] if listed else {})
    given = [g.strip() for g in _list(name.get("given")) if isinstance(g, str) and g.strip()]
    family = _str(name.get("family"))
    suffix = " ".join(s for s in _list(name.get("suffix")) if isinstance(s, str)) or None
    if not given and not family and _str(name.get("text")):
        parts = str(name["text"]).split()
        given, family = parts[:-1], parts[-1]
    return given, family, suffix


def _phone(telecom: Any) -> str | None:
    for t in _list(telecom):
        t = _dict(t)
        if t.get("system") == "phone" and _str(t.get("value")):
            return _str(t.get("value"))
    return None


class FhirReader:
    def __init__(self, imp: EhrImport, table: CodeTable):
        self.imp = imp
        self.table = table
        self.kept: dict[str, list[dict[str, Any]]] = {}
        self.by_ref: dict[str, dict[str, Any]] = {}

    def source(self, res: dict[str, Any], when: When | None, code: str | None = None) -> Source:
        rid = _str(res.get("id"))
        rtype = str(res.get("resourceType"))
        return Source(
            self.imp.file_name,
            f"{rtype}/{rid}" if rid else rtype,
            when.exact if when else None,
            code,
        )

    def add(self, res: dict[str, Any]) -> None:
        rtype = res.get("resourceType")
        if not isinstance(rtype, str):
            self.imp.counts["not a resource"] = self.imp.counts.get("not a resource", 0) + 1
            return
        self.imp.counts[rtype] = self.imp.counts.get(rtype, 0) + 1
        status = res.get("status")
        if status in _SKIP_STATUS:
            return
        for contained in _list(res.get("contained")):
            contained = _dict(contained)
            if _str(contained.get("id")):
                self.by_ref[f"#{contained['id']}"] = contained
        if rtype == "Observation":
            self.observation(res)
        elif rtype == "Condition":
            self.condition(res)
        elif rtype == "Composition":
            self.composition(res)
        elif rtype == "Encounter":
            self.encounter(res)
        elif rtype in _KEEP:
            self.kept.setdefault(rtype, []).append(res)
            if _str(res.get("id")):
                self.by_ref[f"{rtype}/{res['id']}"] = res

    def resolve(self, ref: Any) -> dict[str, Any] | None:
        reference = _str(_dict(ref).get("reference"))
        if not reference:
            return None
        if reference in self.by_ref:
            return self.by_ref[reference]
        tail = "/".join(reference.rstrip("/").split("/")[-2:])  # absolute URLs, urn:uuid
        return self.by_ref.get(tail) or self.by_ref.get(reference)

    def finish(self) -> None:
        for rtype in ("Organization", "Practitioner", "Medication", "Binary"):
            for res in self.kept.get(rtype, []):
                if _str(res.get("fullUrl")):
                    self.by_ref[str(res["fullUrl"])] = res
        patients = self.kept.get("Patient", [])
        if len(patients) > 1:
            self.imp.warnings.append(f"{len(patients)} Patient resources; the first is read.")
        if patients:
            self.patient(patients[0])
        for cov in self.kept.get("Coverage", [])[:1]:
            self.coverage(cov)
        for kind in ("MedicationRequest", "MedicationStatement"):
            for res in self.kept.get(kind, []):
                self.medication(res)
        self.practitioner()
        for res in self.kept.get("DiagnosticReport", []):
            self.report(res)
        for res in self.kept.get("DocumentReference", []):
            self.document(res)

    # --- resources ------------------------------------------------------------------------

    def patient(self, res: dict[str, Any]) -> None:
        src = self.source(res, None)
        props, ident = self.imp.proposals, self.imp.identity
        given, family, _suffix = _human_name(res.get("name"))
        if given:
            ident.first_name = given[0]
            props.append(Proposal("patient.first_name", given[0], given[0], src))
        if len(given) > 1:
            props.append(Proposal("patient.middle_name", given[1], given[1], src))
        if family:
            ident.last_name = family
            props.append(Proposal("patient.last_name", family, family, src))
        birth = parse_when(_str(res.get("birthDate")))
        if birth:
            ident.date_of_birth = birth.exact
            if birth.exact:
                props.append(Proposal("patient.date_of_birth", birth.exact, birth.text(), src))
        sex = _SEX.get(str(res.get("gender")))
        if sex:
            props.append(Proposal("patient.sex", sex, str(res.get("gender")), src))
        mrn = typed_mrn = None
        for ident_el in _list(res.get("identifier")):
            ident_el = _dict(ident_el)
            value = _str(ident_el.get("value"))
            system = str(ident_el.get("system", "")).lower()
            if not value or "ssn" in system or system.endswith("2.16.840.1.113883.4.1"):
                continue  # never a social security number
            ident.ids.append(value)
            codes, _t = codings_of(ident_el.get("type"))
            mrn = mrn or value
            if typed_mrn is None and any(c == "MR" for _s, c, _d in codes):
                typed_mrn = value
        mrn = typed_mrn or mrn
        if mrn:
            props.append(Proposal("patient.mrn", mrn, mrn, src))
        phone = _phone(res.get("telecom"))
        if phone:
            props.append(Proposal("patient.phone", phone, phone, src))
        self.address(res.get("address"), "patient.address", src)

    def address(self, addresses: Any, prefix: str, src: Source) -> None:
        listed = [_dict(a) for a in _list(addresses)]
        addr = next((a for a in listed if a.get("use") == "home"), listed[0] if listed else None)
        if not addr:
            return
        lines = [x.strip() for x in _list(addr.get("line")) if isinstance(x, str) and x.strip()]
        parts = {
            "line1": lines[0] if lines else None,
            "line2": lines[1] if len(lines) > 1 else None,
            "city": _str(addr.get("city")),
            "state": (_str(addr.get("state")) or "").upper() or None,
            "postal_code": _str(addr.get("postalCode")),
        }
        for key, value in parts.items():
            if value:
                self.imp.proposals.append(Proposal(f"{prefix}.{key}", value, value, src))

    def coverage(self, res: dict[str, Any]) -> None:
        src = self.source(res, parse_when(_str(_dict(res.get("period")).get("start"))))
        props = self.imp.proposals
        for payor in _list(res.get("payor")):
            org = self.resolve(payor)
            name = _str(_dict(payor).get("display")) or (_str(org.get("name")) if org else None)
            if name:
                props.append(Proposal("insurance.payer", name, name, src))
                break
        member = _str(res.get("subscriberId"))
        for ident in _list(res.get("identifier")):
            codes, _t = codings_of(_dict(ident).get("type"))
            if any(c == "MB" for _s, c, _d in codes) and _str(_dict(ident).get("value")):
                member = _str(_dict(ident).get("value"))
        if member:
            props.append(Proposal("insurance.member_id", member, member, src))
        for cls in _list(res.get("class")):
            cls = _dict(cls)
            codes, _t = codings_of(cls.get("type"))
            kind = next((c for _s, c, _d in codes), None)
            value = _str(cls.get("value"))
            if kind == "group" and value:
                props.append(Proposal("insurance.group_number", value, value, src))
            elif kind == "plan":
                plan = _str(cls.get("name")) or value
                if plan:
                    props.append(Proposal("insurance.plan_name", plan, plan, src))

    def practitioner(self) -> None:
        """The requester of an ALS medication, else a neurologist, else the first one."""
        candidates: list[dict[str, Any]] = []
        for kind in ("MedicationRequest",):
            for res in self.kept.get(kind, []):
                prac = self.resolve(res.get("requester"))
                if prac and prac.get("resourceType") == "Practitioner":
                    candidates.append(prac)
        roles = self.kept.get("PractitionerRole", [])
        specialty: dict[int, str] = {}
        for role in roles:
            prac = self.resolve(role.get("practitioner"))
            if prac is None:
                continue
            for spec in _list(role.get("specialty")):
                codes, text = codings_of(spec)
                label = text or next((d for _s, _c, d in codes if d), None)
                if label:
                    specialty[id(prac)] = label
                    if "neuro" in label.lower():
                        candidates.append(prac)
        candidates += self.kept.get("Practitioner", [])
        if not candidates:
            return
        prac = candidates[0]
        src = self.source(prac, None)
        props = self.imp.proposals
        given, family, suffix = _human_name(prac.get("name"))
        full = " ".join([*given, family or ""]).strip()
        if full:
            props.append(Proposal("prescriber.name", full, full, src))
        quals = [codings_of(_dict(q).get("code")) for q in _list(prac.get("qualification"))]
        cred = suffix or next(
            (t or next((c for _s, c, _d in cs), None) for cs, t in quals if cs or t), None
        )
        if cred:
            props.append(Proposal("prescriber.credentials", cred, cred, src))
        for ident in _list(prac.get("identifier")):
            ident = _dict(ident)
            if ident.get("system") == NPI_SYSTEM and _str(ident.get("value")):
                npi = str(ident["value"]).strip()
                props.append(Proposal("prescriber.npi", npi, npi, src))
                break
        if id(prac) in specialty:
            props.append(
                Proposal("prescriber.specialty", specialty[id(prac)], specialty[id(prac)], src)
            )
        phone = _phone(prac.get("telecom"))
        if phone:
            props.append(Proposal("prescriber.phone", phone, phone, src))

    def condition(self, res: dict[str, Any]) -> None:
        verification = codings_of(res.get("verificationStatus"))[0]
        if any(c in ("refuted", "entered-in-error") for _s, c, _d in verification):
            return
        codings, text = codings_of(res.get("code"))
        match = self.table.match(codings, [text], ("diagnosis",))
        if match is None:
            note_unmapped(self.imp, self.table, codings, "Condition")
            return
        onset = parse_when(
            _str(res.get("onsetDateTime")) or _str(_dict(res.get("onsetPeriod")).get("start"))
        )
        recorded = parse_when(_str(res.get("recordedDate")))
        diagnosis(
            self.imp, match, onset, recorded, self.source(res, onset or recorded, match.describe())
        )

    def observation(self, res: dict[str, Any]) -> None:
        when = parse_when(
            _str(res.get("effectiveDateTime"))
            or _str(_dict(res.get("effectivePeriod")).get("start"))
            or _str(res.get("issued"))
        )
        parts = [res, *(_dict(c) for c in _list(res.get("component")))]
        for part in parts:
            codings, text = codings_of(part.get("code"))
            qty = _dict(part.get("valueQuantity"))
            value: Any = (
                qty.get("value") if qty else part.get("valueInteger", part.get("valueDecimal"))
            )
            if value is None or isinstance(value, bool):
                if part is res and codings and not res.get("component"):
                    note_unmapped(self.imp, self.table, codings, "Observation")
                continue
            unit = _str(qty.get("unit")) or _str(qty.get("code")) if qty else None
            match = self.table.match(codings, [text], _MEASURES)
            if match is None:
                note_unmapped(self.imp, self.table, codings, "Observation")
                continue
            if match.target.kind == "alsfrs_r_total" and part is not res:
                continue  # an item of the scale, not its total
            label = " ".join(x for x in [text or "", *(d or "" for _s, _c, d in codings)] if x)
            src = self.source(res, when, match.describe())
            if match.target.kind == "alsfrs_r_total":
                items = [_component_value(_dict(c)) for c in _list(res.get("component"))]
                measurement(self.imp, match, value, unit, when, src, label, items)
                return  # its components are the item scores
            measurement(self.imp, match, value, unit, when, src, label)

    def medication(self, res: dict[str, Any]) -> None:
        concept = res.get("medicationCodeableConcept")
        if concept is None:
            med = self.resolve(res.get("medicationReference"))
            concept = med.get("code") if med else None
            ref_text = _str(_dict(res.get("medicationReference")).get("display"))
        else:
            ref_text = None
        codings, text = codings_of(concept)
        match = self.table.match(codings, [text, ref_text], ("therapy", "requested_drug"))
        if match is None:
            note_unmapped(self.imp, self.table, codings, str(res.get("resourceType")))
            return
        status = str(res.get("status") or "")
        refused = status == "not-taken" or res.get("doNotPerform") is True
        period = _dict(res.get("effectivePeriod")) or _dict(
            _dict(res.get("dispenseRequest")).get("validityPeriod")
        )
        start = parse_when(
            _str(period.get("start"))
            or _str(res.get("effectiveDateTime"))
            or _str(res.get("authoredOn"))
        )
        end = parse_when(_str(period.get("end")))
        dose = None
        for instr in _list(res.get("dosageInstruction")) + _list(res.get("dosage")):
            instr = _dict(instr)
            dose = _str(instr.get("text"))
            if dose is None:
                for dr in _list(instr.get("doseAndRate")):
                    q = _dict(_dict(dr).get("doseQuantity"))
                    if q.get("value") is not None and str(q.get("unit", "")).lower() in (
                        "mg",
                        "ml",
                    ):
                        dose = f"{q['value']} {q['unit']}"
            if dose:
                break
        dose = dose or strength_of(
            " ".join(x for x in [text or "", *(d or "" for _s, _c, d in codings)] if x)
        )
        src = self.source(res, start, match.describe())
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

    def encounter(self, res: dict[str, Any]) -> None:
        when = parse_when(_str(_dict(res.get("period")).get("start")))
        kinds = [codings_of(t) for t in _list(res.get("type"))]
        label = (
            next((t or next((d for _s, _c, d in cs if d), None) for cs, t in kinds), None)
            or "Encounter"
        )
        who = next(
            (
                _str(_dict(_dict(p).get("individual")).get("display"))
                for p in _list(res.get("participant"))
                if _str(_dict(_dict(p).get("individual")).get("display"))
            ),
            None,
        )
        display = " ".join(
            x
            for x in (label, f"on {when.text()}" if when else "", f"with {who}" if who else "")
            if x
        )
        why = "An encounter is shown for reference; it is not a case field."
        self.imp.proposals.append(
            Proposal("info", display, display, self.source(res, when), info=why)
        )

    def composition(self, res: dict[str, Any]) -> None:
        """A document bundle's narrative: each section's title and text, for the record."""
        if _str(res.get("title")):
            self.imp.title = str(res["title"]).strip()
        for section in _list(res.get("section")):
            section = _dict(section)
            text = _div_text(_dict(section.get("text")).get("div"))
            if text:
                self.imp.narratives.append((_str(section.get("title")) or "Section", text))

    def report(self, res: dict[str, Any]) -> None:
        codings, text = codings_of(res.get("code"))
        title = text or next((d for _s, _c, d in codings if d), None) or "Diagnostic report"
        if _str(res.get("conclusion")):
            self.imp.narratives.append((title, str(res["conclusion"])))
        for att in _list(res.get("presentedForm")):
            self.attachment(_dict(att), title)

    def document(self, res: dict[str, Any]) -> None:
        title = _str(res.get("description")) or codings_of(res.get("type"))[1] or "Document"
        for content in _list(res.get("content")):
            self.attachment(_dict(_dict(content).get("attachment")), title)

    def attachment(self, att: dict[str, Any], title: str) -> None:
        mime = _str(att.get("contentType")) or "application/octet-stream"
        data_b64 = _str(att.get("data"))
        url = _str(att.get("url"))
        if data_b64 is None and url:
            binary = self.resolve({"reference": url})
            if binary and binary.get("resourceType") == "Binary":
                data_b64 = _str(binary.get("data"))
                mime = _str(binary.get("contentType")) or mime
            else:
                self.imp.warnings.append(
                    f"'{title}' points to {url}; it was not fetched (offline)."
                    " Attach that file yourself."
                )
                return
        if not data_b64:
            return
        try:
            data = base64.b64decode(re.sub(r"\s+", "", data_b64), validate=True)
        except (binascii.Error, ValueError):
            self.imp.warnings.append(f"'{title}': the embedded data is not valid base64; left out.")
            return
        ext = {"application/pdf": "pdf", "text/plain": "txt", "text/html": "html"}.get(
            mime.split(";")[0], "bin"
        )
        stem = re.sub(r"[^\w.-]+", "_", _str(att.get("title")) or title)[:60]
        self.imp.embedded.append(EmbeddedFile(f"{stem}.{ext}", mime, data))
        if mime.startswith("text/plain"):
            self.imp.narratives.append((title, data.decode("utf-8", "replace")))


_TAG = re.compile(r"<[^>]+>")


def _div_text(div: Any) -> str:
    """Plain text of a narrative XHTML div (tags dropped, never parsed as XML: it is shown
    only, and skipping a parser keeps entity tricks out)."""
    if not isinstance(div, str):
        return ""
    text = re.sub(r"</(?:p|div|tr|li|h\d)>|<br\s*/?>", "\n", div, flags=re.I)
    text = _TAG.sub(" ", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _component_value(component: dict[str, Any]) -> Any:
    qty = _dict(component.get("valueQuantity"))
    return qty.get("value") if qty else component.get("valueInteger")


def read_fhir(
    resources: Iterable[tuple[str, dict[str, Any]]], imp: EhrImport, table: CodeTable
) -> None:
    imp.format = "FHIR R4"
    reader = FhirReader(imp, table)
    container = None
    for container, res in resources:
        if res.get("resourceType") == "Bundle" and container not in ("ndjson", "resource"):
            continue  # the bundle's own head, after its entries
        reader.add(res)
    if not any(k != "not a resource" for k in imp.counts):
        raise EhrImportError(f"{imp.file_name}: JSON without FHIR resources (no resourceType)")
    names = {"ndjson": "FHIR NDJSON export", "resource": "FHIR resource"}
    if imp.document_type in ("", "FHIR"):
        imp.document_type = names.get(container or "", f"FHIR Bundle ({container})")
    reader.finish()
