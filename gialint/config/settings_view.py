"""``gialint config [PATH]``: the effective configuration for a report, and which file set each key.

The configuration files a report uses form a chain (the file found for it, then what it
``extends``, and so on). A key is reported as set by the file of highest precedence that writes
it: a file over everything it extends, and of several sets in one ``extends:`` list the later
over the earlier — the order in which gialint applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gialint.config.model import Config

Origin = tuple[str, int]
"""(file, line) that set a key; line 0 when unknown (pyproject.toml)."""


def _read(path: str) -> Any:
    """A configuration file of the chain, read through the same guarded reader as the loader."""
    from gialint.config.yamlio import read_config_text, read_yaml

    return read_yaml(read_config_text(path), path)


def _precedence(config: Config) -> list[tuple[str, Any]]:
    """The chain's files, highest precedence first, each with its parsed content."""
    by_stem = {Path(f).stem: f for f in config.files}
    by_path = {str(Path(f).resolve()): f for f in config.files}
    order: list[tuple[str, Any]] = []
    seen: set[str] = set()

    def visit(path: str) -> None:
        if path in seen:
            return
        seen.add(path)
        data = _read(path)
        order.append((path, data))
        # A user's file without extends: extends default (as the loader does).
        implicit = "default" if path == config.files[0] and Path(path).stem != "default" else None
        extends = data.get("extends", implicit) if isinstance(data, Mapping) else None
        items = [extends] if isinstance(extends, str) else list(extends or [])
        for item in reversed(items):  # a later set in the list wins over an earlier one
            if "/" in item or "\\" in item or item.endswith((".yaml", ".yml")):
                target = by_path.get(str((Path(path).parent / item).resolve()))
            else:
                target = by_stem.get(item)
            if target is not None:
                visit(target)

    if config.source.endswith("pyproject.toml"):  # [tool.gialint]: TOML keeps no lines (line 0)
        from gialint.config.discovery import _tool_section

        found = _tool_section(Path(config.source))
        order.append((config.source, found[0] if found else {}))
        seen.add(config.source)
    roots = [f for f in config.files if f not in seen]
    if roots:
        visit(roots[0])
    for path in config.files:  # anything the walk did not reach keeps the loader's order
        if path not in seen:
            seen.add(path)
            order.append((path, _read(path)))
    return order


def _line(node: Any, key: str) -> int:
    from gialint.config.yamlio import pos

    return pos(node, key)[0]


def origins(config: Config) -> dict[str, Origin]:
    """``top.KEY`` / ``rules.NAME`` → where it was set."""
    found: dict[str, Origin] = {}
    for path, data in _precedence(config):
        if not isinstance(data, Mapping):
            continue
        for key in data:
            if key not in ("rules", "extends"):
                found.setdefault(f"top.{key}", (path, _line(data, key)))
        rules = data.get("rules") or {}
        if isinstance(rules, Mapping):
            for name in rules:
                rule = config.rules.get(str(name)) or next((r for r in config.rules.values() if r.code.upper() == str(name).upper()), None)
                if rule is not None:
                    found.setdefault(f"rules.{rule.name}", (path, _line(rules, name)))
    return found


def _where(origin: Origin | None, lang: str) -> str:
    if origin is None:
        return "内置默认值" if lang == "zh" else "built-in default"
    path, line = origin
    return f"{path}:{line}" if line else path


def effective(config: Config, lang: str = "zh") -> dict[str, Any]:
    """The effective settings as plain data, each with where it came from."""
    set_by = origins(config)

    def top(key: str, value: Any) -> dict[str, Any]:
        return {"value": value, "from": _where(set_by.get(f"top.{key}"), lang)}

    rules = {}
    for rule in sorted(config.rules.values(), key=lambda r: r.code):
        setting = config.settings[rule.name]
        rules[rule.name] = {
            "code": rule.code,
            "enabled": setting.enabled,
            "severity": str(setting.severity),
            "options": {k: list(v) if isinstance(v, tuple) else v for k, v in setting.options.items()},
            "from": _where(set_by.get(f"rules.{rule.name}"), lang),
        }
    return {
        "source": config.source,
        "files": list(config.files),
        "lang": top("lang", config.lang or "zh"),
        "fail-on": top("fail-on", str(config.fail_on) if config.fail_on else "warning"),
        "year": top("year", config.year),
        "agency": top("agency", config.agency),
        "county": top("county", config.county),
        "format": top("format", config.format_pin or [f.id for f in config.formats]),
        "exclude": top("exclude", list(config.exclude)),
        "rules": rules,
    }


def render_text(view: Mapping[str, Any], path: str, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [
        f"# {'报告' if zh else 'report'}: {path}",
        f"# {'配置文件（优先者在前）' if zh else 'configuration files, highest precedence first'}: {', '.join(view['files']) or ('无' if zh else 'none')}",
    ]
    for key in ("lang", "fail-on", "year", "agency", "county", "format", "exclude"):
        item = view[key]
        empty = {"year": ("（自动识别）", "(detected)"), "agency": ("（自动识别）", "(detected)"), "county": ("（取自文件夹名）", "(the folder's name)"), "exclude": ("[]", "[]")}
        value = item["value"] if item["value"] not in (None, [], "") else empty.get(key, ("", ""))[0 if zh else 1]
        lines.append(f"{key}: {value}    # {item['from']}")
    lines.append("rules:")
    width = max((len(n) for n in view["rules"]), default=10)
    for name, rule in view["rules"].items():
        state = rule["severity"] if rule["enabled"] else "off"
        options = f" {rule['options']}" if rule["options"] else ""
        lines.append(f"  {name + ':':<{width + 1}} {state:<7}  # {rule['code']} · {rule['from']}{options}")
    return "\n".join(lines) + "\n"
