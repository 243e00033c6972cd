"""``qalsody-pa event / events / deadlines / denial / dashboard`` through the CLI entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from qalsody_desktop.cli import main
from qalsody_desktop.core.synthetic.documents import identity_from_case, make_document

EXE = Path(sys.executable).with_name("qalsody-pa")


def cli(capsys, *args: str) -> tuple[int, object, str]:
    code = main(list(args))
    out = capsys.readouterr()
    data = json.loads(out.out) if "--json" in args and out.out.strip() else out.out
    return code, data, out.err


@pytest.fixture
def case_id(capsys, example_path):
    code, data, err = cli(capsys, "--json", "case", "import", str(example_path))
    assert code == 0, err
    return data["case_id"]


def test_events_crud(capsys, case_id):
    code, added, err = cli(
        capsys, "event", case_id, "add", "--type", "submitted", "--date", "2025-05-26",
        "--channel", "portal", "--ref", "CONF-88", "--time", "14:05", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert added["type"] == "submitted" and added["data"] == {
        "channel": "portal",
        "reference": "CONF-88",
        "time": "14:05",
    }
    code, call, _ = cli(
        capsys, "event", case_id[:6], "add", "--type", "call", "--date", "2025-06-10",
        "--with", "Cigna PA line", "--representative", "J. Doe", "--ref", "CALL-1", "--json",
    )  # fmt: skip
    assert code == 0
    code, listed, _ = cli(capsys, "events", case_id, "--json")
    assert [(e["type"], e["date"]) for e in listed] == [
        ("submitted", "2025-05-26"),
        ("call", "2025-06-10"),
    ]
    code, edited, err = cli(
        capsys, "event", case_id, "edit", call["event_id"][:5], "--date", "2025-06-11",
        "--outcome", "in clinical review", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert edited["date"] == "2025-06-11" and edited["data"]["outcome"] == "in clinical review"
    assert edited["data"]["representative"] == "J. Doe"  # kept
    code, deleted, _ = cli(capsys, "event", case_id, "delete", added["event_id"], "--json")
    assert code == 0 and deleted["deleted"] == added["event_id"]
    code, text, _ = cli(capsys, "events", case_id)
    assert "call" in text and "submitted" not in text and "CALL-1" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "denial", "--date", "2025-06-01"], "invalid choice"),
        (["--type", "call", "--date", "2025-13-01"], "is not a date"),
        (["--type", "call", "--date", "2025-06-01", "--valid-to", "2025-12-01"], "--valid-to does"),
        (["--type", "denied", "--date", "2025-06-07", "--received", "2025-06-01"], "before the"),
        (["--type", "denied", "--date", "2025-06-07", "--reason", "bad_luck"], "'bad_luck'"),
        (["--type", "approved", "--date", "2025-06-07", "--valid-to", "2025-05-01"], "valid_to"),
        (["--type", "call"], "--date is required"),
        (["--type", "call", "--date", "2025-06-01", "--file", "/nonexistent.pdf"], "no such file"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(capsys, case_id, args, message):
    code, _, err = cli(capsys, "event", case_id, "add", *args)
    assert code == 2
    assert message in err
    assert cli(capsys, "events", case_id, "--json")[1] == []
    assert "Vance" not in err and "U5521098834" not in err


def test_unknown_case_or_event_exits_2(capsys, case_id):
    assert cli(capsys, "events", "zzzz")[0] == 2
    code, _, err = cli(capsys, "event", case_id, "delete", "e000")
    assert code == 2 and f"no event 'e000' in case {case_id}" in err


def test_deadlines_list_full_and_ics(capsys, case_id, tmp_path):
    for args in (
        ["--type", "submitted", "--date", "2025-05-26"],
        ["--type", "denied", "--date", "2025-06-07", "--received", "2025-06-12"],
        ["--type", "appeal_filed", "--date", "2025-07-01"],
        ["--type", "final_denial_received", "--date", "2025-07-28", "--received", "2025-07-31"],
    ):
        assert cli(capsys, "event", case_id, "add", *args)[0] == 0
    ics = tmp_path / "case.ics"
    code, listed, err = cli(
        capsys, "deadlines", case_id, "--today", "2025-08-01", "--ics", str(ics), "--json"
    )
    assert code == 0, err
    got = {d["id"]: (d["due"], d["status"]) for d in listed}
    assert got == {
        # 2025-05-26 + 15 = 06-10; decided (denied 06-07)
        "pa_decision_expected": ("2025-06-10", "done"),
        # 2025-05-26 + 14 = 06-09; decided
        "follow_up_check": ("2025-06-09", "done"),
        # letter date 06-07 + 180: Jun 8..30 = 23, Jul (54), Aug (85), Sep (115), Oct (146),
        # Nov (176), Dec 4 -> 180; the appeal was filed 07-01
        "internal_appeal_deadline": ("2025-12-04", "done"),
        # 07-01 + 30 = 07-31; the final denial came 07-28
        "internal_appeal_decision_expected": ("2025-07-31", "done"),
        # NCDOI notice language, notice date 07-28 + 120: Jul 29..31 = 3, Aug (34), Sep (64),
        # Oct (95), Nov 25 -> 120 = 2025-11-25 (the statute, from receipt 07-31: 2025-11-28)
        "external_review_deadline": ("2025-11-25", "upcoming"),
    }
    for d in listed:
        assert set(d) >= {"id", "title", "due", "basis", "source", "status"}
    (review,) = [d for d in listed if d["id"] == "external_review_deadline"]
    assert "final_denial_received" in review["basis"] and "120 calendar days" in review["basis"]
    assert review["other_counts"][0]["due"] == "2025-11-28" and "2025-11-28" in review["basis"]
    assert [d["due"] for d in listed] == sorted(d["due"] for d in listed)  # soonest first
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]).split("-", 1)[1] for e in events] == [
        "external_review_deadline_nc@qalsody-pa-desk"
    ]
    code, full, _ = cli(capsys, "deadlines", case_id, "--today", "2025-08-01", "--full", "--json")
    assert full["route"]["plan_type"] == "fully_insured"
    assert "Smart NC" in full["route"]["summary"]
    assert [d["id"] for d in full["deadlines"]] == [d["id"] for d in listed]
    code, text, _ = cli(capsys, "deadlines", case_id, "--today", "2025-08-01")
    assert "Route: fully insured" in text and "2025-11-28" in text
    assert cli(capsys, "deadlines", case_id, "--today", "08/01/2025")[0] == 2


def test_denial_analysis_proposes_then_records(capsys, case_id, example_dict, tmp_path):
    letter = tmp_path / "denial.pdf"
    reasons = ["no_sod1_documentation", "insufficient_step_therapy"]
    letter.write_bytes(
        make_document(
            "denial_letter", identity_from_case(example_dict), example_dict, reasons=reasons
        )
    )
    code, analysis, err = cli(capsys, "denial", case_id, str(letter), "--json")
    assert code == 0, err
    assert [r["id"] for r in analysis["reasons"]] == reasons
    assert analysis["letter_date"] == "2025-06-07"
    assert analysis["proposed_event"]["data"]["reasons"] == reasons
    assert analysis["reasons"][0]["checklist_items"][0]["id"] == "sod1_mutation_confirmed"
    assert cli(capsys, "events", case_id, "--json")[1] == []  # proposed, not saved
    code, recorded, err = cli(
        capsys, "denial", case_id, str(letter), "--record", "--received", "2025-06-12", "--json"
    )
    assert code == 0, err
    (event,) = cli(capsys, "events", case_id, "--json")[1]
    assert event["event_id"] == recorded["recorded"]["event_id"]
    assert event["data"]["received"] == "2025-06-12"
    assert set(event["data"]["sentences"]) == set(reasons)
    (attachment,) = cli(capsys, "attachments", case_id, "--json")[1]
    assert event["data"]["attachments"] == [attachment["attachment_id"]]
    assert attachment["category"] == "denial_letter"


def test_denial_record_in_text_mode(capsys, case_id, example_dict, tmp_path):
    letter = tmp_path / "denial.pdf"
    letter.write_bytes(
        make_document(
            "denial_letter",
            identity_from_case(example_dict),
            example_dict,
            reasons=["experimental_designation"],
        )
    )
    code, text, err = cli(capsys, "denial", case_id, str(letter), "--record")
    assert code == 0, err
    assert text.startswith("denial.pdf: letter dated 2025-06-07")
    assert "recorded denied event" in text
    code, _, err = cli(capsys, "denial", case_id, str(letter), "--record")  # the same letter again
    assert code == 2 and "already recorded as denied event" in err
    assert len(cli(capsys, "events", case_id, "--json")[1]) == 1


def test_event_file_is_attached_and_linked(capsys, case_id, example_dict, tmp_path):
    note = tmp_path / "approval.pdf"
    note.write_bytes(make_document("other", identity_from_case(example_dict), example_dict))
    code, event, err = cli(
        capsys, "event", case_id, "add", "--type", "approved", "--date", "2025-06-20",
        "--valid-to", "2025-12-19", "--ref", "AUTH-5", "--file", str(note), "--json",
    )  # fmt: skip
    assert code == 0, err
    assert event["files"][0]["status"] == "ok"
    assert event["data"]["attachments"] == [event["files"][0]["attachment_id"]]
    code, listed, _ = cli(capsys, "deadlines", case_id, "--today", "2025-11-01", "--json")
    # 2025-12-19 - 30 days = Nov 19 (Dec 19 - 19 = Nov 30, - 11 = Nov 19): due in 18 days
    assert [(d["id"], d["due"], d["status"]) for d in listed] == [
        ("renewal_due", "2025-11-19", "upcoming")
    ]


def test_dashboard_and_the_installed_entry_point(capsys, case_id, tmp_path):
    assert cli(capsys, "event", case_id, "add", "--type", "denied", "--date", "2025-06-07")[0] == 0
    code, rows, _ = cli(capsys, "dashboard", "--today", "2025-06-08", "--json")
    assert code == 0 and [(r["case_id"], r["id"]) for r in rows] == [
        (case_id, "internal_appeal_deadline")
    ]
    if not EXE.exists():
        pytest.skip("qalsody-pa is not installed in this environment")
    env = dict(os.environ)
    result = subprocess.run(
        [str(EXE), "deadlines", case_id, "--today", "2025-06-08", "--json"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["due"] == "2025-12-04"


def test_a_second_denial_recorded_as_final_starts_external_review(
    capsys, case_id, example_dict, tmp_path
):
    identity = identity_from_case(example_dict)
    first, second = tmp_path / "denial-1.pdf", tmp_path / "denial-2.pdf"
    first.write_bytes(
        make_document("denial_letter", identity, example_dict, reasons=["experimental_designation"])
    )
    second.write_bytes(
        make_document("denial_letter", identity, example_dict, reasons=["not_medically_necessary"])
    )
    assert cli(capsys, "denial", case_id, str(first), "--record")[0] == 0
    assert (
        cli(capsys, "event", case_id, "add", "--type", "appeal_filed", "--date", "2025-06-20")[0]
        == 0
    )
    # the appeal's decision, recorded as final (a plain denial is flagged: next test)
    code, text, err = cli(
        capsys, "denial", case_id, str(second), "--record", "--final",
        "--date", "2025-07-15", "--received", "2025-07-18",
    )  # fmt: skip
    assert code == 0, err
    assert "recorded final_denial_received event" in text
    events = cli(capsys, "events", case_id, "--json")[1]
    final = [e for e in events if e["type"] == "final_denial_received"][0]
    assert final["date"] == "2025-07-15" and final["data"]["received"] == "2025-07-18"
    assert final["data"]["reasons"] == ["not_medically_necessary"]
    code, full, err = cli(capsys, "deadlines", case_id, "--today", "2025-07-20", "--full", "--json")
    assert code == 0, err
    review = [d for d in full["deadlines"] if d["id"] == "external_review_deadline"][0]
    # notice 07-15 + 120: Jul 16..31 = 16, Aug (47), Sep (77), Oct (108), Nov 12 -> 2025-11-12;
    # the statute from receipt 07-18: Jul 19..31 = 13, Aug (44), Sep (74), Oct (105), Nov 15
    assert review["due"] == "2025-11-12" and review["other_counts"][0]["due"] == "2025-11-15"
    assert review["event_id"] == final["event_id"]
    assert not full["route"]["warnings"]
    code, _, err = cli(capsys, "denial", case_id, str(second), "--record", "--final")
    assert code == 2 and "already recorded as final_denial_received event" in err


def test_a_plain_denial_after_the_appeal_is_flagged(capsys, case_id):
    for args in (
        ["--type", "denied", "--date", "2025-06-07"],
        ["--type", "appeal_filed", "--date", "2025-06-20"],
        ["--type", "denied", "--date", "2025-07-15"],
    ):
        assert cli(capsys, "event", case_id, "add", *args)[0] == 0
    code, text, err = cli(capsys, "deadlines", case_id, "--today", "2025-07-20")
    assert code == 0, err
    assert "is dated after the internal appeal filed on 2025-06-20" in text
    assert "final_denial_received" in text
