"""The command line's own words in Chinese (the default language) — help texts and argparse's
built-in phrases; English is what the parser is written in.

The language of the command line is ``--lang`` when the command line gives it, else
``GIALINT_LANG``, else Chinese.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

ZH: dict[str, str] = {
    "Lint 政府信息公开工作年度报告 (government information-disclosure annual reports).": "检查政府信息公开工作年度报告，找出缺漏、表格错误、年份错误、占位符等问题。",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "lint report files and directories": "检查报告文件或文件夹",
    "audit a whole tree of reports: corpus rules on, progress, summary per agency and rule": "检查整个文件夹树的报告（督查用）：比对报告之间的雷同，按机关和规则汇总、扣分",
    "list the available rules": "列出全部规则",
    "start a local web page where report writers check their files (needs gialint[web])": "在本机启动一个网页，上传报告即可检查（需要 gialint[web]）",
    "show the configuration that applies to a report, and which file set each key": "显示某份报告适用的配置，以及每一项来自哪个配置文件",
    "print a report as gialint reads it: the text whose line numbers findings use (Word/PDF/HTML too)": "显示 gialint 读出的报告文字（问题的行号以此为准，Word/PDF/网页也适用）",
    "show a rule's documentation and options": "显示某条规则的说明和选项",
    "files or directories (default: .)": "文件或文件夹（默认：当前文件夹）",
    "use this rule set instead of discovering .gialint.yaml": "使用这个配置文件，而不是自动查找 .gialint.yaml",
    "only these rules (names, codes or code prefixes, comma-separated)": "只用这些规则（规则名、代码或代码前缀，用逗号分隔）",
    "skip these rules (names, codes or code prefixes)": "不用这些规则（规则名、代码或代码前缀）",
    "write the report to FILE instead of standard output": "把结果写入文件，而不是显示在屏幕上",
    "message language (default: zh, or lang: in config)": "提示语言（默认中文，或配置中的 lang:）",
    "lowest severity that makes the exit code 1 (default: warning)": "达到哪个级别即算不通过、退出码为 1（默认：warning 警告）",
    "report year (2000–2100), overriding the detected one": "报告年度（2000–2100），代替自动识别的年度",
    "print diagnostics only, no summary": "只列问题，不显示汇总行",
    "also print the number of findings per rule (text; json adds a field)": "同时按规则统计问题数",
    "never colour the output (also: NO_COLOR=1)": "不使用颜色（也可设置 NO_COLOR=1）",
    "do not load third-party plugins (entry points)": "不加载第三方插件",
    "apply the fixes rules offer, writing the files in place": "自动修复能修复的问题（直接改写文件；Word/PDF/网页文件不会改写）",
    "with --fix: also rewrite read-only files": "与 --fix 一起用：只读文件也改写",
    "show the fixes as a unified diff; write nothing": "只显示将要作的修改，不改写文件（有待修复时退出码为 1）",
    "report gialint-disable comments that suppress nothing": "报告没有屏蔽任何问题的 gialint-disable 注释",
    "hide the findings recorded in this baseline file": "不显示基线文件中已记录的问题",
    "record the current findings in FILE (exit 0)": "把当前的问题记录到基线文件（退出码 0）",
    "also run the rules that compare reports (duplicate-content, carry-over)": "同时运行比对多份报告的规则（内容雷同、上下年结转）",
    "with PATH '-': the name standard input stands for (its suffix chooses the reader, its folder the configuration)": "从标准输入（-）读取时，当作这个文件名（扩展名决定读法，所在文件夹决定配置）",
    "write each Word file's findings into a copy as comments (批注): report.docx → report.gialint.docx": "把问题作为批注写入 Word 文件的副本：报告.docx → 报告.gialint.docx（原文件不改动）",
    "with --annotate: write the annotated copies into DIR": "与 --annotate 一起用：带批注的副本写到这个文件夹",
    "worker processes (default: all cores; 1 = in-process)": "同时检查的进程数（默认：全部 CPU 核；1 = 不另开进程）",
    "do not read or write the result cache": "不使用结果缓存",
    "where the result cache lives (default: .gialint_cache; also GIALINT_CACHE_DIR)": "结果缓存的位置（默认 .gialint_cache；也可设置 GIALINT_CACHE_DIR）",
    "stop a rule that runs longer than this on one file and report it (default: 5; also rule-timeout: in the config)": "一条规则检查一个文件超过这么多秒就停止并报告（默认 5；配置中为 rule-timeout:）",
    "text output: full (each finding with its line and a caret under the place, on a terminal) or concise (one line each)": "文字输出方式：full（在终端上同时显示原文行并标出位置）或 concise（每个问题一行）",
    "show each finding's line with a caret (text output; default on a terminal)": "显示每个问题所在的原文行并标出位置（终端上默认显示）",
    "do not show the lines of findings": "不显示问题所在的原文行",
    "directories or files (default: .)": "文件夹或文件（默认：当前文件夹）",
    "only these rules": "只用这些规则",
    "skip these rules": "不用这些规则",
    "write the report to FILE": "把结果写入文件",
    "no closing count line": "不显示最后的统计行",
    "use the .gialint.yaml/pyproject.toml found inside the audited folders (default: ignore them; the configuration is --config or the one found from the current folder)": "使用被检查文件夹中的 .gialint.yaml/pyproject.toml（默认不用：配置取自 --config 或当前文件夹）",
    "summaries in this language only (default: both)": "只用这种语言显示说明（默认中英文都显示）",
    "also list the pattern rules this rule set defines": "同时列出这个配置文件定义的规则",
    "address to listen on (default 127.0.0.1: this computer only)": "监听地址（默认 127.0.0.1：只有本机能访问）",
    "port (default 8765)": "端口（默认 8765）",
    "largest file accepted (default 20 MB)": "上传文件的大小上限（默认 20 MB）",
    "rule set to check with (default: the built-in default set)": "检查所用的配置文件（默认：内置的默认规则）",
    "language of the findings (default zh)": "提示语言（默认中文）",
    "a report (or a folder) to show the configuration of (default: .)": "要查看配置的报告或文件夹（默认：当前文件夹）",
    "a report file (.docx, .pdf, .html, .md, .txt …)": "报告文件（.docx、.pdf、.html、.md、.txt 等）",
    "prefix each line with its number and where it came from (paragraph, table row, page)": "每行前面加上行号和出处（段落、表格行、页码）",
    "print the text the rules see instead: flattened lines split at part headings, traditional characters converted, page chrome removed (findings still point into the text printed without --view)": "显示规则实际检查的文字：整篇一行的报告按部分拆开、繁体转为简体、去掉网页栏目（问题位置仍以不加 --view 时的文字为准）",
    "rule name or code": "规则名或代码",
    # argparse's own phrases
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个参数",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
}


def language(argv: Sequence[str]) -> str:
    """``en`` or ``zh``: ``--lang`` on the command line, else ``GIALINT_LANG``, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "en" if os.environ.get("GIALINT_LANG", "").lower().startswith("en") else "zh"


