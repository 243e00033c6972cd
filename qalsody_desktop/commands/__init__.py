"""CLI subcommands; each module adds its parsers and handlers."""

from __future__ import annotations

import argparse


def register_all(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from . import archive, bundle, case, evidence, letters, tracking

    case.register(sub)
    evidence.register(sub)
    archive.register(sub)
    tracking.register(sub)
    letters.register(sub)
    bundle.register(sub)
