"""The text ``gialint explain RULE`` prints; also used to generate docs/rules.md."""

from __future__ import annotations

from gialint.config.model import RuleSetting
from gialint.model.rule import Rule


def explain(rule: Rule, setting: RuleSetting | None, lang: str, config: object = None) -> str:
    summary = rule.summary_zh if lang == "zh" else rule.summary_en
    other = rule.summary_en if lang == "zh" else rule.summary_zh
    lines = [f"{rule.code} {rule.name}", "", f"{summary}", f"{other}", ""]
    severity = setting.severity if setting else rule.severity
    enabled = setting.enabled if setting else True
    lines.append(f"Default severity: {rule.severity}" + (f" (configured: {severity})" if severity != rule.severity else ""))
    if not enabled:
        lines.append("Disabled in the active configuration.")
    lines.append(f"Plugin: {rule.plugin}")
    if rule.options:
        lines += ["", "Options:"]
        for option in rule.options:
            current = setting.options.get(option.name, option.default) if setting else option.default
            lines.append(f"  {option.name} ({option.type_name()}, default {option.default!r}): {option.doc}")
            if current != option.default and not (isinstance(current, tuple) and list(current) == option.default):
                lines.append(f"    configured: {current!r}")
    if rule.docs:
        lines += ["", rule.docs.strip()]
    if rule.explain_config is not None and config is not None:
        lines += ["", rule.explain_config(config).rstrip()]
    return "\n".join(lines) + "\n"
