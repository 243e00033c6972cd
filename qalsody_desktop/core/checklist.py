"""The live checklist: each payer criterion of the policy profile against the case and its files.

Statuses: ``met``; ``warning`` (met, but something a reviewer could object to: a stale or
wrong-patient document, a fallback measure); ``missing_evidence`` (the case facts meet the rule
but no document that proves it is attached: a gap in the file, not in the patient);
``not_met`` (the facts fail the rule); ``missing`` (the case has nothing to judge by yet).
Only ``payer`` criteria (source status ``verified`` or ``corrected``) are the payer's; the rest
(``guide-only``, ``assumption``) stay in the app's checklist and never reach a payer.
Rules are data (``criterion.kind`` + params); this module only knows how to evaluate each kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .derived import alsfrs_series, case_age
from .evidence.records import Attachment
from .evidence.review import Review
from .model import Case
from .policy.model import Criterion, PolicyProfile

MET, WARNING, NOT_MET, MISSING = "met", "warning", "not_met", "missing"
MISSING_EVIDENCE = "missing_evidence"
OPEN_STATUSES = (NOT_MET, MISSING, MISSING_EVIDENCE)  # what holds up readiness
PAYER_STATUSES = ("verified", "corrected")  # source statuses of the payer's own criteria
# criteria about what happens at or after submission cannot hold up readiness to submit
POST_SUBMISSION_KINDS = ("event_recorded",)
# criteria about the patient's current state, where an old supporting document matters
CURRENT_STATE_KINDS = (
    "alsfrs_baseline_min",
    "measure_present",
    "lab_present",
    "vital_capacity_min",
    "ventilation_not",
)


@dataclass
class Verdict:
    status: str
    detail: str
    fields: list[str] = field(default_factory=list)  # case paths that carry the fact


@dataclass
class ChecklistItem:
    id: str
    title: str
    status: str
    source_status: str  # verified | guide-only | corrected
    detail: str
    evidence: list[dict[str, Any]]
    denial_reason: str
    denial_title: str
    facts: list[str]  # case field paths to go to
    documents: list[str]  # category ids that prove it
    blocks_ready: bool
    source: str

    @property
    def payer(self) -> bool:
        """The payer's own criterion (not the guide's, not a project assumption)."""
        return self.source_status in PAYER_STATUSES

    @property
    def facts_met(self) -> bool:
        """The case facts meet it (perhaps without its document)."""
        return self.status in (MET, WARNING, MISSING_EVIDENCE)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "source_status": self.source_status,
            "detail": self.detail,
            "evidence": self.evidence,
            "denial_reason": self.denial_reason,
            "denial_title": self.denial_title,
            "facts": self.facts,
            "documents": self.documents,
            "blocks_ready": self.blocks_ready,
            "source": self.source,
            "payer": self.payer,
            "facts_met": self.facts_met,
        }


@dataclass
class Checklist:
    ready: bool
    profile_id: str
    profile_version: str
    items: list[ChecklistItem]
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "profile": {"id": self.profile_id, "version": self.profile_version},
            "items": [i.to_json() for i in self.items],
            "notes": self.notes,
        }

    def item(self, item_id: str) -> ChecklistItem:
        return next(i for i in self.items if i.id == item_id)


Rule = Callable[[Criterion, Case, date, Sequence[str]], Verdict]


def _lower(value: str | None) -> str:
    return (value or "").strip().lower()


def _sod1(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    g = case.genetics
    fields = ["genetics.gene", "genetics.classification", "genetics.variant_protein"]
    if not (g.gene or g.classification or g.variant_protein or g.variant_cdna):
        return Verdict(MISSING, "no genetic result recorded in the case", fields)
    gene = c.params["gene"]
    if _lower(g.gene) != gene.lower():
        return Verdict(NOT_MET, f"gene is {g.gene or 'not recorded'}, not {gene}", fields)
    if not (g.variant_protein or g.variant_cdna):
        return Verdict(MISSING, "the variant (HGVS) is not recorded", fields)
    accepted = [a.lower() for a in c.params["accepted_classifications"]]
    if _lower(g.classification) not in accepted:
        shown = g.classification or "not recorded"
        return Verdict(NOT_MET, f"classification is {shown}; needs {' or '.join(accepted)}", fields)
    if c.params.get("require_clia") and not (g.lab_name and g.clia_number):
        return Verdict(NOT_MET, "laboratory name and CLIA number are not recorded", fields)
    variant = " ".join(v for v in (g.variant_protein, g.variant_cdna) if v)
    return Verdict(MET, f"{gene} {variant}, {g.classification}, {g.lab_name}", fields)


def _specialty(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    p = case.prescriber
    fields = ["prescriber.specialty"]
    text = " ".join(_lower(v) for v in (p.specialty, p.board_certification) if v)
    if not text:
        return Verdict(MISSING, "prescriber specialty is not recorded", fields)
    wanted = [s.lower() for s in c.params["specialties"]]
    if any(s in text for s in wanted):
        return Verdict(MET, f"prescriber specialty: {p.specialty or p.board_certification}", fields)
    return Verdict(NOT_MET, f"prescriber specialty is {p.specialty}, not neurology", fields)


def _therapy(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    fields = ["therapies"]
    if not case.therapies:
        return Verdict(MISSING, "no therapy trials recorded", fields)
    aliases: dict[str, list[str]] = dict(c.params.get("aliases", {}))
    tried = []
    for drug in c.params["drugs"]:
        names = [drug.lower(), *(a.lower() for a in aliases.get(drug, []))]
        if any(any(n in _lower(t.drug) for n in names) for t in case.therapies):
            tried.append(drug)
    need = int(c.params.get("min_count", 1))
    if len(tried) >= need:
        return Verdict(MET, f"tried: {', '.join(tried)}", fields)
    return Verdict(NOT_MET, f"none of {', '.join(c.params['drugs'])} recorded as tried", fields)


def _alsfrs_min(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    series = alsfrs_series(case)
    if not series:
        return Verdict(MISSING, "no ALSFRS-R assessment recorded", ["alsfrs_r"])
    latest = series[-1]
    text = f"latest ALSFRS-R {latest.total}/48 on {latest.date.isoformat()}"
    if latest.total >= int(c.params["min"]):
        return Verdict(MET, text, ["alsfrs_r"])
    return Verdict(NOT_MET, f"{text}, below {c.params['min']}", ["alsfrs_r"])


def _min_age(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    age = case_age(case, today)
    if age is None:
        return Verdict(MISSING, "date of birth is not recorded", ["patient.date_of_birth"])
    status = MET if age >= int(c.params["min"]) else NOT_MET
    return Verdict(status, f"age {age}", ["patient.date_of_birth"])


def _words(text: str) -> str:
    """Words only, so "Probable - lab supported" and "probable lab-supported" compare equal."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _diagnostic(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    d = case.diagnosis
    fields = ["diagnosis.criteria", "diagnosis.criteria_category"]
    if not d.criteria or not d.criteria_category:
        return Verdict(MISSING, "diagnostic criteria and category are not recorded", fields)
    sets = [_words(s) for s in c.params["criteria_sets"]]
    cats = [_words(s) for s in c.params["categories"]]
    if not any(s in _words(d.criteria) for s in sets):
        return Verdict(NOT_MET, f"criteria {d.criteria} are not El Escorial or Awaji", fields)
    if _words(d.criteria_category) not in cats:
        return Verdict(NOT_MET, f"category is {d.criteria_category}", fields)
    return Verdict(MET, f"{d.criteria_category} ALS ({d.criteria})", fields)


