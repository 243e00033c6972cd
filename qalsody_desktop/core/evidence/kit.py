"""The evidence kit of one stored case: attachments with their live reviews and the checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..checklist import Checklist, evaluate_checklist
from ..model import Case
from ..policy.model import PolicyProfile
from ..storage import Store
from ..storage.events import EventRepository
from ..tracking.anchors import event_anchors
from .records import Attachment
from .review import Review, review_attachment


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
    reviews = {
        a.id: review_attachment(a, case, store.attachments.page_texts(a.id), profile, today=today)
        for a in attachments
    }
    events = sorted(event_anchors(EventRepository(store.db).list(case_id)))
    checklist = evaluate_checklist(
        case, attachments, profile, reviews=reviews, events=events, today=today
    )
    return Kit(case, attachments, reviews, checklist)
