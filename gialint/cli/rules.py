"""``gialint rules``: the rules a rule set has, with their codes, severities and summaries."""

from __future__ import annotations

import argparse
from typing import TextIO

from gialint.cli.common import ExitCode, config_for_listing

HELP = "list the available rules"


def add_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--lang", choices=("zh", "en"), help="summaries in this language only (default: both)")
    rules.add_argument("--config", metavar="FILE", help="also list the pattern rules this rule set defines")
    rules.add_argument("--no-plugins", action="store_true")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config = config_for_listing(args, err)
    rows = sorted(config.rules.values(), key=lambda r: (r.code, r.name))
    if args.format == "json":
        import json

        data = [
            {
                "name": r.name,
                "code": r.code,
                "severity": str(config.settings[r.name].severity),
                "enabled": config.settings[r.name].enabled,
                "plugin": r.plugin,
                "summary_zh": r.summary_zh,
                "summary_en": r.summary_en,
                "fixable": r.fixable,
            }
            for r in rows
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return ExitCode.OK
    width = max(len(r.name) for r in rows)
    lang = args.lang
    words = {"zh": {"error": "错误", "warning": "警告", "info": "提示", "off": "关闭"}}.get(lang or "", {})
    fix_word = {"zh": "可修复", "en": "fixable"}.get(lang or "", "fix")
    for r in rows:
        setting = config.settings[r.name]
        state = str(setting.severity) if setting.enabled else "off"
        state = words.get(state, state)
        summary = r.summary_en if lang == "en" else r.summary_zh if lang == "zh" else f"{r.summary_en} / {r.summary_zh}"
        fixable = fix_word if r.fixable else ""
        out.write(f"{r.code:<8} {r.name:<{width}}  {state:<7}  {fixable:<{len(fix_word)}}  {summary}\n")
    return ExitCode.OK
