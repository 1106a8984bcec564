"""The formats' data as the engine holds it: wordings as fixed strings where they are fixed, lazy
regular expressions elsewhere, immutable records, and gialint's own sets read without compiling
their patterns (yet validated exactly like a user's set)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from pathlib import Path

import pytest

from gialint.config.yamlio import _plain, read_yaml
from gialint.formats.labels import builtin_formats
from gialint.formats.load import load_format
from gialint.formats.templates import Format
from gialint.formats.textpattern import LazyRegex, Literal, is_literal, text_pattern

ROOT = Path(__file__).resolve().parent.parent


def _formats(trusted: bool) -> list[Format]:
    known: dict[str, Format] = {}
    for path in sorted((ROOT / "rules").glob("gov-*.yaml")):
        data = _plain(read_yaml(path.read_text(encoding="utf-8"), str(path)))
        fmt = load_format(data["format"], str(path), known, trusted)
        known[fmt.id] = fmt
    return list(known.values())


def test_own_formats_pass_the_full_validation_and_load_the_same_trusted() -> None:
    checked = _formats(trusted=False)  # every pattern compiled, every statement's (?P<n>…) checked
    assert checked == _formats(trusted=True) == list(builtin_formats())


def test_fixed_wordings_are_no_regular_expressions() -> None:
    wordings = [p for f in builtin_formats() for part in f.parts for p in part.variants]
    wordings += [p for f in builtin_formats() for items in f.required_content.values() for item in items for p in item.any]
    literal = [p for p in wordings if isinstance(p, Literal)]
    assert len(literal) > len(wordings) // 2, "most wordings are fixed strings"
    assert all(isinstance(p, LazyRegex) for p in wordings if not is_literal(p.pattern))
    assert all(isinstance(s.pattern, LazyRegex) for f in builtin_formats() for s in f.statements)


SAMPLES = ["", "主动公开", "本年度主动公开政府信息", "一、总体情况", "总体情况概述", "其他需要报告的事项", "信息处理费", "a.b", "平台建设平台"]


@pytest.mark.parametrize("wording", ["主动公开", "总体情况", "平台", "a.b", "概述$", "(?:未|没有|不)收取.{0,8}费", "", "x y"])
def test_a_wording_finds_what_its_regular_expression_finds(wording: str) -> None:
    pattern = text_pattern(wording)
    assert isinstance(pattern, Literal) == (wording in ("主动公开", "总体情况", "平台", ""))
    regex = re.compile(wording)
    for text in SAMPLES + [wording, "前" + wording + "后"]:
        for pos in (0, 1):
            for ours, theirs in ((pattern.search(text, pos), regex.search(text, pos)), (pattern.match(text, pos), regex.match(text, pos))):
                assert (ours is None) == (theirs is None), (wording, text, pos)
                if ours is not None and theirs is not None:
                    assert (ours.start(), ours.end(), ours.group()) == (theirs.start(), theirs.end(), theirs.group())


def test_format_records_are_immutable_comparable_and_portable() -> None:
    fmt = builtin_formats()[-1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fmt.id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del fmt.tables[0].rows[0].label  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(fmt)) == fmt == copy.deepcopy(fmt)
    table = fmt.tables[0]
    changed = table.replace(caption="x")
    assert changed.caption == "x" and table.caption != "x" and changed.rows is table.rows
    assert hash(table.rows[0]) == hash(copy.copy(table.rows[0]))
    assert "TableTemplate(id=" in repr(table)
    with pytest.raises(TypeError):
        table.replace(nonsense=1)


def test_a_users_invalid_wording_is_still_a_located_error(tmp_path: Path) -> None:
    from gialint.config.yamlio import ConfigError

    text = "format:\n  id: mine\n  base: gov-2021\n  required-content:\n    一:\n      - {id: x, any: ['主动(公开']}\n"
    with pytest.raises(ConfigError) as info:
        load_format(read_yaml(text, "mine.yaml")["format"], "mine.yaml", {f.id: f for f in builtin_formats()})
    assert info.value.line == 6 and "invalid regular expression" in info.value.message


def test_the_shared_characters_bound_difflib_ratio_from_above() -> None:
    """labelscore skips difflib where the bound is below 0.8: exact only if the bound holds."""
    import difflib
    import random

    from gialint.formats.labelscore import _shared_ratio

    rnd = random.Random(7)
    alphabet = "申请补正证公开不予部分重复信息政府本机关"
    for _ in range(3000):
        a = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
        b = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert ratio <= _shared_ratio(a, b) + 1e-12
        assert _shared_ratio(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


def test_the_quick_share_bound_never_falls_below_the_shared_characters() -> None:
    """labelscore counts shared characters only where the C-speed bound reaches 0.8."""
    import random

    from gialint.formats.labelscore import _share_bound, _shared_ratio

    rnd = random.Random(11)
    alphabet = "申请补正证公开不予部分重复信息政府本机关"
    for _ in range(3000):
        a = "".join(rnd.choice(alphabet[: rnd.randint(2, len(alphabet))]) for _ in range(rnd.randint(1, 14)))
        b = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 14)))
        assert _share_bound(a, b) >= _shared_ratio(a, b)