def _present(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    series = c.params["series"]
    rows = [r for r in getattr(case, series) if getattr(r, "date", None) is not None]
    if not rows:
        return Verdict(MISSING, f"no {series.replace('_', '-')} result recorded", [series])
    latest = max(r.date for r in rows)
    max_age = c.params.get("max_age_days")
    if max_age and (today - latest).days > int(max_age):
        return Verdict(WARNING, f"latest on {latest.isoformat()}, over {max_age} days", [series])
    return Verdict(MET, f"{len(rows)} result(s), latest {latest.isoformat()}", [series])


def _vital_capacity(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    measures = [c.params["measure"], *c.params.get("fallback_measures", [])]
    rows = sorted((r for r in case.pulmonary if r.date), key=lambda r: r.date or today)
    for index, measure in enumerate(measures):
        values = [(r.date, getattr(r, measure)) for r in rows if getattr(r, measure) is not None]
        if not values:
            continue
        when, value = values[-1]
        label = measure.split("_")[0].upper()
        assert when is not None
        text = f"{label} {value:g}% predicted on {when.isoformat()}"
        if value < float(c.params["min_percent"]):
            return Verdict(NOT_MET, f"{text}, below {c.params['min_percent']}%", ["pulmonary"])
        if index > 0:
            return Verdict(
                WARNING, f"{text}; no {measures[0].split('_')[0].upper()}", ["pulmonary"]
            )
        return Verdict(MET, text, ["pulmonary"])
    return Verdict(MISSING, "no vital capacity recorded", ["pulmonary"])


def _ventilation(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    value = case.functional_status.ventilation
    fields = ["functional_status.ventilation"]
    if not value:
        return Verdict(MISSING, "ventilation status is not recorded", fields)
    if value in c.params["excluded"]:
        return Verdict(NOT_MET, f"ventilation: {value.replace('_', ' ')}", fields)
    return Verdict(MET, f"ventilation: {value.replace('_', ' ')}", fields)


def _event(c: Criterion, case: Case, today: date, events: Sequence[str]) -> Verdict:
    if c.params["event"] in events:
        return Verdict(MET, "recorded in the case timeline", [])
    return Verdict(MISSING, "not recorded yet (does not hold up readiness to submit)", [])


RULES: dict[str, Rule] = {
    "sod1_pathogenic": _sod1,
    "specialty_in": _specialty,
    "therapy_tried": _therapy,
    "alsfrs_baseline_min": _alsfrs_min,
    "min_age": _min_age,
    "diagnostic_criteria": _diagnostic,
    "lab_present": _present,
    "measure_present": _present,
    "vital_capacity_min": _vital_capacity,
    "ventilation_not": _ventilation,
    "event_recorded": _event,
}


def _with_documents(
    c: Criterion,
    verdict: Verdict,
    attachments: Sequence[Attachment],
    reviews: dict[str, Review],
    profile: PolicyProfile,
) -> tuple[Verdict, list[dict[str, Any]]]:
    """Fold the proving documents into the verdict: absent, wrong patient, stale or fine."""
    docs = [a for a in attachments if a.category in c.documents]
    evidence = [
        {"type": "attachment", "id": a.id, "file": a.file_name, "category": a.category}
        for a in docs
    ] + [{"type": "field", "path": p} for p in verdict.fields]
    if c.kind in POST_SUBMISSION_KINDS or not c.documents:
        return verdict, evidence
    if verdict.status in (NOT_MET, MISSING):
        return verdict, evidence
    if not docs:
        names = " or ".join(profile.category(d).title for d in c.documents)
        detail = f"{verdict.detail}; evidence missing, attach: {names}"
        return Verdict(MISSING_EVIDENCE, detail, verdict.fields), evidence
    usable = [a for a in docs if not reviews.get(a.id) or not reviews[a.id].wrong_patient]
    if not usable:
        detail = f"{verdict.detail}; the attached document may be about another patient"
        return Verdict(WARNING, detail, verdict.fields), evidence
    if c.kind in CURRENT_STATE_KINDS and all(
        reviews.get(a.id) and reviews[a.id].stale for a in usable
    ):
        detail = f"{verdict.detail}; the supporting document is older than the payer accepts"
        return Verdict(WARNING, detail, verdict.fields), evidence
    return verdict, evidence


def evaluate_checklist(
    case: Case,
    attachments: Sequence[Attachment],
    profile: PolicyProfile,
    *,
    reviews: dict[str, Review] | None = None,
    events: Sequence[str] = (),
    today: date | None = None,
) -> Checklist:
    today = today or date.today()
    reviews = reviews or {}
    items: list[ChecklistItem] = []
    for c in profile.criteria:
        rule = RULES.get(c.kind)
        if rule is None:  # the loader only admits known kinds; this guards a newer profile
            verdict = Verdict(MISSING, f"this app version cannot evaluate rule kind {c.kind!r}")
            evidence: list[dict[str, Any]] = []
        else:
            verdict, evidence = _with_documents(
                c, rule(c, case, today, events), attachments, reviews, profile
            )
        reason = profile.denial_reason(c.denial_reason)
        items.append(
            ChecklistItem(
                id=c.id,
                title=c.title,
                status=verdict.status,
                source_status=c.status,
                detail=verdict.detail,
                evidence=evidence,
                denial_reason=c.denial_reason,
                denial_title=reason.title,
                facts=list(c.facts),
                documents=list(c.documents),
                blocks_ready=c.kind not in POST_SUBMISSION_KINDS,
                source=c.source,
            )
        )
    notes = [
        f"{a.file_name}: {w}"
        for a in attachments
        for w in (reviews[a.id].warnings if a.id in reviews else [])
        if w.startswith("WRONG PATIENT")
    ]
    ready = all(i.status in (MET, WARNING) for i in items if i.blocks_ready) and not notes
    return Checklist(ready, profile.id, profile.version, items, notes)
