"""Policy profiles: the payer's rules as data, each with its source and status."""

from .errors import ProfileError
from .kinds import EVENTS, RULE_KINDS, UNITS
from .model import (
    CLAIM_STATUSES,
    STATUSES,
    Category,
    Criterion,
    DeadlineRule,
    DenialReason,
    Keyword,
    PayerContact,
    PolicyProfile,
    RegulatoryStatement,
    Route,
    Source,
)
from .profile import (
    FALLBACK_CATEGORY,
    default_profile_path,
    load_default_profile,
    load_profile,
)

__all__ = [
    "CLAIM_STATUSES",
    "EVENTS",
    "FALLBACK_CATEGORY",
    "RULE_KINDS",
    "STATUSES",
    "UNITS",
    "Category",
    "Criterion",
    "DeadlineRule",
    "DenialReason",
    "Keyword",
    "PayerContact",
    "PolicyProfile",
    "ProfileError",
    "RegulatoryStatement",
    "Route",
    "Source",
    "default_profile_path",
    "load_default_profile",
    "load_profile",
]
