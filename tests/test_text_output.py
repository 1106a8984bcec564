"""Text output for people (issue #11 part 4): severity in words, the source line with a caret,
the concise form, the fix count, and no programmer jargon in table findings."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from gialint.cli.program import main
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report
from gialint.output.text import snippet, write

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
DEFECTIVE_2020 = ROOT / "examples" / "defective-2020.md"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_each_line_says_its_severity_in_words() -> None:
    _, zh, _ = run("check", "--no-cache", str(DEFECTIVE))
    _, en, _ = run("check", "--no-cache", "--lang", "en", str(DEFECTIVE))
    findings_zh = [line for line in zh.splitlines() if re.match(r".+:\d+:\d+: GIA\d{3} ", line)]
    assert findings_zh and all(re.search(r" \[(错误|警告|提示)\] ", line) for line in findings_zh)
    assert "[错误]" in zh and "[警告]" in zh
    findings_en = [line for line in en.splitlines() if re.match(r".+:\d+:\d+: GIA\d{3} ", line)]
    assert all(re.search(r" \[(error|warning|info)\] ", line) for line in findings_en)


def test_show_source_puts_a_caret_under_the_place_counting_wide_characters() -> None:
    _, out, _ = run("check", "--no-cache", "--show-source", "--select", "stale-year", str(DEFECTIVE))
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if ":7:14: GIA301" in line)
    source, caret = lines[at + 1], lines[at + 2]
    text_line = DEFECTIVE.read_text(encoding="utf-8").split("\n")[6]
    assert source.endswith(text_line) and source.strip().startswith("7 |")
    # column 14 follows 13 wide characters: the caret stands 26 display columns into the text
    gutter = source.index("| ") + 2
    assert caret[gutter:] == " " * 26 + "^^^^"


def test_concise_and_quiet_show_no_source() -> None:
    assert " | " in run("check", "--no-cache", "--show-source", str(DEFECTIVE))[1]
    assert " | " not in run("check", "--no-cache", "--no-show-source", str(DEFECTIVE))[1]
    assert " | " not in run("check", "--no-cache", "--output-format", "concise", str(DEFECTIVE))[1]
    _, out, _ = run("check", "--no-cache", "--quiet", str(DEFECTIVE))
    assert " | " not in out and "共 " not in out


def test_a_long_flattened_line_is_shown_as_a_window() -> None:
    line = "甲" * 500 + "2020" + "乙" * 500
    shown, caret = snippet(line, 1, 501, 505)
    assert len(shown) < 120 and "2020" in shown and shown.rstrip().endswith("…")
    assert caret.rstrip().endswith("^^^^")


def test_the_summary_counts_what_fix_can_repair(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    shutil.copy(DEFECTIVE, target)
    _, out, _ = run("check", "--no-cache", str(target))
    m = re.search(r"其中 (\d+) 个可用 --fix 自动修复", out)
    assert m is not None
    code, diff, _ = run("check", "--no-cache", "--diff", str(target))
    assert code == 1 and diff.count("\n-") >= 1
    run("check", "--no-cache", "--fix", str(target))
    _, out, _ = run("check", "--no-cache", str(target))
    assert "可用 --fix" not in out, "after --fix nothing fixable is left"


def test_table_findings_name_labels_not_data_row_and_no_empty_set_sign(tmp_path: Path) -> None:
    _, out, _ = run("check", "--no-cache", "--format", "json", str(DEFECTIVE_2020), str(DEFECTIVE))
    assert "数据行" not in out and "∅" not in out and "“”" not in out
    _, out, _ = run("check", "--no-cache", "--lang", "en", str(DEFECTIVE_2020))
    assert "data row" not in out and '""' not in out


def test_severity_words_in_the_writer_itself() -> None:
    d = Diagnostic("a.txt", 2, 3, "GIA999", "x", 2, 4, Severity.INFO, "提示一下", "a hint")
    buffer = io.StringIO()
    write(buffer, Report([d], ["a.txt"], lang="en", quiet=True))
    assert buffer.getvalue() == "a.txt:2:3: GIA999 x [info] a hint\n"


def test_help_is_in_chinese_by_default_and_english_with_lang_en(capsys: object) -> None:
    import argparse

    before = argparse._  # type: ignore[attr-defined]
    assert run("check", "--help")[0] == 0
    zh = capsys.readouterr().out  # type: ignore[attr-defined]
    assert zh.startswith("用法：gialint check") and "检查报告" not in zh.split("\n")[0]
    assert "只用这些规则" in zh and "选项" in zh and "show this help" not in zh
    assert run("check", "--help", "--lang", "en")[0] == 0
    en = capsys.readouterr().out  # type: ignore[attr-defined]
    assert en.startswith("usage: gialint check") and "only these rules" in en
    assert argparse._ is before, "argparse's translation hook is restored"  # type: ignore[attr-defined]


def test_every_help_text_has_a_chinese_version() -> None:
    import argparse

    from gialint.cli.parser import build
    from gialint.cli.text import zh

    missing = []

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing.extend(c.help for c in action._choices_actions if zh(c.help) == c.help)
                for sub in action.choices.values():
                    walk(sub)
            elif action.help and action.help != argparse.SUPPRESS and zh(action.help) == action.help:
                missing.append(action.help)

    walk(build())
    assert missing == []


def test_fix_and_config_messages_follow_the_language(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    shutil.copy(DEFECTIVE, target)
    _, _, err = run("check", "--no-cache", "--diff", str(target))
    assert "可修复" in err
    _, _, err = run("check", "--no-cache", "--diff", "--lang", "en", str(target))
    assert "would fix" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  no-such-rule: off\n", encoding="utf-8")
    assert "配置有误" in run("check", "--config", str(bad), str(target))[2]
