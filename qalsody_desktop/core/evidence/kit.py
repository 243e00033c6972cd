"""The evidence kit of one stored case: attachments with their live reviews and the checklist."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ... import __version__
from .. import identity
from ..checklist import Checklist, evaluate_checklist
from ..identity import ExpectedIdentity, IdentityResult
from ..model import Case
from ..policy.model import PolicyProfile
from ..storage import Store
from ..storage.events import EventRepository
from ..tracking.anchors import event_anchors
from .records import Attachment
from .review import Review, identity_key, known_identity, remember_identity, review_attachment

log = logging.getLogger(__name__)


@dataclass
class Kit:
    case: Case
    attachments: list[Attachment]
    reviews: dict[str, Review]
    checklist: Checklist


def load_kit(
    store: Store,
    case_id: str,
    profile: PolicyProfile,
    *,
    case: Case | None = None,
    today: date | None = None,
) -> Kit:
    """``case`` lets the editor check its unsaved edits against the stored files."""
    case = case if case is not None else store.cases.get(case_id).case
    attachments = store.attachments.list(case_id)
    texts = {a.id: store.attachments.page_texts(a.id) for a in attachments}
    expected = ExpectedIdentity.from_case(dataclasses.asdict(case))
    keys = {
        a.id: identity_key(a, len(texts[a.id]), expected)
        for a in attachments
        if a.has_text_layer and texts[a.id]  # what review_attachment checks
    }
    missing = {i for i, key in keys.items() if not _recall(store, key)}
    reviews = {
        a.id: review_attachment(a, case, texts[a.id], profile, today=today) for a in attachments
    }
    for att_id in missing:
        if (found := known_identity(keys[att_id])) is not None:
            _keep(store, keys[att_id], found)
    events = sorted(event_anchors(EventRepository(store.db).list(case_id)))
    checklist = evaluate_checklist(
        case, attachments, profile, reviews=reviews, events=events, today=today
    )
    return Kit(case, attachments, reviews, checklist)


# identity checks stored beside intake's analysis: one check per page per (content, identity),
# across runs, not per review (the checklist, the letters and the bundle each review the kit)
IDENTITY_ANALYSER = "identity"


@functools.lru_cache(maxsize=1)
def _checker_version() -> str:
    """Changes whenever the identity rules do, so a stored check made by older rules misses:
    a digest of the checker's own source (the app's version where there is no source)."""
    try:
        return hashlib.sha256(Path(identity.__file__).read_bytes()).hexdigest()[:16]
    except (OSError, TypeError):
        return __version__


def _analyser(key: tuple[Any, ...]) -> tuple[str, str]:
    """(content hash, analyser name): the name carries a digest of what else the check
    depends on, the rules' version included (no identifier is stored in clear in the key)."""
    sha, *rest = key
    digest = hashlib.sha256(repr((_checker_version(), *rest)).encode()).hexdigest()
    return sha, f"{IDENTITY_ANALYSER}/{digest}"


def _recall(store: Store, key: tuple[Any, ...]) -> bool:
    """True when the check is known in this process or stored (and now remembered)."""
    if known_identity(key) is not None:
        return True
    data = store.analysis.get(*_analyser(key))
    if data is None:
        return False
    try:
        remember_identity(key, IdentityResult.from_record(data))
    except (KeyError, TypeError, ValueError):  # a malformed row is a miss, checked afresh
        return False
    return True


def _keep(store: Store, key: tuple[Any, ...], result: IdentityResult) -> None:
    try:
        store.analysis.put(*_analyser(key), result.to_record())
    except (sqlite3.Error, OSError) as exc:  # read-only or busy: checked again next time
        log.info("identity check not stored: %s", type(exc).__name__)
