"""The command line's parser is built for the command being run (issue #12 parts 1 and 4): the
same flags, help and messages as the full parser, none of the other commands imported, and every
command's warnings on the command's own error stream."""

from __future__ import annotations

import argparse
import subprocess
import sys
import types
from io import StringIO
from pathlib import Path

import pytest

import gialint
import gialint.engine.plugin
from gialint.cli.parser import COMMANDS, build
from gialint.cli.program import main
from gialint.cli.text import localized

CLEAN = Path(__file__).resolve().parent.parent / "examples" / "clean-2021.md"


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", COMMANDS)
def test_a_commands_own_parser_is_the_full_parsers(name: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    with localized(None, lang):
        alone, full = build([name]), build()
        with localized(alone, lang), localized(full, lang):
            assert _subparser(alone, name).format_help() == _subparser(full, name).format_help()
    assert list(_subparser(alone, name)._option_string_actions) == list(
        _subparser(full, name)._option_string_actions
    )


def test_only_the_invoked_command_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    action = next(a for a in build(["check", "x.md"])._actions if isinstance(a, argparse._SubParsersAction))
    assert list(action.choices) == ["check"]
    for argv in ([], ["--help"], ["--version", "check"], ["chek"]):
        action = next(a for a in build(argv)._actions if isinstance(a, argparse._SubParsersAction))
        assert list(action.choices) == list(COMMANDS), argv


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--year", "1999", "x.md"],
        ["check", "--rule-timeout", "0"],
        ["check", "--show-source", "--no-show-source"],
        ["check", "x.md", "--lang", "en", "--bogus"],
        ["chek"],
        ["--lang", "en", "chek"],
    ],
)
def test_errors_name_the_command_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv, StringIO(), StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(("用法：gialint", "usage: gialint")) and ("错误" in err or "error:" in err)


def test_parsing_check_imports_no_other_command_and_nothing_argparse_does_not_need() -> None:
    """argparse's formatter asks shutil for the terminal's width (shutil imports bz2, lzma and
    fnmatch), and its gettext looks up a catalogue (importing locale) for every phrase."""
    code = (
        "import sys\n"
        "from gialint.cli.parser import build\n"
        "from gialint.cli.text import localized\n"
        "argv = ['check', '--no-cache', 'x.md']\n"
        "with localized(None, 'zh'):\n"
        "    parser = build(argv)\n"
        "    with localized(parser, 'zh'):\n"
        "        parser.parse_args(argv)\n"
        "names = {'shutil', 'bz2', 'lzma', 'locale', 'difflib', 'json'} | {f'gialint.cli.{c}' for c in"
        " ('audit', 'rules', 'serve', 'config', 'extract', 'explain', 'fixing', 'baseline')}\n"
        "print(sorted(names & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


class _FailingRuleSets:
    @gialint.hookimpl
    def gialint_get_rule_sets(self) -> dict[str, Path]:
        raise RuntimeError("no sets today")


@pytest.mark.parametrize(
    "argv",
    [["rules"], ["explain", "stale-year"], ["config", str(CLEAN)], ["extract", str(CLEAN)], ["check", "--no-cache", str(CLEAN)]],
)
def test_plugin_warnings_go_to_the_commands_error_stream(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GIALINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    entry = types.SimpleNamespace(name="broken", value="broken:plugin", dist=None, load=_FailingRuleSets)
    monkeypatch.setattr(gialint.engine.plugin, "_entry_points", lambda: [entry])
    out, err = StringIO(), StringIO()
    assert main(argv, out, err) in (0, 1)
    assert "plugin 'broken' failed to list its rule sets: RuntimeError: no sets today" in err.getvalue()
    assert capsys.readouterr().err == ""
