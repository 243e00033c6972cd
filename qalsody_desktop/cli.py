"""``qalsody-pa``: the headless command line over the same core the GUI uses.

Every command prints human text, or JSON on stdout with ``--json``. Bad input and expected
failures of the environment (bad JSON or encoding, a full disk, a read-only folder, a damaged,
locked or newer database) exit 2 with one line on stderr; an unexpected failure exits 1 with one
line (a traceback only with QALSODY_DEBUG=1). Messages name files and case ids, never patient
identifiers.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .core.errors import QalsodyError
from .core.storage import Store, open_store
from .core.storage.errors import is_expected, storage_reason

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace, Store], Any]


class Output:
    """Prints a command's result as JSON or as text, whichever the user asked for."""

    def __init__(self, as_json: bool):
        self.as_json = as_json

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        if self.as_json:
            # one write: json.dump writes every token on its own (3,000 cases: 84,000 writes)
            body = json.dumps(data, indent=2, ensure_ascii=False, default=str)
            sys.stdout.write(body + "\n")
        else:
            sys.stdout.write((text() if callable(text) else text).rstrip("\n") + "\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS so a --json after the subcommand does not reset one given before it
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON on stdout"
    )


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, as the full parser will see it (None: --help, none, typo)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("--json", action="store_true")
    pre.add_argument("command", nargs="?")
    try:
        known, _rest = pre.parse_known_args(list(argv))
    except SystemExit:  # e.g. --data-dir without its value: the full parser says so
        return None
    return known.command if isinstance(known.command, str) else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, only the module of the command it runs is imported."""
    from .commands import register_all

    parser = argparse.ArgumentParser(
        prog="qalsody-pa", description="Qalsody PA Desk, command line (offline; local data only)."
    )
    parser.add_argument("--version", action="version", version=f"qalsody-pa {__version__}")
    parser.add_argument(
        "--data-dir", help="data folder (default: $QALSODY_DATA_DIR or the user data folder)"
    )
    parser.add_argument("--json", action="store_true", default=False, help="print JSON on stdout")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    register_all(sub, None if argv is None else command_named(argv) or "")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(argv).parse_args(argv)
        if getattr(args, "handler", None) is None:  # landed on a placeholder: load them all
            args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_BAD_INPUT
    handler: Handler = args.handler
    try:
        with open_store(args.data_dir) as store:
            try:
                result = handler(args, store)
            finally:
                store.sweep()  # what this or a killed earlier run left (never raises)
        return int(result or EXIT_OK)
    except QalsodyError as exc:
        print(f"qalsody-pa: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, sqlite3.Error) as exc:
        if not is_expected(exc) or os.environ.get("QALSODY_DEBUG"):
            return _internal(exc)
        where = f" ({Path(exc.filename).name})" if getattr(exc, "filename", None) else ""
        print(f"qalsody-pa: error: {storage_reason(exc)}{where}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print("qalsody-pa: error: the input is nested too deeply to read", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnicodeError:
        print(
            "qalsody-pa: error: the input holds text that cannot be stored or printed"
            " (an invalid character such as a lone surrogate)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except MemoryError:
        print("qalsody-pa: error: not enough memory for this input", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("qalsody-pa: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one line, no traceback
        return _internal(exc)


def _internal(exc: Exception) -> int:
    if os.environ.get("QALSODY_DEBUG"):
        raise exc
    text = _one_line(str(exc))
    print(f"qalsody-pa: internal error: {type(exc).__name__}: {text}", file=sys.stderr)
    return EXIT_FAILURE


def _one_line(text: str) -> str:
    """Messages are one line on stderr, and safe to print whatever the terminal's encoding."""
    line = " ".join(text.split())
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
