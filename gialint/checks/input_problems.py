"""Pseudo-rules for input and plugin problems, so they flow through the normal output.

The engine reports them itself; listing them here gives them a code, a severity that config can
change, and documentation.
"""

from __future__ import annotations

from gialint.model.diagnostic import Severity
from gialint.model.rule import Rule, no_document_check

RULES = (
    Rule(
        name="unreadable-input",
        code="GIA001",
        summary_zh="文件无法读取：不存在、为空、是二进制文件、编码无法识别或过大",
        summary_en="The file cannot be read: missing, empty, binary, undecodable or too large",
        check=no_document_check,
        severity=Severity.ERROR,
        docs=(
            "gialint reads UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK, and detects which.\n"
            "A file it cannot read gets this one diagnostic, located where the problem is, and the\n"
            "run goes on with the other files.\n\n"
            "**FAIL**: an empty file, a .docx renamed to .txt, bytes that are neither UTF-8 nor GB18030.\n\n"
            "**PASS**: the same report saved as UTF-8 or GB18030 text."
        ),
    ),
    Rule(
        name="rule-error",
        code="GIA002",
        summary_zh="某条规则（插件）运行时出错；其他规则照常运行",
        summary_en="A rule (plugin) crashed on this file; the other rules still ran",
        check=no_document_check,
        severity=Severity.ERROR,
        docs=(
            "When a rule raises an exception, gialint reports it here, naming the rule and its plugin,\n"
            "and goes on. It is a bug in that plugin: report it to its authors.\n\n"
            "**FAIL**: a plugin rule that raises on a report.\n\n**PASS**: rules that do not raise."
        ),
    ),
    Rule(
        name="fix-not-written",
        code="GIA004",
        summary_zh="--fix 没有改写此文件（检查期间文件被改动、文件只读、链接指向外部或写入失败）",
        summary_en="--fix did not rewrite this file (it changed meanwhile, is read-only, links outside, or the write failed)",
        check=no_document_check,
        severity=Severity.ERROR,
        docs=(
            "`gialint check --fix` replaces a report only when that loses nothing: the file must be\n"
            "exactly as it was read (size, time, content), writable (or `--force`), and a link is\n"
            "written through only to a target inside the checked folders. The new text is flushed\n"
            "to disk and keeps the file's mode and owner. Otherwise the file is left as it was and\n"
            "this finding says why; the other files are fixed and checked as usual.\n\n"
            "**FAIL**: a report edited in Word while `--fix` ran; a read-only report without `--force`.\n\n"
            "**PASS**: a writable report nobody touched during the run."
        ),
    ),
    Rule(
        name="unused-disable",
        code="GIA003",
        summary_zh="gialint-disable 注释没有屏蔽任何问题（--report-unused-disables 时报告）",
        summary_en="A gialint-disable comment suppresses nothing (reported with --report-unused-disables)",
        check=no_document_check,
        severity=Severity.WARNING,
        docs=(
            "Suppression comments outlive the problems they hid. With `--report-unused-disables`,\n"
            "every `gialint-disable…` comment that suppressed nothing in this run is reported, so it\n"
            "can be removed.\n\n"
            "**FAIL**: `<!-- gialint-disable-next-line stale-year -->` above a line with no stale year.\n\n"
            "**PASS**: the same comment above the line it is needed for."
        ),
    ),
)
