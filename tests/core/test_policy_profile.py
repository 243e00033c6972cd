"""The shipped policy profile: complete, sourced, and carrying the domain corrections.

A wrong deadline or a silently dropped correction can cost a patient the right to appeal, so
the facts that were checked against sources (domain-facts.md) are pinned here.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from qalsody_desktop.core.model import PLAN_TYPES
from qalsody_desktop.core.policy import (
    CLAIM_STATUSES,
    RULE_KINDS,
    STATUSES,
    PolicyProfile,
    ProfileError,
    default_profile_path,
    load_default_profile,
    load_profile,
)

REPO = Path(__file__).resolve().parents[2]
BUNDLE_ORDER = [
    "medical_necessity_letter",
    "sod1_genetic_report",
    "clinic_note",
    "alsfrs_r",
    "pulmonary_function",
    "emg_ncs",
    "nfl_lab",
    "pharmacy_record",
    "denial_letter",
    "insurance_card",
    "prior_authorization_form",
    "published_reference",
    "other",
]


@pytest.fixture(scope="module")
def profile() -> PolicyProfile:
    return load_default_profile()


def by_kind(profile: PolicyProfile, kind: str) -> list:
    return [c for c in profile.criteria if c.kind == kind]


def test_default_path_is_the_resources_file():
    path = default_profile_path()
    assert path == REPO / "resources" / "policies" / "cigna-nc-qalsody.toml"
    assert path.is_file()


def test_frozen_app_finds_the_profile_under_meipass(tmp_path, monkeypatch):
    target = tmp_path / "resources" / "policies"
    target.mkdir(parents=True)
    shutil.copy(default_profile_path(), target / "cigna-nc-qalsody.toml")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert default_profile_path() == target / "cigna-nc-qalsody.toml"
    assert load_default_profile().id == "cigna-nc-qalsody"


def test_header(profile):
    assert (profile.id, profile.payer, profile.state) == ("cigna-nc-qalsody", "Cigna", "NC")
    assert "Qalsody" in profile.drug and profile.version


def test_categories_in_bundle_order(profile):
    assert list(profile.category_ids) == BUNDLE_ORDER
    assert all(c.title and c.description for c in profile.categories)
    assert all(c.keywords for c in profile.categories if c.id != "other")


def test_freshness_thresholds_are_sourced(profile):
    for cid in ("clinic_note", "alsfrs_r"):
        cat = profile.category(cid)
        assert cat.max_age_days and cat.max_age_days > 0
        assert profile.source(cat.max_age_source).id == cat.max_age_source
        assert cat.max_age_status in STATUSES and cat.max_age_note
        # no document gives a freshness limit: it must say it is the project's assumption
        assert (cat.max_age_source, cat.max_age_status) == ("project_assumption", "assumption")


def test_every_rule_has_a_known_source_and_status(profile):
    source_ids = {s.id for s in profile.sources}
    tables = [
        profile.criteria,
        profile.denial_reasons,
        profile.deadlines,
        profile.regulatory_statements,
        profile.routes,
    ]
    for table in tables:
        assert table
        for entry in table:
            assert entry.source in source_ids, entry.id
            assert entry.status in STATUSES, entry.id
            assert (entry.status == "assumption") == (entry.source == "project_assumption")
    for claims in (profile.criteria, profile.denial_reasons, profile.regulatory_statements):
        assert all(entry.status in CLAIM_STATUSES for entry in claims)
    for criterion in profile.criteria:
        assert criterion.kind in RULE_KINDS
        profile.denial_reason(criterion.denial_reason)
        for doc in criterion.documents:
            profile.category(doc)


def test_guide_criteria_are_present_and_flagged(profile):
    (alsfrs,) = by_kind(profile, "alsfrs_baseline_min")
    assert alsfrs.params["min"] == 24 and alsfrs.status == "guide-only"
    (step,) = by_kind(profile, "therapy_tried")
    assert set(step.params["drugs"]) == {"riluzole", "edaravone"}
    assert step.status == "guide-only"
    (sod1,) = by_kind(profile, "sod1_pathogenic")
    assert sod1.params["gene"] == "SOD1"
    assert set(sod1.params["accepted_classifications"]) == {"pathogenic", "likely pathogenic"}
    assert "uncertain significance" not in sod1.params["accepted_classifications"]
    assert "genetics.classification" in sod1.facts
    (neuro,) = by_kind(profile, "specialty_in")
    assert "neurology" in neuro.params["specialties"]
    (pa,) = by_kind(profile, "event_recorded")
    assert pa.params["event"] == "pa_submitted"


def test_real_policy_criteria_are_present(profile):
    (age,) = by_kind(profile, "min_age")
    assert age.params["min"] == 18 and age.status == "verified"
    (dx,) = by_kind(profile, "diagnostic_criteria")
    assert {"revised El Escorial", "Awaji"} <= set(dx.params["criteria_sets"])
    assert {"clinically definite", "clinically probable"} <= set(dx.params["categories"])
    (nfl,) = by_kind(profile, "lab_present")
    assert nfl.params["series"] == "nfl"
    (function,) = by_kind(profile, "measure_present")
    assert function.params["series"] == "alsfrs_r"
    (vc,) = by_kind(profile, "vital_capacity_min")
    assert vc.params["min_percent"] == 65 and vc.params["measure"] == "svc_percent_predicted"
    (vent,) = by_kind(profile, "ventilation_not")
    assert set(vent.params["excluded"]) == {"non_invasive_permanent", "invasive"}


def test_denial_reasons_cover_the_guide_table(profile):
    ids = {r.id for r in profile.denial_reasons}
    assert ids >= {
        "no_sod1_documentation",
        "insufficient_step_therapy",
        "non_neurologist_prescriber",
        "experimental_designation",
        "incomplete_clinical_documentation",
        "not_on_formulary",
        "not_medically_necessary",
    }
    for reason in profile.denial_reasons:
        assert reason.match_phrases and reason.how_to_overturn
        assert all(profile.category(d) for d in reason.required_documents)
    assert profile.denial_reason("experimental_designation").status == "corrected"


def test_cms_memo_is_limited_to_medicare_advantage(profile):
    memo = profile.statement("cms_memo_2024_12_09")
    assert memo.plan_types == ("medicare_advantage",)
    assert memo.status == "corrected" and memo.date == date(2024, 12, 9)
    assert memo.applies_to("medicare_advantage")
    assert not memo.applies_to("fully_insured") and not memo.applies_to(None)


def test_regulatory_facts(profile):
    fda = profile.statement("fda_approval")
    assert fda.date == date(2023, 4, 25) and "215887" in fda.text and "accelerated" in fda.text
    label = profile.statement("label_indication")
    assert label.quote and "superoxide dismutase 1 (SOD1)" in label.text
    assert "J1304" in profile.statement("hcpcs_j1304").text
    assert "1-855-408-1212" in profile.statement("nc_external_review").text
    assert "self_funded_erisa" not in profile.statement("nc_external_review").plan_types


def rule(profile, deadline, plan_type, urgency=None):
    (found,) = profile.deadline_rules(deadline, plan_type, urgency)
    return found


def test_pa_decision_is_15_calendar_days_corrected(profile):
    standard = rule(profile, "pa_decision_expected", "fully_insured", "standard")
    assert (standard.amount, standard.unit, standard.status) == (15, "calendar_days", "corrected")
    expedited = rule(profile, "pa_decision_expected", "fully_insured", "expedited")
    assert (expedited.amount, expedited.unit) == (72, "hours")


def test_appeal_and_external_review_deadlines(profile):
    appeal = rule(profile, "internal_appeal_deadline", "fully_insured")
    assert (appeal.amount, appeal.unit) == (180, "calendar_days")
    nc = rule(profile, "external_review_deadline", "fully_insured")
    assert (nc.amount, nc.unit, nc.from_event) == (120, "calendar_days", "final_denial_received")
    assert rule(profile, "external_review_deadline", "state_health_plan") == nc
    federal = rule(profile, "external_review_deadline", "self_funded_erisa")
    assert (federal.amount, federal.unit) == (4, "months")
    # the Medicare Advantage reconsideration is that plan's internal appeal: 60 days from the
    # date of the notice (CMS; the earlier date if later guidance allows 65)
    ma = rule(profile, "internal_appeal_deadline", "medicare_advantage")
    assert (ma.id, ma.amount, ma.unit, ma.status) == (
        "ma_reconsideration_deadline",
        60,
        "calendar_days",
        "verified",
    )
    assert not profile.deadline_rules("external_review_deadline", "medicare_advantage")
    extra = rule(profile, "external_review_extra_info_deadline", "fully_insured")
    assert (extra.amount, extra.unit) == (7, "calendar_days")
    std = rule(profile, "external_review_decision_expected", "fully_insured", "standard")
    fast = rule(profile, "external_review_decision_expected", "fully_insured", "expedited")
    assert (std.amount, fast.amount, fast.unit, fast.status) == (
        45,
        3,
        "calendar_days",
        "corrected",
    )


def test_follow_up_and_renewal(profile):
    follow = rule(profile, "follow_up_check", "fully_insured")
    assert follow.status == "guide-only" and follow.repeat_every == 7
    renewal = rule(profile, "renewal_due", "medicare_advantage")
    assert renewal.direction == "before" and renewal.from_event == "approval_valid_to"
    assert all(set(r.plan_types) <= set(PLAN_TYPES) for r in profile.deadlines)


def test_routes_and_payer_contact_are_marked_unverified(profile):
    assert {r.kind for r in profile.routes} >= {"portal", "fax"}
    assert profile.route("provider_portal").max_file_mb
    assert profile.route("fax").max_pages
    assert not any(r.limits_verified for r in profile.routes)
    contact = profile.payer_contact
    assert contact is not None and contact.placeholder and not contact.is_configured


def test_profile_is_immutable(profile):
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        profile.criteria[0].params["gene"] = "FUS"  # type: ignore[index]


def test_unknown_id_lookup_is_a_profile_error(profile):
    with pytest.raises(ProfileError, match="nfl_labs"):
        profile.category("nfl_labs")


def test_loading_twice_gives_equal_profiles():
    assert load_profile(default_profile_path()) == load_default_profile()
