"""The CLI imports only the command it runs, and still lists and parses every command."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from qalsody_desktop.cli import build_parser, command_named, main
from qalsody_desktop.commands import COMMANDS


def _choices(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Top-level command -> its help line, as --help shows them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {a.dest: str(a.help) for a in action._choices_actions}
    raise AssertionError("no subcommands")


def test_table_lists_every_command_its_module_registers():
    full = _choices(build_parser())  # every module imported and registered
    assert full == {name: help_text for name, (_module, help_text) in COMMANDS.items()}
    assert _choices(build_parser(["--help"])) == full  # placeholders: same names, same help


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["case", "list"], "case"),
        (["--data-dir", "case", "dashboard"], "dashboard"),  # a folder named like a command
        (["--data", "x", "--json", "events", "c1"], "events"),  # argparse's abbreviation
        (["--data-dir=x", "bundle", "c1", "--out", "b.pdf"], "bundle"),
        (["--help"], None),
        ([], None),
    ],
)
def test_command_named_as_the_full_parser_sees_it(argv, command):
    assert command_named(argv) == command


def test_help_and_errors_still_work(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)
    assert main(["no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert main(["dashboard", "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_a_command_runs_with_only_its_own_module(tmp_path):
    """``dashboard`` loads neither the bundle, letters, EHR or intake code nor Qt."""
    code = (
        "import json, sys\n"
        "from qalsody_desktop.cli import main\n"
        f"rc = main(['--data-dir', {str(tmp_path)!r}, 'dashboard', '--json'])\n"
        "mods = [m for m in sys.modules if m.startswith(('qalsody_desktop', 'PySide6'))]\n"
        "print(json.dumps({'rc': rc, 'modules': mods}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["rc"] == 0
    loaded = set(result["modules"])
    assert "qalsody_desktop.commands.tracking" in loaded
    for heavy in (
        "qalsody_desktop.commands.bundle",
        "qalsody_desktop.commands.letters",
        "qalsody_desktop.commands.ehr",
        "qalsody_desktop.commands.evidence",
        "qalsody_desktop.core.bundle",
        "qalsody_desktop.core.intake",
        "qalsody_desktop.core.letters",
        "PySide6",
    ):
        assert heavy not in loaded, heavy
