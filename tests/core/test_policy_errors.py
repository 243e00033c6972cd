"""A broken profile is refused with the file, the line and the key to fix.

Each case edits the shipped profile the way a person editing it might break it, writes it to
tmp_path, and checks the message points at the edited line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qalsody_desktop.core.policy import ProfileError, default_profile_path, load_profile

SHIPPED = default_profile_path().read_text(encoding="utf-8")


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line number of the first ``needle`` at or after character ``start``."""
    index = text.index(needle, start)
    return text.count("\n", 0, index) + 1


def broken(tmp_path: Path, old: str, new: str, name: str = "broken.toml") -> tuple[Path, str]:
    assert old in SHIPPED, old
    text = SHIPPED.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


def refused(path: Path) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    return info.value


def assert_points_at(err: ProfileError, path: Path, line: int, key: str) -> None:
    message = str(err)
    assert path.name in message
    assert f"line {line}" in message, message
    assert f"'{key}'" in message, message
    assert (err.line, err.key) == (line, key)


def test_syntax_error(tmp_path):
    path, text = broken(
        tmp_path, 'status = "guide-only"\nnote = "No tofersen', 'status = "guide-only\nnote = "No'
    )
    err = refused(path)
    assert "syntax" in str(err)
    assert_points_at(err, path, line_of(text, 'status = "guide-only\n'), "status")


def test_missing_required_key(tmp_path):
    old = 'how_to_overturn = "Provide the detailed treatment history'
    start = SHIPPED.index(old)
    line = SHIPPED[start : SHIPPED.index("\n", start) + 1]
    path, text = broken(tmp_path, line, "")
    err = refused(path)
    header = text.rindex("[[denial_reasons]]", 0, start)
    assert_points_at(err, path, line_of(text, "[[denial_reasons]]", header), "how_to_overturn")
    assert "missing" in str(err)


def test_bad_status(tmp_path):
    anchor = SHIPPED.index('id = "alsfrs_r_baseline_min_24"')
    old = SHIPPED[anchor : SHIPPED.index('status = "guide-only"', anchor) + 21]
    path, text = broken(tmp_path, old, old.replace('"guide-only"', '"probably"'))
    err = refused(path)
    assert_points_at(err, path, line_of(text, 'status = "probably"'), "status")
    assert "probably" in str(err) and "verified" in str(err)


def test_a_criterion_cannot_be_an_assumption(tmp_path):
    anchor = SHIPPED.index('id = "adult_age_18"')
    old = SHIPPED[anchor : SHIPPED.index('status = "verified"', anchor) + 19]
    path, text = broken(tmp_path, old, old.replace('"verified"', '"assumption"'))
    err = refused(path)
    assert_points_at(err, path, line_of(text, 'status = "assumption"', anchor), "status")


def test_unknown_category_reference(tmp_path):
    path, text = broken(tmp_path, 'documents = ["nfl_lab"]', 'documents = ["nfl_labs"]')
    err = refused(path)
    assert_points_at(err, path, line_of(text, '"nfl_labs"'), "documents")
    assert "nfl_labs" in str(err)


def test_unknown_key(tmp_path):
    path, text = broken(tmp_path, 'series = "nfl"\n', 'series = "nfl"\nstaus = "verified"\n')
    err = refused(path)
    assert_points_at(err, path, line_of(text, "staus ="), "staus")
    assert "unknown key" in str(err)


def test_unknown_key_inside_a_keyword(tmp_path):
    path, text = broken(
        tmp_path, '{ phrase = "SNIP", weight = 3 }', '{ phrase = "SNIP", wieght = 3 }'
    )
    err = refused(path)
    assert_points_at(err, path, line_of(text, "wieght"), "keywords[8].wieght")


