"""Loading and checking a policy profile (TOML) into frozen dataclasses.

Every rule the app applies (criteria, deadlines, denial reasons, regulatory wording) comes from
this file, so a profile that loads must be complete and consistent: unknown keys, missing keys,
wrong types, unknown statuses and dangling references are refused with the file, line and key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..paths import resources_dir
from .checker import Checker, freeze_params, tuples
from .errors import ProfileError
from .kinds import KIND_CHECKS
from .locate import key_at_line
from .model import (
    AwaitedDecision,
    Category,
    Criterion,
    DeadlineRule,
    DenialReason,
    EvidencePassage,
    Keyword,
    PayerContact,
    PlanAction,
    PolicyProfile,
    PublishedReference,
    RegulatoryStatement,
    Route,
    Source,
)
from .schema import (
    ACTION,
    AWAITED,
    CATEGORY,
    CRITERION,
    DEADLINE,
    DENIAL_REASON,
    EVIDENCE,
    KEYWORD,
    PAYER_CONTACT,
    PROFILE,
    PUBLISHED_REFERENCE,
    ROUTE,
    SOURCE,
    STATEMENT,
    TOP_LEVEL,
    fact_path_problem,
)

DEFAULT_PROFILE_ID = "cigna-nc-qalsody"
FALLBACK_CATEGORY = "other"
_PROFILE_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_SYNTAX_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")

__all__ = [
    "PolicyProfile",
    "default_profile_path",
    "load_default_profile",
    "load_profile",
]


def default_profile_path(profile_id: str = DEFAULT_PROFILE_ID) -> Path:
    """``resources/policies/<id>.toml`` in a checkout (beside the package) or a frozen app."""
    return resources_dir() / "policies" / f"{profile_id}.toml"


def load_default_profile() -> PolicyProfile:
    """The profile the app ships with (Cigna, North Carolina, Qalsody)."""
    return load_profile(default_profile_path())


def load_profile(path: str | Path) -> PolicyProfile:
    """Read and check one profile; any problem raises ProfileError naming file, line and key."""
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ProfileError(
            path, None, None, f"cannot read the file: {exc.strerror or exc}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(path, None, None, "is not UTF-8 text") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _SYNTAX_LINE.search(message)
        line = int(m.group(1)) if m else None
        key = key_at_line(raw, line) if line else None
        reason = _SYNTAX_LINE.sub("", message).strip()
        raise ProfileError(path, line, key, f"TOML syntax error: {reason}") from exc
    return _Builder(path, raw, data).build()


class _Builder(Checker):
    """Builds the dataclasses table by table, checking cross-references as it goes."""

    def __init__(self, path: Path, raw: str, data: dict[str, Any]) -> None:
        super().__init__(path, raw, data)
        self.source_ids: set[str] = set()
        self.category_ids: set[str] = set()
        self.reason_ids: set[str] = set()

    def build(self) -> PolicyProfile:
        top = self.checked(None, None, self.data, TOP_LEVEL)
        head = self.checked("profile", None, top["profile"], PROFILE)
        if not _PROFILE_ID.match(head["id"]):
            self.fail("profile", None, "id", f"'{head['id']}' must be lower-case with hyphens")
        sources = tuple(Source(**e) for e in self.entries("sources", SOURCE))
        self.source_ids = {s.id for s in sources}
        categories = self.categories()
        self.category_ids = {c.id for c in categories}
        if FALLBACK_CATEGORY not in self.category_ids:
            self.fail("categories", None, None, f"a category '{FALLBACK_CATEGORY}' is required")
        reasons = self.denial_reasons()
        self.reason_ids = {r.id for r in reasons}
        contact = None
        if "payer_contact" in top:
            contact = PayerContact(
                **self.checked("payer_contact", None, top["payer_contact"], PAYER_CONTACT)
            )
        criteria = self.criteria()
        criterion_ids = {c.id for c in criteria}
        return PolicyProfile(
            id=head["id"],
            version=head["version"],
            title=head["title"],
            payer=head["payer"],
            state=head["state"],
            drug=head["drug"],
            description=head.get("description", ""),
            last_reviewed=head.get("last_reviewed"),
            path=str(self.path),
            sources=sources,
            categories=categories,
            criteria=criteria,
            denial_reasons=reasons,
            deadlines=self.deadlines(),
            awaited=self.awaited() if "awaited" in top else (),
            regulatory_statements=self.statements(),
            routes=self.routes(),
            payer_contact=contact,
            evidence=self.evidence(),
            published_references=self.published_references(),
            actions=self.actions(criterion_ids),
        )

    def categories(self) -> tuple[Category, ...]:
        out = []
        for i, e in enumerate(self.entries("categories", CATEGORY)):
            keywords = []
            for k, kw in enumerate(e.pop("keywords")):
                keywords.append(self.keyword(i, k, kw))
            if "max_age_days" in e:
                if e["max_age_days"] <= 0:
                    self.fail("categories", i, "max_age_days", "must be a positive number of days")
                for key in ("max_age_source", "max_age_status"):
                    if key not in e:
                        self.fail("categories", i, key, "required when max_age_days is given")
                self.ref(
                    "categories",
                    i,
                    "max_age_source",
                    e["max_age_source"],
                    self.source_ids,
                    "source",
                )
            out.append(Category(keywords=tuple(keywords), **e))
        return tuple(out)

    def keyword(self, index: int, k: int, kw: Mapping[str, Any]) -> Keyword:
        key = f"keywords[{k}]."
        item = self.checked("categories", index, kw, KEYWORD, prefix=key, element=k)
        if ("phrase" in item) == ("pattern" in item):
            self.fail(
                "categories",
                index,
                f"keywords[{k}]",
                "give exactly one of phrase or pattern",
                element=k,
            )
        if "pattern" in item:
            try:
                re.compile(item["pattern"])
            except re.error as exc:
                self.fail(
                    "categories",
                    index,
                    f"keywords[{k}].pattern",
                    f"invalid regular expression: {exc}",
                    element=k,
                )
        text = item.get("phrase", item.get("pattern", ""))
        if not text.strip() or item["weight"] == 0:
            self.fail(
                "categories", index, f"keywords[{k}]", "empty phrase or zero weight", element=k
            )
        return Keyword(
            weight=float(item["weight"]),
            phrase=item.get("phrase"),
            pattern=item.get("pattern"),
            label=item.get("label"),
        )

    def criteria(self) -> tuple[Criterion, ...]:
        out = []
        for i, e in enumerate(self.entries("criteria", CRITERION)):
            common = {k: e.pop(k) for k in list(e) if k in CRITERION}
            for problem_key, problem in KIND_CHECKS.get(common["kind"], lambda p: [])(e):
                self.fail("criteria", i, problem_key, problem)
            self.ref("criteria", i, "source", common["source"], self.source_ids, "source")
            self.ref(
                "criteria",
                i,
                "denial_reason",
                common["denial_reason"],
                self.reason_ids,
                "denial reason",
            )
            for doc in common["documents"]:
                self.ref("criteria", i, "documents", doc, self.category_ids, "category")
            for fact in common["facts"]:
                problem = fact_path_problem(fact)
                if problem:
                    self.fail(
                        "criteria",
                        i,
                        "facts",
                        f"'{fact}' is not a case field: {problem}",
                        value=fact,
                    )
            out.append(
                Criterion(
                    id=common["id"],
                    title=common["title"],
                    kind=common["kind"],
                    params=freeze_params(e),
                    facts=tuple(common["facts"]),
                    documents=tuple(common["documents"]),
                    denial_reason=common["denial_reason"],
                    source=common["source"],
                    status=common["status"],
                    note=common.get("note", ""),
                )
            )
        return tuple(out)

    def denial_reasons(self) -> tuple[DenialReason, ...]:
        out = []
        for i, e in enumerate(self.entries("denial_reasons", DENIAL_REASON)):
            self.ref("denial_reasons", i, "source", e["source"], self.source_ids, "source")
            for doc in e["required_documents"]:
                self.ref(
                    "denial_reasons", i, "required_documents", doc, self.category_ids, "category"
                )
            if not e["match_phrases"]:
                self.fail("denial_reasons", i, "match_phrases", "needs at least one phrase")
            out.append(DenialReason(**tuples(e)))
        return tuple(out)

    def deadlines(self) -> tuple[DeadlineRule, ...]:
        out = []
        for i, e in enumerate(self.entries("deadlines", DEADLINE)):
            self.ref("deadlines", i, "source", e["source"], self.source_ids, "source")
            if e["amount"] <= 0:
                self.fail("deadlines", i, "amount", "must be positive")
            if not e["plan_types"]:
                self.fail("deadlines", i, "plan_types", "needs at least one plan type")
            if e.get("repeat_every", 1) <= 0:
                self.fail("deadlines", i, "repeat_every", "must be positive")
            if "also_source" in e:
                if not e.get("also_from"):
                    self.fail("deadlines", i, "also_source", "names the source of also_from")
                self.ref("deadlines", i, "also_source", e["also_source"], self.source_ids, "source")
            self.effective_range("deadlines", i, e)
            out.append(DeadlineRule(**tuples(e)))
        self.no_overlap("deadlines", out)
        return tuple(out)

    def awaited(self) -> tuple[AwaitedDecision, ...]:
        out = []
        for i, e in enumerate(self.entries("awaited", AWAITED)):
            self.ref("awaited", i, "source", e["source"], self.source_ids, "source")
            if not e["plan_types"]:
                self.fail("awaited", i, "plan_types", "needs at least one plan type")
            self.effective_range("awaited", i, e)
            out.append(AwaitedDecision(**tuples(e)))
        self.no_overlap("awaited", out)
        return tuple(out)

    def effective_range(self, table: str, index: int, e: Mapping[str, Any]) -> None:
        start, end = e.get("effective_from"), e.get("effective_to")
        if start is not None and end is not None and end < start:
            self.fail(table, index, "effective_to", f"{end} is before effective_from {start}")

    def no_overlap(self, table: str, rules: list[Any]) -> None:
        """Two versions of one rule in force on the same day would give two dates: refused."""
        for i, rule in enumerate(rules):
            for other in rules[:i]:
                if (
                    rule.deadline != other.deadline
                    or not set(rule.plan_types) & set(other.plan_types)
                    or (rule.urgency and other.urgency and rule.urgency != other.urgency)
                ):
                    continue
                if _ranges_overlap(rule, other):
                    self.fail(
                        table,
                        i,
                        "effective_from",
                        f"rule '{rule.id}' and rule '{other.id}' give {rule.deadline} for the"
                        " same plan type on the same days; bound one with effective_to or"
                        " effective_from",
                    )

    def statements(self) -> tuple[RegulatoryStatement, ...]:
        out = []
        for i, e in enumerate(self.entries("regulatory_statements", STATEMENT)):
            self.ref("regulatory_statements", i, "source", e["source"], self.source_ids, "source")
            out.append(RegulatoryStatement(**tuples(e)))
        return tuple(out)

    def evidence(self) -> tuple[EvidencePassage, ...]:
        """Sourced clinical passages for letters: a figure without a source cannot load."""
        if "evidence" not in self.data:
            return ()
        out = []
        for i, e in enumerate(self.entries("evidence", EVIDENCE)):
            self.ref("evidence", i, "source", e["source"], self.source_ids, "source")
            for reason in e.get("answers", []):
                self.ref("evidence", i, "answers", reason, self.reason_ids, "denial reason")
            if not e["citation"].strip() or not e["text"].strip():
                self.fail("evidence", i, "text", "a passage needs its text and its citation")
            out.append(EvidencePassage(**tuples(e)))
        return tuple(out)

    def published_references(self) -> tuple[PublishedReference, ...]:
        if "published_references" not in self.data:
            return ()
        out = []
        for i, e in enumerate(self.entries("published_references", PUBLISHED_REFERENCE)):
            self.ref("published_references", i, "source", e["source"], self.source_ids, "source")
            if not [m for m in e["match"] if m.strip()]:
                self.fail("published_references", i, "match", "needs at least one phrase")
            out.append(PublishedReference(**tuples(e)))
        return tuple(out)

    def actions(self, criterion_ids: set[str]) -> tuple[PlanAction, ...]:
        if "actions" not in self.data:
            return ()
        out = []
        for i, e in enumerate(self.entries("actions", ACTION)):
            self.ref("actions", i, "source", e["source"], self.source_ids, "source")
            self.ref("actions", i, "criterion", e["criterion"], criterion_ids, "criterion")
            if not e["when"]:
                self.fail("actions", i, "when", "needs not_met, missing or both")
            out.append(PlanAction(**tuples(e)))
        return tuple(out)

    def routes(self) -> tuple[Route, ...]:
        out = []
        for i, e in enumerate(self.entries("routes", ROUTE)):
            self.ref("routes", i, "source", e["source"], self.source_ids, "source")
            for key in ("max_file_mb", "max_pages"):
                if key in e and e[key] <= 0:
                    self.fail("routes", i, key, "must be positive")
            out.append(Route(**tuples(e)))
        return tuple(out)


def _ranges_overlap(a: Any, b: Any) -> bool:
    """Inclusive ranges with open ends overlap unless one ends before the other starts."""
    a_first = a.effective_to is not None and b.effective_from is not None
    if a_first and a.effective_to < b.effective_from:
        return False
    b_first = b.effective_to is not None and a.effective_from is not None
    return not (b_first and b.effective_to < a.effective_from)
