"""The timeline: event validation and the SQLite repository (CRUD, audit, linked files)."""

from __future__ import annotations

import json

import pytest

from qalsody_desktop.core.caseio import load_case_file
from qalsody_desktop.core.errors import NotFoundError
from qalsody_desktop.core.evidence.attach import Attacher
from qalsody_desktop.core.policy import load_default_profile
from qalsody_desktop.core.storage.events import EventRepository
from qalsody_desktop.core.synthetic.documents import identity_from_case, make_document
from qalsody_desktop.core.tracking.events import EVENT_TYPES, EventError, validate_event

PROFILE = load_default_profile()
REASONS = tuple(r.id for r in PROFILE.denial_reasons)


@pytest.fixture
def case_id(store, example_path):
    return store.cases.create(load_case_file(example_path))


@pytest.fixture
def repo(store):
    return EventRepository(store.db, reason_ids=REASONS)


def test_the_issue_event_types_are_all_recordable():
    assert set(EVENT_TYPES) == {
        "submitted",
        "call",
        "info_requested",
        "p2p_scheduled",
        "p2p_held",
        "approved",
        "denied",
        "appeal_filed",
        "appeal_decided",
        "final_denial_received",
        "external_review_requested",
        "external_review_accepted",
        "external_review_decided",
    }


@pytest.mark.parametrize(
    ("kind", "day", "data", "message"),
    [
        ("denial", "2025-06-01", {}, "unknown event type 'denial'"),
        ("submitted", "2025-02-30", {}, "date: '2025-02-30' is not a date"),
        ("submitted", "06/01/2025", {}, "is not a date YYYY-MM-DD"),
        ("call", "2025-06-01", {"valid_to": "2025-12-01"}, "valid_to: not a field of a call"),
        ("submitted", "2025-06-01", {"channel": "pigeon"}, "channel: 'pigeon' is not one of"),
        ("denied", "2025-06-07", {"received": "2025-06-02"}, "is before the letter date"),
        ("denied", "2025-06-07", {"reasons": ["bad_luck"]}, "unknown denial reason 'bad_luck'"),
        (
            "denied",
            "2025-06-07",
            {"reasons": ["not_on_formulary"], "sentences": {"experimental_designation": "x"}},
            "sentences: 'experimental_designation' is not one of the event's reasons",
        ),
        ("approved", "2025-06-07", {"valid_to": "2025-06-07"}, "valid_to: 2025-06-07 is not after"),
        ("submitted", "2025-06-07", {"time": "25:00"}, "time: '25:00' is not a time"),
        ("call", "2025-06-07", {"received": "2025-06-08"}, "a call event has no date received"),
    ],
)
def test_bad_events_are_refused_naming_the_field(kind, day, data, message):
    with pytest.raises(EventError, match=message.replace("(", r"\(")):
        validate_event(kind, day, data, reason_ids=REASONS)


def test_denied_event_data_has_the_shape_the_appeal_letters_read():
    day, data = validate_event(
        "denied",
        "2025-06-07",
        {
            "received": "2025-06-12",
            "reference": " PA-1 ",
            "reasons": ["no_sod1_documentation", "no_sod1_documentation", "not_on_formulary"],
            "sentences": {"not_on_formulary": "This drug is not on the formulary."},
            "note": "",
        },
        reason_ids=REASONS,
    )
    assert day.isoformat() == "2025-06-07"
    assert data == {
        "letter_date": "2025-06-07",
        "received": "2025-06-12",
        "reference": "PA-1",
        "reasons": ["no_sod1_documentation", "not_on_formulary"],
        "sentences": {"not_on_formulary": "This drug is not on the formulary."},
    }


def test_crud_round_trip_with_audit_that_holds_no_values(store, repo, case_id):
    added = repo.add(case_id, "call", "2025-06-10", {"with": "Cigna PA", "reference": "CALL-77"})
    assert repo.get(added.id).data == {"with": "Cigna PA", "reference": "CALL-77"}
    second = repo.add(case_id, "submitted", "2025-06-02", {"channel": "fax"})
    assert [e.id for e in repo.list(case_id)] == [second.id, added.id]  # timeline order
    changed = repo.update(added.id, when="2025-06-11", data={"reference": None, "outcome": "ok"})
    assert changed.date.isoformat() == "2025-06-11"
    assert changed.data == {"with": "Cigna PA", "outcome": "ok"}
    assert repo.update(added.id, data={"outcome": "ok"}) == changed  # no change, no write
    repo.delete(second.id)
    assert [e.id for e in repo.list(case_id)] == [added.id]
    with pytest.raises(NotFoundError):
        repo.get(second.id)
    audit = [a for a in store.cases.audit(case_id) if a.action.startswith("event")]
    assert [a.action for a in audit] == [
        "event_added",
        "event_added",
        "event_changed",
        "event_deleted",
    ]
    assert audit[2].detail["fields"] == ["date", "outcome", "reference"]
    text = json.dumps([a.detail for a in audit])
    assert "CALL-77" not in text and "Cigna PA" not in text


def test_moving_a_denial_moves_its_letter_date(repo, case_id):
    denied = repo.add(case_id, "denied", "2025-06-07", {"reasons": ["not_on_formulary"]})
    moved = repo.update(denied.id, when="2025-06-06")
    assert moved.data["letter_date"] == "2025-06-06"
    assert moved.data["reasons"] == ["not_on_formulary"]


def test_a_refused_change_writes_nothing(store, repo, case_id):
    event = repo.add(case_id, "approved", "2025-06-20", {"valid_to": "2025-12-20"})
    before = len(store.cases.audit(case_id))
    with pytest.raises(EventError):
        repo.update(event.id, data={"valid_to": "2025-01-01"})
    assert repo.get(event.id).data == {"valid_to": "2025-12-20"}
    assert len(store.cases.audit(case_id)) == before


def test_events_need_an_existing_case(repo):
    with pytest.raises(NotFoundError, match="no case 'nope'"):
        repo.add("nope", "call", "2025-06-10")


def test_events_link_attachments_of_their_own_case_only(
    store, repo, case_id, example_dict, tmp_path
):
    pdf = tmp_path / "denial.pdf"
    pdf.write_bytes(make_document("denial_letter", identity_from_case(example_dict), example_dict))
    (outcome,) = Attacher(store, PROFILE).attach(case_id, [pdf], category="denial_letter")
    event = repo.add(case_id, "denied", "2025-06-07", {"attachments": [outcome.attachment_id]})
    assert event.attachments == [outcome.attachment_id]
    second_case = store.cases.create(store.cases.get(case_id).case)
    with pytest.raises(EventError, match=f"no attachment '{outcome.attachment_id}' in case"):
        repo.add(second_case, "denied", "2025-06-07", {"attachments": [outcome.attachment_id]})
    call = repo.add(case_id, "call", "2025-06-09")
    linked = repo.link_attachment(call.id, outcome.attachment_id)
    assert linked.attachments == [outcome.attachment_id]


def test_deleting_a_case_deletes_its_events(store, repo, case_id):
    repo.add(case_id, "submitted", "2025-06-02")
    store.cases.delete(case_id)
    assert repo.list(case_id) == []
    assert repo.list_all() == {}