@pytest.mark.parametrize(
    ("old", "new", "needle", "key", "words"),
    [
        ('kind = "ventilation_not"', 'kind = "ventilation_never"', "ventilation_never", "kind",
         "unknown rule kind"),
        ("amount = 180", 'amount = "180"', 'amount = "180"', "amount", "integer"),
        ('source = "ncgs_58_50_80"', 'source = "ncgs_58_50_81"', "ncgs_58_50_81", "source",
         "unknown source"),
        ('id = "baseline_nfl"', 'id = "adult_age_18"', 'id = "adult_age_18"\ntitle = "Baseline',
         "id", "duplicate"),
        ('"nfl.specimen"]', '"nfl.sample"]', "nfl.sample", "facts", "not a case field"),
        ('excluded = ["non_invasive_permanent", "invasive"]',
         'excluded = ["non_invasive_permanent", "invasiv"]', '"invasiv"', "excluded", "invasiv"),
        ("min_percent = 65", 'min_percent = "65%"', "min_percent =", "min_percent", "number"),
        ('unit = "hours"', 'unit = "hour"', 'unit = "hour"', "unit", "calendar_days"),
        ('denial_reason = "no_sod1_documentation"', 'denial_reason = "no_sod1"', '"no_sod1"',
         "denial_reason", "unknown denial reason"),
        ("min_count = 1", "min_count = 3", "min_count = 3", "min_count", "more than"),
    ],
)  # fmt: skip
def test_semantic_errors_name_line_and_key(tmp_path, old, new, needle, key, words):
    path, text = broken(tmp_path, old, new)
    err = refused(path)
    assert_points_at(err, path, line_of(text, needle), key)
    assert words in str(err)


def test_invalid_keyword_regex(tmp_path):
    old = "{ pattern = '%\\s*pred(?:icted)?\\b'"
    path, text = broken(tmp_path, old, "{ pattern = '%\\s*pred(?:icted?\\b'")
    err = refused(path)
    assert_points_at(err, path, line_of(text, "pred(?:icted?"), "keywords[9].pattern")
    assert "regular expression" in str(err)


def test_unknown_top_level_table(tmp_path):
    path, text = broken(tmp_path, "[[routes]]", '[[route]]\nid = "x"\n\n[[routes]]')
    err = refused(path)
    assert_points_at(err, path, line_of(text, "[[route]]"), "route")


def test_missing_file_names_it(tmp_path):
    err = refused(tmp_path / "nowhere.toml")
    assert "nowhere.toml" in str(err) and "cannot read" in str(err)


MINIMAL = """
[profile]
id = "test-minimal"
version = "1"
title = "Minimal"
payer = "Payer"
state = "NC"
drug = "Drug"

[[sources]]
id = "s"
title = "Source"
citation = "A citation"

[[categories]]
id = "letter"
title = "Letter"
description = "A letter"
keywords = [{ phrase = "dear", weight = 2 }]

[[categories]]
id = "other"
title = "Other"
description = "Anything else"
keywords = []

[[criteria]]
id = "adult"
title = "Adult"
kind = "min_age"
min = 18
facts = ["patient.date_of_birth"]
documents = ["letter"]
denial_reason = "r"
source = "s"
status = "verified"

[[denial_reasons]]
id = "r"
title = "Reason"
how_to_overturn = "Explain"
required_documents = ["letter"]
match_phrases = ["too young"]
source = "s"
status = "guide-only"

[[deadlines]]
id = "d"
deadline = "internal_appeal_deadline"
title = "Appeal"
plan_types = ["fully_insured"]
from_event = "denial_notice_date"
amount = 10
unit = "business_days"
source = "s"
status = "verified"

[[regulatory_statements]]
id = "st"
title = "Statement"
text = "Text"
source = "s"
status = "verified"

[[routes]]
id = "mail"
title = "Mail"
kind = "mail"
limits_verified = false
source = "s"
status = "guide-only"
"""


def test_a_minimal_profile_loads(tmp_path):
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    profile = load_profile(path)
    assert profile.category_ids == ("letter", "other")
    assert dict(profile.criterion("adult").params) == {"min": 18}
    assert profile.payer_contact is None


def test_a_profile_without_the_other_category_is_refused(tmp_path):
    path = tmp_path / "no-other.toml"
    text = MINIMAL.replace('id = "other"', 'id = "misc"')
    path.write_text(text, encoding="utf-8")
    err = refused(path)
    assert "'other'" in str(err) and path.name in str(err)
