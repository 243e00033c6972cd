"""CLI subcommands; each module adds its parsers and handlers.

A command's module is imported only when that command runs: :data:`COMMANDS` names every
top-level command with its module and help line, so ``qalsody-pa --help`` lists them all
without importing any (the bundle, letter and EHR modules together take longer to import
than most commands take to run). ``tests/core/test_cli_lazy.py`` keeps the table and the
modules' own parsers in step.
"""

from __future__ import annotations

import argparse
import importlib

# top-level command -> (module in this package, help line); in the order --help lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "case": ("case", "create, list, show, export and delete cases"),
    "attach": ("evidence", "attach files or folders to a case"),
    "attachments": ("evidence", "list a case's attachments with their warnings"),
    "detach": ("evidence", "remove an attachment from a case"),
    "categorize": ("evidence", "set an attachment's category (kept over the automatic one)"),
    "split": (
        "evidence",
        "split a multi-document PDF (e.g. a fax) into one attachment per document",
    ),
    "check": ("evidence", "the payer checklist: what is met, what is missing"),
    "export": ("archive", "write a case with its files to a .qpa archive (a backup or a move)"),
    "import-archive": ("archive", "import a case from a .qpa archive"),
    "event": ("tracking", "add, edit or delete a timeline event of a case"),
    "events": ("tracking", "a case's timeline"),
    "deadlines": ("tracking", "a case's deadlines with their basis and status"),
    "denial": ("tracking", "analyse a denial letter: date, reference, reasons"),
    "dashboard": ("tracking", "every case's open deadlines, soonest first"),
    "letter": ("letters", "compose a letter for a case (DOCX, optionally PDF)"),
    "clinic": ("letters", "the clinic's letterhead and signers"),
    "bundle": (
        "bundle",
        "build the submission bundle: cover, contents, crosswalk, letter, evidence",
    ),
}


def register_all(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    only: str | None = None,
) -> None:
    """Every command's full parser, or with ``only`` that command's module in full and a
    one-line placeholder (name and help, no handler) for every other command."""
    wanted = COMMANDS[only][0] if only in COMMANDS else None
    done: set[str] = set()
    for name, (module, help_text) in COMMANDS.items():
        if only is not None and module != wanted:
            sub.add_parser(name, help=help_text).set_defaults(handler=None)
        elif module not in done:
            done.add(module)
            importlib.import_module(f"{__name__}.{module}").register(sub)