PREFIXES = {
    "output format: ": "输出格式：",
    "text, json, html, csv or xlsx (any --format of check; xlsx needs gialint[xlsx] and --output)": "text、json、html、csv 或 xlsx（check 的各种 --format 均可；xlsx 需要 gialint[xlsx] 和 --output）",
}
"""Help texts built from data (the list of formats): translated by their fixed beginning."""


def zh(text: str) -> str:
    """The Chinese of a help text (the English when none is known)."""
    if text in ZH:
        return ZH[text]
    for prefix, chinese in PREFIXES.items():
        if text.startswith(prefix):
            return chinese + text[len(prefix) :].replace(" or one a plugin adds (default: text)", "，或插件提供的格式（默认 text）")
    return text


def _translate(parser: argparse.ArgumentParser) -> None:
    if parser.description:
        parser.description = zh(parser.description)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = zh(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = ZH.get(choice.help or "", choice.help)
            for sub in action.choices.values():
                _translate(sub)


@contextmanager
def localized(parser: argparse.ArgumentParser | None, lang: str) -> Iterator[None]:
    """Help texts, usage and argparse's errors in ``lang`` while parsing (argparse's module-level
    ``_`` is swapped for the time, then restored)."""
    if lang == "en":
        yield
        return
    if parser is not None:
        _translate(parser)
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: ZH[text] if text in ZH else original(text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
