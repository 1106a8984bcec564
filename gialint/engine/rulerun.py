"""Running one rule under guard: a time limit, crashes caught, its output vetted.

The engine runs every rule (and every corpus rule's ``collect`` and ``finish``) through a
:class:`RuleRunner`. What can go wrong becomes a ``rule-error`` finding naming the rule and its
plugin; what the rule yielded before is kept. See :mod:`gialint.engine.guard` for the checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from gialint.engine.guard import DEFAULT_RULE_TIMEOUT, Alarm, Overtime, RuleStopped, vet

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.model.diagnostic import Diagnostic, Severity

ErrorFactory = Callable[["Config", str, int, str, str], "Diagnostic"]
"""Makes a rule-error finding: (config, path, line, message_zh, message_en)."""


def crash_message(what: str, exc: BaseException) -> tuple[str, str]:
    """The rule-error messages (zh, en) for ``what`` (a rule, a plugin) that raised ``exc``."""
    detail_zh = detail_en = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, SystemExit):  # its exit code is not gialint's: the run goes on
        detail_zh = f"它试图结束整个程序：sys.exit({exc.code!r})"
        detail_en = f"it tried to end the program: sys.exit({exc.code!r})"
    return (
        f"{what} 运行出错（{detail_zh}）；其他规则照常运行。请把此问题报告给该插件的作者",
        f"{what} crashed ({detail_en}); the other rules ran. Please report this to the plugin's authors",
    )


class RuleRunner:
    """Runs the rules of one file (or the corpus rules of a run) under one :class:`Alarm`."""

    def __init__(self, config: Config, alarm: Alarm, error: ErrorFactory) -> None:
        self.config = config
        self.alarm = alarm
        self.error = error
        self.timeout = config.rule_timeout if config.rule_timeout is not None else DEFAULT_RULE_TIMEOUT
        """Seconds a rule may take on one file: ``rule-timeout:`` / ``--rule-timeout``, else the default."""

    def run(
        self,
        path: str,
        what: str,
        produce: Callable[[], Iterable[object]],
        problems: list[Diagnostic],
        limit: float | None = None,
    ) -> list[object]:
        """What ``produce`` yields, within the time limit. A crash, ``sys.exit`` or overrun
        becomes a rule-error in ``problems``; what it yielded before is kept."""
        seconds = limit if limit is not None else self.timeout
        produced: list[object] = []
        alarm = self.alarm
        try:
            armed = alarm.arm(seconds)  # Alarm.limit's work without a context manager per rule
            try:
                for item in produce():
                    produced.append(item)
            finally:
                if armed:
                    alarm.disarm()
        except Overtime:
            problems.append(
                self.error(
                    self.config, path, 1,
                    f"{what} 在本文件上运行超过 {seconds:g} 秒，已被停止，本文件可能因此漏报；"
                    "可用配置项 rule-timeout 或 --rule-timeout 放宽时限，或把此问题报告给该插件的作者",
                    f"{what} ran longer than {seconds:g} s on this file and was stopped, so findings may be missing here; "
                    "allow more time with rule-timeout: or --rule-timeout, or report this to the plugin's authors",
                )
            )
        except RuleStopped as stop:
            line = stop.line if isinstance(stop.line, int) and stop.line >= 1 else 1
            problems.append(self.error(self.config, path, line, stop.message_zh, stop.message_en))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - one crashing rule (sys.exit included) must not hide the others
            problems.append(self.error(self.config, path, 1, *crash_message(what, exc)))
        return produced

    def vet(
        self,
        path: str,
        what: str,
        produced: list[object],
        lines: Sequence[str] | None,
        severity: Severity,
        into: list[Diagnostic],
        problems: list[Diagnostic] | None = None,
    ) -> None:
        """The valid findings of ``produced`` into ``into``; one rule-error (into ``problems``,
        else ``into``) saying what was wrong with the others."""
        if not produced:  # most rules find nothing in most files
            return
        vetted = vet(produced, path, lines, severity)
        into.extend(vetted.diagnostics)
        if not vetted.problems:
            return
        line = vetted.problems[0][0]
        distinct = list(dict.fromkeys((zh, en) for _, zh, en in vetted.problems))[:3]
        zh, en = "；".join(z for z, _ in distinct), "; ".join(e for _, e in distinct)
        count = len(vetted.problems)
        more_zh = f"（共 {count} 处）" if count > 1 else ""
        more_en = f" ({count} problems in all)" if count > 1 else ""
        (problems if problems is not None else into).append(
            self.error(
                self.config, path, line,
                f"{what} {zh}{more_zh}。请把此问题报告给该插件的作者",
                f"{what} {en}{more_en}. Please report this to the plugin's authors",
            )
        )
