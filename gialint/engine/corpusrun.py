"""The second half of corpus rules (``duplicate-content``, ``carry-over`` …): their ``finish``
over the features every document gave, after all files were linted."""

from __future__ import annotations

from collections.abc import Sequence

from gialint.config.model import Config
from gialint.engine.findings import suppressed
from gialint.engine.guard import Alarm
from gialint.engine.result import EVERYTHING, RULE_ERROR, FileResult, pseudo
from gialint.engine.rulerun import RuleRunner
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic
from gialint.model.document import Span


def rule_error(config: Config, path: str, line: int, zh: str, en: str) -> Diagnostic:
    return pseudo(config, RULE_ERROR, path, Span(line, 1, line, 1), zh, en)


def finish_corpus(results: Sequence[FileResult], config: Config, selection: Selection = EVERYTHING) -> list[Diagnostic]:
    """Run every corpus rule's ``finish`` over the features the documents gave."""
    from gialint.model.rule import CorpusContext, CorpusItem

    out: list[Diagnostic] = []
    crash = config.settings.get(RULE_ERROR[0])
    report_errors = (crash is None or crash.enabled) and not selection.explicitly_ignores(*RULE_ERROR)
    with Alarm() as alarm:
        runner = RuleRunner(config, alarm, rule_error)
        for rule, setting in config.enabled_rules():
            if rule.corpus is None or not selection.allows(rule.name, rule.code):
                continue
            items = [CorpusItem(r.path, r.features[rule.name]) for r in results if rule.name in r.features]
            what = f"corpus rule {rule.name} ({rule.code}) of plugin {rule.plugin}"
            where = results[0].path if results else ""
            finish, options, ctx = rule.corpus.finish, setting.options, CorpusContext(rule, setting.severity)
            problems: list[Diagnostic] = []
            # A corpus rule sees every document: its time limit grows with their number.
            limit = runner.timeout * max(1, len(items))
            produced = runner.run(where, what, lambda: finish(items, options, ctx), problems, limit)
            runner.vet(where, what, produced, None, setting.severity, out, problems)
            if report_errors:
                out.extend(problems)
    ranges = {r.path: r.suppressed for r in results if r.suppressed}
    return [d for d in out if not suppressed(d, ranges.get(d.path, ()))]
